"""Case models to Writ text and back.

`to_text` writes models as a case file and keeps, for every token it writes, the JSON path of
the field it came from, so a diagnostic about the generated text can name the object too
(`Generated.locate`). `from_text` reads a case file's syntax tree into models; the checker is
not needed for that, only the law's types (to tell a declaration `entity acme "Acme".` from a
fact, and a party from another thing).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, cast

from .. import model as M
from ..core.diagnostics import Diagnostic, WritError
from ..core.resources import statutes_dir
from ..syntax import tree as S
from ..syntax.parser import parse_text
from .models import (Act, Arg, Claim, Expectation, Fact, IdForm, Identifier, Item, Party, Polarity, Question, Text, Thing, Transaction,
                     Verdict, number_arg)

if TYPE_CHECKING:
    from .case import CaseModel

_POLARITY = {Polarity.positive: "", Polarity.negated: "not ", Polarity.unknown: "unknown "}
_VERDICT = {Verdict.yes: "", Verdict.no: "not ", Verdict.undetermined: "undetermined "}
GROUPS = ("parties", "acts", "items", "transactions", "things")


class ModelError(WritError):
    """A case model whose text does not check: the diagnostics, each with the JSON path of its object.

    `source` is the generated text the diagnostics' lines and columns count in.
    """

    def __init__(self, diagnostics: list[Diagnostic], source: str):
        super().__init__(diagnostics)
        self.source = source


@dataclass
class Generated:
    """Text generated from models, with the JSON path of every token written."""

    text: str
    # per line (from 1): (first column, last column, JSON path) of each piece written on it
    pieces: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)

    def path_at(self, line: int, column: int) -> str | None:
        """The JSON path of the innermost piece at (line, column), or of the line's statement."""
        best = None
        for start, end, path in self.pieces.get(line, ()):
            if start <= column <= end and (best is None or len(path) >= len(best)):
                best = path
        return best or next((p for _, _, p in self.pieces.get(line, ())[:1]), None)

    def locate(self, d: Diagnostic) -> Diagnostic:
        """The diagnostic, naming the object it is about."""
        path = self.path_at(d.span.line, d.span.column)
        return d.model_copy(update={"path": path}) if path else d


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: dict[int, list[tuple[int, int, str]]] = {}
        self.current = ""

    def put(self, text: str, path: str | None = None) -> None:
        line = len(self.lines) + 1
        for k, chunk in enumerate(text.split("\n")):
            if k:
                self.newline()
                line += 1
            start = len(self.current) + 1
            self.current += chunk
            if path is not None:
                self.pieces.setdefault(line, []).append((start, max(start, len(self.current)), path))

    def newline(self) -> None:
        self.lines.append(self.current)
        self.current = ""


def quote(text: str) -> str:
    """A Writ string literal whose value is `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _arg_text(arg: Arg) -> str:
    return quote(arg.text) if isinstance(arg, Text) else str(arg)


def _doc(w: _Writer, doc: str | None, indent: str, path: str) -> None:
    if doc is not None:
        first, *rest = doc.split("\n")
        w.put(indent + '"""' + first + "".join("\n" + indent + r for r in rest) + '"""', path + ".doc")
        w.newline()


def _claim(w: _Writer, c: Claim, path: str) -> None:
    if c.sentence is not None:
        w.put(c.sentence, path + ".sentence")
        return
    w.put(c.predicate, path + ".predicate")  # type: ignore[arg-type]
    if c.args:
        w.put("(")
        for i, a in enumerate(c.args):
            w.put(", " if i else "")
            w.put(_arg_text(a), f"{path}.args[{i}]")
        w.put(")")


def to_text(models: "Iterable[CaseModel]") -> Generated:
    """The models as one case file: the `use` lines of them all, then each case."""
    models = list(models)
    w = _Writer()
    prefix = (lambda i: "$") if len(models) == 1 else (lambda i: f"$[{i}]")
    uses: dict[str, str] = {}
    for i, m in enumerate(models):
        for j, u in enumerate(m.uses):
            uses.setdefault(u, f"{prefix(i)}.uses[{j}]")
    if uses:
        w.put("use ")
        for k, (u, path) in enumerate(uses.items()):
            w.put(", " if k else "")
            w.put(u, path)
        w.newline()
    for i, m in enumerate(models):
        p = prefix(i)
        w.newline()
        _doc(w, m.doc, "", p)
        w.put("case ")
        w.put(m.name, p + ".name")
        if m.title is not None:
            w.put(" ")
            w.put(quote(m.title), p + ".title")
        w.put(" as of ")
        w.put(m.as_of.isoformat(), p + ".as_of")
        w.newline()
        for group in GROUPS:
            for j, t in enumerate(getattr(m, group)):
                tp = f"{p}.{group}[{j}]"
                w.put("  ")
                w.put(t.type, tp + ".type")
                w.put(" ")
                w.put(t.name, tp + ".name")
                if t.display is not None:
                    w.put(" ")
                    w.put(quote(t.display), tp + ".display")
                w.put(".", tp)
                w.newline()
        for j, f in enumerate(m.facts):
            fp = f"{p}.facts[{j}]"
            _doc(w, f.doc, "  ", fp)
            w.put("  " + _POLARITY[f.polarity], fp + ".polarity")
            _claim(w, f, fp)
            if f.valid_from is not None:
                w.put(" from ")
                w.put(f.valid_from.isoformat(), fp + ".valid_from")
            if f.valid_until is not None:
                w.put(" until ")
                w.put(f.valid_until.isoformat(), fp + ".valid_until")
            w.put(".", fp)
            if f.caution is not None:  # a doc string: any text, one token
                w.put(" caution ")
                w.put('"""' + f.caution + '"""', fp + ".caution")
            w.newline()
        for j, ident in enumerate(m.identifiers):
            ip = f"{p}.identifiers[{j}]"
            _doc(w, ident.doc, "  ", ip)
            w.put("  identify ", ip)
            w.put(ident.party, ip + ".party")
            w.put(" by ")
            w.put(ident.kind, ip + ".kind")
            w.put(" ")
            w.put(quote(ident.value) if ident.form.value == "string" else ident.value, ip + ".value")
            w.put(".", ip)
            w.newline()
        for j, sort in enumerate(m.closed):
            w.put("  no other ")
            w.put(sort, f"{p}.closed[{j}]")
            w.put(".")
            w.newline()
        for j, q in enumerate(m.questions):
            qp = f"{p}.questions[{j}]"
            _doc(w, q.doc, "  ", qp)
            w.put("  question ", qp)
            _claim(w, q, qp)
            w.put(".", qp)
            w.newline()
        for j, e in enumerate(m.expectations):
            ep = f"{p}.expectations[{j}]"
            _doc(w, e.doc, "  ", ep)
            w.put("  expect " + _VERDICT[e.verdict], ep + ".verdict")
            _claim(w, e, ep)
            if e.under:
                w.put(" under ")
                for k, u in enumerate(e.under):
                    w.put(", " if k else "")
                    w.put(u, f"{ep}.under[{k}]")
            w.put(".", ep)
            w.newline()
    if w.current:
        w.newline()
    return Generated("\n".join(w.lines) + "\n", w.pieces)


# ---- text to objects ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def bundled_types() -> Mapping[str, str | None]:
    """Every type the built-ins and the bundled statutes declare: name -> parent.

    Type declarations are whole lines (`type transaction is act "..."`), so they are read
    without parsing the statutes (the CCL alone is large).
    """
    types: dict[str, str | None] = {name: parent for name, (parent, _) in M.BUILTIN_TYPES.items()}
    declared = re.compile(r"^\s*type\s+([a-z][A-Za-z0-9_]*)(?:\s+is\s+([a-z][A-Za-z0-9_]*))?", re.M)
    for path in sorted(statutes_dir().rglob("*.writ")):
        if path.stat().st_size < 1_000_000:  # the generated CCL declares no types
            for name, parent in declared.findall(path.read_text(encoding="utf-8")):
                types.setdefault(name, parent or None)
    return types


def _types(law: M.Law | None) -> Mapping[str, str | None]:
    return {n: t.parent for n, t in law.types.items()} if law is not None else bundled_types()


def _is(types: Mapping[str, str | None], sub: str, sup: str) -> bool:
    seen: set[str] = set()
    t: str | None = sub
    while t is not None and t not in seen:
        if t == sup:
            return True
        seen.add(t)
        t = types.get(t)
    return False


def _declaration(types: Mapping[str, str | None], stmt: S.Statement) -> tuple[str, str, str | None] | None:
    """`TYPE name "display".` read as the checker reads it (check.vocabulary.as_declaration)."""
    if not (isinstance(stmt, S.Fact) and isinstance(stmt.claim, S.Sentence)) or stmt.polarity != "true":
        return None
    words = stmt.claim.words
    if len(words) not in (2, 3) or words[0].kind != "name" or words[0].text not in types or words[1].kind != "name":
        return None
    if (len(words) == 3 and words[2].kind != "string") or stmt.valid_from or stmt.valid_until:
        return None
    # a word of kind string is parsed to an S.Str (syntax.parser._word), so its value is a str
    return words[0].text, words[1].text, cast(S.Str, words[2].term).value if len(words) == 3 else None


def _term(t: S.Term) -> Arg:
    if isinstance(t, (S.Const, S.Var)):
        return t.name
    if isinstance(t, S.Str):
        return Text(text=t.value)
    if isinstance(t, S.Num):
        return number_arg(t.value)
    if isinstance(t, S.Pct):
        return format(t.value, "f") + "%"
    if isinstance(t, S.DateLit):
        return t.text
    raise ValueError(f"line {t.span.line}: an expression ({type(t).__name__}) has no place in a case model; state its value")


def _claim_fields(c: S.Claim) -> dict:
    if isinstance(c, S.Sentence):
        return {"sentence": " ".join(w.text for w in c.words)}
    return {"predicate": c.pred, "args": [_term(a) for a in c.args]}


def _group(types: Mapping[str, str | None], typ: str) -> str:
    for group, sup in (("parties", "party"), ("transactions", "transaction"), ("acts", "act"), ("items", "item")):
        if _is(types, typ, sup):
            return group
    return "things"


_KIND = {"parties": Party, "acts": Act, "items": Item, "transactions": Transaction, "things": Thing}
_FROM_POLARITY = {"true": Polarity.positive, "false": Polarity.negated, "unknown": Polarity.unknown}


def read_cases(text: str, law: M.Law | None = None, name: str = "<text>") -> list[dict]:
    """The fields of every case of the text, for `CaseModel`; raises WritError (syntax) or ValueError (not a case file)."""
    src = parse_text(text, name)
    extra = [kind for kind, present in (("a type", src.types), ("a predicate", src.predicates),
                                        ("a provision", src.provisions), ("a statement outside any case", src.loose)) if present]
    if extra:
        raise ValueError(f"the text declares {', '.join(extra)}: a case model holds cases only")
    types = _types(law)
    uses = [u.path for u in src.uses]
    out: list[dict] = []
    for case in src.cases:
        fields: dict = {g: [] for g in (*GROUPS, "facts", "questions", "expectations", "identifiers", "closed")}
        for stmt in case.statements:
            decl = _declaration(types, stmt)
            if decl is not None:
                typ, cname, display = decl
                group = _group(types, typ)
                fields[group].append(_KIND[group](name=cname, display=display, type=typ))
            elif isinstance(stmt, S.Fact):
                fields["facts"].append(Fact(polarity=_FROM_POLARITY[stmt.polarity], doc=stmt.doc,
                                            valid_from=stmt.valid_from.value if stmt.valid_from else None,
                                            valid_until=stmt.valid_until.value if stmt.valid_until else None,
                                            caution=stmt.caution.value if stmt.caution else None,
                                            **_claim_fields(stmt.claim)))
            elif isinstance(stmt, S.Identify):
                fields["identifiers"].append(Identifier(party=stmt.party, kind=stmt.kind, value=stmt.value,
                                                        form=IdForm(stmt.value_type), doc=stmt.doc))
            elif isinstance(stmt, S.Question):
                fields["questions"].append(Question(doc=stmt.doc, **_claim_fields(stmt.claim)))
            elif isinstance(stmt, S.Expectation):
                fields["expectations"].append(Expectation(verdict=Verdict(stmt.verdict), under=[n for n, _ in stmt.under],
                                                          doc=stmt.doc, **_claim_fields(stmt.claim)))
            elif isinstance(stmt, S.Closing):
                fields["closed"].append(stmt.sort)
            else:
                raise ValueError(f"line {stmt.span.line}: a rule has no place in a case; rules belong to provisions")
        if case.as_of.value is None:
            raise ValueError(f"line {case.span.line}: the case's date is not a calendar date")
        out.append(dict(name=case.name, title=case.title, as_of=case.as_of.value, uses=uses, doc=case.doc, **fields))
    return out
