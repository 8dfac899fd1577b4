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
    """Each node's root: follow the chain to its end (a loop ends where it would repeat).

    One walk over the nodes, each node settled once (linear however long the chains): a node's
    root is its parent's root; on a loop, where the walk from a node ends is the node just before
    it on the loop (the last one before the walk would repeat), and a node leading into a loop
    ends where the node it enters the loop at does."""
    out: dict[str, str] = {}
    for start in parent:
        path: list[str] = []  # the nodes walked from start, not settled yet
        at: dict[str, int] = {}  # node -> its place in path
        node = start
        while node not in out:
            at[node] = len(path)
            path.append(node)
            if not isinstance(parent.get(node), str) or parent[node] not in parent:
                root = node  # the chain ends here
                break
            after = cast(str, parent[node])  # a str: the condition above checked it
            if after in at:  # a loop: path[at[after]:]; each on it ends at the one before it
                loop = path[at[after] :]
                out.update((here, loop[k - 1]) for k, here in enumerate(loop))
                del path[at[after] :]
                root = node  # the node just before `after` on the loop
                break
            node = after
        else:
            root = out[node]  # settled by an earlier walk
        out.update((here, root) for here in path)
    return {node: out[node] for node in parent}  # in the order of parent, as before
