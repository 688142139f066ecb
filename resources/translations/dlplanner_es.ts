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
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../dlplanner/qt/panels.py" line="359"/>
        <source>Click to show: </source>
        <translation>Haga clic para mostrar: </translation>
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
</TS>
