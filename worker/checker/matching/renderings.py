"""Which pairs of a cluster the report compares, so that the report grows linearly.

A wire statement carried by 20 outlets is a cluster of 20 quotes, nearly all of them the same
words; listing every pair (190) with its word diff made a story of 20 outlets x 1,000
statements a 110 MB report. A small cluster (at most ``MAX_ALL_PAIRS_QUOTES`` quotes) of a
small story (its small clusters have at most ``MAX_EVERY_PAIR_COMPARISONS`` pairs: a story of a
few outlets) still lists every pair from different articles: a reader (and the evaluation,
which looks pairs up by quote ids) finds each pair stated. Each pair of identical copies
carries its whole diff (about 700 bytes), so in a larger story (8 outlets x 1,000 statements
would be 28,000 comparisons, an 18 MB report), and in a larger cluster, the cluster is
*grouped*:

- its quotes are grouped into **renderings**: quotes with the same words after normalisation
  (the same ``NormalisedQuote``, so the same alignment and diff with any other quote). The
  first quote of a rendering (in article order) is its representative; the others are implied
  to be identical to it and are not compared one by one;
- the **reference** rendering is the one a primary source verifies if there is one, else the
  most common (the wire text), then the fullest (most words), then the first;
- each other rendering's representative is compared with the reference's representative;
  a rendering the reference does not link with (a disjoint piece of the statement, a variant
  of an excerpt) is compared instead wherever one of its quotes was linked directly with
  another rendering (one comparison per pair of renderings).

So a cluster of n quotes in k renderings gives k - 1 comparisons, plus the direct links of
renderings apart from the reference (bounded by blocking's links): linear in the quotes.
Variants are not compared with each other: each is shown against the wire text.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

MAX_ALL_PAIRS_QUOTES = 8
MAX_EVERY_PAIR_COMPARISONS = 2_000


@dataclass(frozen=True, slots=True)
class Plan:
    """The pairs (quote indices ``i < j``) a cluster compares, and its renderings if grouped.

    ``reference`` is None for a cluster that lists every pair; otherwise it is the reference
    rendering's representative, and ``renderings`` are the other renderings, each its members in
    cluster order (the representative first). A member in none of them has the reference's
    words: the report lists only what differs from the reference.
    """

    pairs: list[tuple[int, int]]
    renderings: list[list[int]]
    reference: int | None


def lists_every_pair(cluster_sizes: Iterable[int]) -> bool:
    """Whether a story is small enough for its small clusters to list every pair: their pairs
    number at most ``MAX_EVERY_PAIR_COMPARISONS`` (a story of a few outlets)."""
    pairs = sum(n * (n - 1) // 2 for n in cluster_sizes if n <= MAX_ALL_PAIRS_QUOTES)
    return pairs <= MAX_EVERY_PAIR_COMPARISONS


def plan_pairs(
    members: Sequence[int],
    text_of: Callable[[int], Hashable],
    size_of: Callable[[int], int],
    verified: Callable[[int], bool],
    direct_links: Iterable[tuple[int, int]],
    article_of: Callable[[int], int],
    links: Callable[[int, int], bool],
    every_pair: bool = True,
) -> Plan:
    """The comparison plan of one cluster (``members`` sorted; see the module doc).

    ``direct_links``: the pairs of members blocking linked; ``links(i, j)``: whether two
    members pass the link rules (asked only for the pairs a grouped cluster may list);
    ``every_pair``: the story is small (``lists_every_pair``), so a small cluster lists every
    pair.
    """
    if len(members) < 2 or (every_pair and len(members) <= MAX_ALL_PAIRS_QUOTES):
        every = [(i, j) for offset, i in enumerate(members) for j in members[offset + 1 :]]
        return Plan(every, [], None)
    groups: dict[Hashable, list[int]] = {}
    for member in members:
        groups.setdefault(text_of(member), []).append(member)
    renderings = list(groups.values())
    order = {group[0]: n for n, group in enumerate(renderings)}
    reference = max(
        renderings,
        key=lambda group: (
            any(verified(m) for m in group),
            len(group),
            size_of(group[0]),
            -order[group[0]],
        ),
    )
    group_of = {member: order[group[0]] for group in renderings for member in group}
    anchor = order[reference[0]]
    pairs: set[tuple[int, int]] = set()
    apart: set[int] = set()
    for n, group in enumerate(renderings):
        if n == anchor:
            continue
        pair = _across(reference, group, article_of)
        if pair is not None and links(*pair):
            pairs.add(pair)
        else:
            apart.add(n)
    # A rendering the reference does not link (a disjoint piece, a variant of an excerpt)
    # keeps one comparison per rendering it was linked with directly.
    seen: set[tuple[int, int]] = set()
    for i, j in direct_links:
        a, b = group_of.get(i), group_of.get(j)
        if a is None or b is None or a == b or not ({a, b} & apart):
            continue
        key = (min(a, b), max(a, b))
        if key not in seen:
            seen.add(key)
            pairs.add((i, j))
    others = [group for group in renderings if group is not reference]
    return Plan(sorted(pairs), others, reference[0])


def _across(
    first: Sequence[int], second: Sequence[int], article_of: Callable[[int], int]
) -> tuple[int, int] | None:
    """The pair standing for two renderings: their representatives, or when those come from
    one article (never compared), the first quotes of the two from different articles."""
    articles = {article_of(j) for j in second}
    for i in first:
        if articles != {article_of(i)}:
            j = next(j for j in second if article_of(j) != article_of(i))
            return (min(i, j), max(i, j))
    return None
