"""The fixed words of a timetable export in the family's language (English, Spanish to start).

Family-facing timetables (a student's or a cohort's PDF page, HTML page, calendar) go home to families who
may not read English. Only the words dlplanner writes itself are translated; names the school typed (days,
blocks, subjects, people, rooms) stay as typed. A new language is one more table below.
"""

from __future__ import annotations

from datetime import date

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}

_SPANISH: dict[str, str] = {
    "Teacher": "Docente",
    "Cohort": "Grupo",
    "Room": "Salón",
    "Student": "Estudiante",
    "Master schedule": "Horario general",
    "Teachers": "Docentes",
    "Cohorts": "Grupos",
    "Rooms": "Salones",
    "Students": "Estudiantes",
    "Advisory": "Asesoría",
    "Advisory {name}": "Asesoría {name}",
    "Internship": "Prácticas",
    "Grade {grade}": "Grado {grade}",
    "Cohort {name}": "Grupo {name}",
    "Students — grade {grade}": "Estudiantes — grado {grade}",
    "Master schedule — {name}": "Horario general — {name}",
    "Index": "Índice",
    "Calendar": "Calendario",
    "{days} school days": "{days} días de clase",
    "scenario {name}": "escenario {name}",
    "Subject: {name}": "Materia: {name}",
    "Teachers: {names}": "Docentes: {names}",
    "Cohorts: {names}": "Grupos: {names}",
    "Term: {name}": "Periodo: {name}",
    "Special day ({name})": "Día especial ({name})",
    "Special day ({name}): check the day's bell times": "Día especial ({name}): consulte el horario de ese día",
    "Scenario: {name}": "Escenario: {name}",
    "Timetable": "Horario",
}

_MONTHS = {
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
}


class Words:
    """``words("Grade {grade}", grade=9)``: the phrase in this language (English when it has no translation)."""

    def __init__(self, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"Unknown language '{language}' (languages: {', '.join(LANGUAGES)})")
        self.language = language
        self._table = {"es": _SPANISH}.get(language, {})

    def __call__(self, phrase: str, **values: object) -> str:
        text = self._table.get(phrase, phrase)
        return text.format(**values) if values else text

    def date(self, day: date) -> str:
        """A day as families read it: 07 Sep 2026 / 07 sept 2026."""
        months = _MONTHS.get(self.language)
        return f"{day:%d %b %Y}" if months is None else f"{day:%d} {months[day.month - 1]} {day:%Y}"
