"""Synthetic deeper-learning schools of any size, for solver benchmarks.

A school of N students gets cohorts of ~25 across grades 9–12 on an A/B block schedule (four
90-minute blocks a day, daily 25-minute advisory, a daily adult planning block), grade-level
teacher teams with common planning, team-taught integrated courses for paired cohorts in grades
9 and 10 (BioLit, WHLit), internships on B-day afternoons for grades 11 and 12, lab/studio/gym
room needs, and a share of sections whose teacher the solver picks from a qualified pool.

Sizes are chosen with slack (each teacher at most 5 of the 6 blocks they may teach per cycle,
15 % spare rooms), so every generated school is solvable; the solver still has to find it.
Run ``python benchmarks/school_generator.py 1000 out.json`` to write one as a project file.

A second shape, :func:`generate_comprehensive` (``--comprehensive``), is a period-based comprehensive
high school: 7 periods a day, every core section's teacher chosen from a pool, pathways, two campuses.
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
    Campus,
    CampusTravel,
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


# -- the period-based comprehensive high school --------------------------------------------------

PERIOD_MINUTES = 50
PERIODS_PER_WEEK = 35  # 7 periods × 5 days
SECTIONS_PER_CORE_TEACHER = 5  # 25 of a teacher's 35 periods
CORE = ("eng", "math", "sci", "hist")  # every section's teacher chosen by the solver from a campus pool
PATHWAYS = ("Engineering", "Health sciences", "Digital media", "Business", "Construction", "Education")
WEEKDAYS = [("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"), ("fri", "Friday")]
COMPREHENSIVE_SUBJECTS = {
    "eng": ("English", "#c8553d"),
    "math": ("Mathematics", "#3d7ac8"),
    "sci": ("Science", "#4a9c5d"),
    "hist": ("Social studies", "#b08b3a"),
    "pe": ("Physical education", "#7f8c8d"),
    "art": ("Art", "#e67e22"),
    "lang": ("World language", "#9b59b6"),
    "cte": ("Pathway course", "#d35400"),
    "gencte": ("General CTE", "#8e7cc3"),
}
# grade -> (subject, meetings per week, room feature); grades 9–10 on the north campus, 11–12 south
COMPREHENSIVE_COURSES = {
    9: [("eng", 5, ""), ("math", 5, ""), ("sci", 5, "lab"), ("hist", 5, ""), ("pe", 4, "gym"), ("art", 2, "studio")],
    10: [("eng", 5, ""), ("math", 5, ""), ("sci", 5, "lab"), ("hist", 5, ""), ("pe", 4, "gym"), ("cte", 2, "cte")],
    11: [("eng", 5, ""), ("math", 5, ""), ("sci", 5, "lab"), ("hist", 5, ""), ("cte", 4, "cte"), ("lang", 3, "")],
    12: [("eng", 5, ""), ("math", 5, ""), ("hist", 4, ""), ("cte", 5, "cte"), ("lang", 2, "")],
}
CAMPUS_OF_GRADE = {9: "north", 10: "north", 11: "south", 12: "south"}


def seven_period_schedule() -> BellSchedule:
    rows = [("adv", 480, 500, BlockKind.ADVISORY, "Advisory"), ("pass0", 500, 505, BlockKind.PASSING, "")]
    start = 505
    for period in range(1, 8):
        rows.append((f"p{period}", start, start + PERIOD_MINUTES, BlockKind.CLASS, f"Period {period}"))
        start += PERIOD_MINUTES
        if period == 4:
            rows.append(("lunch", start, start + 35, BlockKind.LUNCH, "Lunch"))
            start += 35
        elif period < 7:
            rows.append((f"pass{period}", start, start + 5, BlockKind.PASSING, ""))
            start += 5
    return BellSchedule("seven", "7-period day", [Block(*row) for row in rows])


def generate_comprehensive(students: int, seed: int = 0) -> Project:
    """A period-based comprehensive high school of about ``students`` students (solvable by construction).

    Seven 50-minute periods a day, Monday to Friday (35 periods a week), daily advisory. Grades 9–10
    are on the north campus, 11–12 on the south one (20 minutes apart). English, mathematics, science
    (in labs) and social studies sections get their teacher from the campus's pool of that subject's
    teachers, chosen by the solver; PE (gyms), art (studios), world language and the pathway courses
    (CTE rooms) have fixed teachers. Cohorts of grades 10–12 follow one of six pathways or the general
    track (general CTE); pathway teachers teach on both campuses. Seniors are at work-based learning
    all Friday. Teachers take at most 25 of their 35 periods, rooms are counted with 25 % spare.
    """
    rng = random.Random(seed)
    per_grade = max(2, round(students / COHORT_SIZE / 4))
    tracks = [*PATHWAYS, "General"]
    cohorts = []
    for grade in (9, 10, 11, 12):
        for i in range(per_grade):
            track = tracks[i % len(tracks)] if grade >= 10 else ""
            cohorts.append(
                Cohort(
                    f"g{grade}-{i + 1}",
                    f"{grade}-{i + 1}",
                    grade,
                    COHORT_SIZE,
                    pathway=track,
                    campus_id=CAMPUS_OF_GRADE[grade],
                )
            )
    campuses = ("north", "south")
    sections: list[Section] = []
    # (subject, campus or pathway) -> teacher-meetings asked of fixed teachers
    fixed_demand: dict[tuple[str, str], int] = defaultdict(int)
    pool_sections: dict[tuple[str, str], int] = defaultdict(int)
    room_demand: dict[tuple[str, str], int] = defaultdict(int)  # (feature, campus) -> meetings
    for cohort in cohorts:
        campus = CAMPUS_OF_GRADE[cohort.grade]
        for subject, meetings, feature in COMPREHENSIVE_COURSES[cohort.grade]:
            if subject == "cte" and cohort.pathway == "General":
                subject, feature = "gencte", ""
            section = Section(
                f"{subject}-{cohort.id}",
                f"{COMPREHENSIVE_SUBJECTS[subject][0]} {cohort.name}",
                subject,
                [cohort.id],
                meetings,
                length_minutes=None,
                length_blocks=1,
                room_features={feature, campus} if feature else {campus},
            )
            sections.append(section)
            room_demand[(feature, campus)] += meetings
            if subject in CORE:
                pool_sections[(subject, campus)] += 1
            elif subject == "cte":
                fixed_demand[(subject, cohort.pathway)] += meetings
            else:
                fixed_demand[(subject, campus)] += meetings

    teachers: list[Teacher] = []
    group: dict[tuple[str, str], list[Teacher]] = {}
    max_minutes = SECTIONS_PER_CORE_TEACHER * 5 * PERIOD_MINUTES
    for (subject, campus), count in sorted(pool_sections.items()):
        n = math.ceil(count / (SECTIONS_PER_CORE_TEACHER * 0.9))
        group[(subject, campus)] = [
            Teacher(
                f"t-{subject}-{campus}-{i + 1}",
                f"{COMPREHENSIVE_SUBJECTS[subject][0]} teacher {campus[0].upper()}{i + 1}",
                {subject},
                max_minutes,
                campus_id=campus,
            )
            for i in range(n)
        ]
    for (subject, where), meetings in sorted(fixed_demand.items()):
        n = math.ceil(meetings / (SECTIONS_PER_CORE_TEACHER * 5 * 0.9))
        campus = where if where in campuses else None
        group[(subject, where)] = [
            Teacher(
                f"t-{subject}-{where.split()[0].lower()}-{i + 1}",
                f"{COMPREHENSIVE_SUBJECTS[subject][0]} teacher ({where}) {i + 1}",
                {subject},
                max_minutes,
                campus_id=campus,
            )
            for i in range(n)
        ]
    for members in group.values():
        teachers.extend(members)

    load: dict[str, int] = defaultdict(int)
    for section in sections:
        cohort = next(c for c in cohorts if c.id == section.cohort_ids[0])
        campus = CAMPUS_OF_GRADE[cohort.grade]
        if section.subject_id in CORE:
            section.teacher_pool = [t.id for t in group[(section.subject_id, campus)]]
            continue
        key = (section.subject_id, cohort.pathway if section.subject_id == "cte" else campus)
        teacher = min(group[key], key=lambda t: (load[t.id], t.id))
        load[teacher.id] += section.meetings_per_cycle
        section.teacher_ids = [teacher.id]

    rooms: list[Room] = []
    homerooms = {c: sum(1 for k in cohorts if CAMPUS_OF_GRADE[k.grade] == c) for c in campuses}
    for (feature, campus), meetings in sorted(room_demand.items()):
        count = math.ceil(meetings / PERIODS_PER_WEEK * 1.25) + 1
        if not feature:  # every cohort has a homeroom for its advisory
            count = max(count, homerooms[campus])
        name = feature.title() if feature else "Room"
        rooms += [
            Room(
                f"{campus[0]}-{feature or 'room'}{i + 1}",
                f"{campus.title()} {name} {i + 1}",
                30,
                {feature, campus} if feature else {campus},
                campus_id=campus,
            )
            for i in range(count)
        ]
    # one advisory per cohort, in its homeroom; advisors: teachers of its campus, then pathway teachers
    advisories = []
    plain = {c: [r for r in rooms if r.features == {c}] for c in campuses}
    travelling = [t for t in teachers if t.campus_id is None]
    advisors = {c: [t for t in teachers if t.campus_id == c] + travelling[i::2] for i, c in enumerate(campuses)}
    counter: dict[str, int] = defaultdict(int)
    for cohort in cohorts:
        campus = CAMPUS_OF_GRADE[cohort.grade]
        i = counter[campus]
        counter[campus] += 1
        advisor, room = advisors[campus][i], plain[campus][i]
        advisories.append(
            Advisory(f"adv-{cohort.id}", f"Advisory {cohort.name}", advisor.id, [cohort.id], cohort.size, room.id)
        )
    rng.shuffle(rooms)

    seniors = [c.id for c in cohorts if c.grade == 12]
    internships = [
        Internship(
            "wbl-12",
            "Senior work-based learning",
            seniors,
            [TimeWindow("fri", 480, 915)],
            travel_minutes=0,
            description="Seniors at partner workplaces all Friday",
        )
    ]
    week = calendar()
    week.rotation = Rotation(
        kind=RotationKind.WEEKDAY, weekday_map={i: d for i, (d, _) in enumerate(WEEKDAYS)}, sequence=[]
    )
    scenario = Scenario(
        "seven",
        "7-period week",
        "Synthetic comprehensive high school: 7 periods, pooled core teachers, pathways, two campuses.",
        calendar=week,
        bell_schedules=[seven_period_schedule()],
        day_types=[DayType(d, name, "seven") for d, name in WEEKDAYS],
        sections=sections,
        internships=internships,
    )
    return Project(
        name=f"Comprehensive school {students}",
        school_name=f"Synthetic Comprehensive High ({students} students)",
        description="Generated benchmark school (period-based, pooled core teachers); made-up numbers.",
        subjects=[Subject(s, name, color) for s, (name, color) in COMPREHENSIVE_SUBJECTS.items()],
        teachers=teachers,
        rooms=rooms,
        campuses=[Campus("north", "North campus"), Campus("south", "South campus")],
        travel=[CampusTravel("north", "south", 20)],
        cohorts=cohorts,
        advisories=advisories,
        teams=[],
        scenarios=[scenario],
    )


if __name__ == "__main__":
    shape = "comprehensive" if "--comprehensive" in sys.argv else "synthetic"
    argv = [a for a in sys.argv[1:] if a != "--comprehensive"]
    size = int(argv[0]) if argv else 1000
    out = Path(argv[1]) if len(argv) > 1 else Path(f"{shape}-{size}.json")
    make = generate_comprehensive if shape == "comprehensive" else generate_school
    out.write_text(codec.project_to_json(make(size)), encoding="utf-8")
    print(f"wrote {out}")
