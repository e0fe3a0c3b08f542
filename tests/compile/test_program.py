"""The compiled program: slices by relevant predicates answer as the whole law does, and law
data reaches the grounder once per grounding, with no case number."""

from __future__ import annotations

import clingo

from writ.compile import encoding as enc
from writ.solve import Solver, prepare
from writ.solve.batch import consequences
from writ.solve.inputs import Context
from writ.solve.outcome import DEFAULT_LIMITS


def _whole(mini, inp):
    """The case grounded against the whole program, not a slice."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], mini.compiled.text)
    ctl.ground([("base", [])], context=Context(mini.compiled, [inp]))
    [cons] = consequences(ctl, 1, bool(inp.unknown_facts), DEFAULT_LIMITS)
    return cons


def test_a_slice_answers_every_relevant_atom_as_the_whole_program(mini):
    solver = Solver(mini.compiled)
    for case in mini.cases:
        inp = prepare(mini.law, case)
        [sliced] = solver.solve([inp])
        whole = _whole(mini, inp)

        def relevant(syms):
            # the kept grounding numbers cases across its life: compare as if each were case 0
            out = set()
            for s in syms:
                s = clingo.Function(s.name, [clingo.Number(0), *s.arguments[1:]])
                d = enc.decode_name(s)
                if d.kind == "pred" and d.key in inp.relevant:
                    out.add(s)
                elif d.kind != "pred" and mini.compiled.instances[d.key].rule.head.pred in inp.relevant:
                    out.add(s)
            return out

        assert relevant(sliced.certain) == relevant(whole.certain), case.name
        assert relevant(sliced.possible) == relevant(whole.possible), case.name
        assert {clingo.Function(s.name, [clingo.Number(0), *s.arguments[1:]]) for s in sliced.certain} <= set(whole.certain)
        for q in case.all_questions():
            sym = mini.compiled.atom_symbol(0, q)
            assert sliced.holds(mini.compiled.atom_symbol(sliced.index, q)) == whole.holds(sym), (case.name, str(q))


def test_a_slice_drops_the_rules_no_question_needs(mini):
    inp = prepare(mini.law, mini.cases[0])
    text = mini.compiled.program(inp.relevant)
    assert len(text) < len(mini.compiled.text)
    assert "meets_criteria" in inp.relevant and "p_meets_criteria(C" in text
    assert "p_recent(C" in mini.compiled.text and "p_recent(C" not in text  # no question of the case needs it


def test_law_data_carries_no_case_number_and_is_built_once(mini):
    compiled = mini.compiled
    assert "p_chart(X0, X1) :- (X0, X1) = @law(\"chart\")." in compiled.text
    day = mini.cases[0].as_of
    key = compiled.law_key(day, frozenset(p.name for p in mini.law.provisions.values() if p.in_force_on(day)))
    rows = compiled.law_symbols(key)
    assert rows["chart"] and compiled.law_symbols(key) is rows
