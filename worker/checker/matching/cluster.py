"""Group quotes that are the same quotation into clusters.

Links are transitive in practice (two outlets quoting overlapping halves of one statement, and a
third quoting all of it, are one quotation), so clusters are the connected components of the
links. A short excerpt is different: ``the main results`` may sit inside several unrelated
statements, and letting it join all of them would merge those statements into one cluster. Weak
links (short excerpts, see ``wording.py``) are therefore applied after the strong ones, and only
when the short quote points into exactly one cluster (or exactly one cluster with the same
speaker); otherwise the short quote stays on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from worker.checker.matching.linker import Link


class _Components:
    """Union-find with path halving; the one stateful helper, hence a class."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, x: int, y: int) -> None:
        root_x, root_y = self.find(x), self.find(y)
        if root_x != root_y:
            self.parent[max(root_x, root_y)] = min(root_x, root_y)


def _attach_weak(components: _Components, weak: Sequence[Link]) -> None:
    hosts: dict[int, dict[int, list[Link]]] = {}
    for link in weak:
        short = link.short_side
        host = link.b if short == link.a else link.a
        short_root, host_root = components.find(short), components.find(host)
        if short_root != host_root:
            hosts.setdefault(short_root, {}).setdefault(host_root, []).append(link)
    for short_root in sorted(hosts):
        candidates = hosts[short_root]
        if len(candidates) > 1:
            candidates = {
                root: links
                for root, links in candidates.items()
                if any(link.same_speaker for link in links)
            }
        if len(candidates) == 1:
            (links,) = candidates.values()
            components.union(links[0].a, links[0].b)


def cluster_quotes(count: int, links: Sequence[Link]) -> list[list[int]]:
    """Clusters of quote indices (singletons included), each sorted, ordered by first member."""
    components = _Components(count)
    for link in links:
        if not link.match.weak:
            components.union(link.a, link.b)
    _attach_weak(components, [link for link in links if link.match.weak])
    groups: dict[int, list[int]] = {}
    for index in range(count):
        groups.setdefault(components.find(index), []).append(index)
    return sorted(groups.values(), key=lambda members: members[0])
