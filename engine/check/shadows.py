"""A case's own name that another module, which the case does not use, also declares.

One job. Each file sees what it declares and uses, so a case may name its `china` or its
`acme` though a statute it does not use (or another author's case file) declares the same
name. Names are one namespace in the solver, though: were the other module's law data about
its `acme` able to reach the case's questions, that data would silently apply to the case's
`acme`. That, and only that, is reported (E301), with the fact or rule that would apply.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from .. import model as M
from .scope import Context


def check_shadows(ctx: Context, module: str, case: M.Case) -> None:
    law = ctx.law
    shadowing = {n: c for n, c in case.constants.items()
                 if n in law.constants and law.constants[n] is not c and not ctx.sees_module(module, law.constants[n].module)}
    if not shadowing:
        return
    relevant = law.depends_on([q.pred for q in case.all_questions()] + [p.pred for p in case.patterns])
    for name, own in shadowing.items():
        other = law.constants[name]
        where = _bearing(law, M.Name(name), relevant)
        if where is not None:
            ctx.rep.error("E301", own.span,
                          f"'{name}' is also declared in module '{other.module}' (at {other.span}), which this file does not use, "
                          f"and that module's law data about it ({where}) bears on this case's questions",
                          f"rename this '{name}' (e.g. {name}_own), or use that module and drop this declaration")


def _bearing(law: M.Law, name: M.Name, relevant: set[str]) -> str | None:
    """Where the law states or derives something of `name` that the questions depend on."""
    for prov in law.provisions.values():
        for f in prov.facts:
            if f.atom.pred in relevant and name in f.atom.args:
                return f"{f.atom} at {f.span}"
        for r in prov.rules:
            if r.head.pred in relevant and _mentions(r, name):
                return f"a rule of {prov.name} at {r.span}"
    return None


def _mentions(node: object, name: M.Name) -> bool:
    if isinstance(node, M.Lit):
        return node.value == name
    if isinstance(node, (tuple, list)):
        return any(_mentions(n, name) for n in node)
    if is_dataclass(node) and not isinstance(node, type):
        return any(_mentions(getattr(node, f.name), name) for f in fields(node))
    return False
