"""Tiny FET instances built in code, for checker and solver tests of one family at a time."""

from __future__ import annotations

from dlplanner.fet.model import FetActivity, FetConstraint, FetGroup, FetInstance, FetRoom, FetSubgroup, FetYear


def instance(days: int = 3, hours: int = 4, rooms: list[str] | None = None) -> FetInstance:
    """Teachers A, B; year Y with groups G1 (subgroups S1, S2) and G2 (no subgroups)."""
    return FetInstance(
        name="tiny",
        days=[f"D{i + 1}" for i in range(days)],
        hours=[f"H{i + 1}" for i in range(hours)],
        subjects=["M", "E"],
        teachers=["A", "B"],
        years=[
            FetYear("Y", 30, [FetGroup("G1", 20, [FetSubgroup("S1", 10), FetSubgroup("S2", 10)]), FetGroup("G2", 10)])
        ],
        rooms=[FetRoom(r, capacity=30) for r in (rooms or [])],
        time_constraints=[FetConstraint("BasicCompulsoryTime")],
        space_constraints=[FetConstraint("BasicCompulsorySpace", space=True)],
    )


def act(inst: FetInstance, aid: int, teacher: str | list[str], students: str | list[str], dur: int = 1, **kw) -> None:
    inst.activities.append(
        FetActivity(
            id=aid,
            subject=kw.pop("subject", "M"),
            teachers=[teacher] if isinstance(teacher, str) else teacher,
            students=[students] if isinstance(students, str) else students,
            duration=dur,
            **kw,
        )
    )


def con(inst: FetInstance, ctype: str, weight: float = 100, slots=(), space: bool = False, **fields) -> FetConstraint:
    c = FetConstraint(ctype, weight=weight, space=space, slots=list(slots))
    for k, v in fields.items():
        c.fields[k] = [str(x) for x in v] if isinstance(v, list) else [str(v)]
    (inst.space_constraints if space else inst.time_constraints).append(c)
    return c
