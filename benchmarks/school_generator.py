"""Synthetic deeper-learning schools of any size, for solver benchmarks.

A school of N students gets cohorts of ~25 across grades 9–12 on an A/B block schedule (four
90-minute blocks a day, daily 25-minute advisory, a daily adult planning block), grade-level
teacher teams with common planning, team-taught integrated courses for paired cohorts in grades
9 and 10 (BioLit, WHLit), internships on B-day afternoons for grades 11 and 12, lab/studio/gym
room needs, and a share of sections whose teacher the solver picks from a qualified pool.

Sizes are chosen with slack (each teacher at most 5 of the 6 blocks they may teach per cycle,
15 % spare rooms), so every generated school is solvable; the solver still has to find it.
Run ``python benchmarks/school_generator.py 1000 out.json`` to write one as a project file.
"""

from __future__ import annotations

import math
import random
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from dlplanner.domain import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    Cohort,
    DayType,
    Holiday,
    Internship,
    Project,
    Room,
    Rotation,
    RotationKind,
    Scenario,
    SchoolYear,
    Section,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
    codec,
)

COHORT_SIZE = 25
BLOCK_MINUTES = 90
MEETINGS_PER_TEACHER = 5  # of the 6 a teacher may teach per A/B cycle: slack by construction
MAX_MINUTES_PER_WEEK = 1350  # = 6 blocks of 90 minutes per 2-day cycle (0.4 weeks)

SUBJECTS = {
    "eng": ("English", "#c8553d", ""),
    "math": ("Mathematics", "#3d7ac8", ""),
    "bio": ("Biology", "#4a9c5d", "lab"),
    "chem": ("Chemistry", "#2f8f83", "lab"),
    "phys": ("Physics", "#5a6fb0", "lab"),
    "hist": ("History", "#b08b3a", ""),
    "span": ("Spanish", "#9b59b6", ""),
    "art": ("Art", "#e67e22", "studio"),
    "pe": ("Physical education", "#7f8c8d", "gym"),
    "health": ("Health", "#16a085", ""),
    "elect": ("Elective", "#8e7cc3", ""),
    "capstone": ("Senior capstone", "#d35400", ""),
}
PROJECT_BASED = {"capstone", "elect"}

# (subject, meetings per cycle) per grade; team-taught pairs are added separately for 9 and 10.
COURSES = {
    9: [("math", 1), ("hist", 1), ("span", 1), ("art", 1), ("pe", 1)],
    10: [("math", 1), ("chem", 1), ("span", 1), ("art", 1), ("health", 1)],
    11: [("eng", 1), ("math", 1), ("phys", 1), ("hist", 1), ("span", 1)],
    12: [("eng", 1), ("math", 1), ("hist", 1), ("elect", 1), ("capstone", 1)],
}
INTEGRATED = {9: ("BioLit", "bio", "eng"), 10: ("WHLit", "hist", "eng")}


def bell_schedule() -> BellSchedule:
    rows = [
        ("adv", 480, 505, BlockKind.ADVISORY, "Advisory"),
        ("pass0", 505, 510, BlockKind.PASSING, ""),
        ("b1", 510, 600, BlockKind.CLASS, "Block 1"),
        ("pass1", 600, 605, BlockKind.PASSING, ""),
        ("b2", 605, 695, BlockKind.CLASS, "Block 2"),
        ("lunch", 695, 730, BlockKind.LUNCH, "Lunch"),
        ("pass2", 730, 735, BlockKind.PASSING, ""),
        ("b3", 735, 825, BlockKind.CLASS, "Block 3"),
        ("pass3", 825, 830, BlockKind.PASSING, ""),
        ("b4", 830, 920, BlockKind.CLASS, "Block 4"),
        ("plan", 930, 975, BlockKind.PLANNING, "Team planning"),
    ]
    return BellSchedule("ab", "A/B block", [Block(*row) for row in rows])


def calendar() -> SchoolYear:
    return SchoolYear(
        label="2026–27",
        first_day=date(2026, 8, 24),
        last_day=date(2027, 6, 11),
        holidays=[
            Holiday("Labor Day", date(2026, 9, 7), date(2026, 9, 7)),
            Holiday("Thanksgiving break", date(2026, 11, 25), date(2026, 11, 27)),
            Holiday("Winter break", date(2026, 12, 21), date(2027, 1, 1)),
            Holiday("Spring break", date(2027, 3, 29), date(2027, 4, 2)),
        ],
        rotation=Rotation(kind=RotationKind.CYCLE, sequence=["a", "b"]),
    )


def generate_school(students: int, seed: int = 0, pool_share: float = 0.5) -> Project:
    """A solvable synthetic school of about ``students`` students."""
    rng = random.Random(seed)
    per_grade = max(2, round(students / COHORT_SIZE / 4))
    cohorts = [
        Cohort(f"g{grade}-{i + 1}", f"{grade}{chr(65 + i % 26)}{'' if i < 26 else i // 26}", grade, COHORT_SIZE)
        for grade in (9, 10, 11, 12)
        for i in range(per_grade)
    ]
    by_grade: dict[int, list[Cohort]] = defaultdict(list)
    for cohort in cohorts:
        by_grade[cohort.grade].append(cohort)

    sections: list[Section] = []
    demand: dict[str, int] = defaultdict(int)  # teacher-meetings per subject
    for grade, members in by_grade.items():
        for cohort in members:
            for subject, meetings in COURSES[grade]:
                feature = SUBJECTS[subject][2]
                sections.append(
                    Section(
                        f"{subject}-{cohort.id}",
                        f"{SUBJECTS[subject][0]} {cohort.name}",
                        subject,
                        [cohort.id],
                        meetings,
                        length_minutes=None,
                        length_blocks=1,
                        room_features={feature} if feature else set(),
                    )
                )
                demand[subject] += meetings
        if grade in INTEGRATED:
            name, first, second = INTEGRATED[grade]
            for pair in range(0, len(members), 2):
                group = members[pair : pair + 2]
                if len(group) == 2:
                    sections.append(
                        Section(
                            f"{name.lower()}-{group[0].id}",
                            f"{name} {group[0].name}+{group[1].name}",
                            first,
                            [c.id for c in group],
                            2,
                            length_blocks=1,
                            teacher_ids=["?", "?"],  # filled below with one teacher of each subject
                        )
                    )
                    demand[first] += 2
                    demand[second] += 2
                else:  # an odd cohort out takes the two subjects separately
                    for subject in (first, second):
                        sections.append(
                            Section(
                                f"{subject}-{group[0].id}",
                                f"{SUBJECTS[subject][0]} {group[0].name}",
                                subject,
                                [group[0].id],
                                1,
                                length_blocks=1,
                            )
                        )
                        demand[subject] += 1

    teachers: list[Teacher] = []
    by_subject: dict[str, list[Teacher]] = {}
    for subject, meetings in sorted(demand.items()):
        count = math.ceil(meetings / MEETINGS_PER_TEACHER)
        by_subject[subject] = [
            Teacher(f"t-{subject}-{i + 1}", f"{SUBJECTS[subject][0]} teacher {i + 1}", {subject}, MAX_MINUTES_PER_WEEK)
            for i in range(count)
        ]
        teachers.extend(by_subject[subject])

    load: dict[str, int] = defaultdict(int)

    def pick(subject: str, meetings: int) -> str:
        teacher = min(by_subject[subject], key=lambda t: (load[t.id], t.id))
        load[teacher.id] += meetings
        return teacher.id

    for section in sections:
        if section.teacher_ids == ["?", "?"]:
            name = section.name.split()[0]
            first, second = next((f, s) for n, f, s in INTEGRATED.values() if n == name)
            section.teacher_ids = [pick(first, 2), pick(second, 2)]
        elif rng.random() >= pool_share:
            section.teacher_ids = [pick(section.subject_id, section.meetings_per_cycle)]
        # else: the solver picks a qualified teacher of the subject (empty pool = any qualified)

    # One advisory per cohort, advisors spread over all teachers.
    advisories = [
        Advisory(f"adv-{c.id}", f"Advisory {c.name}", teachers[i % len(teachers)].id, [c.id], c.size)
        for i, c in enumerate(cohorts)
    ]

    rooms = _rooms(len(cohorts), sections, rng)
    for advisory, room in zip(advisories, (r for r in rooms if not r.features), strict=False):
        advisory.room_id = room.id

    teams = []
    for grade in (9, 10):
        members = by_grade[grade]
        for house in range(0, len(members), 4):
            served = members[house : house + 4]
            team_teachers = {
                pick_id for s in sections if set(s.cohort_ids) & {c.id for c in served} for pick_id in s.teacher_ids
            }
            teams.append(
                TeacherTeam(
                    f"team-{grade}-{house // 4 + 1}",
                    f"Grade {grade} team {house // 4 + 1}",
                    sorted(team_teachers)[:5],
                    [c.id for c in served],
                    planning_minutes_per_week=90,
                )
            )

    internships = [
        Internship(
            f"intern-{grade}",
            f"Grade {grade} internships",
            [c.id for c in by_grade[grade]],
            [TimeWindow("b", 735, 920)],
            travel_minutes=15,
            description="Work-based learning at partner sites, B-day afternoons",
        )
        for grade in (11, 12)
    ]

    bells = bell_schedule()
    scenario = Scenario(
        "ab",
        "A/B block",
        "Synthetic benchmark school: A/B block, daily advisory, B-day afternoon internships for grades 11-12.",
        calendar=calendar(),
        bell_schedules=[bells],
        day_types=[DayType("a", "A day", "ab"), DayType("b", "B day", "ab")],
        sections=sections,
        internships=internships,
    )
    return Project(
        name=f"Synthetic school {students}",
        school_name=f"Synthetic Deeper Learning High ({students} students)",
        description="Generated benchmark school; plausible structure, made-up numbers.",
        subjects=[
            Subject(s, name, color, project_based=s in PROJECT_BASED) for s, (name, color, _) in SUBJECTS.items()
        ],
        teachers=teachers,
        rooms=rooms,
        cohorts=cohorts,
        advisories=advisories,
        teams=teams,
        scenarios=[scenario],
    )


def _rooms(cohort_count: int, sections: list[Section], rng: random.Random) -> list[Room]:
    """Plain classrooms for every cohort plus 15 %, and featured rooms for the busiest block."""
    rooms = [Room(f"r{i + 101}", f"Room {i + 101}", 30) for i in range(math.ceil(cohort_count * 1.15))]
    per_feature: dict[str, int] = defaultdict(int)
    big = 0
    for section in sections:
        for feature in section.room_features:
            per_feature[feature] += section.meetings_per_cycle
        if len(section.cohort_ids) > 1:
            big += section.meetings_per_cycle
    blocks_per_cycle = 8
    for feature, meetings in sorted(per_feature.items()):
        count = math.ceil(meetings / blocks_per_cycle * 1.3) + 1
        rooms += [Room(f"{feature}{i + 1}", f"{feature.title()} {i + 1}", 32, {feature}) for i in range(count)]
    count = math.ceil(big / blocks_per_cycle * 1.3) + 1
    rooms += [Room(f"commons{i + 1}", f"Commons {i + 1}", 60, {"large"}) for i in range(count)]
    rng.shuffle(rooms)
    return rooms


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"synthetic-{size}.json")
    out.write_text(codec.project_to_json(generate_school(size)), encoding="utf-8")
    print(f"wrote {out}")
