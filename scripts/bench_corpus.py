"""Deterministic workloads for the benchmarks, built from the gold articles.

Real article text is what extraction speed depends on (quote density, sentence length), so the
extraction corpus reuses the gold articles, cycled with their paragraphs shuffled under a fixed
seed so no two texts are equal. The checker workload needs far more quotes than the gold has; it
is generated from the same material: clusters of one statement quoted by several outlets
(identical, excerpts, variants: changed words, numbers, negations, another speaker) plus many
unrelated quotes from a word-bigram model of the gold text. The gold vocabulary is small, so most
content words are swapped for pseudo-words drawn from a Zipf-Mandelbrot vocabulary of 50,000:
function words and stock phrases stay shared across unrelated quotes (the load that real news
puts on the candidate-pair blocking) while content words stay as diverse as in a real corpus,
and no two clusters are accidentally the same statement.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bench_core import GOLD

from worker.evaluation.gold import GoldArticle, load_folder
from worker.records import Article, ExtractedArticle, Quote

SEED = 20171121
_PARAGRAPHS = re.compile(r"\n\s*\n|\n")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def gold_articles(folder: Path = GOLD) -> list[GoldArticle]:
    """Every gold article (all stories, seeds included), in a stable order."""
    return [article for story in load_folder(folder) for article in story.articles]


def word_count(text: str) -> int:
    """Whitespace words: the unit of the words/s figures (the same for both sides of a ratio)."""
    return len(text.split())


def extraction_corpus(minimum: int = 200, folder: Path = GOLD) -> list[Article]:
    """At least ``minimum`` distinct articles: the gold articles, then shuffled copies of them."""
    base = gold_articles(folder)
    if not base:
        raise ValueError(f"no gold articles under {folder}")
    rng = random.Random(SEED)
    corpus: list[Article] = []
    seen: set[str] = set()
    index = 0
    while len(corpus) < minimum:
        source = base[index % len(base)]
        text = source.text
        if index >= len(base):
            paragraphs = [p for p in _PARAGRAPHS.split(source.text) if p.strip()]
            rng.shuffle(paragraphs)
            text = "\n\n".join(paragraphs)
        index += 1
        if text in seen and index < minimum * 20:
            continue
        seen.add(text)
        name = f"bench-{len(corpus):04d}-{source.source}"
        corpus.append(Article(id=name, source=name, text=text))
    return corpus


@dataclass(frozen=True, slots=True)
class Material:
    """Text material mined from the gold articles."""

    statements: tuple[str, ...]
    bigrams: dict[str, tuple[str, ...]]
    starts: tuple[str, ...]
    tokens: tuple[str, ...]
    speakers: tuple[str, ...]


def material(folder: Path = GOLD) -> Material:
    """Gold quote texts and article sentences as statements, plus a word-bigram model."""
    statements: list[str] = []
    followers: defaultdict[str, list[str]] = defaultdict(list)
    starts: list[str] = []
    every: list[str] = []
    for article in gold_articles(folder):
        statements.extend(q.text for q in article.quotes if len(q.text.split()) >= 4)
        for sentence in _SENTENCES.split(" ".join(article.text.split())):
            tokens = sentence.replace("“", "").replace("”", "").replace('"', "").split()
            every.extend(tokens)
            if len(tokens) >= 6:
                statements.append(" ".join(tokens))
                starts.append(tokens[0])
            for left, right in itertools.pairwise(tokens):
                followers[left].append(right)
    people = [
        f"{first} {last}"
        for first in (
            "Anna",
            "Boris",
            "Carla",
            "David",
            "Elena",
            "Farid",
            "Grace",
            "Hiro",
            "Ines",
            "Jon",
            "Kemal",
            "Lena",
        )
        for last in (
            "Adams",
            "Bauer",
            "Chen",
            "Diaz",
            "Evans",
            "Fischer",
            "Garcia",
            "Haddad",
            "Ivanova",
            "Jones",
            "Kim",
            "Lopez",
            "Moreau",
            "Novak",
            "Okafor",
            "Petrov",
        )
    ]
    speakers = (*people, "White House", "Kremlin", "State Department", "Ministry of Defence")
    return Material(
        tuple(dict.fromkeys(statements)),
        {word: tuple(nexts) for word, nexts in followers.items()},
        tuple(starts) or ("The",),
        tuple(every) or ("the",),
        speakers,
    )


_SYLLABLES = (
    "ba",
    "ko",
    "ri",
    "tan",
    "mel",
    "su",
    "dor",
    "vi",
    "len",
    "ga",
    "pro",
    "ste",
    "mu",
    "ca",
    "nel",
    "zi",
    "hor",
    "ta",
    "qui",
    "ser",
    "lo",
    "fen",
    "dra",
    "mi",
)
_STOPWORDS = frozenset(
    (
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "not",
        "no",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "who",
        "which",
        "what",
        "when",
        "where",
        "said",
        "says",
        "about",
        "also",
        "after",
        "before",
        "than",
        "more",
        "most",
    )
)


@lru_cache(maxsize=1)
def _pseudo_vocabulary() -> tuple[tuple[str, ...], tuple[float, ...]]:
    """50,000 pseudo-words with cumulative Zipf-Mandelbrot weights ``1/(rank + 50)``.

    The offset flattens the head: the commonest pseudo-word gets about 0.3% of the swapped
    words, like the commonest content word of news text, instead of the 9% of plain ``1/rank``
    (the head of a plain Zipf law is function words, which are never swapped).
    """
    words = [
        "".join(parts) for size in (2, 3, 4) for parts in itertools.product(_SYLLABLES, repeat=size)
    ]
    random.Random(SEED).shuffle(words)
    words = words[:50_000]
    weights = list(itertools.accumulate(1.0 / (rank + 50) for rank in range(1, len(words) + 1)))
    return tuple(words), tuple(weights)


def diversify(rng: random.Random, words: Sequence[str], share: float = 0.5) -> list[str]:
    """Swap about ``share`` of the content words for Zipf-drawn pseudo-words (see module doc)."""
    vocabulary, weights = _pseudo_vocabulary()
    out = []
    for word in words:
        core = word.strip('.,;:!?()[]"“”')
        if len(core) > 3 and core.lower() not in _STOPWORDS and rng.random() < share:
            new = rng.choices(vocabulary, cum_weights=weights)[0]
            new = new.capitalize() if core[:1].isupper() else new
            word = word.replace(core, new)
        out.append(word)
    return out


def babble(rng: random.Random, stuff: Material, length: int) -> str:
    """Unrelated text: bigram steps from the gold text, content words diversified.

    The gold text is small, so many words have a single follower and a pure bigram walk would
    copy long runs of it verbatim: two "unrelated" quotes would then share five words and more
    and be, by their text, excerpts of one statement. A quarter of the steps therefore jump to a
    random word of the text instead. Calibrated on the gold: two such quotes share a word
    trigram or 4-gram about as often (within a factor of two) as two quotes from different
    gold stories do.
    """
    word = rng.choice(stuff.starts)
    out = [word]
    while len(out) < length:
        nexts = stuff.bigrams.get(word)
        word = rng.choice(nexts) if nexts and rng.random() > 0.25 else rng.choice(stuff.tokens)
        out.append(word)
    return " ".join(diversify(rng, out, share=0.7))


def _variant(rng: random.Random, words: list[str], stuff: Material) -> list[str]:
    """Change a statement the way misquotes do: a number, a negation or a content word."""
    out = list(words)
    kind = rng.random()
    numbers = [i for i, w in enumerate(out) if any(c.isdigit() for c in w)]
    if numbers and kind < 0.3:
        i = rng.choice(numbers)
        out[i] = str(rng.randint(2, 999))
    elif kind < 0.5:
        out.insert(rng.randrange(1, len(out)), "not")
    else:
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(out))
            out[i] = babble(rng, stuff, 1)
    return out


def _article(index: int, quotes: Sequence[tuple[str, str]]) -> ExtractedArticle:
    """An article whose text holds the quotes with real offsets, as extraction would give."""
    name = f"synth-{index:05d}"
    parts: list[str] = []
    records: list[Quote] = []
    offset = 0
    for n, (text, speaker) in enumerate(quotes, start=1):
        lead = f"{speaker} said: “"
        start = offset + len(lead)
        paragraph = f"{lead}{text}”"
        records.append(
            Quote(
                id=f"{name}-q{n}",
                text=text,
                start=start,
                end=start + len(text),
                speaker=speaker,
                speaker_mention=speaker,
                cue="said",
                speaker_type="person" if " " in speaker else "organization",
                spans=((start, start + len(text)),),
            )
        )
        parts.append(paragraph)
        offset += len(paragraph) + 2
    article = Article(id=name, source=f"outlet-{index:05d}", text="\n\n".join(parts))
    return ExtractedArticle(article, tuple(records))


def labelled_story(
    quotes: int,
    *,
    per_article: int = 20,
    clustered: float = 0.3,
    seed: int = SEED,
    stuff: Material | None = None,
) -> tuple[list[ExtractedArticle], dict[str, int]]:
    """About ``quotes`` quotes over ``quotes / per_article`` articles; ``clustered`` of them in
    clusters of 2-6 outlets quoting one statement, the rest unrelated. With the truth: quote id
    -> the statement it quotes (clustered quotes only), so a benchmark can say how many
    same-statement pairs the checker joined."""
    rng = random.Random(seed)
    stuff = stuff or material()
    articles = max(2, quotes // per_article)
    slots: list[list[tuple[str, str, int | None]]] = [[] for _ in range(articles)]
    made = 0
    target_clustered = int(quotes * clustered)
    for statement in itertools.count():
        if made >= target_clustered:
            break
        size = min(rng.randint(2, 6), articles)
        if rng.random() < 0.5:
            # Most content words swapped: a gold statement is reused by many clusters at 50k,
            # and the clusters must stay different statements.
            base = diversify(rng, rng.choice(stuff.statements).split(), share=0.8)
        else:
            base = babble(rng, stuff, rng.randint(8, 35)).split()
        speaker = rng.choice(stuff.speakers)
        for slot in rng.sample(range(articles), size):
            kind = rng.random()
            words = base
            if 0.4 <= kind < 0.75 and len(base) > 6:
                length = rng.randint(4, len(base) - 2)
                begin = rng.randrange(0, len(base) - length + 1)
                words = base[begin : begin + length]
            elif kind >= 0.75:
                words = _variant(rng, base, stuff)
            who = speaker if rng.random() > 0.1 else rng.choice(stuff.speakers)
            slots[slot].append((" ".join(words), who, statement))
            made += 1
    while made < quotes:
        slots[rng.randrange(articles)].append(
            (babble(rng, stuff, rng.randint(5, 35)), rng.choice(stuff.speakers), None)
        )
        made += 1
    story: list[ExtractedArticle] = []
    truth: dict[str, int] = {}
    for i, quotes_of_article in enumerate(slots):
        rng.shuffle(quotes_of_article)
        article = _article(i, [(text, speaker) for text, speaker, _ in quotes_of_article])
        story.append(article)
        for quote, (_, _, statement) in zip(article.quotes, quotes_of_article, strict=True):
            if statement is not None:
                truth[quote.id] = statement
    return story, truth


def wire_story(
    outlets: int,
    statements: int,
    *,
    changed: float = 0.05,
    seed: int = SEED,
    stuff: Material | None = None,
) -> list[ExtractedArticle]:
    """A wire story: ``outlets`` articles each carrying the same ``statements`` quotes, each
    copy changed (one word, a number or a negation, see ``_variant``) with probability
    ``changed``. The load of issue 14: one statement in every outlet is a cluster of
    ``outlets`` quotes, so a report listing every pair grows with the square of the outlets."""
    rng = random.Random(seed)
    stuff = stuff or material()
    bases = [
        (
            " ".join(diversify(rng, rng.choice(stuff.statements).split(), share=0.8)),
            rng.choice(stuff.speakers),
        )
        for _ in range(statements)
    ]
    story: list[ExtractedArticle] = []
    for index in range(outlets):
        quotes = [
            (
                " ".join(_variant(rng, text.split(), stuff)) if rng.random() < changed else text,
                speaker,
            )
            for text, speaker in bases
        ]
        story.append(_article(index, quotes))
    return story
