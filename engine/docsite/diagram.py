"""Layered diagrams as inline SVG, laid out in Python.

The documentation site must show its diagrams offline (no Mermaid script from a
CDN), so the layout is done here: each node goes to a column one past its
furthest predecessor, nodes that depend on each other in a cycle share a column,
and a few barycentre sweeps order each column to shorten the edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..core.graphs import component_numbers

BOX_W, BOX_H = 200, 44
GAP_X, GAP_Y = 50, 14
PAD = 10
_TITLE_CHARS = 26  # bold 13px text: about 7 px a character, inside a 200 px box


@dataclass(frozen=True)
class DiagramNode:
    id: str
    label: str  # the first line, e.g. a provision's title
    detail: str = ""  # the second line, e.g. its identifier
    href: str | None = None
    emphasis: bool = False  # the node the page is about


def layered_svg(nodes: list[DiagramNode], edges: list[tuple[str, str]], description: str) -> str:
    """An SVG drawing edges left to right, from each `(source, target)` source to its target."""
    ids = [n.id for n in nodes]
    edges = [(a, b) for a, b in edges if a in ids and b in ids and a != b]
    columns = layered_columns(ids, edges)
    position: dict[str, tuple[int, int]] = {}
    for c, column in enumerate(columns):
        for r, node_id in enumerate(column):
            position[node_id] = (PAD + c * (BOX_W + GAP_X), PAD + r * (BOX_H + GAP_Y))
    width = PAD * 2 + len(columns) * BOX_W + max(len(columns) - 1, 0) * GAP_X
    height = PAD * 2 + max((len(c) for c in columns), default=0) * (BOX_H + GAP_Y) - GAP_Y
    out = [f'<svg class="writ-diagram" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(description)}" '
           'font-family="sans-serif" font-size="12">',
           "<defs><marker id=\"writ-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
           "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#7a7a7a\"/>"
           "</marker></defs>"]
    for a, b in edges:
        out.append(_edge(position[a], position[b]))
    by_id = {n.id: n for n in nodes}
    for node_id in ids:
        out.append(_node(by_id[node_id], *position[node_id]))
    out.append("</svg>")
    return "\n".join(out)


def layered_columns(ids: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """The nodes in columns: each after all it depends on, ordered to shorten the edges."""
    edges = [(a, b) for a, b in edges if a != b]
    return _order(_columns(ids, edges), edges)


def _columns(ids: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    component = _strongly_connected(ids, edges)
    preds: dict[int, set[int]] = {c: set() for c in set(component.values())}
    for a, b in edges:
        if component[a] != component[b]:
            preds[component[b]].add(component[a])
    depth: dict[int, int] = {}

    def column_of(c: int) -> int:  # longest path from a source; the component graph is acyclic
        if c not in depth:
            depth[c] = 1 + max((column_of(p) for p in preds[c]), default=-1)
        return depth[c]

    columns: list[list[str]] = []
    for node_id in ids:
        col = column_of(component[node_id])
        while len(columns) <= col:
            columns.append([])
        columns[col].append(node_id)
    return columns


def _strongly_connected(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Node -> component number (Tarjan's algorithm, in core.graphs)."""
    succ: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in edges:
        succ[a].append(b)
    return component_numbers(ids, succ.__getitem__)


def _order(columns: list[list[str]], edges: list[tuple[str, str]], sweeps: int = 4) -> list[list[str]]:
    """Reorder each column by the mean row of its neighbours in the column before (then after)."""
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for a, b in edges:
        preds.setdefault(b, []).append(a)
        succs.setdefault(a, []).append(b)
    columns = [list(c) for c in columns]
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        neighbours = preds if forward else succs
        order = range(1, len(columns)) if forward else range(len(columns) - 2, -1, -1)
        for c in order:
            row = {n: r for col in columns for r, n in enumerate(col)}
            current = {n: r for r, n in enumerate(columns[c])}

            def barycentre(n: str) -> float:
                rows = [row[m] for m in neighbours.get(n, ()) if m in row]  # noqa: B023 (used in this iteration only)
                return sum(rows) / len(rows) if rows else current[n]  # noqa: B023

            columns[c].sort(key=lambda n: (barycentre(n), current[n]))  # stable: ties keep the law's order
    return columns


def _edge(a: tuple[int, int], b: tuple[int, int]) -> str:
    x1, y1 = a[0] + BOX_W, a[1] + BOX_H // 2
    x2, y2 = b[0], b[1] + BOX_H // 2
    bend = max(abs(x2 - x1) / 2, 40)
    return (f'<path class="writ-edge" d="M {x1} {y1} C {x1 + bend} {y1}, {x2 - bend} {y2}, {x2} {y2}" '
            f'fill="none" stroke="#9e9e9e" stroke-width="1.3" marker-end="url(#writ-arrow)"/>')


def _node(n: DiagramNode, x: int, y: int) -> str:
    label = n.label if len(n.label) <= _TITLE_CHARS else n.label[: _TITLE_CHARS - 1].rstrip() + "…"
    cls = "writ-node writ-node-focus" if n.emphasis else "writ-node"
    fill, stroke, ink = ("#3f51b5", "#283593", "#ffffff") if n.emphasis else ("#f3f5ff", "#7986cb", "#1a1a1a")
    box = (f'<g class="{cls}"><title>{escape(n.label)}</title>'
           f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" stroke="{stroke}"/>'
           f'<text x="{x + 10}" y="{y + 18}" fill="{ink}" font-weight="bold">{escape(label)}</text>'
           f'<text x="{x + 10}" y="{y + 35}" fill="{ink}" font-family="monospace" font-size="11">{escape(n.detail)}</text></g>')
    if n.href:
        return f'<a href="{escape(n.href)}">{box}</a>'
    return box
