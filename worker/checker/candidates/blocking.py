"""Which pairs of quotes are worth aligning at all.

Aligning every pair is quadratic; a story with thousands of quotes would never finish. Two quotes
can only be the same quotation if they share a run of words, so quotes are indexed by their word
trigrams (within one ellipsis piece, since words across an ellipsis are not contiguous) and only
quotes meeting in some trigram are proposed. Words are indexed in a spelling-neutral form
with numbers as one placeholder (``spelling.py``), so British and American versions of a quote,
and versions with a changed figure, still meet.

Trigrams of function words alone (``one of the``) are not indexed, because they join unrelated
quotes; a quote made only of such words (or shorter than a trigram) is looked up by its own
words instead and paired only with the quotes containing them. A trigram found in very many
quotes (a statement every outlet carried, or a common phrase) would make its list quadratic
again; for those the quotes are sorted by the words that follow the trigram and each is paired
only with its nearest neighbours: quotes of one statement continue alike and so sort next to
each other. Identical quotes are chained to one representative instead of paired all with all,
and copies (the same words from the same speaker: a wire quote that many outlets carried) are
indexed once, so that a statement carried by fifty outlets fills one entry of each list, not
fifty; a pair found between two copies stands for every pair of their copies, which the
identical-quote chains join into one cluster.

Sharing a trigram is necessary for a link, not nearly sufficient: in a story written from one
vocabulary, chance collisions grow with the square of the quotes. So how much a shared trigram
proves depends on how many quotes use it and how long the two quotes are (``_spread_needed``):
a phrase few quotes use proposes its pairs; a phrase several quotes use is only a hint for two
long quotes, confirmed by shared trigrams starting ``spread`` words apart (the two trigrams of one
common four-word phrase, ``the end of the year``, are one coincidence, not two). Then every
proposed pair must also pass ``keep`` (``prefilter.may_link``: a test every link rule implies),
and only those are candidates; ``proposed`` counts the pairs before it, to show the collisions
it removed. The measurements behind the numbers are in ``docs/performance.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from worker.checker.text.normalise import NormalisedQuote
from worker.checker.text.spelling import spelling_neutral
from worker.checker.text.vocabulary import is_content, is_number

Gram = tuple[str, ...]
Posting = list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class BlockingConfig:
    """How quotes are paired through the word trigrams (grams) they share.

    Pairing a gram's list of quotes in full costs the square of its length, so ``max_postings``
    bounds the pairs per quote and gram; copies count once, so a statement many outlets carried
    does not crowd its lists. ``_spread_needed`` tabulates what a list proves about a pair.
    """

    n: int = 3
    """Words in a gram."""
    max_postings: int = 12
    """Longest list paired in full; a longer one pairs each quote with its neighbours."""
    window: int = 6
    """How many neighbours each quote of a longer list is paired with."""
    context: int = 12
    """How many words after the gram sort a longer list, so that neighbours share them too."""
    spread: int = 2
    """How far apart (in words) the first and last gram two long quotes share must start when
    a gram is only a hint."""
    confirm_from: int = 10
    """From how many words a quote is long (a gram it shares is then only a hint)."""
    trusted_postings: int = 4
    """Longest list whose pairs are proposed on that gram alone."""


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate pairs ``(i, j)`` with ``i < j``, always from different articles.

    ``proposed`` is how many pairs blocking proposed (confirmed where a trigram is only a
    hint) before ``keep``.
    """

    pairs: tuple[tuple[int, int], ...]
    crowded_postings: int
    proposed: int = 0


def _form(key: str) -> str:
    return "#" if is_number(key) else spelling_neutral(key)


def _forms(quote: NormalisedQuote) -> Gram:
    """Spelling-neutral words, every number one placeholder (``$40m`` must meet ``$14m``)."""
    return tuple(_form(key) for key in quote.keys)


def _grams(quote: NormalisedQuote, forms: Gram, n: int) -> tuple[dict[Gram, int], dict[Gram, int]]:
    """Trigrams with their first position: those with a content word, and the rest."""
    distinctive: dict[Gram, int] = {}
    plain: dict[Gram, int] = {}
    keys = quote.keys
    for start, end in quote.pieces:
        for position in range(start, end - n + 1):
            gram = forms[position : position + n]
            content = any(is_content(key) for key in keys[position : position + n])
            (distinctive if content else plain).setdefault(gram, position)
    return distinctive, plain


def _lookup_grams(quote: NormalisedQuote, forms: Gram, plain: dict[Gram, int]) -> list[Gram]:
    """What a quote without distinctive trigrams is looked up by.

    A quote of function words only (``Some of them will, for a while``) is looked up by its
    trigrams; a quote shorter than a trigram by its longest piece.
    """
    if plain:
        return list(plain)
    if not quote.pieces:
        return []
    start, end = max(quote.pieces, key=lambda piece: piece[1] - piece[0])
    return [forms[start:end]] if end > start else []


def _pairs_of(
    posting: Posting, forms: Mapping[int, Gram], config: BlockingConfig
) -> Iterator[tuple[int, int, int]]:
    """Pairs ``(i, j, position)`` with ``i < j``: the trigram's position in quote ``i``."""
    if len(posting) <= config.max_postings:
        for offset, first in enumerate(posting):
            for second in posting[offset + 1 :]:
                yield _ordered(first, second)
        return
    ordered = sorted(
        posting,
        key=lambda entry: (forms[entry[0]][entry[1] : entry[1] + config.context], entry[0]),
    )
    for offset, first in enumerate(ordered):
        for second in ordered[offset + 1 : offset + 1 + config.window]:
            yield _ordered(first, second)


def _ordered(first: tuple[int, int], second: tuple[int, int]) -> tuple[int, int, int]:
    (i, position), (j, _) = (first, second) if first[0] < second[0] else (second, first)
    return i, j, position


@dataclass(frozen=True, slots=True)
class _Copies:
    """Quotes grouped by words and speaker; ``firsts`` are the first quote of each group."""

    firsts: tuple[int, ...]
    members: dict[int, list[int]]

    @classmethod
    def of(cls, quotes: Sequence[NormalisedQuote], speakers: Sequence[str | None]) -> _Copies:
        groups: dict[tuple[NormalisedQuote, str | None], list[int]] = {}
        for index, (quote, speaker) in enumerate(zip(quotes, speakers, strict=True)):
            groups.setdefault((quote, speaker), []).append(index)
        return cls(
            tuple(members[0] for members in groups.values()),
            {members[0]: members for members in groups.values()},
        )

    def pair(self, i: int, j: int, articles: Sequence[int]) -> tuple[int, int] | None:
        """A copy of ``i`` and a copy of ``j`` from different articles, if there is one."""
        for x in self.members[i]:
            for y in self.members[j]:
                if articles[x] != articles[y]:
                    return (x, y) if x < y else (y, x)
        return None


def _identical_pairs(
    quotes: Sequence[NormalisedQuote], articles: Sequence[int]
) -> Iterator[tuple[int, int]]:
    """Chain identical quotes through two anchors from different articles (linear, connected)."""
    groups: dict[Gram, list[int]] = {}
    for index, quote in enumerate(quotes):
        if quote.keys:
            groups.setdefault(quote.keys, []).append(index)
    for members in groups.values():
        first = members[0]
        second = next((m for m in members if articles[m] != articles[first]), None)
        if second is None:
            continue
        for member in members[1:]:
            anchor = first if articles[member] != articles[first] else second
            if member != anchor:
                yield (anchor, member) if anchor < member else (member, anchor)


Keep = Callable[[int, int], bool]


def candidate_pairs(
    quotes: Sequence[NormalisedQuote],
    articles: Sequence[int],
    config: BlockingConfig = BlockingConfig(),
    keep: Keep | None = None,
    speakers: Sequence[str | None] | None = None,
) -> Candidates:
    """Pairs of quotes from different articles that share a distinctive run of words (and
    pass ``keep``; identical quotes are always kept). ``speakers`` tell copies apart (``keep``
    may depend on them); without them, equal words are copies."""
    identical = set(_identical_pairs(quotes, articles))
    copies = _Copies.of(quotes, speakers if speakers is not None else [None] * len(quotes))
    proposed = _proposed_pairs(quotes, articles, config, copies)
    kept = _kept(proposed.pairs, identical, keep)
    pairs = tuple(sorted(identical | kept))
    return Candidates(pairs, proposed.crowded_postings, len(proposed.pairs))


def _kept(
    pairs: Iterable[tuple[int, int]], identical: set[tuple[int, int]], keep: Keep | None
) -> set[tuple[int, int]]:
    if keep is None:
        return set(pairs)
    return {pair for pair in pairs if pair not in identical and keep(*pair)}


def _proposed_pairs(
    quotes: Sequence[NormalisedQuote],
    articles: Sequence[int],
    config: BlockingConfig,
    copies: _Copies,
) -> Candidates:
    """Pairs sharing a distinctive trigram, confirmed where the trigram is only a hint (found
    between first copies, then placed in different articles)."""
    forms: dict[int, Gram] = {index: _forms(quotes[index]) for index in copies.firsts}
    postings: dict[Gram, Posting] = {}
    wanted: dict[Gram, set[int]] = {}
    for index in copies.firsts:
        quote = quotes[index]
        distinctive, plain = _grams(quote, forms[index], config.n)
        for gram, position in distinctive.items():
            postings.setdefault(gram, []).append((index, position))
        if not distinctive:
            for gram in _lookup_grams(quote, forms[index], plain):
                wanted.setdefault(gram, set()).add(index)
    found, crowded = _sharing(postings, forms, config)
    looked_up, crowded_lookups = _looked_up(quotes, copies, forms, wanted, config)
    pairs = {
        placed for i, j in found | looked_up if (placed := copies.pair(i, j, articles)) is not None
    }
    return Candidates(tuple(pairs), crowded + crowded_lookups, len(pairs))


def _spread_needed(size: int, short: bool, config: BlockingConfig) -> int:
    """What a trigram list of ``size`` quotes proves about a pair in it: ``0``, the pair is
    proposed on this trigram alone; otherwise it is a hint, and the pair is proposed when the
    trigrams it shares start at least that many words apart.

    ======================== ================= ==========================
    list                     a short quote     two long quotes
    ======================== ================= ==========================
    up to trusted_postings   proposed          proposed
    up to max_postings       proposed          spread apart
    longer (neighbours)      a second trigram  spread apart
    ======================== ================= ==========================

    A short quote (an excerpt of a few words) has only a trigram or two, so it is proposed in
    any list paired in full; long quotes meeting in a phrase several quotes use are mostly
    chance, unless they share more than one common four-word phrase.
    """
    if size <= config.trusted_postings or (short and size <= config.max_postings):
        return 0
    return 1 if short else config.spread


def _sharing(
    postings: Mapping[Gram, Posting], forms: Mapping[int, Gram], config: BlockingConfig
) -> tuple[set[tuple[int, int]], int]:
    """Pairs proposed by the trigram lists, and how many lists were crowded."""

    def short(i: int, j: int) -> bool:
        return min(len(forms[i]), len(forms[j])) < config.confirm_from

    found: set[tuple[int, int]] = set()
    crowded = 0
    # The first and last position in quote ``i`` of the trigrams a hinted pair shares, and the
    # spread it needs (which depends only on the pair for a hint).
    hints: dict[tuple[int, int], tuple[int, int, int]] = {}
    for posting in postings.values():
        if len(posting) <= 1:
            continue
        crowded += len(posting) > config.max_postings
        for i, j, position in _pairs_of(posting, forms, config):
            if (i, j) in found:
                continue
            need = _spread_needed(len(posting), short(i, j), config)
            if not need:
                found.add((i, j))
                continue
            first, last, _ = hints.get((i, j), (position, position, need))
            hints[(i, j)] = (min(first, position), max(last, position), need)
    found.update(pair for pair, (first, last, need) in hints.items() if last - first >= need)
    return found, crowded


def _looked_up(
    quotes: Sequence[NormalisedQuote],
    copies: _Copies,
    forms: Mapping[int, Gram],
    wanted: Mapping[Gram, set[int]],
    config: BlockingConfig,
) -> tuple[set[tuple[int, int]], int]:
    """The quotes without a distinctive trigram, paired with every quote containing one of
    their lookup grams (and only with those); how many lookup lists were crowded."""
    sizes = sorted({len(gram) for gram in wanted})
    lookups: dict[Gram, Posting] = {}
    for index in copies.firsts:
        seen: set[Gram] = set()
        for start, end in quotes[index].pieces:
            for size in sizes:
                for position in range(start, end - size + 1):
                    gram = forms[index][position : position + size]
                    if gram in wanted and gram not in seen:
                        seen.add(gram)
                        lookups.setdefault(gram, []).append((index, position))
    found: set[tuple[int, int]] = set()
    crowded = 0
    for gram, posting in lookups.items():
        if len(posting) > 1:
            crowded += len(posting) > config.max_postings
            seekers = wanted[gram]
            for i, j, _ in _pairs_of(posting, forms, config):
                if i in seekers or j in seekers:
                    found.add((i, j))
    return found, crowded
