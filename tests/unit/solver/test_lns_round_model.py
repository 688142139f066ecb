"""A neighbourhood round solves only the constraints touching what it frees, and its solutions are the whole model's."""

from __future__ import annotations

from ortools.sat.python import cp_model

from dlplanner.solver.lns import RoundModel


def _school_like_model():
    """Decisions a, b, c, t; helpers h = t and a (pool teacher t teaches at a), g = a or b; penalty p >= g + c - 1."""
    m = cp_model.CpModel()
    a, b, c, t = (m.new_bool_var(n) for n in "abct")
    h, g = m.new_bool_var("h"), m.new_bool_var("g")
    p = m.new_int_var(0, 5, "p")
    m.add_bool_and([t, a]).only_enforce_if(h)
    m.add_bool_or([~t, ~a, h])
    m.add_bool_or([~g, a, b])
    m.add_implication(a, g)
    m.add_implication(b, g)
    m.add(p >= g + c - 1)
    m.add(b + c <= 1)  # decisions only: a round freeing a never needs it
    m.add_exactly_one([a, b, c])  # a round freeing a alone can only keep it
    m.minimize(p + 2 * h)
    return m, {"a": a, "b": b, "c": c, "t": t, "h": h, "g": g, "p": p}


def test_a_round_frees_the_decisions_and_the_helpers_they_reach_and_nothing_else() -> None:
    m, v = _school_like_model()
    values = [0] * len(m.proto.variables)
    for name in ("a", "g"):
        values[v[name].index] = 1
    decisions = {v[n].index for n in "abct"}
    rounds = RoundModel(m, decisions, values)
    model = rounds.open([v["a"].index], values)
    free = {name for name, var in v.items() if len(set(model.proto.variables[var.index].domain)) > 1}
    # g and p share constraints with a; h implies t, which the round keeps false: h stays 0
    assert free == {"a", "g", "p"}
    assert len(model.proto.constraints) == len(m.proto.constraints) - 1  # b + c <= 1 is left out
    rounds.close(values)
    assert all(len(set(var.domain)) == 1 for var in model.proto.variables)


def test_every_solution_of_a_round_is_one_of_the_whole_model() -> None:
    m, v = _school_like_model()
    values = [0] * len(m.proto.variables)
    values[v["c"].index] = 1  # c alone; g, h, p 0
    decisions = {v[n].index for n in "abct"}
    rounds = RoundModel(m, decisions, values)
    model = rounds.open(sorted(decisions), values)  # every decision free: the round is the whole model
    assert len(model.proto.constraints) == len(m.proto.constraints)
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    found = list(solver.response_proto.solution)
    check = cp_model.CpSolver()
    m.clear_hints()
    for var in v.values():
        m.add_hint(var, found[var.index])
    check.parameters.fix_variables_to_their_hinted_value = True
    assert check.solve(m) == cp_model.OPTIMAL
    assert check.objective_value == solver.objective_value


def test_a_model_with_constraints_it_does_not_read_is_handed_whole_with_the_other_decisions_fixed() -> None:
    m, v = _school_like_model()
    start = m.new_int_var(0, 4, "start")
    m.add_no_overlap([m.new_fixed_size_interval_var(start, 2, "i"), m.new_fixed_size_interval_var(3, 2, "j")])
    values = [0] * len(m.proto.variables)
    values[v["a"].index] = values[v["g"].index] = 1
    rounds = RoundModel(m, {v[n].index for n in "abct"}, values)
    model = rounds.open([v["b"].index], values)
    assert len(model.proto.constraints) == len(m.proto.constraints)
    free = {name for name, var in v.items() if len(set(model.proto.variables[var.index].domain)) > 1}
    assert free == {"b", "h", "g", "p"}  # every helper, and of the decisions b alone
