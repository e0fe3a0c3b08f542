"""check/dependencies.py: a recursive definition may go through a sum only when the sum
cannot shrink as more holds, that is when it adds shares stated as facts."""

from diagnosed import errors_of

HEAD = ('use mini\npredicate share(O: party, E: entity, S: percent) reads "{O} has a share {S} of {E}"\n'
        'provision p "P"\n  cite "x"\n  text "t"\n')
CYCLE = "'blocked' depends on itself through a min/max, a '<' on a sum or count, or a sum of numbers (which can be negative): blocked -> blocked"


def test_recursive_sum_of_stated_shares_is_accepted(load_text):
    w = load_text(HEAD + "  blocked(E) if owns(_, E, _) and sum(S where owns(O, E, S) and blocked(O)) >= 50%.\n")
    assert "blocked" in w.law.dependencies["blocked"]


def test_recursive_sum_of_a_share_a_rule_concludes_is_refused(load_text):
    # S = X - 60% is negative for a 10% holding: the sum can fall as more owners are blocked.
    # (A sum's value must be bound by a condition inside it, so a share computed there is refused earlier, E218.)
    got = errors_of(load_text, HEAD + "  share(O, E, S) if owns(O, E, X) and S = X - 60%.\n"
                    "  blocked(E) if owns(_, E, _) and sum(S where share(O, E, S) and blocked(O)) >= 50%.\n")
    assert [(line, code, msg) for _, line, _, code, msg in got] == [(7, "E322", CYCLE)]


def test_a_sum_that_is_not_recursive_may_add_anything(load_text):
    w = load_text(HEAD + "  share(O, E, S) if owns(O, E, X) and S = X - 60%.\n"
                  "  blocked(E) if owns(_, E, _) and sum(S where share(O, E, S) and listed(O, glomag)) >= 50%.\n")
    assert {"share", "listed"} <= w.law.dependencies["blocked"]


def test_a_recursive_sum_with_a_negated_condition_is_refused_not_a_crash(load_text):
    # the check read the arguments of every condition in the sum: a 'not' one has none (AttributeError)
    got = errors_of(load_text, HEAD + "  share(O, E, S) if owns(O, E, X) and S = X - 60%.\n"
                    "  blocked(E) if owns(_, E, _) and sum(S where share(O, E, S) and not listed(O, glomag) and blocked(O)) >= 50%.\n")
    assert [(line, code, msg) for _, line, _, code, msg in got] == [(7, "E322", CYCLE)]
