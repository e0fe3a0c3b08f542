"""Yes-trees: the derivation of a conclusion true in every answer set, as a tree of rules and facts.

`levels` gives each certain atom reachable from the question the depth of its
shallowest derivation, in one worklist pass over the reachable firings (atoms
are settled in order of depth, as in Knuth's generalisation of Dijkstra's
algorithm). A tree then only descends to atoms of lower level, so it cannot loop,
and it is built with an explicit stack, so its depth is not Python's recursion
limit. A tree deeper or larger than the `Limits` ends in nodes of kind "cut",
each saying what it leaves out; the facts below a cut are still in `facts_used`.
"""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING

from .. import model as M
from ..compile.program import RuleInstance
from ..decision import Node, ProvisionRef
from . import witness
from .evaluate import aggregates_in
from .wording import provision_ref, source, total_text
from .world import Bindings

if TYPE_CHECKING:
    from .answer import Explainer

_FAR = 1 << 30  # the level of an atom with no derivation from the facts
LEAF_KINDS = ("case fact", "given fact", "law fact", "list fact")


class Deriver:
    """Builds the yes-trees of one case, sharing the levels and dependencies computed for earlier ones."""

    def __init__(self, ex: "Explainer"):
        self.ex = ex
        self.level: dict[M.GroundAtom, int] = {}
        self._explored: set[M.GroundAtom] = set()
        self._deps: dict[tuple, list[M.GroundAtom]] = {}
        self._choice: dict[M.GroundAtom, tuple[RuleInstance, Bindings] | None] = {}
        self._plains: dict[int, bool] = {}
        self.witnessed: set[M.GroundAtom] = set()  # atoms resting on a cycle, settled by witness.settle

    # ---- depths --------------------------------------------------------------------------------
    def levels(self, root: M.GroundAtom) -> dict[M.GroundAtom, int]:
        """Depth of the shallowest derivation of each certain atom below root (so trees never loop).

        Only the firings reachable from root are looked at: a case decides
        hundreds of atoms (a chart row per country), an explanation needs few.
        The depths of those atoms depend on nothing outside what is reachable,
        and atoms explored for an earlier root keep their (final) depths."""
        if root in self._explored:
            return self.level
        ex, level = self.ex, self.level
        firings: list[tuple[M.GroundAtom, list[M.GroundAtom]]] = []
        fired: list[tuple[M.GroundAtom, RuleInstance, Bindings]] = []  # the same firings as (head, rule, bindings), for witness.settle
        queue: list[tuple[int, int, M.GroundAtom]] = []  # (level, order pushed, atom): atoms never compared
        order = itertools.count()
        stack = [root]
        while stack:
            a = stack.pop()
            if a in self._explored:
                continue
            self._explored.add(a)
            if a in ex.case_facts or a in ex.given or a in ex.inp.listed or a in ex.law_facts or ex.law.predicates[a.pred].fixed:
                queue.append((0, next(order), a))
            for inst, b in ex.certain.firings(a):
                deps = self.positive_deps(inst, b)
                firings.append((a, deps))
                fired.append((a, inst, b))
                stack.extend(deps)
        # a firing is ready when all the atoms it rests on have their level: its head then has a
        # candidate level one more than the deepest of them; each atom keeps its first (lowest) level
        waiting: dict[M.GroundAtom, list[int]] = {}
        missing: list[int] = []
        floor: list[int] = []
        for i, (head, deps) in enumerate(firings):
            todo = {d for d in deps if d not in level}
            missing.append(len(todo))
            floor.append(max((level[d] for d in deps if d in level), default=0))
            for d in todo:
                waiting.setdefault(d, []).append(i)
            if not todo:
                queue.append((1 + floor[i], next(order), head))
        heapq.heapify(queue)
        while queue:
            lv, _, a = heapq.heappop(queue)
            if a in level:
                continue
            level[a] = lv
            for i in waiting.pop(a, ()):
                missing[i] -= 1
                floor[i] = max(floor[i], lv)
                if missing[i] == 0:
                    heapq.heappush(queue, (1 + floor[i], next(order), firings[i][0]))
        pending = [f for f in fired if f[0] not in level]
        if pending:  # some rest on a cycle through a sum: enough of its elements may come first
            witness.settle(self, pending)
        return level

    def positive_deps(self, inst: RuleInstance, b: Bindings) -> list[M.GroundAtom]:
        """The atoms a firing rests on (memoised: the tree asks again for every node)."""
        key = (inst.n, tuple(map(b.get, inst.variables)))
        cached = self._deps.get(key)
        if cached is None:
            cached = self._deps[key] = self._compute_positive_deps(inst, b)
        return cached

    def _compute_positive_deps(self, inst: RuleInstance, b: Bindings) -> list[M.GroundAtom]:
        ev, certain = self.ex.ev, self.ex.certain
        deps = []
        for lit in inst.rule.alternatives[inst.alternative]:
            if isinstance(lit, M.RAtom):
                g = ev.ground(lit, b)
                if g is None:
                    g = ev.first_instance(lit, b, certain)
                if g is not None:
                    deps.append(g)
            for agg in aggregates_in(lit):
                for eb, _ in ev.aggregate(agg, b, certain)[1]:
                    for l in agg.body:
                        if isinstance(l, M.RAtom):
                            g = ev.ground(l, eb)
                            if g is not None:
                                deps.append(g)
        return deps

    def choice(self, atom: M.GroundAtom) -> tuple[RuleInstance, Bindings] | None:
        """The firing a tree shows for a derived atom; None for a fact or an atom with no derivation."""
        if atom in self._choice:
            return self._choice[atom]
        ex = self.ex
        got = None
        if atom not in ex.given and atom not in ex.case_facts:
            levels = self.levels(atom)
            mine = levels.get(atom, _FAR)
            firings = [(inst, b) for inst, b in ex.certain.firings(atom)
                       if all(levels.get(d, _FAR) < mine for d in self.positive_deps(inst, b))]
            if not firings and atom in self.witnessed:
                firings = [(inst, b) for inst, b in ex.certain.firings(atom) if witness.acceptable(self, atom, inst, b)]
            if len(firings) == 1:
                got = firings[0]
            elif firings:
                # the same derivation whatever the hash seed: rule, then alternative, then the bindings' values
                got = min(firings, key=lambda f: (f[0].rule.id, f[0].n, tuple(repr(f[1].get(v)) for v in f[0].variables)))
        self._choice[atom] = got
        return got


    # ---- trees ---------------------------------------------------------------------------------
    def tree(self, root: M.GroundAtom) -> Node:
        """The yes-tree of root, cut where the limits say (each cut says so)."""
        limits = self.ex.limits
        top = self._shell(root)
        stack: list[tuple[M.GroundAtom, Node, int]] = [(root, top, 1)]
        shown: set[M.GroundAtom] = set()
        count = 1
        while stack:
            atom, node, depth = stack.pop()
            firing = self.choice(atom) if node.kind == "rule" else None
            if firing is None:
                continue
            shown.add(atom)
            pending: list[tuple[M.GroundAtom, Node, int]] = []
            for child, below in self._children(atom, firing):
                if below is None:  # a node shown as it is (an aggregate's, before its elements)
                    node.children.append(child)
                    continue
                parent, at = (node, depth + 1) if child is _SELF else (child, depth + 2)
                count += 1
                derived = self.choice(below) is not None
                if derived and at + 2 > limits.tree_depth:  # its conditions (and their elements) would go deeper
                    shell = self._cut(below, f"a tree shows {limits.tree_depth} levels, Limits.tree_depth")
                elif derived and count > limits.tree_nodes and below in shown:
                    shell = self._cut(below, f"it is shown above, and a tree shows {limits.tree_nodes:,} nodes in full, Limits.tree_nodes")
                else:
                    shell = self._shell(below)
                    pending.append((below, shell, at))
                parent.children.append(shell)
            stack.extend(reversed(pending))
        return top

    def _children(self, atom: M.GroundAtom, firing: tuple[RuleInstance, Bindings], words: bool = True):
        """(node, atom) pairs in the order a tree shows them under a rule node:
        (node, None) is a node shown as it is; (node, atom) hangs atom's tree under node
        (the rule node itself for a condition, or an aggregate's node for its elements).
        Without `words`, only the atoms and the leaves are given (node None elsewhere)."""
        ex = self.ex
        ev, wording, certain = ex.ev, ex.words, ex.certain
        inst, b = firing
        for lit in inst.rule.alternatives[inst.alternative]:
            if isinstance(lit, M.RAtom):
                g = ev.ground(lit, b)
                if g is None:  # an anonymous variable: show one instance that holds, one the rule counts if it can
                    g = self._counted_instance(inst, lit, b) or ev.first_instance(lit, b, certain)
                if g is not None:
                    yield _SELF, g
                else:
                    text, reading = wording.literal_text(lit, b)
                    yield Node(statement=text, reading=reading, kind="law fact"), None
                continue
            if not words:  # the rest are not leaves; only an aggregate's elements lead on
                for agg in list(aggregates_in(lit))[:1]:
                    for eb, _ in witness.shown(self, atom, agg, ev.aggregate(agg, b, certain)[1])[1]:
                        for l in agg.body:
                            if isinstance(l, M.RAtom) and (g := ev.ground(l, eb)) is not None:
                                yield None, g
                continue
            if isinstance(lit, M.RNot):
                text, reading = wording.literal_text(lit, b)
                yield Node(statement=text, reading=reading, kind="not shown"), None
                continue
            aggs = list(aggregates_in(lit))
            text, _ = wording.literal_text(lit, b)
            if aggs:
                agg = aggs[0]
                total, elements = ev.aggregate(agg, b, certain)
                part, elements = witness.shown(self, atom, agg, elements)  # on a cycle: the part that reaches the bound
                total = total if part is None else part
                shown = total_text(total)
                node = Node(statement=f"{text}: {agg.fn} is {shown}", reading=f"the {agg.fn} comes to {shown}", kind=agg.fn)
                yield node, None
                for eb, _ in elements:
                    for l in agg.body:
                        if isinstance(l, M.RAtom):
                            g = ev.ground(l, eb)
                            if g is not None:
                                yield node, g
                continue
            left, right = wording.term_text(lit.left, b), wording.term_text(lit.right, b)
            yield Node(statement=f"{left} {lit.op} {right}", reading=f"{left} {lit.op} {right}", kind="comparison"), None
        if inst.has_exception and words:
            text, reading = wording.unless_text(inst.rule.unless, b)
            yield Node(statement="unless " + text, reading="exception not shown: " + reading,
                       kind="exception not met", holds=False), None

    def _counted_instance(self, inst: RuleInstance, lit: M.RAtom, b: Bindings) -> M.GroundAtom | None:
        """For a guard with an anonymous variable (`owns(_, E, _)` beside a sum of blocked owners'
        stakes), the first instance an aggregate of the same rule counts: the tree cites a blocked
        owner's stake, never an unlisted co-owner's, as a ground of the 50 percent rule."""
        ev = self.ex.ev
        for other in inst.rule.alternatives[inst.alternative]:
            for agg in aggregates_in(other):
                for eb, _ in ev.aggregate(agg, b, self.ex.certain)[1]:
                    for l in agg.body:
                        if isinstance(l, M.RAtom) and l.pred == lit.pred and (g := ev.ground(l, eb)) is not None \
                                and ev.unify(lit.args, g.args, b) is not None:
                            return g
        return None

    def _shell(self, atom: M.GroundAtom) -> Node:
        """The node of one atom, without its children: a fact, or the rule that concludes it."""
        ex = self.ex
        reading = ex.words.reading(atom)
        listed = ex.inp.listed.get(atom)
        if listed is not None:  # drawn from an official list: the entry is its source
            return Node(statement=str(atom), reading=reading, kind="list fact", provision=list_entry_ref(listed))
        if atom in ex.given:
            return Node(statement=str(atom), reading=reading, kind="given fact")
        fact = ex.case_facts.get(atom)
        if fact is not None:
            return Node(statement=str(atom), reading=reading, kind="case fact", source=source(fact.span),
                        valid_from=fact.valid_from, valid_until=fact.valid_until, cautions=list(fact.cautions))
        firing = self.choice(atom)
        if firing is None:
            lf = ex.law_fact(atom)
            prov = ex.law.provisions.get(lf.owner) if lf else None
            return Node(statement=str(atom), reading=reading, kind="law fact",
                        provision=provision_ref(prov) if prov else None, source=source(lf.span) if lf else None)
        inst, _ = firing
        return Node(statement=str(atom), reading=reading, kind="rule", provision=provision_ref(ex.law.provisions[inst.rule.provision]),
                    rule=inst.rule.id, source=source(inst.rule.span))

    def _cut(self, atom: M.GroundAtom, why: str) -> Node:
        """A node that stands for a derivation left out, and says why and how to see it."""
        steps = self.level.get(atom, 0)
        return Node(statement=str(atom), reading=f"{self.ex.words.reading(atom)}: its derivation, {steps:,} rule "
                    f"step{'s' if steps != 1 else ''} deep, is not shown here ({why}; ask about {atom} on its own "
                    "to see it)", kind="cut")

    def facts_below(self, root: M.GroundAtom) -> list[Node]:
        """The facts root's derivation rests on, each once, in the order its full tree shows them
        (cut or not): a walk of the derivation that visits a shared part once."""
        out: dict[str, Node] = {}
        seen: set[M.GroundAtom] = set()
        stack: list[M.GroundAtom | Node] = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, Node):  # a leaf written in place (a condition with no instance)
                out.setdefault(item.statement, item)
                continue
            if item in seen:
                continue
            seen.add(item)
            firing = self.choice(item)
            if firing is None:
                leaf = self._shell(item)
                out.setdefault(leaf.statement, leaf)
                continue
            inst, b = firing
            if self._plain(inst) and item not in self.witnessed:  # its tree's atoms are exactly what the firing rests on, in order
                stack.extend(reversed(self.positive_deps(inst, b)))
                continue
            below: list[M.GroundAtom | Node] = []
            for node, g in self._children(item, firing, words=False):
                if g is not None:
                    below.append(g)
                elif node is not None and node.kind in LEAF_KINDS:
                    below.append(node)
            stack.extend(reversed(below))
        return list(out.values())


    def _plain(self, inst: RuleInstance) -> bool:
        got = self._plains.get(inst.n)
        if got is None:
            got = self._plains[inst.n] = _plain(inst)
        return got


def _plain(inst: RuleInstance) -> bool:
    """Whether a rule alternative's tree shows exactly the atoms `positive_deps` lists: no atom
    with an aggregate argument, no condition with two aggregates. (An atom with an anonymous
    variable has an instance: the firing is certain, so its conditions are.)"""
    for lit in inst.rule.alternatives[inst.alternative]:
        aggs = list(aggregates_in(lit))
        if (isinstance(lit, M.RAtom) and aggs) or len(aggs) > 1:
            return False
    return True


class _Self:
    """Marks a condition's atom as hanging under the rule node itself."""


_SELF = _Self()


def list_entry_ref(listed) -> ProvisionRef:
    """A list entry as the source of the facts drawn from it: which list, which entry, how it was
    matched and dated, and what a reader relying on it must know."""
    cautions = list(listed.cautions)
    if listed.holds != "true":
        cautions.append(f"Possibly, not surely: {listed.text}")
    return ProvisionRef(id=f"{listed.list}:{listed.entry_id}",
                        title=f"{listed.list} entry {listed.entry_id}, listed as '{listed.listed_name}'",
                        cite=f"{listed.list} entry {listed.entry_id}" + "".join(f"; {c}" for c in listed.federal_register)
                        + (f"; in effect from {listed.start.isoformat()}" if listed.start else "")
                        + f" (snapshot of {listed.snapshot.isoformat()})"
                        + "".join(f"; identity confirmed: {c}" for c in getattr(listed, "confirmed_by", ())),
                        text=listed.text, cautions=cautions)
