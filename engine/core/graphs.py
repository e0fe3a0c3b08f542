"""Graph algorithms shared by the stages: reachability, strongly connected components and shortest paths.

Iterative, so a deep dependency chain (a 10,000-link ownership chain, a long rule
chain) cannot exhaust Python's recursion limit.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Hashable, Iterable, Sequence, TypeVar

N = TypeVar("N", bound=Hashable)


def strongly_connected(nodes: Iterable[N], successors: Callable[[N], Iterable[N]]) -> list[list[N]]:
    """Tarjan's algorithm: the strongly connected components, each closed before any that reaches it
    (so the list is in reverse topological order), nodes visited in the order given."""
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    stack: list[N] = []
    on_stack: set[N] = set()
    out: list[list[N]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors(root)))]
        while work:
            node, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(successors(w))))
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    comp: list[N] = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    out.append(comp)
    return out


def reachable(starts: Iterable[N], successors: Callable[[N], Iterable[N]]) -> set[N]:
    """Every node reachable from `starts`, the starts among them (depth first, iterative)."""
    seen: set[N] = set()
    stack = list(starts)
    while stack:
        v = stack.pop()
        if v not in seen:
            seen.add(v)
            stack.extend(successors(v))
    return seen


def shortest_path(start: N, goal: N, successors: Callable[[N], Iterable[N]],
                  within: Callable[[N], bool] = lambda _: True) -> list[N]:
    """A shortest path start -> ... -> goal through nodes `within` allows (breadth first); [goal] if none."""
    prev: dict[N, N | None] = {start: None}
    queue: deque[N] = deque([start])
    while queue:
        v = queue.popleft()
        if v == goal:
            break
        for w in successors(v):
            if within(w) and w not in prev:
                prev[w] = v
                queue.append(w)
    path: list[N] = []
    cur: N | None = goal
    while cur is not None:
        path.append(cur)
        cur = prev.get(cur)
    return list(reversed(path))


def component_numbers(nodes: Sequence[N], successors: Callable[[N], Iterable[N]]) -> dict[N, int]:
    """Each node's component, numbered in the order the components close."""
    return {n: k for k, comp in enumerate(strongly_connected(nodes, successors)) for n in comp}
