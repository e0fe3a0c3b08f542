"""Warnings: what is legal but probably not meant. A separate pass, so an editor can run it
on demand; nothing here changes the model.

(W203 and W312 are declaration warnings, reported with their declarations; W322 is
reported where a question's variables are resolved, in cases.py.)
"""

from __future__ import annotations

from .. import model as M
from ..core.diagnostics import Reporter
from ..syntax import tree as S


def shared_readings(law: M.Law, rep: Reporter) -> None:
    """W204: two predicates whose readings have the same words, so sentences may fit both."""
    by_shape: dict[tuple, M.Predicate] = {}
    for p in law.predicates.values():
        if p.reads is None:
            continue
        shape = tuple("" if kind == "slot" else text.lower() for kind, text in p.reads.parts)
        other = by_shape.setdefault(shape, p)
        if other is not p and p.span is not None:
            rep.warning("W204", p.span, f"'{p.name}' reads like '{other.name}' (\"{other.reads.source}\")",  # type: ignore[union-attr]
                        "reword one reading; meanwhile sentences whose arguments fit both must be written as predicate(arguments)")


def statements(law: M.Law, files: list[S.SourceFile]) -> list[tuple[S.Case | None, list]]:
    """The statements the checker reads as law or case text, provision by provision, then case by case."""
    out: list[tuple[S.Case | None, list]] = []
    for src in files:
        for prov in src.provisions:
            mprov = law.provisions.get(prov.name)
            if mprov is not None and mprov.span == prov.span:  # a duplicate is reported, not read
                out.append((None, [s for s in prov.statements if isinstance(s, (S.Rule, S.Fact))]))
    for src in files:
        for case in src.cases:
            out.append((case, [s for s in case.statements if not isinstance(s, S.Rule)]))
    return out


def lint(law: M.Law, files: list[S.SourceFile], rep: Reporter) -> None:
    """W105 and W321 over the statements of `files`, in source order.

    W105 is every percentage over 100% except a share a case states: that one is E325's
    (integrity.check_shares, an error, since a share over 100% would decide wrongly), and a
    second report of it would say the same thing twice."""
    shares = [d.span for d in rep.diagnostics if d.code == "E325"]
    for case, stmts in statements(law, files):
        for stmt in stmts:
            for pct in _percents(stmt):
                if pct.value > 100 and not any(_within(pct.span, s) for s in shares):
                    rep.warning("W105", pct.span, f"{pct.value}% is more than 100%")
        if case is not None and case.as_of.value is not None and not any(isinstance(s, (S.Expectation, S.Question)) for s in stmts):
            rep.warning("W321", case.name_span, f"case '{case.name}' asks nothing", "add 'question CLAIM.' or 'expect CLAIM.'")


def _within(inner, outer) -> bool:
    return inner.file == outer.file and (outer.line, outer.column) <= (inner.line, inner.column) \
        and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)


def _percents(node) -> list[S.Pct]:
    """Every percentage literal in a statement, once each, in source order."""
    found: list[S.Pct] = []
    _walk(node, found)
    return found


# the parts of each syntax node that can hold a term; leaves (names, numbers, dates) have none
_PARTS = {
    S.Fact: lambda n: (n.claim,), S.Expectation: lambda n: (n.claim,), S.Question: lambda n: (n.claim,),
    S.Rule: lambda n: (n.head, n.body, n.unless), S.Atom: lambda n: n.args,
    S.Sentence: lambda n: [w.term for w in n.words], S.Body: lambda n: [l for alt in n.alternatives for l in alt],
    S.Negation: lambda n: (n.atom,), S.Comparison: lambda n: (n.left, n.right), S.BinOp: lambda n: (n.left, n.right),
    S.Aggregate: lambda n: (n.expr, *n.body),
}


def _walk(n, found: list[S.Pct]) -> None:
    if type(n) is S.Pct:
        found.append(n)
        return
    parts = _PARTS.get(type(n))
    if parts is not None:
        for part in parts(n):
            _walk(part, found)
