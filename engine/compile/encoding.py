"""Every solver name and every value <-> symbol conversion, both ways, in one place.

The law's names were checked against the grammar's identifier pattern and are
prefixed, so no user word can be a clingo keyword or collide with the engine's own
atoms; every string is escaped. Nothing else in Writ spells a solver name.

    p_<pred>(C, Args)     a predicate (C, the case number, unless the predicate is timeless)
    c_<name>              a constant
    pv_<provision>        a provision, in inforce(C, pv_<provision>)
    r<n>(C, Vars)         alternative n of a rule fired
    b<n>(C, Vars)         ... its conditions met (a rule with `unless`)
    x<n>(C, Vars)         ... its exception holds
    d_<pred>(K, Args)     dated law data of validity class K; valid(C, K) when K holds for case C
    l_<name>(Args)        in a kept grounding, the law-level part of p_<pred> or r<n>/b<n>/x<n>: what
                          follows from law data alone, without a case number (solve.lawpart)
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import clingo

from ..core.values import Name, Percent, Value

PRED, CONST, PROVISION, DATA = "p_", "c_", "pv_", "d_"
FIRED, CONDITIONS_MET, EXCEPTED = "r", "b", "x"


def pred(name: str) -> str:
    return PRED + name


def const(name: str) -> str:
    return CONST + name


def provision(name: str) -> str:
    return PROVISION + name


def data(name: str) -> str:
    return DATA + name


def fired(n: int) -> str:
    return f"{FIRED}{n}"


def conditions_met(n: int) -> str:
    return f"{CONDITIONS_MET}{n}"


def excepted(n: int) -> str:
    return f"{EXCEPTED}{n}"


def variable(name: str) -> str:
    return "_" if name == "_" else "V_" + name


class Decoded(NamedTuple):
    """What a shown symbol is: ("pred", name) or ("fired" | "excepted" | "conditions", rule number)."""

    kind: str
    key: str | int


# Reading a symbol's name or number from clingo crosses into C and builds a Python string
# each time; the explainer asks again and again about the same symbols (every question
# rescans the results), so both decodings are remembered, up to a bound.
#
# The memos are keyed by a symbol's `_rep`, its number in clingo's symbol table: clingo keeps
# one copy of each symbol for the life of the process, so equal symbols have equal numbers
# (tests/compile/test_encoding.py holds clingo to that), and a Python int hashes and compares
# without the two calls into C that hashing a Symbol costs (a third of decoding a chain).
_MEMO_LIMIT = 500_000
_names: dict[int, "Decoded | None"] = {}
_name_symbols: dict[Name, clingo.Symbol] = {}
_number_symbols: dict[int, clingo.Symbol] = {}
_values: dict[tuple[int, str | None], Value] = {}


def decode_name(sym: clingo.Symbol) -> Decoded | None:
    """The kind of a shown symbol, from its name; None for the engine's own atoms."""
    try:
        return _names[sym._rep]
    except KeyError:
        pass
    if len(_names) >= _MEMO_LIMIT:
        _names.clear()
    out = _names[sym._rep] = _decode_name(sym)
    return out


def _decode_name(sym: clingo.Symbol) -> Decoded | None:
    name = sym.name
    if name.startswith(PRED):
        return Decoded("pred", name[len(PRED):])
    head, num = name[:1], name[1:]
    if num.isdigit():
        kind = {FIRED: "fired", EXCEPTED: "excepted", CONDITIONS_MET: "conditions"}.get(head)
        if kind:
            return Decoded(kind, int(num))
    return None


def rule_number(sym: clingo.Symbol) -> int | None:
    """The rule alternative a fired symbol r<n> stands for, else None."""
    d = decode_name(sym)
    return d.key if d is not None and d.kind == "fired" else None  # type: ignore[return-value]


def asp_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def value_symbol(v: Value) -> clingo.Symbol:
    if isinstance(v, Name):  # a name recurs in many facts, and building a symbol is a call into clingo
        try:
            return _name_symbols[v]
        except KeyError:
            pass
        if len(_name_symbols) >= _MEMO_LIMIT:
            _name_symbols.clear()
        out = _name_symbols[v] = clingo.Function(const(v.id))
        return out
    if isinstance(v, bool):
        raise TypeError("no booleans in Writ")
    if isinstance(v, int):
        return _number(v)
    if isinstance(v, Percent):
        return _number(v.hundredths)
    if isinstance(v, dt.date):
        return _number(v.toordinal())
    if isinstance(v, str):
        return clingo.String(v)
    raise TypeError(f"not a Writ value: {v!r}")


def _number(n: int) -> clingo.Symbol:
    """clingo's Number(n), remembered: case numbers and shares recur in every fact."""
    try:
        return _number_symbols[n]
    except KeyError:
        pass
    if len(_number_symbols) >= _MEMO_LIMIT:
        _number_symbols.clear()
    out = _number_symbols[n] = clingo.Number(n)
    return out


def symbol_value(sym: clingo.Symbol, typ: str | None) -> Value:
    key = (sym._rep, typ)
    try:
        return _values[key]
    except KeyError:
        pass
    if len(_values) >= _MEMO_LIMIT:
        _values.clear()
    out = _values[key] = _symbol_value(sym, typ)
    return out


_SCALARS = ("date", "number", "percent", "text")


def _symbol_value(sym: clingo.Symbol, typ: str | None) -> Value:
    if typ is not None and typ not in _SCALARS:  # a name's slot holds c_<id>: one call into clingo, no type test
        try:
            name = sym.name
        except RuntimeError:  # not a function after all: read it as whatever it is
            name = ""
        if name.startswith(CONST):
            return Name(name[len(CONST):])
    kind = sym.type
    if kind is clingo.SymbolType.String:
        return sym.string
    if kind is clingo.SymbolType.Number:
        n = sym.number
        if typ == "date":
            # arithmetic can carry a date past year 9999: show the day number rather than fail
            return dt.date.fromordinal(n) if 1 <= n <= dt.date.max.toordinal() else n
        if typ == "percent":
            return Percent(n)
        return n
    return Name(sym.name[len(CONST):])


def value_text(v: Value) -> str:
    """The ASP text of a value (for the statute part of the program)."""
    if isinstance(v, Name):
        return const(v.id)
    if isinstance(v, Percent):
        return str(v.hundredths)
    if isinstance(v, dt.date):
        return str(v.toordinal())
    if isinstance(v, int):
        return str(v)
    return asp_string(v)


def atom_symbol(name: str, args: tuple[Value, ...], case: int | None) -> clingo.Symbol:
    """A ground atom's symbol; `case` None for a timeless predicate (the law's, for every case)."""
    syms = [value_symbol(a) for a in args]
    return clingo.Function(pred(name), syms if case is None else [clingo.Number(case), *syms])


def fact_tuple(case: int, args: tuple[Value, ...]) -> clingo.Symbol:
    """A case fact as the @fact/@unknown context functions hand it to the grounder."""
    syms = [value_symbol(case), *(value_symbol(a) for a in args)]
    return syms[0] if len(syms) == 1 else clingo.Tuple_(syms)


def firing_symbol(n: int, case: int, values: list[Value]) -> clingo.Symbol:
    """The symbol of rule alternative n fired for a case with these values of its variables."""
    return clingo.Function(fired(n), [_number(case), *(value_symbol(v) for v in values)])


def provision_symbol(name: str) -> clingo.Symbol:
    return clingo.Function(provision(name))


# ---- multi-shot grounding (solve.world): the engine's own names, never a law's (those are prefixed)
STEP_PART, STEP_PARAM = "step", "s"
IN_STEP, STEP_ON = "in_step", "on_step"


def in_step(step: int, case: int) -> clingo.Symbol:
    """in_step(S, C): case C is grounded in step S (every rule of the step part is guarded by it)."""
    return clingo.Function(IN_STEP, [clingo.Number(step), clingo.Number(case)])


def step_on(step: int) -> clingo.Symbol:
    """The external that holds a step's case facts; released (false for good) when the step is decided."""
    return clingo.Function(STEP_ON, [clingo.Number(step)])


def asof_symbol(case: int, day: int) -> clingo.Symbol:
    return clingo.Function("asof", [clingo.Number(case), clingo.Number(day)])


def inforce_symbol(case: int, name: str) -> clingo.Symbol:
    return clingo.Function("inforce", [clingo.Number(case), provision_symbol(name)])


# in a kept grounding the provisions in force are the world's, not each case's: one atom each, grounded once
IN_FORCE, WORLD_IN_FORCE = "inforce", "w_inforce"


# the law-level part of a predicate a case may also state (solve.lawpart): grounded once per world
LAW_LEVEL = "l_"


def law_level(name: str) -> str:
    """The law-level name of a solver predicate p_<pred> or r<n> (its atoms carry no case number)."""
    return LAW_LEVEL + name


def law_level_symbol(name: str, args: tuple[Value, ...]) -> clingo.Symbol:
    """The law-level atom of predicate `name` (a kept grounding's, solve.lawpart)."""
    return clingo.Function(law_level(pred(name)), [value_symbol(a) for a in args])


def world_inforce_symbol(name: str) -> clingo.Symbol:
    """w_inforce(pv_<provision>): the provision is in force for every case of a kept grounding."""
    return clingo.Function(WORLD_IN_FORCE, [provision_symbol(name)])
