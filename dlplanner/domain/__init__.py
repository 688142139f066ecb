"""Domain model: the concepts of a deeper-learning schedule (stdlib only)."""

from dlplanner.domain.calendar import (
    Holiday,
    Rotation,
    RotationKind,
    SchoolYear,
    SpecialDay,
    SpecialDayKind,
    Term,
)
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    BlockRef,
    Campus,
    CampusTravel,
    Cohort,
    DayType,
    Internship,
    LoopingRule,
    PairingKind,
    Placement,
    PriorPairing,
    Project,
    Room,
    RuleSettings,
    Scenario,
    Section,
    Solution,
    SolveStatus,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
    UnknownRecordError,
    fmt_minutes,
    fmt_time,
)

__all__ = [
    "Advisory", "BellSchedule", "Block", "BlockKind", "BlockRef", "Campus", "CampusTravel",
    "Cohort", "DayType", "Holiday", "Internship", "LoopingRule", "PairingKind", "Placement",
    "PriorPairing", "Project", "Room", "Rotation", "RotationKind", "RuleSettings", "Scenario",
    "SchoolYear", "Section", "Solution", "SolveStatus", "SpecialDay", "SpecialDayKind", "Subject",
    "Teacher", "TeacherTeam", "Term", "TimeWindow", "UnknownRecordError", "fmt_minutes", "fmt_time",
]
