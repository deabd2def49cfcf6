"""Extraction and checking on adversarial text: they finish, and what they return is sound.

Inputs a hostile or careless client can send: thousands of quote marks, nothing but quote
marks, marks that never close, a 5 MB article, one 100,000-character line, right-to-left
scripts with bidi controls, emoji sequences, combining marks, odd line separators. There are no
timing assertions (the machine may be busy); each case must complete, and its quotes must keep
the invariants the report and the HTML view rely on: offsets inside the text, pieces in order
and not overlapping, and the quote text exactly the pieces' text (whitespace collapsed).
``make bench`` prints how long such inputs take.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worker.checker import build_report
from worker.checker.report import json_schema
from worker.nlp import extract, extract_articles
from worker.nlp.model import load_model
from worker.records import Article, ExtractedArticle

pytestmark = pytest.mark.slow  # seconds per test: not in `make check`

VALIDATOR = jsonschema.Draft202012Validator(json_schema())

MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‟", "‹", "›", "「", "」", "『", "』", "`"]
WORDS = [
    "said",
    "says",
    "told",
    "added",
    "he",
    "she",
    "they",
    "it",
    "Maria",
    "Lopez",
    "Ahmed",
    "the",
    "minister",
    "statement",
    "We",
    "will",
    "not",
    "back",
    "down",
    "never",
    "12%",
    "Kremlin",
    "White",
    "House",
    "according",
    "to",
    "a",
    "spokesperson",
    ",",
    ".",
    "—",
    "…",
]
RTL = [
    "قال",
    "أحمد",
    "نحن",
    "لن",
    "نتراجع",
    "שלום",
    "עולם",
    "אמר",
    "דוד",
    "\u202e",
    "\u202c",
    "\u200f",
    "\u200e",
    "\u2066",
    "\u2067",
    "\u2069",
    "\u061c",
]
EMOJI = [
    "🚀",
    "👨‍👩‍👧‍👦",
    "🇺🇸",
    "👍🏽",
    "❤️",
    "🏳️‍🌈",
    "\u200d",
    "\ufe0f",
    "🙂",
    "𝕏",
]
ODD = ["e\u0301", "Z̴̧̛̖̟͓̈́a̵̛̟͎l̶̪̈g̴̤̓o̷̖͝", "\u00ad", "\u200b", "\ufeff", "\x0b", "\x0c", "\x85"]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "\u2029", "\u3000"]

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(MARKS),
    st.sampled_from(SPACES),
    st.sampled_from(RTL),
    st.sampled_from(EMOJI),
    st.sampled_from(ODD),
    st.text(max_size=4),
)
hostile_texts = st.lists(pieces, min_size=1, max_size=250).map("".join)


def check_quotes(item: ExtractedArticle) -> None:
    """The invariants every extracted quote must keep, whatever the input."""
    text = item.article.text
    for number, quote in enumerate(item.quotes, 1):
        assert quote.id == f"{item.article.id}-q{number}"
        spans = quote.spans or ((quote.start, quote.end),)
        assert quote.start == spans[0][0] and quote.end == spans[-1][1]
        previous_end = 0
        for start, end in spans:
            assert 0 <= previous_end <= start <= end <= len(text), (quote, len(text))
            previous_end = end
        assert quote.text == extract._quote_text(text, spans)
        # The same in words: each piece's own text, whitespace collapsed, joined by one space.
        expected = " ".join(" ".join(text[s:e].split()) for s, e in spans)
        assert " ".join(quote.text.split()) == " ".join(expected.split())
        for value in (quote.speaker, quote.speaker_mention, quote.cue):
            assert value is None or (isinstance(value, str) and value.strip())


def check_report(items: Sequence[ExtractedArticle]) -> None:
    """The report of these articles is valid and accounts for every quote exactly once."""
    report = build_report(items)
    VALIDATOR.validate(report.to_dict())
    given_ids = sorted(q.id for item in items for q in item.quotes)
    clustered = sorted(q for cluster in report.clusters for q in cluster.quotes)
    assert clustered == given_ids
    reported = {q.id: q for a in report.articles for q in a.quotes}
    originals = {q.id: (item.article.text, q) for item in items for q in item.quotes}
    for quote_id, reported_quote in reported.items():
        text, original = originals[quote_id]
        assert (reported_quote.start, reported_quote.end) == (original.start, original.end)
        assert 0 <= reported_quote.start <= reported_quote.end <= len(text)


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    load_model()  # once, outside the examples


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(hostile_texts, min_size=1, max_size=3))
def test_generated_hostile_text(texts: list[str]) -> None:
    articles = [Article(id=f"a{n}", source=f"s{n}", text=text) for n, text in enumerate(texts)]
    extracted = extract_articles(articles)
    assert [item.article for item in extracted] == articles
    for item in extracted:
        check_quotes(item)
    check_report(extracted)


def _marks(count: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(MARKS) for _ in range(count))


def _quote_every_line(count: int) -> str:
    return "".join(f"“Claim {n} holds,” said Maria Lopez.\n" for n in range(count))


def _five_megabytes() -> str:
    rng = random.Random(5)
    vocabulary = [w for w in WORDS if w.isalpha()] + ["harbour", "council", "vote", "budget"]
    paragraphs: list[str] = []
    size = 0
    n = 0
    while size < 5_000_000:
        words = " ".join(rng.choice(vocabulary) for _ in range(800))
        paragraph = f"{words}. “We will hold vote {n},” said Maria Lopez. {words}.\n\n"
        paragraphs.append(paragraph)
        size += len(paragraph)
        n += 1
    return "".join(paragraphs)[:5_000_000]


CASES = {
    "straight quote marks only": '"' * 20_000,
    "curly quote marks only": "“”" * 10_000,
    "mixed quote marks only": _marks(30_000, seed=1),
    "thousands of quotes": 'a "b" c “d” e ‘f’ g «h» ' * 2_000,
    "thousands of attributed quotes": _quote_every_line(3_000),
    "mark never closed": "“" + "we will not back down " * 5_000,
    "one 100k-character line": ('word "quoted bit" said Bob, ' * 4_000)[:100_000],
    "one 100k-character line of marks and letters": _marks(50_000, seed=2).join("ab")[:100_000],
    "right-to-left": (
        "قال أحمد «نحن لن نتراجع» للصحفيين. " * 100
        + "«שלום עולם», אמר דוד. " * 100
        + '\u202e"abc"\u202c said Ann. \u2067“לא”\u2069 אמר דוד.'
    ),
    "emoji": "“We 🚀 will 👨‍👩‍👧‍👦 win 🇺🇸,” said Joe 👍🏽. " * 500,
    "combining marks and invisible characters": (
        "“Z̴̧a̵l̶g̴o̷ e\u0301\u200b\u00ad\ufeff,” he said.\u2028" * 300
    ),
    "a 5 MB article": _five_megabytes(),
}


@pytest.mark.parametrize("name", list(CASES))
def test_adversarial_article(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A smaller parse budget keeps this test quick; everything else runs at full size.
    monkeypatch.setattr(extract, "MAX_PARSED_CHARS", 100_000)
    text = CASES[name]
    article = Article(id="big", source="hostile", text=text)
    # A second outlet carrying part of the same text, so the checker has pairs to align.
    excerpt = Article(id="copy", source="other", text=text[:20_000])
    extracted = extract_articles([article, excerpt])
    for item in extracted:
        check_quotes(item)
    check_report(extracted)


@pytest.mark.parametrize(
    "text",
    [
        _quote_every_line(50_000),  # about 1.9 MB, one short frame per line: the char budget
        'a "b" c “d” e ‘f’ g «h» ' * 600,  # one frame packed with quotes: the cost budget
    ],
    ids=["many frames", "quote-packed frame"],
)
def test_parse_plan_stays_within_the_budgets(text: str) -> None:
    units = extract._units(text)
    plan = extract._parse_plan(units)
    parsed = [u for u, p in zip(units, plan, strict=True) if p]
    sizes = [u.frame.end - u.frame.start for u in parsed]
    assert sum(sizes) <= extract.MAX_PARSED_CHARS
    assert all(size <= extract.MAX_FRAME_CHARS for size in sizes)
    cost = sum(size * max(1, len(u.quotations)) for size, u in zip(sizes, parsed, strict=True))
    assert cost <= extract.MAX_ATTRIBUTION_COST
    assert not all(plan)  # a budget did stop the parse
