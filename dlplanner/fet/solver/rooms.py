"""The room stage of a FET solve: rooms for fixed times.

Two things make it more than a matching:
- An activity whose room constraints are all soft may go without a room (FET leaves it
  unallocated when it breaks the preference), paying the weights of its preferences; only a
  hard room constraint obliges a room.
- When no assignment exists, the reason is returned as room sets (Hall's condition): at some
  slot more activities are confined to a set S of rooms than S has free rooms. "At every slot,
  activities confined to S number at most the free rooms of S" is then a *valid* constraint for
  the time model, unlike forbidding the slots where it failed, which could cut off every
  timetable.
- An activity in a *virtual* room takes one real room from each of the room's sets, all
  different, each held like any room; the virtual room itself may host several activities at
  once (as in FET), so activities that may use one are left out of the Hall cuts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from dlplanner.fet.model import FetInstance
from dlplanner.fet.solver.model import (
    RoomDomain,
    Slot,
    room_domains,
    room_not_available,
    room_soft_not_available,
    weight_units,
)

SCALE = 10000  # penalty units per FET conflict (weight 100 × 100), as in the time model


@dataclass
class RoomStage:
    rooms: dict[int, str | None] | None  # None: no assignment found
    real_rooms: dict[int, list[str]] = field(default_factory=dict)  # of activities in virtual rooms
    penalty: float = 0.0
    bound: float = 0.0
    hall_sets: set[frozenset[str]] = field(default_factory=set)  # valid cuts for the time model
    nogood: list[tuple[int, Slot]] = field(default_factory=list)  # these starts cannot all stay
    timed_out: bool = False


def _cover(times: dict[int, Slot], durations: dict[int, int], aid: int) -> list[Slot]:
    d, h = times[aid]
    return [(d, hh) for hh in range(h, h + durations[aid])]


def hall_violations(
    doms: dict[int, RoomDomain],
    room_na: dict[str, set[Slot]],
    times: dict[int, Slot],
    durations: dict[int, int],
) -> set[frozenset[str]]:
    """Room sets S such that, at some slot, more activities with a hard room constraint inside S
    take place than S has rooms free: found per slot by a bipartite matching; the activities
    reachable by alternating paths from an unmatched one are the deficient set."""
    at: dict[Slot, list[int]] = defaultdict(list)
    for aid, dom in doms.items():
        if dom.exclusive and aid in times:
            for s in _cover(times, durations, aid):
                at[s].append(aid)
    found: set[frozenset[str]] = set()
    for slot, aids in at.items():
        free = {a: [r for r in sorted(doms[a].rooms) if slot not in room_na.get(r, ())] for a in aids}
        holder: dict[str, int] = {}

        def augment(a: int, seen: set[str], free=free, holder=holder) -> bool:
            for r in free[a]:
                if r not in seen:
                    seen.add(r)
                    if r not in holder or augment(holder[r], seen):
                        holder[r] = a
                        return True
            return False

        for a in aids:
            seen: set[str] = set()
            if not augment(a, seen):
                # every room reachable from a is held by an activity reachable from a
                reached = {a} | {holder[r] for r in seen}
                found.add(frozenset().union(*(doms[x].rooms for x in reached)))
    return found


class Rooms:
    """The room stage for one instance: room domains, unavailable rooms and durations are worked
    out once, then used for every set of times the solve loop tries."""

    def __init__(self, inst: FetInstance) -> None:
        self.doms = room_domains(inst)
        self.na = room_not_available(inst)
        self.soft_na = room_soft_not_available(inst)
        self.durations = {a.id: a.duration for a in inst.active_activities()}
        self.virtual = inst.virtual_rooms()
        self.real = {r.name for r in inst.rooms if not r.virtual}  # what a virtual room's sets may name

    def assign(self, times: dict[int, Slot], limit: float, workers: int, seed: int, optimise: bool = True) -> RoomStage:
        """Rooms for fixed times, minimising the soft room penalty (unless ``optimise`` is False:
        then any assignment will do, which is much quicker, to check times before optimising)."""
        doms, na, durations = self.doms, self.na, self.durations
        hall = hall_violations(doms, na, times, durations)
        if hall:
            return RoomStage(None, hall_sets=hall)
        model = cp_model.CpModel()
        choice: dict[int, dict[str, cp_model.IntVar]] = {}
        present: dict[int, cp_model.IntVar] = {}
        per_room_slot: dict[tuple[str, Slot], list] = defaultdict(list)
        real_choice: dict[tuple[int, str], list[dict[str, cp_model.IntVar]]] = {}
        penalty = []
        for aid, dom in doms.items():
            if aid not in times:
                continue
            cover = _cover(times, durations, aid)
            options = {}
            for room in sorted(dom.rooms):
                if any(s in na.get(room, ()) for s in cover):
                    continue
                v = model.new_bool_var("")
                options[room] = v
                for weight, preferred, _name in dom.soft:
                    if room not in preferred:
                        penalty.append(weight_units(weight) * v)
                held_rooms = [(room, v)]
                if room in self.virtual:
                    # one real room of each set, all different, taken when the virtual room is
                    picks = real_choice.setdefault((aid, room), [])
                    by_real: dict[str, list[cp_model.IntVar]] = defaultdict(list)
                    for options_of_set in self.virtual[room]:
                        ys = {}
                        for real in dict.fromkeys(options_of_set):
                            if real not in self.real or (dom.real_rooms is not None and real not in dom.real_rooms):
                                continue
                            if not any(s in na.get(real, ()) for s in cover):
                                ys[real] = model.new_bool_var("")
                                by_real[real].append(ys[real])
                                held_rooms.append((real, ys[real]))
                        model.add(sum(ys.values()) == v)
                        picks.append(ys)
                    for ys_of_real in by_real.values():
                        if len(ys_of_real) > 1:
                            model.add_at_most_one(ys_of_real)
                for held_room, var in held_rooms:
                    if held_room not in self.virtual:  # a virtual room may host several at once
                        for s in cover:
                            per_room_slot[(held_room, s)].append(var)
                    for weight, slots in self.soft_na.get(held_room, ()):
                        held = sum(1 for s in cover if s in slots)
                        if held:
                            penalty.append(weight_units(weight) * held * var)
            if dom.hard:
                # a literal per activity, so that an infeasible model names a small set of them
                present[aid] = model.new_bool_var("")
                model.add(sum(options.values()) == present[aid])
            else:
                # only soft preferences: no room is allowed, and breaks each of them
                none = model.new_bool_var("")
                options[""] = none
                penalty += [weight_units(weight) * none for weight, _rooms, _name in dom.soft]
                model.add_exactly_one(options.values())
            choice[aid] = options
        for terms in per_room_slot.values():
            if len(terms) > 1:
                model.add_at_most_one(terms)
        main = model.clone()  # ``model`` stays without the objective and "every activity has a room"
        main.add_bool_and(present.values())
        if penalty and optimise:
            main.minimize(sum(penalty))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, limit)
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = seed
        solver.parameters.symmetry_level = 0  # measured: symmetry detection was most of the presolve here
        status = solver.solve(main)
        if status == cp_model.INFEASIBLE:
            # per-slot matchings exist, so multi-hour activities need one room throughout: ask for
            # a small set of activities whose starts cannot all stay (a valid "no-good" cut)
            return RoomStage(None, nogood=_core(model, present, times, max(1.0, limit / 2), seed))
        if status != cp_model.OPTIMAL and status != cp_model.FEASIBLE:
            return RoomStage(None, timed_out=True)
        rooms: dict[int, str | None] = {}
        real_rooms: dict[int, list[str]] = {}
        for aid, options in choice.items():
            picked = next(room for room, v in options.items() if solver.boolean_value(v))
            rooms[aid] = picked or None
            if picked in self.virtual:
                real_rooms[aid] = [
                    next(r for r, y in ys.items() if solver.boolean_value(y)) for ys in real_choice[(aid, picked)]
                ]
        if penalty and optimise:
            return RoomStage(rooms, real_rooms, solver.objective_value / SCALE, solver.best_objective_bound / SCALE)
        return RoomStage(rooms, real_rooms, self._penalty(rooms, real_rooms, times) if penalty else 0.0, 0.0)

    def _penalty(self, rooms: dict[int, str | None], real_rooms: dict[int, list[str]], times: dict[int, Slot]) -> float:
        """The soft room penalty of an assignment: preferences missed, soft unavailable hours held
        (of the room and of a virtual room's real rooms)."""
        units = 0
        for aid, room in rooms.items():
            units += sum(weight_units(w) for w, preferred, _ in self.doms[aid].soft if room not in preferred)
            if room is not None:
                cover = _cover(times, self.durations, aid)
                for held in [room, *real_rooms.get(aid, [])]:
                    units += sum(
                        weight_units(w) * sum(1 for s in cover if s in slots) for w, slots in self.soft_na.get(held, ())
                    )
        return units / SCALE

    def clashing_slots(self, times: dict[int, Slot]) -> list[tuple[int, Slot]]:
        """The last resort when no valid cut is known: the (activity, start) pairs of activities
        with a hard room constraint sharing a slot with another one, to be forbidden next time."""
        by_slot: dict[Slot, list[int]] = defaultdict(list)
        for aid, dom in self.doms.items():
            if dom.exclusive and aid in times:
                for s in _cover(times, self.durations, aid):
                    by_slot[s].append(aid)
        return sorted({(a, times[a]) for aids in by_slot.values() if len(aids) > 1 for a in aids})


def assign_rooms(
    inst: FetInstance, times: dict[int, Slot], limit: float, workers: int, seed: int, optimise: bool = True
) -> RoomStage:
    """One room stage on its own (see ``Rooms.assign``)."""
    return Rooms(inst).assign(times, limit, workers, seed, optimise)


def _core(
    model: cp_model.CpModel, present: dict[int, cp_model.IntVar], times: dict[int, Slot], limit: float, seed: int
) -> list[tuple[int, Slot]]:
    """Activities whose rooms cannot all be found at their current starts (an unsatisfiable core
    over "this activity has a room"); empty when none is found in time."""
    model.add_assumptions(list(present.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    if solver.solve(model) != cp_model.INFEASIBLE:
        return []
    core = set(solver.sufficient_assumptions_for_infeasibility())
    return sorted((aid, times[aid]) for aid, v in present.items() if v.index in core)
