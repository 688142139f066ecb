"""Read and write FET's ``.fet`` files (FET 5 and 6), and turn one into a dlplanner project.

Reading keeps every constraint (supported or not) so nothing is silently dropped; writing produces
FET's own "data and timetable" file: the input file unchanged plus, for every placed activity, a
permanently locked ``ConstraintActivityPreferredStartingTime`` and, where it has a room, a locked
``ConstraintActivityPreferredRoom`` — what FET writes as ``*_data_and_timetable.fet``, so FET can
open the result and show (or regenerate around) the timetable.
"""

from __future__ import annotations

import copy
import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from dlplanner.domain.calendar import RotationKind
from dlplanner.domain.model import (
    BellSchedule,
    Block,
    BlockKind,
    Cohort,
    DayType,
    Placement,
    Project,
    Room,
    Scenario,
    Section,
    Solution,
    SolveStatus,
    Subject,
    Teacher,
    TimeWindow,
)
from dlplanner.fet.model import (
    MORNINGS_AFTERNOONS,
    OFFICIAL,
    FetActivity,
    FetConstraint,
    FetFormatError,
    FetGroup,
    FetInstance,
    FetPlacement,
    FetRoom,
    FetSubgroup,
    FetTimetable,
    FetYear,
)

SLOT_TAGS = {"Preferred_Time_Slot", "Not_Available_Time", "Break_Time", "Preferred_Starting_Time"}


# -- reading ---------------------------------------------------------------------------------------


#: The largest ``.fet`` accepted, on disk and after gunzip: real school files are a few MB (the
#: largest of FET's examples about 10 MB), so this leaves room while a 4 MB "gzip bomb" that
#: expands to gigabytes is refused before it fills memory.
MAX_FET_BYTES = 256 * 1024 * 1024


def _too_large(path: Path, what: str) -> FetFormatError:
    return FetFormatError(
        f"{path}: the {what} is larger than {MAX_FET_BYTES // (1024 * 1024)} MB, far beyond any school's "
        "timetable; is this the right file?"
    )


def _read_bytes(path: Path) -> bytes:
    """The file's XML bytes, gunzipped if needed; both sizes bounded by ``MAX_FET_BYTES``."""
    if path.stat().st_size > MAX_FET_BYTES:
        raise _too_large(path, "file")
    with path.open("rb") as raw:
        head = raw.read(2)
        raw.seek(0)
        if head != b"\x1f\x8b":
            return raw.read()
        try:
            with gzip.GzipFile(fileobj=raw) as unzipped:
                data = unzipped.read(MAX_FET_BYTES + 1)  # decompresses no further than the bound
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise FetFormatError(f"{path}: a damaged gzip file ({exc}); is this a .fet.gz file?") from exc
    if len(data) > MAX_FET_BYTES:
        raise _too_large(path, "unzipped content")
    return data


#: Root elements fet-cl reads: ``<fet>`` (FET 5 and 6) and ``<FET>`` (files from FET 3 and 4).
FET_ROOTS = ("fet", "FET")


def _parse_tree(path: Path) -> etree._ElementTree:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such FET file")
    try:
        data = _read_bytes(path)
    except OSError as exc:
        raise FetFormatError(f"{path}: cannot read the file ({exc})") from exc
    parser = etree.XMLParser(huge_tree=True, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, msg = exc.lineno if exc.lineno else "?", " ".join(exc.msg.split())  # lxml's msg may span lines
        raise FetFormatError(f"{path}:{line}: not well-formed XML ({msg}); is this a .fet file?") from exc
    if root.tag not in FET_ROOTS:
        raise FetFormatError(f"{path}:{root.sourceline}: the root element is <{root.tag}>, expected <fet>")
    return etree.ElementTree(root)


def _text(el: etree._Element | None) -> str:
    return "" if el is None or el.text is None else el.text


MAX_WHOLE_NUMBER = 1_000_000_000  # far above any size, capacity or count in a school; keeps numbers storable


def _int(path: Path, el: etree._Element, tag: str, default: int | None = None) -> int:
    child = el.find(tag)
    if child is None or not _text(child).strip():
        if default is None:
            raise FetFormatError(f"{path}:{el.sourceline}: <{el.tag}> has no <{tag}>")
        return default
    try:
        number = int(float(_text(child).strip()))
    except (ValueError, OverflowError):  # "abc", or "1e309" (infinity)
        raise FetFormatError(
            f"{path}:{child.sourceline}: <{tag}> must be a whole number, not '{_text(child).strip()}'"
        ) from None
    if abs(number) > MAX_WHOLE_NUMBER:
        raise FetFormatError(f"{path}:{child.sourceline}: <{tag}> is too large ({_text(child).strip()})")
    return number


def _names(root: etree._Element, list_tag: str, item_tag: str) -> list[str]:
    """Names of a list: ``<Day><Name>…</Name></Day>`` items, or (FET 3 and 4) ``<Name>`` children
    of the list itself."""
    lst = root.find(list_tag)
    if lst is None:
        return []
    items = lst.findall(item_tag)
    if items:
        return [_text(item.find("Name")) for item in items]
    return [_text(name) for name in lst.findall("Name")]


def _mode(root: etree._Element) -> str:
    """FET's mode: ``<Mode>`` (FET 6), or the suffix of a FET 5 special build's version
    ("5.27.3-algeria29", "-ma9", "-morocco8": mornings-afternoons; "-bp": block planning;
    "-mathmake": terms)."""
    mode = _text(root.find("Mode")).strip()
    if mode:
        return mode
    suffix = root.get("version", "").partition("-")[2].lower()
    if suffix.startswith(("algeria", "morocco", "ma")):
        return MORNINGS_AFTERNOONS
    if suffix.startswith("bp"):
        return "Block_Planning"
    if suffix.startswith("mathmake"):
        return "Terms"
    return OFFICIAL


def _read_constraint(path: Path, el: etree._Element, space: bool, mode: str = OFFICIAL) -> FetConstraint:
    ctype = el.tag[len("Constraint") :] if el.tag.startswith("Constraint") else el.tag
    c = FetConstraint(type=ctype, space=space, line=el.sourceline or 0, mode=mode)
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag in SLOT_TAGS:
            parts = [_text(x) for x in child if isinstance(x.tag, str)]
            if len(parts) >= 2:
                c.slots.append((parts[0], parts[1]))
            continue
        c.fields.setdefault(child.tag, []).append(_text(child))
    weight = c.get("Weight_Percentage", c.get("Weight", "100")).strip() or "100"
    try:
        c.weight = float(weight)
    except ValueError:
        raise FetFormatError(
            f"{path}:{el.sourceline}: <{el.tag}> has a weight '{weight}' that is not a number"
        ) from None
    if ctype in ("BasicCompulsoryTime", "BasicCompulsorySpace"):
        c.weight = 100.0  # always hard in FET (files from FET 3 give them a <Weight> of 1)
    if not 0.0 <= c.weight <= 100.0:
        raise FetFormatError(f"{path}:{el.sourceline}: <{el.tag}> has weight {weight}; FET weights are 0 to 100")
    c.active = c.get("Active", "true").strip().lower() not in ("false", "no")
    return c


@dataclass
class FetDocument:
    """A parsed ``.fet`` file: the instance, and the XML tree the timetable file is written from
    (so a command parses its input once)."""

    instance: FetInstance
    tree: etree._ElementTree


def read_fet(path: str | Path) -> FetInstance:
    """Parse a ``.fet`` (or gzipped ``.fet.gz``) file; errors name the file and line."""
    return parse_fet(path).instance


def parse_fet(path: str | Path) -> FetDocument:
    """Parse a ``.fet`` file once, keeping its tree for :func:`write_fet_timetable`."""
    path = Path(path)
    tree = _parse_tree(path)
    return FetDocument(_instance(path, tree.getroot()), tree)


def _instance(path: Path, root: etree._Element) -> FetInstance:
    inst = FetInstance(name=path.name.removesuffix(".gz").removesuffix(".fet"), source=str(path))
    inst.version = root.get("version", "")
    inst.mode = _mode(root)
    inst.days = _names(root, "Days_List", "Day")
    inst.hours = _names(root, "Hours_List", "Hour")
    if not inst.days or not inst.hours:
        raise FetFormatError(f"{path}:{root.sourceline}: the file has no days or no hours (Days_List / Hours_List)")
    inst.subjects = _names(root, "Subjects_List", "Subject")
    inst.activity_tags = _names(root, "Activity_Tags_List", "Activity_Tag")
    inst.teachers = _names(root, "Teachers_List", "Teacher")
    inst.buildings = _names(root, "Buildings_List", "Building")
    students = root.find("Students_List")
    if students is not None:
        for y in students.findall("Year"):
            year = FetYear(_text(y.find("Name")), _int(path, y, "Number_of_Students", 0))
            for g in y.findall("Group"):
                group = FetGroup(_text(g.find("Name")), _int(path, g, "Number_of_Students", 0))
                for s in g.findall("Subgroup"):
                    group.subgroups.append(FetSubgroup(_text(s.find("Name")), _int(path, s, "Number_of_Students", 0)))
                year.groups.append(group)
            inst.years.append(year)
    rooms = root.find("Rooms_List")
    if rooms is not None:
        for r in rooms.findall("Room"):
            inst.rooms.append(
                FetRoom(
                    name=_text(r.find("Name")),
                    building=_text(r.find("Building")),
                    capacity=_int(path, r, "Capacity", 30000),
                    virtual=_text(r.find("Virtual")).strip().lower() == "true",
                    real_room_sets=[
                        [_text(x) for x in sets.findall("Real_Room")] for sets in r.findall("Set_of_Real_Rooms")
                    ],
                )
            )
    acts = root.find("Activities_List")
    seen_ids: set[int] = set()
    if acts is not None:
        for a in acts.findall("Activity"):
            act = FetActivity(
                id=_int(path, a, "Id"),
                subject=_text(a.find("Subject")),
                teachers=[_text(t) for t in a.findall("Teacher")],
                students=[_text(s) for s in a.findall("Students")],
                tags=[_text(t) for t in a.findall("Activity_Tag")],
                duration=_int(path, a, "Duration"),
                line=a.sourceline or 0,
            )
            act.total_duration = _int(path, a, "Total_Duration", act.duration)
            act.group_id = _int(path, a, "Activity_Group_Id", 0)
            act.active = _text(a.find("Active")).strip().lower() not in ("false", "no")
            if a.find("Number_Of_Students") is not None:
                act.n_students = _int(path, a, "Number_Of_Students", 0)
            if act.id in seen_ids:
                raise FetFormatError(f"{path}:{a.sourceline}: activity id {act.id} is used twice")
            if act.duration < 1 or act.duration > len(inst.hours):
                raise FetFormatError(
                    f"{path}:{a.sourceline}: activity {act.id} lasts {act.duration} hours; "
                    f"a day has {len(inst.hours)} hours"
                )
            seen_ids.add(act.id)
            inst.activities.append(act)
    for list_tag, space in (("Time_Constraints_List", False), ("Space_Constraints_List", True)):
        lst = root.find(list_tag)
        if lst is None:
            continue
        for el in lst:
            if isinstance(el.tag, str):
                (inst.space_constraints if space else inst.time_constraints).append(
                    _read_constraint(path, el, space, inst.mode)
                )
    return inst


# -- writing ---------------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str) -> None:
    child = etree.SubElement(parent, tag)
    child.text = text
    child.tail = "\n\t"


def _locked_element(tag: str, fields: list[tuple[str, str]]) -> etree._Element:
    el = etree.Element(tag)
    el.text = "\n\t"
    for name, value in fields:
        _sub(el, name, value)
    el[-1].tail = "\n"
    el.tail = "\n"
    return el


def _existing_locks(
    root: etree._Element,
) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, tuple[str, ...]]]]:
    """Hard, active locks already in the file, so they are not written twice."""
    times: set[tuple[str, str, str]] = set()
    rooms: set[tuple[str, str, tuple[str, ...]]] = set()
    for el in root.iter("ConstraintActivityPreferredStartingTime"):
        if _text(el.find("Weight_Percentage")).strip() in ("100", "100.0") and _text(el.find("Active")) != "false":
            times.add(
                (
                    _text(el.find("Activity_Id")).strip(),
                    _text(el.find("Preferred_Day")),
                    _text(el.find("Preferred_Hour")),
                )
            )
    for el in root.iter("ConstraintActivityPreferredRoom"):
        if _text(el.find("Weight_Percentage")).strip() in ("100", "100.0") and _text(el.find("Active")) != "false":
            real = tuple(_text(x) for x in el.findall("Real_Room"))
            rooms.add((_text(el.find("Activity_Id")).strip(), _text(el.find("Room")), real))
    return times, rooms


def write_fet_timetable(
    source: FetDocument | etree._ElementTree | str | Path,
    instance: FetInstance,
    timetable: FetTimetable,
    out: str | Path,
) -> None:
    """Write FET's "data and timetable" file: ``source`` (left unchanged) plus a permanently locked
    starting time for every placed activity and a locked preferred room where it has one (with its
    real rooms when the room is virtual). Written to a temporary file first and moved into place,
    so a failure never leaves half a file."""
    out = Path(out)
    if isinstance(source, str | Path):
        tree = _parse_tree(Path(source))
    else:  # a tree the caller keeps: written from a copy
        tree = copy.deepcopy(source.tree if isinstance(source, FetDocument) else source)
    root = tree.getroot()
    times_list = root.find("Time_Constraints_List")
    if times_list is None:
        times_list = etree.SubElement(root, "Time_Constraints_List")
        times_list.text = "\n"
    space_list = root.find("Space_Constraints_List")
    if space_list is None:
        space_list = etree.SubElement(root, "Space_Constraints_List")
        space_list.text = "\n"
    have_times, have_rooms = _existing_locks(root)
    for act in instance.activities:
        place = timetable.placements.get(act.id)
        if place is None or not act.active:
            continue
        day, hour = instance.days[place.day], instance.hours[place.hour]
        if (str(act.id), day, hour) not in have_times:
            times_list.append(
                _locked_element(
                    "ConstraintActivityPreferredStartingTime",
                    [
                        ("Weight_Percentage", "100"),
                        ("Activity_Id", str(act.id)),
                        ("Preferred_Day", day),
                        ("Preferred_Hour", hour),
                        ("Permanently_Locked", "true"),
                        ("Active", "true"),
                        ("Comments", ""),
                    ],
                )
            )
        if place.room is not None and (str(act.id), place.room, tuple(place.real_rooms)) not in have_rooms:
            real: list[tuple[str, str]] = []
            if place.real_rooms:
                real = [("Number_of_Real_Rooms", str(len(place.real_rooms)))]
                real += [("Real_Room", name) for name in place.real_rooms]
            space_list.append(
                _locked_element(
                    "ConstraintActivityPreferredRoom",
                    [
                        ("Weight_Percentage", "100"),
                        ("Activity_Id", str(act.id)),
                        ("Room", place.room),
                        *real,
                        ("Permanently_Locked", "true"),
                        ("Active", "true"),
                        ("Comments", ""),
                    ],
                )
            )
    partial = out.with_name(f".{out.name}.partial")
    try:
        tree.write(str(partial), encoding="UTF-8", xml_declaration=True)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


def read_fet_timetable(path: str | Path, instance: FetInstance) -> FetTimetable:
    """The timetable held by a "data and timetable" file (see :func:`timetable_of`)."""
    return timetable_of(read_fet(path), instance)


def timetable_of(locked: FetInstance, instance: FetInstance | None = None) -> FetTimetable:
    """The timetable a "data and timetable" instance holds: its hard, active starting-time and room
    constraints of single activities (the locks FET and dlplanner write), with the real rooms of
    a virtual room. Day and hour names are resolved in ``instance`` (default: ``locked`` itself)."""
    instance = instance or locked
    timetable = FetTimetable()
    for c in locked.time_constraints:
        if c.type == "ActivityPreferredStartingTime" and c.active and c.hard:
            slot = instance.slot_index(c.get("Preferred_Day"), c.get("Preferred_Hour"))
            if slot is not None:
                timetable.placements[c.get_int("Activity_Id")] = FetPlacement(slot[0], slot[1])
    for c in locked.space_constraints:
        if c.type == "ActivityPreferredRoom" and c.active and c.hard:
            place = timetable.placements.get(c.get_int("Activity_Id"))
            if place is not None:
                place.room = c.get("Room")
                place.real_rooms = c.all("Real_Room") or place.real_rooms
    return timetable


# -- import into a dlplanner project -----------------------------------------------------------


def fet_to_project(instance: FetInstance, notes: list[str] | None = None) -> Project:
    """A dlplanner project holding a FET instance: days → day types, hours → blocks of a bell
    schedule, subgroups → cohorts, activities → sections. What dlplanner cannot express is listed
    in ``notes`` (and in the project description) rather than dropped silently."""
    notes = notes if notes is not None else []
    subject_ids = {name: f"subj-{i + 1}" for i, name in enumerate(instance.subjects)}
    teacher_ids = {name: f"t-{i + 1}" for i, name in enumerate(instance.teachers)}
    room_ids = {r.name: f"room-{i + 1}" for i, r in enumerate(instance.rooms)}
    subgroups = instance.subgroup_names()
    cohort_ids = {name: f"sg-{i + 1}" for i, name in enumerate(subgroups)}
    smap = instance.students_map()
    counts = instance.students_count()
    day_ids = [f"d{i + 1}" for i in range(len(instance.days))]

    def block_time(h: int) -> tuple[int, int]:
        start = 8 * 60 + 60 * h
        return start, start + 60

    # breaks → non-class blocks; days with the same breaks share a bell schedule
    breaks: set[tuple[int, int]] = set()
    mapped: set[int] = set()
    for c in instance.active_constraints():
        if c.type == "BreakTimes" and c.hard:
            for day, hour in c.slots:
                slot = instance.slot_index(day, hour)
                if slot:
                    breaks.add(slot)
            mapped.add(id(c))
    schedules: dict[tuple[int, ...], BellSchedule] = {}
    day_types: list[DayType] = []
    for d, name in enumerate(instance.days):
        pattern = tuple(h for h in range(len(instance.hours)) if (d, h) in breaks)
        bell = schedules.get(pattern)
        if bell is None:
            bell = BellSchedule(id=f"bell-{len(schedules) + 1}", name=f"FET hours {len(schedules) + 1}")
            for h, hour_name in enumerate(instance.hours):
                start, end = block_time(h)
                kind = BlockKind.LUNCH if h in pattern else BlockKind.CLASS
                bell.blocks.append(Block(id=f"h{h + 1}", start=start, end=end, kind=kind, label=hour_name))
            schedules[pattern] = bell
        day_types.append(DayType(id=day_ids[d], name=name, bell_schedule_id=bell.id))

    teachers = [Teacher(id=teacher_ids[n], name=n) for n in instance.teachers]
    by_teacher = {t.name: t for t in teachers}
    for c in instance.active_constraints():
        if c.type == "TeacherNotAvailableTimes" and c.hard and c.get("Teacher") in by_teacher:
            for day, hour in c.slots:
                slot = instance.slot_index(day, hour)
                if slot:
                    start, end = block_time(slot[1])
                    by_teacher[c.get("Teacher")].unavailable.append(TimeWindow(day_ids[slot[0]], start, end))
            mapped.add(id(c))
    for act in instance.active_activities():
        for t in act.teachers:
            if t in by_teacher and act.subject in subject_ids:
                by_teacher[t].subject_ids.add(subject_ids[act.subject])

    fixed_room: dict[int, str] = {}
    for c in instance.active_constraints():
        if c.type == "ActivityPreferredRoom" and c.hard and c.get("Room") in room_ids:
            fixed_room[c.get_int("Activity_Id")] = room_ids[c.get("Room")]
            mapped.add(id(c))

    # activities → sections: one per (activity group, duration)
    grouped: dict[tuple[int, int], list[FetActivity]] = {}
    for act in instance.active_activities():
        key = (act.group_id or -act.id, act.duration)
        grouped.setdefault(key, []).append(act)
    sections: list[Section] = []
    for (_gid, duration), acts in grouped.items():
        first = acts[0]
        cohorts: dict[str, None] = {}
        for s in first.students:
            for sub in smap.get(s, []):
                cohorts.setdefault(cohort_ids[sub])
        rooms = {fixed_room.get(a.id) for a in acts}
        section = Section(
            id=f"a{first.id}",
            name=f"{first.subject} ({', '.join(first.students) or 'no students'})",
            subject_id=subject_ids.get(first.subject, ""),
            cohort_ids=list(cohorts),
            meetings_per_cycle=len(acts),
            length_blocks=duration,
            teacher_ids=[teacher_ids[t] for t in first.teachers if t in teacher_ids],
            room_id=rooms.pop() if len(rooms) == 1 else None,
            enrolment=instance.activity_size(first),
            min_capacity=0,
            allow_break_span=True,
        )
        sections.append(section)

    unmapped: dict[str, int] = {}
    for c in instance.active_constraints():
        if id(c) in mapped or c.type in ("BasicCompulsoryTime", "BasicCompulsorySpace"):
            continue
        unmapped[f"Constraint{c.type}"] = unmapped.get(f"Constraint{c.type}", 0) + 1
    for name, n in sorted(unmapped.items()):
        notes.append(f"not carried into the project (dlplanner has no such rule yet): {name} × {n}")
    if instance.virtual_rooms():
        notes.append(
            f"virtual rooms became ordinary rooms (their sets of real rooms are not carried into the project): "
            f"{', '.join(instance.virtual_rooms())}"
        )

    scenario = Scenario(
        id="fet",
        name="FET import",
        description=f"Imported from {Path(instance.source).name or 'a FET file'}",
        bell_schedules=list(schedules.values()),
        day_types=day_types,
        sections=sections,
    )
    scenario.calendar.rotation.weekday_map = {i: day_ids[i] for i in range(min(5, len(day_ids)))}
    if len(day_ids) != 5:
        scenario.calendar.rotation.kind = RotationKind.CYCLE
        scenario.calendar.rotation.sequence = list(day_ids)
    project = Project(
        name=instance.name or "FET import",
        school_name=instance.name,
        description="Imported from FET. " + " ".join(notes),
        subjects=[Subject(id=subject_ids[s], name=s) for s in instance.subjects],
        teachers=teachers,
        rooms=[Room(id=room_ids[r.name], name=r.name, capacity=r.capacity) for r in instance.rooms],
        cohorts=[Cohort(id=cohort_ids[s], name=s, grade=0, size=counts.get(s, 0)) for s in subgroups],
        scenarios=[scenario],
    )
    return project


def project_to_fet_timetable(instance: FetInstance, project: Project, scenario: Scenario) -> FetTimetable:
    """The FET timetable of a scenario's solution for a project imported from ``instance``: each
    section's meetings, in order, go to the FET activities it was made from."""
    days = {d.id: i for i, d in enumerate(scenario.day_types)}
    rooms = {r.id: r.name for r in project.rooms}
    by_section: dict[str, list[FetActivity]] = {}
    grouped: dict[tuple[int, int], list[FetActivity]] = {}
    for act in instance.active_activities():
        grouped.setdefault((act.group_id or -act.id, act.duration), []).append(act)
    for acts in grouped.values():
        by_section[f"a{acts[0].id}"] = acts
    timetable = FetTimetable()
    for p in scenario.solution.placements:
        acts = by_section.get(p.section_id)
        if not acts or p.meeting >= len(acts) or p.day_type_id not in days:
            continue
        schedule = scenario.schedule_of(p.day_type_id)
        hour = next((h for h, b in enumerate(schedule.blocks) if b.start == p.start), None)
        if hour is None:
            continue
        timetable.placements[acts[p.meeting].id] = FetPlacement(
            days[p.day_type_id], hour, rooms.get(p.room_id) if p.room_id else None
        )
    return timetable


def fet_solution(instance: FetInstance, project: Project, scenario: Scenario, timetable: FetTimetable) -> Solution:
    """A scenario solution from a FET timetable (for a project made by :func:`fet_to_project`)."""
    room_ids = {r.name: r.id for r in project.rooms}
    by_id = {a.id: a for a in instance.activities}
    grouped: dict[tuple[int, int], list[FetActivity]] = {}
    for act in instance.active_activities():
        grouped.setdefault((act.group_id or -act.id, act.duration), []).append(act)
    solution = Solution(status=SolveStatus.FEASIBLE)
    for acts in grouped.values():
        for i, act in enumerate(acts):
            place = timetable.placements.get(act.id)
            if place is None:
                continue
            day = scenario.day_types[place.day]
            blocks = scenario.schedule_of(day.id).blocks
            section = scenario.section(f"a{acts[0].id}")
            solution.placements.append(
                Placement(
                    section_id=section.id,
                    meeting=i,
                    day_type_id=day.id,
                    start=blocks[place.hour].start,
                    end=blocks[place.hour + by_id[act.id].duration - 1].end,
                    room_id=room_ids.get(place.room) if place.room else None,
                    teacher_ids=list(section.teacher_ids),
                )
            )
    return solution


# -- export of any project scenario ---------------------------------------------------------------


def _el(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, tag)
    if text is not None:
        child.text = text
    return child


def project_to_fet(project: Project, scenario: Scenario) -> tuple[etree._ElementTree, FetInstance, FetTimetable]:
    """A FET file for a scenario: day types → days, block positions → hours, cohorts → years,
    section meetings → (split) activities; plus its timetable.

    Passing time is not an hour: a double block absorbs it, and in FET an activity may not span a
    break, so passing time as a break hour made every double block break a hard constraint. Other
    non-class blocks (advisory, lunch, planning…) are break hours, except where a placed meeting
    spans one on that day (a section allowed across a break); each meeting lasts as many hours as
    its placement covers."""
    day_types = scenario.day_types
    schedules = [
        [b for b in scenario.schedule_of(d.id).sorted_blocks() if b.kind != BlockKind.PASSING] for d in day_types
    ]
    n_hours = max((len(s) for s in schedules), default=0)
    if not day_types or not n_hours:
        raise FetFormatError(f"Scenario '{scenario.name}' has no day types or no blocks to export")
    first = max(schedules, key=len)
    hours = [b.label or f"{b.start // 60}:{b.start % 60:02d}" for b in first]
    hours = [h if hours.count(h) == 1 else f"{h} ({i + 1})" for i, h in enumerate(hours)]
    days = [d.name for d in day_types]
    root = etree.Element("fet", version="6.8.5")
    _el(root, "Institution_Name", project.school_name or project.name)
    _el(root, "Comments", f"Exported by dlplanner from scenario {scenario.name}")
    dl = _el(root, "Days_List")
    _el(dl, "Number_of_Days", str(len(days)))
    for d in days:
        _el(_el(dl, "Day"), "Name", d)
    hl = _el(root, "Hours_List")
    _el(hl, "Number_of_Hours", str(n_hours))
    for h in hours:
        _el(_el(hl, "Hour"), "Name", h)
    sl = _el(root, "Subjects_List")
    for subj in project.subjects:
        _el(_el(sl, "Subject"), "Name", subj.name)
    _el(root, "Activity_Tags_List")
    tl = _el(root, "Teachers_List")
    for t in project.teachers:
        _el(_el(tl, "Teacher"), "Name", t.name)
    stl = _el(root, "Students_List")
    for c in project.cohorts:
        y = _el(stl, "Year")
        _el(y, "Name", c.name)
        _el(y, "Number_of_Students", str(c.size))
    _el(root, "Buildings_List")
    rl = _el(root, "Rooms_List")
    for r in project.rooms:
        re_ = _el(rl, "Room")
        _el(re_, "Name", r.name)
        _el(re_, "Building", "")
        _el(re_, "Capacity", str(r.capacity))
    subjects = {s.id: s.name for s in project.subjects}
    teachers = {t.id: t.name for t in project.teachers}
    cohorts = {c.id: c.name for c in project.cohorts}
    rooms = {r.id: r.name for r in project.rooms}
    day_index = {dt.id: i for i, dt in enumerate(day_types)}
    placed_at: dict[tuple[str, int], Placement] = {(p.section_id, p.meeting): p for p in scenario.solution.placements}

    def covered(p: Placement) -> list[int]:
        """The hours a placement covers on its day (empty when its day or start is unknown)."""
        d = day_index.get(p.day_type_id)
        if d is None or not any(b.start == p.start for b in schedules[d]):
            return []
        return [h for h, b in enumerate(schedules[d]) if b.start >= p.start and b.end <= p.end]

    al = _el(root, "Activities_List")
    next_id = 1
    ids: dict[tuple[str, int], int] = {}
    for sec in scenario.sections:
        n = max(1, sec.meetings_per_cycle)
        durations = [len(covered(placed_at[(sec.id, m)])) if (sec.id, m) in placed_at else 0 for m in range(n)]
        durations = [d or sec.length_blocks or 1 for d in durations]
        group = next_id if n > 1 else 0
        for m in range(n):
            dur = durations[m]
            a = _el(al, "Activity")
            placed = placed_at.get((sec.id, m))
            names = sec.teacher_ids or (placed.teacher_ids if placed else [])
            for tid in names:
                _el(a, "Teacher", teachers.get(tid, tid))
            _el(a, "Subject", subjects.get(sec.subject_id, sec.subject_id))
            for cid in sec.cohort_ids:
                _el(a, "Students", cohorts.get(cid, cid))
            _el(a, "Duration", str(dur))
            _el(a, "Total_Duration", str(sum(durations)))
            _el(a, "Id", str(next_id))
            _el(a, "Activity_Group_Id", str(group))
            _el(a, "Active", "true")
            _el(a, "Comments", sec.name)
            ids[(sec.id, m)] = next_id
            next_id += 1
    tcl = _el(root, "Time_Constraints_List")
    bc = _el(tcl, "ConstraintBasicCompulsoryTime")
    _el(bc, "Weight_Percentage", "100")
    _el(bc, "Active", "true")
    spanned = {(day_index[p.day_type_id], h) for p in scenario.solution.placements for h in covered(p)}
    breaks = [
        (days[d], hours[h])
        for d, blocks in enumerate(schedules)
        for h in range(n_hours)
        if (h >= len(blocks) or blocks[h].kind != BlockKind.CLASS) and (d, h) not in spanned
    ]
    if breaks:
        bt = _el(tcl, "ConstraintBreakTimes")
        _el(bt, "Weight_Percentage", "100")
        _el(bt, "Number_of_Break_Times", str(len(breaks)))
        for day, hour in breaks:
            slot = _el(bt, "Break_Time")
            _el(slot, "Day", day)
            _el(slot, "Hour", hour)
        _el(bt, "Active", "true")
    scl = _el(root, "Space_Constraints_List")
    bs = _el(scl, "ConstraintBasicCompulsorySpace")
    _el(bs, "Weight_Percentage", "100")
    _el(bs, "Active", "true")
    etree.indent(root, space="\t")
    tree = etree.ElementTree(root)
    instance = FetInstance(name=project.name, days=days, hours=hours)
    timetable = FetTimetable()
    for p in scenario.solution.placements:
        aid = ids.get((p.section_id, p.meeting))
        d = next((i for i, dt in enumerate(day_types) if dt.id == p.day_type_id), None)
        if aid is None or d is None:
            continue
        h = next((i for i, b in enumerate(schedules[d]) if b.start == p.start), None)
        if h is not None:
            timetable.placements[aid] = FetPlacement(d, h, rooms.get(p.room_id) if p.room_id else None)
    instance.activities = [FetActivity(id=i, subject="") for i in ids.values()]
    return tree, instance, timetable
