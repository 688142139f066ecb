"""Each teacher team gets its per-cycle minutes of common planning, all members free at once."""

from dlplanner.domain.model import BlockKind
from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible


def add_team_planning(ctx: Context) -> None:
    """Each teacher team gets its per-cycle minutes of common planning, all members free at once.

    A boolean per (team, day type, class or planning block of at least ``min_meeting_minutes``) is true
    only if no member has a meeting (or, chosen as advisor, a sitting) overlapping the block; blocks a
    member is unavailable or in a fixed advisory sitting never count. The counted minutes reach the
    per-cycle requirement.
    """
    for team in ctx.project.teams:
        need = ctx.scenario.per_cycle_requirement(team.planning_minutes_per_week)
        if need <= 0 or not team.member_ids:
            continue
        enforce = ctx.explanation.group(
            f"team:{team.id}",
            f"team '{team.name}''s {need} minutes of common planning per cycle",
            [("team", team.id)] + [("teacher", m) for m in team.member_ids],
        )
        for atom in ctx.grid.all_atoms:
            _add_for_atom(ctx, team, need, atom, enforce)


def _add_for_atom(ctx: Context, team, need: int, atom: int, enforce: list) -> None:
    """Common planning within one part of the year (only meetings running then keep members busy)."""
    model = ctx.model
    teacher_usages = ctx.usages_of("teacher")
    terms = []
    for day in ctx.grid.day_ids:
        members_usages = [
            u
            for m in team.member_ids
            for u in [*teacher_usages.get(("teacher", m), []), *ctx.chosen_sittings_of(m)]
            if u.day == day and atom in u.atoms
        ]
        for block in ctx.grid.blocks[day]:
            if block.kind not in (BlockKind.CLASS, BlockKind.PLANNING):
                continue
            if block.minutes < team.min_meeting_minutes:
                continue
            if any(
                s.day == day and s.start < block.end and block.start < s.end
                for m in team.member_ids
                for s in ctx.grid.busy_fixed.get(("teacher", m), ())
            ):
                continue
            if any(
                w.overlaps(day, block.start, block.end)
                for m in team.member_ids
                if m in ctx.teachers
                for w in ctx.teachers[m].unavailable
            ):
                continue
            lits = {u.lit.index: u.lit for u in members_usages if u.start < block.end and block.start < u.end}
            if not lits:
                terms.append((block.minutes, 1))
                continue
            free = model.new_bool_var("")
            for lit in lits.values():
                model.add_implication(free, lit.negated())
            terms.append((block.minutes, free))
    if sum(m for m, _ in terms) < need:
        impossible(ctx, enforce)
        return
    model.add(sum(m * f for m, f in terms) >= need).only_enforce_if(enforce)


RULE = Rule(add_team_planning)
