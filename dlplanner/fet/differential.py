"""dlplanner's FET semantics judged by FET itself (fet-cl, Debian package ``fet``).

Ignoring a constraint dlplanner does not support only relaxes a file, so wherever fet-cl finds a
timetable, dlplanner must (1) accept that timetable with its checker (no hard violation), (2) admit
its starts in its own time model and find rooms for them in its room stage, and so (3) never
report the file "proved infeasible". A failure of any of the three is a semantics difference:
dlplanner models something more strictly than FET does. Used by ``benchmarks/fet_differential.py``
(every official example) and by a test on a sample of them.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from ortools.sat.python import cp_model

from dlplanner.fet.checker import FetCheckReport, check_fet
from dlplanner.fet.files import read_fet, timetable_of
from dlplanner.fet.model import FetInstance, FetTimetable
from dlplanner.fet.solver import solve_fet
from dlplanner.fet.solver.model import Slot, build_time_model, room_domains, room_not_available
from dlplanner.fet.solver.rooms import Rooms

FET_EXAMPLES = Path("/usr/share/doc/fet-data/examples")


def official_examples(root: Path = FET_EXAMPLES) -> list[Path]:
    """FET's official examples (FET-5-official and FET-6-official), without FET's own outputs."""
    files = sorted(root.glob("FET-*-official/**/*.fet"))
    return [f for f in files if not f.name.endswith("_data_and_timetable.fet")]


def shipped_timetables(root: Path = FET_EXAMPLES) -> list[tuple[Path, Path]]:
    """(input, FET's own ``*_data_and_timetable.fet``) pairs shipped with FET's examples (all modes)."""
    pairs = []
    for out in sorted(root.glob("**/*_data_and_timetable.fet")):
        source = out.with_name(out.name.replace("_data_and_timetable.fet", ".fet"))
        pairs.append((source if source.exists() else out, out))
    return pairs


def check_fet_timetable(source: Path, timetable_file: Path) -> FetCheckReport:
    """dlplanner's checker on a timetable FET wrote for ``source``."""
    inst = read_fet(source)
    return check_fet(inst, timetable_of(read_fet(timetable_file), inst))


@dataclass
class FetClRun:
    """One run of fet-cl: did it find a timetable, how long it took, and its timetable file."""

    solved: bool
    seconds: float
    refused: bool = False  # "Cannot precompute": fet-cl would not start on the data
    timetable_file: Path | None = None
    soft_conflicts: str = ""


def run_fet_cl(path: Path, limit: float, outdir: Path, fet_cl: str | None = None) -> FetClRun:
    """fet-cl on one file, stopping at its first timetable or after ``limit`` seconds."""
    exe = fet_cl or shutil.which("fet-cl")
    if exe is None:
        raise FileNotFoundError("fet-cl is not installed (Debian package fet)")
    limit_arg = f"--timelimitseconds={max(1, int(limit))}"
    t0 = time.monotonic()
    try:
        proc = subprocess.run(
            [exe, f"--inputfile={path}", f"--outputdir={outdir}", limit_arg, "--htmllevel=0"],
            capture_output=True,
            text=True,
            timeout=limit + 60,
        )
        stdout = proc.stdout
    except subprocess.TimeoutExpired:  # fet-cl sometimes overruns its own limit: not solved
        stdout = ""
    seconds = time.monotonic() - t0
    result = outdir / "logs" / "result.txt"
    text = stdout + (result.read_text(errors="replace") if result.exists() else "")
    solved = "Simulation successful" in text
    files = sorted(outdir.glob("timetables/*/*_data_and_timetable.fet"))
    soft = ""
    for f in outdir.glob("timetables/*/*_soft_conflicts.txt"):
        m = re.search(r"Total soft conflicts: ([\d.]+)", f.read_text(encoding="utf-8-sig", errors="replace"))
        soft = m.group(1) if m else ""
    return FetClRun(solved and bool(files), seconds, "Cannot precompute" in text, files[0] if files else None, soft)


@dataclass
class Differential:
    """dlplanner against fet-cl on one file."""

    name: str
    activities: int
    fet_cl: FetClRun
    checker: FetCheckReport | None = None  # dlplanner's checker on fet-cl's timetable
    model_admits: bool | None = None  # fet-cl's starts fit the time model and the room stage finds rooms
    model_note: str = ""
    solve_status: str | None = None  # dlplanner's own solve, when run
    notes: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.checker is not None and self.checker.valid

    @property
    def wrongly_infeasible(self) -> bool:
        """dlplanner reported a proof of infeasibility where fet-cl found a timetable."""
        return self.fet_cl.solved and self.solve_status == "infeasible"

    @property
    def agrees(self) -> bool:
        """Nothing stricter than FET seen: fet-cl's timetable (if any) passes the checker and fits
        the model, and dlplanner did not call the file infeasible."""
        if not self.fet_cl.solved:
            return True
        return self.accepted and self.model_admits is not False and not self.wrongly_infeasible


def _pinned_holds(inst: FetInstance, times: dict[int, Slot], limit: float) -> bool | None:
    """Whether the hard time model, every activity pinned to its start, is feasible (None: unknown)."""
    pinned = build_time_model(inst, with_soft=False, fixed=times)
    if pinned.infeasible_reason:
        return False
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 1
    status = solver.solve(pinned.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None


def _blame(inst: FetInstance, times: dict[int, Slot], limit: float) -> list[str]:
    """The hard constraint types whose removal alone lets the pinned model hold: where the model
    is stricter than FET."""
    types = sorted({c.type for c in inst.active_constraints() if c.hard and c.supported})
    blamed = []
    for ctype in types:
        relaxed = dataclasses.replace(
            inst,
            time_constraints=[c for c in inst.time_constraints if c.type != ctype],
            space_constraints=[c for c in inst.space_constraints if c.type != ctype],
        )
        if _pinned_holds(relaxed, times, limit):
            blamed.append(f"Constraint{ctype}")
    return blamed


def _rooms_outside_domains(inst: FetInstance, timetable: FetTimetable) -> list[int]:
    """Activities whose room in ``timetable`` the room stage could not give them: outside their
    allowed rooms, in an unavailable room, or with real rooms its model would not take. (Clashes
    and capacity are the checker's.) When there are none, the timetable's own rooms are a solution
    of the room stage, without solving it."""
    doms = room_domains(inst)
    na = room_not_available(inst)
    virtual = inst.virtual_rooms()
    real = {r.name for r in inst.rooms if not r.virtual}
    durations = {a.id: a.duration for a in inst.active_activities()}
    outside = []
    for aid, dom in doms.items():
        place = timetable.placements.get(aid)
        if place is None:
            continue
        cover = [(place.day, h) for h in range(place.hour, place.hour + durations[aid])]
        if place.room is None:
            if dom.hard:
                outside.append(aid)
            continue
        held = [place.room, *place.real_rooms]
        if (
            place.room not in dom.rooms
            or any(s in na.get(r, ()) for r in held for s in cover)
            or (place.room in virtual and any(r not in real for r in place.real_rooms))
            or (dom.real_rooms is not None and set(place.real_rooms) != dom.real_rooms)
        ):
            outside.append(aid)
    return outside


def model_admits(
    inst: FetInstance, times: dict[int, Slot], limit: float = 30.0, timetable: FetTimetable | None = None
) -> tuple[bool | None, str]:
    """Whether dlplanner's solver could return these starts: its hard time model pinned to them is
    feasible, and its room stage has rooms for them (``timetable``'s own rooms when they lie in the
    room stage's domains, else found by solving it). With a reason when it could not."""
    holds = _pinned_holds(inst, times, limit)
    if holds is None:
        return None, "time model undecided in the limit"
    if not holds:
        blamed = _blame(inst, times, limit)
        return False, "time model rejects fet-cl's starts" + (f" (because of {', '.join(blamed)})" if blamed else "")
    if timetable is not None and not _rooms_outside_domains(inst, timetable):
        return True, ""
    stage = Rooms(inst).assign(times, limit, 1, 0, optimise=False)
    if stage.rooms is not None:
        return True, ""
    if stage.timed_out:
        return None, "room stage undecided in the limit"
    outside = _rooms_outside_domains(inst, timetable) if timetable is not None else []
    return False, "room stage finds no rooms for fet-cl's starts" + (
        f" (fet-cl's rooms of activities {outside[:5]} lie outside its domains)" if outside else ""
    )


def compare_with_fet_cl(
    path: Path,
    workdir: Path,
    *,
    fet_cl_limit: float = 30.0,
    solve_limit: float | None = None,
    seed: int = 0,
) -> Differential:
    """Run fet-cl on ``path``; when it finds a timetable, judge it with dlplanner's checker and
    model; with ``solve_limit``, also run dlplanner's own solve and record its status."""
    inst = read_fet(path)
    row = Differential(path.name, len(inst.active_activities()), run_fet_cl(path, fet_cl_limit, workdir / "fet-cl"))
    if row.fet_cl.solved and row.fet_cl.timetable_file is not None:
        timetable = timetable_of(read_fet(row.fet_cl.timetable_file), inst)
        row.checker = check_fet(inst, timetable)
        row.notes += row.checker.messages[:5]
        times = {aid: (p.day, p.hour) for aid, p in timetable.placements.items()}
        # fet-cl's own rooms stand for the room stage only where the checker found no clash in them
        row.model_admits, row.model_note = model_admits(inst, times, timetable=timetable if row.accepted else None)
    if solve_limit is not None:
        row.solve_status = solve_fet(inst, solve_limit, workers=2, seed=seed).status
    return row
