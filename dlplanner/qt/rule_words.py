"""Each scheduling rule by a plain name and one sentence, for the desktop app's lists and tables.

The rule ids (``teacher_clash`` …) stay the stable keys of docs/rules.md; people read the words,
and the id goes in a tooltip for whoever needs to look the rule up.
"""

from __future__ import annotations

from typing import NamedTuple


class RuleWords(NamedTuple):
    name: str
    sentence: str


RULE_WORDS: dict[str, RuleWords] = {
    # hard rules
    "teacher_clash": RuleWords("Teacher double-booked", "A teacher is in at most one class or advisory at a time."),
    "cohort_clash": RuleWords(
        "Students double-booked", "A cohort is in at most one class at a time, and none while its advisory sits."
    ),
    "room_clash": RuleWords("Room double-booked", "A room hosts at most one class or advisory at a time."),
    "meeting_count": RuleWords("Meetings missing", "Every section meets as many times per cycle as it should."),
    "meeting_length": RuleWords(
        "Wrong meeting length", "A class starts at a class block and lasts its set blocks or minutes."
    ),
    "class_time": RuleWords(
        "Outside class time", "A class lies inside the class blocks of its day, not across lunch or advisory."
    ),
    "teacher_available": RuleWords("Teacher unavailable", "Nobody teaches when they said they cannot."),
    "room_fit": RuleWords("Room does not fit", "A class has a room big enough, with the features it needs."),
    "campus_travel": RuleWords(
        "No time to change campus", "Back-to-back classes on different campuses leave time to travel."
    ),
    "teacher_assignment": RuleWords(
        "Wrong teachers", "A section has its own teachers (or ones from its pool), within their weekly hours."
    ),
    "advisory_time": RuleWords(
        "Advisory not sitting", "Each advisory sits in its advisory blocks, except during its internships."
    ),
    "advisor_choice": RuleWords(
        "Wrong advisor chosen",
        "An advisory without a fixed advisor gets one from its pool, on its campus, within advisory limits.",
    ),
    "team_choice": RuleWords(
        "Wrong cohorts for a team",
        "A team takes as many cohorts from its pool as it needs, each cohort by one team, and teaches them.",
    ),
    "student_clash": RuleWords(
        "Student double-booked",
        "No student is in two places at once: cohort classes, advisory, internship and chosen sections.",
    ),
    "section_capacity": RuleWords(
        "Section over its seats",
        "No section holds more students than its room and its maximum enrolment allow.",
    ),
    "request_unmet": RuleWords(
        "Course request not met",
        "Each student's course requests are met where possible, higher ranks first; an alternate counts less.",
    ),
    "section_balance": RuleWords(
        "Uneven sections",
        "The open sections of one subject get about the same number of students.",
    ),
    "internship_window": RuleWords(
        "Class during an internship", "No class of a cohort while it is away at an internship (plus travel)."
    ),
    "team_planning": RuleWords(
        "Too little team planning", "Each teacher team gets its common planning time every week."
    ),
    "looping_hard": RuleWords(
        "Looping broken", "Students keep last year's advisor, teacher or team where a rule requires it."
    ),
    "pinned": RuleWords("Pinned card moved", "A pinned card stays exactly where it was pinned."),
    # soft rules
    "spread_days": RuleWords("Same class twice a day", "A section's meetings are spread over different days."),
    "subject_twice_daily": RuleWords(
        "Subject twice a day", "A cohort does not have the same subject twice on one day."
    ),
    "teacher_gaps": RuleWords(
        "Gaps in a teacher's day", "Teachers have few idle blocks between their first and last class."
    ),
    "consecutive_teaching": RuleWords(
        "Too many classes in a row", "Teachers do not teach more blocks in a row than the set limit."
    ),
    "teacher_preferences": RuleWords(
        "Teacher would rather not", "Classes avoid the times teachers asked to keep free."
    ),
    "long_blocks_pbl": RuleWords("Project work in short blocks", "Project-based subjects get long blocks."),
    "daily_load_balance": RuleWords("Uneven days", "Each cohort has about as much class time every day."),
    "room_changes": RuleWords("Room changes", "Team-taught and lab sections keep to one room."),
    "looping_soft": RuleWords(
        "Looping wish missed", "Students keep last year's advisor, teacher or team where wished."
    ),
}


def rule_name(rule_id: str) -> str:
    """The plain name of a rule (the id itself for a rule without words, so nothing is hidden)."""
    words = RULE_WORDS.get(rule_id)
    return words.name if words else rule_id


def rule_tooltip(rule_id: str) -> str:
    """The rule's sentence and its id, for a tooltip."""
    words = RULE_WORDS.get(rule_id)
    return f"{words.sentence}\nRule id: {rule_id}" if words else f"Rule id: {rule_id}"
