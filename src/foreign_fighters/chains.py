"""Walks along child -> parent chains: `part_of` between origins, `copy_of` between sources."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import cast


def on_a_cycle(parent: Mapping[Hashable, Hashable]) -> set[Hashable]:
    """The nodes that are their own ancestor: one walk over the nodes, each node's ancestry settled
    once (linear in the number of nodes, however long the chains)."""
    state: dict[Hashable, bool] = {}  # node -> is on a cycle
    for start in parent:
        path, seen, node = [], set(), start
        while node in parent and node not in state and node not in seen:
            seen.add(node)
            path.append(node)
            node = parent[node]
        cycle = set(path[path.index(node) :]) if node in seen else set()
        for visited in path:
            state[visited] = visited in cycle
    return {node for node, looped in state.items() if looped}


def roots(parent: Mapping[str, object]) -> dict[str, str]:
    """Each node's root: follow the chain to its end (a loop ends where it would repeat)."""
    out: dict[str, str] = {}
    for start in parent:
        node, seen = start, {start}
        while isinstance(parent.get(node), str) and parent[node] in parent and parent[node] not in seen:
            node = cast(str, parent[node])  # a str: the loop's condition checked it
            seen.add(node)
        out[start] = node
    return out
