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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="53"/>
        <source>By pathway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="54"/>
        <source>By grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="55"/>
        <source>By student flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="125"/>
        <source>Compare</source>
        <translation type="unfinished">Comparar</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="127"/>
        <source>Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="131"/>
        <location filename="../../dlplanner/qt/compare.py" line="317"/>
        <source>Tick 2 to 4 scenarios, then Compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="133"/>
        <source>Minimums…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="135"/>
        <source>The requirements every scenario is checked against (Project → Minimums…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="140"/>
        <source>No break-down by group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="148"/>
        <source>Also compare requests met, free minutes and gaps group by group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="153"/>
        <source>Scenarios to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="157"/>
        <source>Add from another file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="158"/>
        <source>A scenario of another project file (e.g. last year&apos;s), read only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="236"/>
        <source>Compare with a scenario of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="242"/>
        <source>⚠ Cannot open {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="245"/>
        <source>⚠ {path} has no scenarios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="254"/>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="255"/>
        <source>Scenario of {project}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="270"/>
        <source>Added &apos;{scenario}&apos; of {project} (read only). Tick 2 to 4, then Compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="322"/>
        <source>Comparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="343"/>
        <source>Failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="349"/>
        <source>Compared {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="364"/>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="429"/>
        <source>Save comparison report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="437"/>
        <source>Writing the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/compare.py" line="442"/>
        <source>Report saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayForm</name>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="137"/>
        <source>no lunch block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="139"/>
        <source>Start the day with advisory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="142"/>
        <source>Add one long block at the end of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="147"/>
        <source>Scenario name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="148"/>
        <source>Bell schedule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="149"/>
        <source>Periods a day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="150"/>
        <source>Period length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="151"/>
        <source>Day starts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="156"/>
        <source>Advisory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="157"/>
        <source>Passing time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="158"/>
        <source>Lunch after period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="159"/>
        <source>Lunch length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="164"/>
        <source>Long block:</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="43"/>
        <source>Teachers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="44"/>
        <source>Cohorts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="45"/>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="46"/>
        <source>Students (one timetable each)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="49"/>
        <source>Teacher</source>
        <translation type="unfinished">Docente</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="50"/>
        <source>Cohort</source>
        <translation type="unfinished">Grupo</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="52"/>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="52"/>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="53"/>
        <source>Everyone (the view and the file type decide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="70"/>
        <source>Timetable breaks hard rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="72"/>
        <source>The timetable of {scenario} {status}. Export it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="78"/>
        <source>… and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="79"/>
        <source>People reading the export will see these clashes as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="82"/>
        <source>Export anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="93"/>
        <source>Export timetable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="110"/>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="120"/>
        <source>The words dlplanner writes (titles, labels); names stay as typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="133"/>
        <source>Type a teacher or cohort name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="136"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="147"/>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="148"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="149"/>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="150"/>
        <source>Calendar of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="151"/>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="152"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="153"/>
        <source>Save to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="155"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="193"/>
        <source>Writes one .ics file with this calendar only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="214"/>
        <source>Writes a folder: give a new or empty folder name (or a previous export of this kind).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="229"/>
        <source>Folder name (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="230"/>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="245"/>
        <source>Not exported: the timetable {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="262"/>
        <source>Exporting {format}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="270"/>
        <source>Exported to {path} and {n} more file(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="272"/>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="277"/>
        <source>Export failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/export.py" line="278"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="360"/>
        <source>The school year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="361"/>
        <source>When the year starts and ends, which days of the week are school days, and how day types repeat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="366"/>
        <source>The first scenario and its bell schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="367"/>
        <source>Every day type follows this bell schedule at first; change it later in the Block designer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewScenarioDialog</name>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="41"/>
        <location filename="../../dlplanner/qt/scenarios.py" line="45"/>
        <source>New scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="55"/>
        <source>Name and bell schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="56"/>
        <source>Year and week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="79"/>
        <source>There is a scenario named &apos;{name}&apos; already.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="236"/>
        <source>The school&apos;s name, and the file the project is saved in (a .dlp file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="240"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="242"/>
        <source>Replace it (its contents will be lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="249"/>
        <source>School name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="250"/>
        <source>Save as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="273"/>
        <source>Save the new project as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="273"/>
        <source>dlplanner projects (*.dlp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="292"/>
        <source>Give a file to save the project in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="297"/>
        <source>{path} is a folder: add a file name such as school.dlp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="299"/>
        <source>The folder {folder} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="302"/>
        <source>{name} already exists in {folder}: choose another name, or tick &apos;Replace it&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SolvePanel</name>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="110"/>
        <source>Stop at first timetable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="112"/>
        <source>End the search at the first timetable that keeps every hard rule (no soft rules).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="115"/>
        <source>Stop within gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="117"/>
        <source>End the search once the soft rules&apos; penalty is within this % of the best bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="121"/>
        <source>Gap to the bound, percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="125"/>
        <location filename="../../dlplanner/qt/solve.py" line="196"/>
        <source>Solve</source>
        <translation type="unfinished">Resolver</translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="126"/>
        <source>Cancel (keep best)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="137"/>
        <source>Ready. Pinned cards stay; the current timetable is the starting hint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="141"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="143"/>
        <source>Time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="144"/>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="145"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="155"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="158"/>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="159"/>
        <source>Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="160"/>
        <source>Best bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="161"/>
        <source>Solutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="171"/>
        <location filename="../../dlplanner/qt/solve.py" line="246"/>
        <source>No result yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="176"/>
        <source>Soft rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="176"/>
        <source>Penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="186"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="222"/>
        <source>Timetable of {scenario} now: {status} ({placed} placed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="234"/>
        <source>Checker findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="274"/>
        <source>Solving {scenario}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="276"/>
        <source>Solving {scenario}… (the result shows here when it finishes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="294"/>
        <source>Stopping… the best timetable found so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="309"/>
        <source>{elapsed} s of {limit} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="329"/>
        <source>The solver failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="330"/>
        <source>No result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="336"/>
        <source>{status} — solver time {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="345"/>
        <source>Finished: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="363"/>
        <source>Last run for {scenario}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="365"/>
        <source>{status}: no timetable to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="367"/>
        <source>{status} — checker: every hard rule holds (penalty {penalty})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="372"/>
        <source>{status} — checker found {n} broken hard rule(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="383"/>
        <source>Why no timetable exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/solve.py" line="394"/>
        <source>No conflicts. Pin the cards you like and solve again to improve the rest.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="45"/>
        <source>A/B days: two day types alternate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="46"/>
        <source>N-day cycle: Day 1 … Day N, advancing each school day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="93"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="95"/>
        <source>First day of school:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="96"/>
        <source>Last day of school:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="97"/>
        <source>School days of the week:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="98"/>
        <source>Cycle of day types:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/new_project.py" line="99"/>
        <source>Days in the cycle:</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="104"/>
        <source>{n} internship(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="105"/>
        <source>{schedules} bell schedule(s) and {days} day type(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="108"/>
        <source>its calendar ({first} – {last})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="114"/>
        <source>its timetable of {n} placed meeting(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="115"/>
        <source>Delete scenario &apos;{name}&apos;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="116"/>
        <source>It takes with it: {parts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../dlplanner/qt/scenarios.py" line="117"/>
        <source>People, rooms and groups stay. Edit → Undo brings the scenario back until you close the project.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
