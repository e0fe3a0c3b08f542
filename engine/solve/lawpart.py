"""The law's own part of a kept grounding: what follows from the law data alone is grounded
once per `world.World`, not copied into every case.

A predicate that is not `fixed` may be stated by a case as well as by the law (the Entity List,
a chart row), so the compiler gives its law rows a case number: `p_X(C, ..) :- (..) = @law("X"),
case(C).`, one copy per case, and every rule over them fires again per case (`r1(C, V)` for
each of the 200 chart rows). Here such a predicate is split in two: its law-level part
`l_p_X(..)` (`encoding.law_level`, no case number) in the base part, grounded once, and its case
part `p_X(C, ..)` (the case's facts, the rules that read them) in the step. A rule that reads
one is read against both, so the union is what the old predicate was:

  - a positive condition on it becomes two alternatives of the rule (law-level, case part);
  - a negated one, both negated (`not l_p_X(..), not p_X(C, ..)`);
  - in a #sum/#count/#min/#max, each element becomes one element per choice with the same
    terms: an element present in both parts is one element of the set, and counts once.

The alternative whose every condition is law-level and which does not mention the case is
itself law-level (its conclusion `l_r<n>(..)`, `l_p_Y(..)`): that is how the chart's rules
over law data are grounded once. Negation of a predicate with a case part is never
law-level (a case's fact could defeat it). Anything of another shape that mentions a split
predicate leaves the program as it was (`lift` returns None).

`World` checks that every law-level atom is a fact of the base grounding (certain in every
answer set) and gives every case's consequences the shown ones, once for all of them
(`outcome.SharedAtoms`; `Consequences.certain` spells them numbered by the case); if one
is not, the world keeps the old program.
"""

from __future__ import annotations

import itertools

import clingo.ast as A

from ..compile import encoding as enc

CASE = "C"  # the compiler's case variable
MAX_VARIANTS = 64  # alternatives of one rule or aggregate element: beyond it the program is kept as it was


class _Names(A.Transformer):
    def __init__(self) -> None:
        self.variables: set[str] = set()
        self.functions: set[str] = set()

    def visit_Variable(self, node):
        self.variables.add(node.name)
        return node

    def visit_Function(self, node):
        self.functions.add(node.name)
        self.visit_children(node)
        return node


def _names(node: A.AST) -> _Names:
    out = _Names()
    out(node)
    return out


def _atom(lit: A.AST) -> A.AST | None:
    """The function of a plain (possibly negated) atom literal, else None."""
    if lit.ast_type == A.ASTType.Literal and lit.atom.ast_type == A.ASTType.SymbolicAtom \
            and lit.atom.symbol.ast_type == A.ASTType.Function and not lit.atom.symbol.external:
        return lit.atom.symbol
    return None


def _cased(fn: A.AST) -> bool:
    """Whether the atom's first argument is the case variable (and no other argument mentions it)."""
    args = fn.arguments
    return bool(args) and args[0].ast_type == A.ASTType.Variable and args[0].name == CASE \
        and not any(CASE in _names(a).variables for a in args[1:])


def _case_atom(lit: A.AST) -> A.AST | None:
    """The function of a plain atom literal about the case (its first argument C), else None."""
    fn = _atom(lit)
    return fn if fn is not None and _cased(fn) else None


def _reads(lit: A.AST, split: set[str]) -> bool:
    """Whether the literal is a positive condition on a split predicate (either part can meet it)."""
    fn = _case_atom(lit)
    return fn is not None and lit.sign == A.Sign.NoSign and fn.name in split


def _lowered(lit: A.AST) -> A.AST:
    """The same literal about the law-level part: `l_<name>(Args)`, the case number dropped."""
    fn = lit.atom.symbol
    low = fn.update(name=enc.law_level(fn.name), arguments=list(fn.arguments[1:]))
    return lit.update(atom=lit.atom.update(symbol=low))


def _law_copy(rule: A.AST) -> bool:
    """`p_X(C, ..) :- <guard>, (..) = @law("X"), case(C).`: the law rows of X copied per case."""
    body = rule.body[1:]
    if len(body) != 2 or _case_atom(rule.head) is None:
        return False
    cmp, case = body
    fn = _atom(case)
    return (cmp.ast_type == A.ASTType.Literal and cmp.atom.ast_type == A.ASTType.Comparison
            and len(cmp.atom.guards) == 1 and cmp.atom.guards[0].term.ast_type == A.ASTType.Function
            and cmp.atom.guards[0].term.external and cmp.atom.guards[0].term.name == "law"
            and fn is not None and case.sign == A.Sign.NoSign and fn.name == "case" and _cased(fn)
            and len(fn.arguments) == 1)


def _choices(lit: A.AST, split: set[str]) -> list[list[A.AST]] | None:
    """The ways one condition reads the split predicates: alternatives, each a list of literals."""
    fn = _atom(lit)
    if fn is not None and fn.name in split and _cased(fn):
        if lit.sign == A.Sign.NoSign:
            return [[lit], [_lowered(lit)]]
        if lit.sign == A.Sign.Negation:
            return [[lit, _lowered(lit)]]
        return None
    if lit.ast_type == A.ASTType.Literal and lit.atom.ast_type == A.ASTType.BodyAggregate:
        elements = []
        for el in lit.atom.elements:
            if any(_names(t).functions & split for t in el.terms):
                return None
            bodies = _bodies(el.condition, split)
            if bodies is None:
                return None
            elements += [el.update(condition=b) for b in bodies]
        return [[lit.update(atom=lit.atom.update(elements=elements))]]
    if _names(lit).functions & split:
        return None  # a shape not handled here: keep the old program
    return [[lit]]


def _bodies(conditions, split: set[str]) -> list[list[A.AST]] | None:
    options = []
    for lit in conditions:
        got = _choices(lit, split)
        if got is None:
            return None
        options.append(got)
    n = 1
    for o in options:
        n *= len(o)
    if n > MAX_VARIANTS:
        return None
    return [[x for group in combo for x in group] for combo in itertools.product(*options)]


def lift(base: list[A.AST], step: list[A.AST]) -> tuple[list[A.AST], list[A.AST], dict[str, int]] | None:
    """(base, step, split predicates with their arity) with the law-level parts in the base; None:
    nothing to split, or a statement of a shape the split does not handle (kept as it was)."""
    header, rules = step[0], step[1:]
    copies = [r for r in rules if _law_copy(r)]
    if not copies:
        return None
    arity: dict[str, int] = {}
    for r in copies:
        fn = _case_atom(r.head)
        assert fn is not None  # _law_copy checked it
        arity[fn.name] = len(fn.arguments)
    rest = [r for r in rules if not _law_copy(r)]
    changed = True
    split = set(arity)
    while changed:  # a conclusion that some alternative draws from law-level conditions alone is split too
        changed = False
        for r in rest:
            fn = _case_atom(r.head)
            if fn is None or fn.name in arity or r.head.sign != A.Sign.NoSign:
                continue
            if all(_reads(lit, split) or CASE not in _names(lit).variables for lit in r.body[1:]):
                arity[fn.name] = len(fn.arguments)
                split.add(fn.name)
                changed = True
    out_base = list(base)
    out_step = [header]
    for r in copies:
        out_base.append(r.update(head=_lowered(r.head), body=[r.body[1]]))
    for r in rest:
        fn = _case_atom(r.head)
        head_ok = fn is not None and r.head.sign == A.Sign.NoSign
        if not head_ok and _names(r.head).functions & split:
            return None
        bodies = _bodies(r.body[1:], split)
        if bodies is None:
            return None
        for body in bodies:
            if fn is not None and head_ok and fn.name in split and not any(CASE in _names(lit).variables for lit in body):
                out_base.append(r.update(head=_lowered(r.head), body=body))
            else:
                out_step.append(r.update(body=[r.body[0], *body]))
    return out_base, out_step, arity
