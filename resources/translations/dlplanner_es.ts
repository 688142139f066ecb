<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="31"/>
        <source>Drag a card (or Tab to it, Enter, arrow keys, Enter): green cells fit, red cells break a hard rule. Right-click a card to pin it.</source>
        <translation>Arrastre una tarjeta (o llegue a ella con Tab, Intro, flechas, Intro): las celdas verdes caben, las rojas incumplen una regla obligatoria. Clic derecho en una tarjeta para fijarla.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="37"/>
        <source>Cohort</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="38"/>
        <source>Teacher</source>
        <translation>Docente</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="39"/>
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="40"/>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="50"/>
        <source>Colour cards by</source>
        <translation>Colorear las tarjetas por</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="51"/>
        <source>Colour by subject</source>
        <translation>Color por asignatura</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="52"/>
        <source>Colour by pathway</source>
        <translation>Color por itinerario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="100"/>
        <source>Show the board of a</source>
        <translation>Mostrar el tablero de un</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="103"/>
        <source>Cohort, teacher, room or student shown</source>
        <translation>Grupo, docente, aula o estudiante que se muestra</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="108"/>
        <source>Timetable board</source>
        <translation>Tablero del horario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="172"/>
        <source>✓ fits: no hard rule broken</source>
        <translation>✓ cabe: no incumple ninguna regla obligatoria</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="433"/>
        <source>School year</source>
        <translation>Curso escolar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="435"/>
        <source>Label</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="436"/>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="437"/>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="438"/>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="465"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="467"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="469"/>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="471"/>
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="473"/>
        <source>Start the cycle again after each holiday</source>
        <translation>Reiniciar el ciclo después de cada festivo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="491"/>
        <source>Rotation</source>
        <translation>Rotación</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="493"/>
        <source>School weekdays</source>
        <translation>Días lectivos de la semana</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="513"/>
        <source>Day types of the rotation</source>
        <translation>Tipos de día de la rotación</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="519"/>
        <source>The year at a glance (hover a date for details)</source>
        <translation>El año de un vistazo (pase el ratón sobre una fecha para ver detalles)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/calendar_page.py" line="571"/>
        <source>School-year calendar</source>
        <translation>Calendario del curso escolar</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="52"/>
        <source>By cohort</source>
        <translation>Por grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="53"/>
        <source>By pathway</source>
        <translation>Por itinerario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="54"/>
        <source>By grade</source>
        <translation>Por curso</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="55"/>
        <source>By student flag</source>
        <translation>Por marca de estudiante</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="125"/>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="127"/>
        <source>Save report…</source>
        <translation>Guardar informe…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="131"/>
        <location filename="../../dlplanner/qt/compare.py" line="317"/>
        <source>Tick 2 to 4 scenarios, then Compare.</source>
        <translation>Marque de 2 a 4 escenarios y pulse Comparar.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="133"/>
        <source>Minimums…</source>
        <translation>Mínimos…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="135"/>
        <source>The requirements every scenario is checked against (Project → Minimums…)</source>
        <translation>Los requisitos con los que se comprueba cada escenario (Proyecto → Mínimos…)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="140"/>
        <source>No break-down by group</source>
        <translation>Sin desglose por grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="148"/>
        <source>Also compare requests met, free minutes and gaps group by group</source>
        <translation>Comparar también, grupo por grupo, las peticiones cumplidas, los minutos libres y los huecos</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="153"/>
        <source>Scenarios to compare</source>
        <translation>Escenarios que comparar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="157"/>
        <source>Add from another file…</source>
        <translation>Añadir desde otro archivo…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="158"/>
        <source>A scenario of another project file (e.g. last year&apos;s), read only</source>
        <translation>Un escenario de otro archivo de proyecto (p. ej., el del año pasado), de solo lectura</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="236"/>
        <source>Compare with a scenario of</source>
        <translation>Comparar con un escenario de</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="242"/>
        <source>⚠ Cannot open {path}: {error}</source>
        <translation>⚠ No se puede abrir {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="245"/>
        <source>⚠ {path} has no scenarios</source>
        <translation>⚠ {path} no tiene escenarios</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="254"/>
        <source>Compare with</source>
        <translation>Comparar con</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="255"/>
        <source>Scenario of {project}:</source>
        <translation>Escenario de {project}:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="270"/>
        <source>Added &apos;{scenario}&apos; of {project} (read only). Tick 2 to 4, then Compare.</source>
        <translation>Se añadió «{scenario}» de {project} (solo lectura). Marque de 2 a 4 y pulse Comparar.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="322"/>
        <source>Comparing…</source>
        <translation>Comparando…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="343"/>
        <source>Failed: {message}</source>
        <translation>Error: {message}</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="349"/>
        <source>Compared {names}.</source>
        <translation>Comparados: {names}.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="364"/>
        <source>Measure</source>
        <translation>Medida</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="429"/>
        <source>Save comparison report</source>
        <translation>Guardar el informe de comparación</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="437"/>
        <source>Writing the report…</source>
        <translation>Escribiendo el informe…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="442"/>
        <source>Report saved to {path}</source>
        <translation>Informe guardado en {path}</translation>
    </message>
</context>
<context>
    <name>DayForm</name>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="137"/>
        <source>no lunch block</source>
        <translation>sin bloque de almuerzo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="139"/>
        <source>Start the day with advisory</source>
        <translation>Empezar el día con asesoría</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="142"/>
        <source>Add one long block at the end of the day</source>
        <translation>Añadir un bloque largo al final del día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="147"/>
        <source>Scenario name:</source>
        <translation>Nombre del escenario:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="148"/>
        <source>Bell schedule:</source>
        <translation>Horario de timbres:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="149"/>
        <source>Periods a day:</source>
        <translation>Periodos al día:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="150"/>
        <source>Period length:</source>
        <translation>Duración del periodo:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="151"/>
        <source>Day starts:</source>
        <translation>Inicio del día:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="156"/>
        <source>Advisory:</source>
        <translation>Asesoría:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="157"/>
        <source>Passing time:</source>
        <translation>Tiempo de cambio de clase:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="158"/>
        <source>Lunch after period:</source>
        <translation>Almuerzo después del periodo:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="159"/>
        <source>Lunch length:</source>
        <translation>Duración del almuerzo:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="164"/>
        <source>Long block:</source>
        <translation>Bloque largo:</translation>
    </message>
</context>
<context>
    <name>DesignerPage</name>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="236"/>
        <source>Apply template</source>
        <translation>Aplicar plantilla</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="238"/>
        <source>Add block</source>
        <translation>Añadir bloque</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="240"/>
        <source>Delete block</source>
        <translation>Eliminar bloque</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="264"/>
        <source>Bell schedule</source>
        <translation>Horario de timbres</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="271"/>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="272"/>
        <source>Selected block</source>
        <translation>Bloque seleccionado</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="274"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="275"/>
        <source>Label</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="278"/>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="283"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="302"/>
        <source>Add day type</source>
        <translation>Añadir tipo de día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="304"/>
        <source>Remove day type</source>
        <translation>Quitar tipo de día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="309"/>
        <source>New bell schedule (copy of this one)</source>
        <translation>Nuevo horario de timbres (copia de este)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/designer.py" line="333"/>
        <source>Block-schedule designer</source>
        <translation>Diseño del horario por bloques</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="42"/>
        <source>Master schedule</source>
        <translation>Horario general</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="43"/>
        <source>Teachers</source>
        <translation>Docentes</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="44"/>
        <source>Cohorts</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="45"/>
        <source>Rooms</source>
        <translation>Salones</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="46"/>
        <source>Students (one timetable each)</source>
        <translation>Estudiantes (un horario cada uno)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="49"/>
        <source>Teacher</source>
        <translation>Docente</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="50"/>
        <source>Cohort</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="52"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="52"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="53"/>
        <source>Everyone (the view and the file type decide)</source>
        <translation>Todos (lo deciden la vista y el tipo de archivo)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="70"/>
        <source>Timetable breaks hard rules</source>
        <translation>El horario incumple reglas obligatorias</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="72"/>
        <source>The timetable of {scenario} {status}. Export it anyway?</source>
        <translation>El horario de {scenario}: {status}. ¿Exportarlo de todos modos?</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="78"/>
        <source>… and {n} more</source>
        <translation>… y {n} más</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="79"/>
        <source>People reading the export will see these clashes as they are.</source>
        <translation>Quienes lean la exportación verán estos choques tal como están.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="82"/>
        <source>Export anyway</source>
        <translation>Exportar de todos modos</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="93"/>
        <source>Export timetable</source>
        <translation>Exportar el horario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="110"/>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="120"/>
        <source>The words dlplanner writes (titles, labels); names stay as typed</source>
        <translation>Las palabras que escribe dlplanner (títulos, etiquetas); los nombres quedan tal como se escribieron</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="133"/>
        <source>Type a teacher or cohort name</source>
        <translation>Escriba el nombre de un docente o grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="136"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="147"/>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="148"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="149"/>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="150"/>
        <source>Calendar of</source>
        <translation>Calendario de</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="151"/>
        <source>Paper</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="152"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="153"/>
        <source>Save to</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="155"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="193"/>
        <source>Writes one .ics file with this calendar only.</source>
        <translation>Escribe un único archivo .ics solo con este calendario.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="214"/>
        <source>Writes a folder: give a new or empty folder name (or a previous export of this kind).</source>
        <translation>Escribe una carpeta: indique el nombre de una carpeta nueva o vacía (o de una exportación anterior de este tipo).</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="229"/>
        <source>Folder name (*)</source>
        <translation>Nombre de carpeta (*)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="230"/>
        <source>Export to</source>
        <translation>Exportar a</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="245"/>
        <source>Not exported: the timetable {status}.</source>
        <translation>No se exportó: el horario {status}.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="262"/>
        <source>Exporting {format}…</source>
        <translation>Exportando {format}…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="270"/>
        <source>Exported to {path} and {n} more file(s).</source>
        <translation>Exportado a {path} y {n} archivo(s) más.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="272"/>
        <source>Exported to {path}.</source>
        <translation>Exportado a {path}.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="277"/>
        <source>Export failed: {message}</source>
        <translation>La exportación falló: {message}</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="278"/>
        <source>Export failed</source>
        <translation>La exportación falló</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="101"/>
        <source>Board</source>
        <translation>Tablero</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="102"/>
        <source>Master board</source>
        <translation>Tablero general</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="103"/>
        <source>Block designer</source>
        <translation>Diseño de bloques</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="104"/>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="105"/>
        <source>Solve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="106"/>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="108"/>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="109"/>
        <source>Looping</source>
        <translation>Continuidad docente</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="128"/>
        <source>Tray</source>
        <translation>Bandeja</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="129"/>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="131"/>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="142"/>
        <location filename="../../dlplanner/qt/mainwindow.py" line="889"/>
        <source>No problems</source>
        <translation>Sin problemas</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="204"/>
        <source>&amp;New project…</source>
        <translation>&amp;Nuevo proyecto…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="205"/>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="206"/>
        <source>Open &amp;database…</source>
        <translation>Abrir &amp;base de datos…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="207"/>
        <source>&amp;Refresh from database</source>
        <translation>Actualiza&amp;r desde la base de datos</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="209"/>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="210"/>
        <source>Save &amp;As…</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="211"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="212"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="213"/>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="216"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="223"/>
        <source>&amp;Pin / unpin card</source>
        <translation>&amp;Fijar / soltar tarjeta</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="224"/>
        <source>&amp;Print…</source>
        <translation>Im&amp;primir…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="225"/>
        <source>Paste &amp;rows</source>
        <translation>Pegar &amp;filas</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="226"/>
        <source>De&amp;lete rows</source>
        <translation>E&amp;liminar filas</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="227"/>
        <source>&amp;User guide</source>
        <translation>&amp;Guía del usuario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="228"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="229"/>
        <source>Move card to &amp;tray</source>
        <translation>Mover la tarjeta a la &amp;bandeja</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="230"/>
        <location filename="../../dlplanner/qt/mainwindow.py" line="301"/>
        <source>&amp;Solve</source>
        <translation>&amp;Resolver</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="231"/>
        <source>&amp;Cancel solve</source>
        <translation>&amp;Cancelar la resolución</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="233"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="235"/>
        <source>&amp;New from sample</source>
        <translation>Nuevo a partir de un &amp;ejemplo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="242"/>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="251"/>
        <source>New school &amp;year…</source>
        <translation>Nuevo &amp;curso escolar…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="255"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="265"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="277"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="278"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="280"/>
        <source>&amp;New scenario…</source>
        <translation>&amp;Nuevo escenario…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="281"/>
        <source>D&amp;uplicate scenario…</source>
        <translation>D&amp;uplicar escenario…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="283"/>
        <source>Duplicate &amp;without timetable…</source>
        <translation>Duplicar &amp;sin horario…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="286"/>
        <source>&amp;Delete scenario…</source>
        <translation>&amp;Eliminar escenario…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="323"/>
        <source>Scenarios: new, duplicate…</source>
        <translation>Escenarios: nuevo, duplicar…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="285"/>
        <source>&amp;Rename scenario…</source>
        <translation>&amp;Renombrar escenario…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="287"/>
        <source>&amp;Minimums…</source>
        <translation>&amp;Mínimos…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="288"/>
        <source>Rename &amp;school…</source>
        <translation>Cambiar el nombre de la &amp;escuela…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="289"/>
        <source>&amp;Project</source>
        <translation>&amp;Proyecto</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="292"/>
        <source>Sce&amp;nario</source>
        <translation>Esce&amp;nario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="304"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="308"/>
        <source>Open &amp;log folder</source>
        <translation>Abrir la carpeta de &amp;registros</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="309"/>
        <source>&amp;About dlplanner</source>
        <translation>&amp;Acerca de dlplanner</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="311"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="317"/>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="318"/>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="320"/>
        <source> Scenario: </source>
        <translation> Escenario: </translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/mainwindow.py" line="1022"/>
        <source>The new language shows when dlplanner starts again</source>
        <translation>El nuevo idioma se verá cuando dlplanner se inicie de nuevo</translation>
    </message>
</context>
<context>
    <name>MasterPage</name>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="181"/>
        <source>Rows of the master board</source>
        <translation>Filas del tablero general</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="182"/>
        <source>Rows: teachers</source>
        <translation>Filas: docentes</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="183"/>
        <source>Rows: rooms</source>
        <translation>Filas: aulas</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="187"/>
        <source>Master board</source>
        <translation>Tablero general</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="200"/>
        <source>✓ fits</source>
        <translation>✓ cabe</translation>
    </message>
</context>
<context>
    <name>MinimumsDialog</name>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="135"/>
        <source>Minimums</source>
        <translation>Mínimos</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="137"/>
        <source>Per cohort and year: minutes of class meetings (a state&apos;s instructional time)</source>
        <translation>Por grupo y año: minutos de clase (el tiempo de instrucción que exige el estado)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="142"/>
        <source>Count advisory minutes as instruction</source>
        <translation>Contar los minutos de tutoría como instrucción</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="152"/>
        <source>Each teacher team gets its own planning minutes per week</source>
        <translation>Cada equipo docente tiene sus propios minutos de planificación por semana</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="156"/>
        <source>Instructional time (per cohort)</source>
        <translation>Tiempo de instrucción (por grupo)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="158"/>
        <source>Every cohort</source>
        <translation>Cada grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="159"/>
        <source>By grade (instead of the above)</source>
        <translation>Por curso (en lugar de lo anterior)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="162"/>
        <source>Subjects (per cohort taking the subject)</source>
        <translation>Asignaturas (por grupo que cursa la asignatura)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="164"/>
        <source>Other requirements</source>
        <translation>Otros requisitos</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="166"/>
        <source>Advisory per cohort</source>
        <translation>Tutoría por grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="167"/>
        <source>Internship per cohort</source>
        <translation>Prácticas por grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="168"/>
        <source>School days in the year</source>
        <translation>Días lectivos del año</translation>
    </message>
</context>
<context>
    <name>NewProjectWizard</name>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="351"/>
        <source>New project</source>
        <translation>Nuevo proyecto</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="360"/>
        <source>The school year</source>
        <translation>El curso escolar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="361"/>
        <source>When the year starts and ends, which days of the week are school days, and how day types repeat.</source>
        <translation>Cuándo empieza y termina el curso, qué días de la semana son lectivos y cómo se repiten los tipos de día.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="366"/>
        <source>The first scenario and its bell schedule</source>
        <translation>El primer escenario y su horario de timbres</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="367"/>
        <source>Every day type follows this bell schedule at first; change it later in the Block designer.</source>
        <translation>Al principio todos los tipos de día siguen este horario de timbres; cámbielo después en el Diseño de bloques.</translation>
    </message>
</context>
<context>
    <name>NewScenarioDialog</name>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="41"/>
        <location filename="../../dlplanner/qt/scenarios.py" line="45"/>
        <source>New scenario</source>
        <translation>Nuevo escenario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="55"/>
        <source>Name and bell schedule</source>
        <translation>Nombre y horario de timbres</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="56"/>
        <source>Year and week</source>
        <translation>Curso y semana</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="79"/>
        <source>There is a scenario named &apos;{name}&apos; already.</source>
        <translation>Ya existe un escenario llamado «{name}».</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="359"/>
        <source>Click to show: </source>
        <translation>Haga clic para mostrar: </translation>
    </message>
</context>
<context>
    <name>SchoolPage</name>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="235"/>
        <source>Your school</source>
        <translation>Su escuela</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="236"/>
        <source>The school&apos;s name, and the file the project is saved in (a .dlp file).</source>
        <translation>El nombre de la escuela y el archivo en el que se guarda el proyecto (un archivo .dlp).</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="240"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="242"/>
        <source>Replace it (its contents will be lost)</source>
        <translation>Reemplazarlo (su contenido se perderá)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="249"/>
        <source>School name:</source>
        <translation>Nombre de la escuela:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="250"/>
        <source>Save as:</source>
        <translation>Guardar como:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="273"/>
        <source>Save the new project as</source>
        <translation>Guardar el nuevo proyecto como</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="273"/>
        <source>dlplanner projects (*.dlp)</source>
        <translation>Proyectos de dlplanner (*.dlp)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="292"/>
        <source>Give a file to save the project in.</source>
        <translation>Indique un archivo en el que guardar el proyecto.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="297"/>
        <source>{path} is a folder: add a file name such as school.dlp.</source>
        <translation>{path} es una carpeta: añada un nombre de archivo, por ejemplo escuela.dlp.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="299"/>
        <source>The folder {folder} does not exist.</source>
        <translation>La carpeta {folder} no existe.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="302"/>
        <source>{name} already exists in {folder}: choose another name, or tick &apos;Replace it&apos;.</source>
        <translation>{name} ya existe en {folder}: elija otro nombre o marque «Reemplazarlo».</translation>
    </message>
</context>
<context>
    <name>SolvePanel</name>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="110"/>
        <source>Stop at first timetable</source>
        <translation>Parar en el primer horario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="112"/>
        <source>End the search at the first timetable that keeps every hard rule (no soft rules).</source>
        <translation>Terminar la búsqueda en el primer horario que cumpla todas las reglas obligatorias (sin reglas flexibles).</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="115"/>
        <source>Stop within gap</source>
        <translation>Parar dentro de la brecha</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="117"/>
        <source>End the search once the soft rules&apos; penalty is within this % of the best bound.</source>
        <translation>Terminar la búsqueda cuando la penalización de las reglas flexibles esté dentro de este % de la mejor cota.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="121"/>
        <source>Gap to the bound, percent</source>
        <translation>Brecha hasta la cota, en porcentaje</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="125"/>
        <location filename="../../dlplanner/qt/solve.py" line="196"/>
        <source>Solve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="126"/>
        <source>Cancel (keep best)</source>
        <translation>Cancelar (conservar el mejor)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="137"/>
        <source>Ready. Pinned cards stay; the current timetable is the starting hint.</source>
        <translation>Listo. Las tarjetas fijadas se quedan; el horario actual es el punto de partida.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="141"/>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="143"/>
        <source>Time limit</source>
        <translation>Tiempo límite</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="144"/>
        <source>Workers</source>
        <translation>Hilos de trabajo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="145"/>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="155"/>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="158"/>
        <source>Elapsed</source>
        <translation>Transcurrido</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="159"/>
        <source>Objective</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="160"/>
        <source>Best bound</source>
        <translation>Mejor cota</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="161"/>
        <source>Solutions</source>
        <translation>Soluciones</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="171"/>
        <location filename="../../dlplanner/qt/solve.py" line="246"/>
        <source>No result yet</source>
        <translation>Aún no hay resultado</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="176"/>
        <source>Soft rule</source>
        <translation>Regla flexible</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="176"/>
        <source>Penalty</source>
        <translation>Penalización</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="186"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="222"/>
        <source>Timetable of {scenario} now: {status} ({placed} placed)</source>
        <translation>Horario de {scenario} ahora: {status} ({placed} colocadas)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="234"/>
        <source>Checker findings</source>
        <translation>Hallazgos del verificador</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="274"/>
        <source>Solving {scenario}…</source>
        <translation>Resolviendo {scenario}…</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="276"/>
        <source>Solving {scenario}… (the result shows here when it finishes)</source>
        <translation>Resolviendo {scenario}… (el resultado aparecerá aquí al terminar)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="294"/>
        <source>Stopping… the best timetable found so far is kept.</source>
        <translation>Deteniendo… se conserva el mejor horario encontrado hasta ahora.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="309"/>
        <source>{elapsed} s of {limit} s</source>
        <translation>{elapsed} s de {limit} s</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="329"/>
        <source>The solver failed: {message}</source>
        <translation>El motor de resolución falló: {message}</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="330"/>
        <source>No result</source>
        <translation>Sin resultado</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="336"/>
        <source>{status} — solver time {seconds} s</source>
        <translation>{status} — tiempo de resolución {seconds} s</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="345"/>
        <source>Finished: {status}</source>
        <translation>Terminado: {status}</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="363"/>
        <source>Last run for {scenario}: {status}</source>
        <translation>Última ejecución para {scenario}: {status}</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="365"/>
        <source>{status}: no timetable to check</source>
        <translation>{status}: no hay horario que verificar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="367"/>
        <source>{status} — checker: every hard rule holds (penalty {penalty})</source>
        <translation>{status} — verificador: se cumplen todas las reglas obligatorias (penalización {penalty})</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="372"/>
        <source>{status} — checker found {n} broken hard rule(s)</source>
        <translation>{status} — el verificador encontró {n} regla(s) obligatoria(s) incumplida(s)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="383"/>
        <source>Why no timetable exists</source>
        <translation>Por qué no existe ningún horario</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="394"/>
        <source>No conflicts. Pin the cards you like and solve again to improve the rest.</source>
        <translation>Sin conflictos. Fije las tarjetas que le gusten y resuelva de nuevo para mejorar el resto.</translation>
    </message>
</context>
<context>
    <name>UnscheduledTray</name>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="227"/>
        <source>Place at first free slot</source>
        <translation>Colocar en el primer hueco libre</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="280"/>
        <source>No free slot breaks no rule; drag it onto the board to choose one</source>
        <translation>Ningún hueco libre cumple todas las reglas; arrástrela al tablero para elegir uno</translation>
    </message>
</context>
<context>
    <name>YearForm</name>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="44"/>
        <source>Weekly: each school day of the week is its own day type</source>
        <translation>Semanal: cada día lectivo de la semana es su propio tipo de día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="45"/>
        <source>A/B days: two day types alternate</source>
        <translation>Días A/B: se alternan dos tipos de día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="46"/>
        <source>N-day cycle: Day 1 … Day N, advancing each school day</source>
        <translation>Ciclo de N días: Día 1 … Día N, avanzando cada día lectivo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="93"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="95"/>
        <source>First day of school:</source>
        <translation>Primer día de clases:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="96"/>
        <source>Last day of school:</source>
        <translation>Último día de clases:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="97"/>
        <source>School days of the week:</source>
        <translation>Días lectivos de la semana:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="98"/>
        <source>Cycle of day types:</source>
        <translation>Ciclo de tipos de día:</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="99"/>
        <source>Days in the cycle:</source>
        <translation>Días del ciclo:</translation>
    </message>
</context>
<context>
    <name>_PairTable</name>
    <message>
        <location filename="../../dlplanner/qt/minimums.py" line="92"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>district</name>
    <message>
        <location filename="../../dlplanner/qt/district.py" line="54"/>
        <source>Someone else saved this first</source>
        <translation>Otra persona guardó esto antes</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/district.py" line="58"/>
        <source>Your deletion was not saved, and theirs were not overwritten.</source>
        <translation>Su eliminación no se guardó, y los cambios de la otra persona no se sobrescribieron.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/district.py" line="60"/>
        <source>Your changes to it were not saved, and theirs were not overwritten.</source>
        <translation>Sus cambios no se guardaron, y los de la otra persona no se sobrescribieron.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/district.py" line="68"/>
        <source>Decide later</source>
        <translation>Decidir más tarde</translation>
    </message>
</context>
<context>
    <name>scenarios</name>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="103"/>
        <source>{n} section(s)</source>
        <translation>{n} sección(es)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="104"/>
        <source>{n} internship(s)</source>
        <translation>{n} práctica(s)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="105"/>
        <source>{schedules} bell schedule(s) and {days} day type(s)</source>
        <translation>{schedules} horario(s) de timbres y {days} tipo(s) de día</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="108"/>
        <source>its calendar ({first} – {last})</source>
        <translation>su calendario ({first} – {last})</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="114"/>
        <source>its timetable of {n} placed meeting(s)</source>
        <translation>su horario de {n} sesión(es) colocada(s)</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="115"/>
        <source>Delete scenario &apos;{name}&apos;?</source>
        <translation>¿Eliminar el escenario «{name}»?</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="116"/>
        <source>It takes with it: {parts}.</source>
        <translation>Se lleva consigo: {parts}.</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="117"/>
        <source>People, rooms and groups stay. Edit → Undo brings the scenario back until you close the project.</source>
        <translation>Las personas, los salones y los grupos se quedan. Editar → Deshacer recupera el escenario hasta que cierre el proyecto.</translation>
    </message>
</context>
</TS>
