"""Quotes as articles print them: reversed curly marks, mojibake, doubled apostrophes, TeX marks
and British single marks, with offsets into the text as submitted (articles invented)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from worker.checker import build_report
from worker.nlp import extract_article
from worker.nlp.language import not_analysed_reason
from worker.nlp.model import load_model
from worker.nlp.quote_marks import find_quotes
from worker.records import Article, ExtractedArticle, PrimarySource, Quote

Extract = Callable[[str], list[Quote]]


def summary(quotes: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes]


def assert_offsets_into_original(text: str, quotes: list[Quote]) -> None:
    """Every offset points into the submitted text, at the quoted words (marks excluded)."""
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.spans[0][0] == quote.start and quote.spans[-1][1] == quote.end
        for start, end in quote.spans:
            piece = text[start:end]
            assert piece == piece.strip()
            assert piece[:1] not in "\"'`“”‘’â" and piece[-1:] not in "\"'`“”‘’"


def test_opening_quote_typed_as_a_closing_curly_mark(extract: Extract) -> None:
    text = (
        "Foreign Minister Odile Brask met her counterpart in Velmora on Monday.\n"
        '”We had a long talk," Brask said. ”Nothing was settled.”\n'
        "The ministry later confirmed the meeting."
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("We had a long talk,", "Odile Brask"),
        ("Nothing was settled.", "Odile Brask"),
    ]
    assert [text[q.start : q.end] for q in quotes] == [
        "We had a long talk,",
        "Nothing was settled.",
    ]


def test_opening_mark_typed_as_closer_inside_a_sentence(extract: Extract) -> None:
    text = "Harbour chief Piet Vandrell said the delay was ”entirely avoidable” and apologised."
    [quote] = extract(text)
    assert (quote.text, quote.speaker) == ("entirely avoidable", "Piet Vandrell")


def test_double_encoded_text_is_repaired_and_offsets_stay_in_the_original(
    extract: Extract,
) -> None:
    # UTF-8 read as Windows-1252: `“` -> `â€œ`, `’` -> `â€™`, `é` -> `Ã©`; the closing `”` comes
    # either whole (`â€\x9d`) or with its undefined last byte dropped (`â€`).
    text = (
        "The harbour commissioner, RenÃ©e Falk, spoke after the vote.\n"
        "â€œWe donâ€™t have the money this year,â€\x9d Falk said. "
        "â€œNext year we will.â€\n"
        "Councillor Amos Treve disagreed. â€œThatâ€™s a promise weâ€™ve heard before,â€ he said."
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("We don’t have the money this year,", "Renée Falk"),
        ("Next year we will.", "Renée Falk"),
        ("That’s a promise we’ve heard before,", "Amos Treve"),
    ]
    assert [text[q.start : q.end] for q in quotes] == [
        "We donâ€™t have the money this year,",
        "Next year we will.",
        "Thatâ€™s a promise weâ€™ve heard before,",
    ]
    assert_offsets_into_original(text, quotes)


def test_doubled_apostrophes_as_news_archives_store_quotes(extract: Extract) -> None:
    text = (
        "Marla Quist, a state senator, said the budget was a mistake.\n"
        "''We're spending money we don't have,'' Ms. Quist said. ''Nobody's asking who pays.''\n"
        "Her rival, Dov Keller, said the plan was ''a reasonable start'' for the state's "
        "workers' pensions."
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("We're spending money we don't have,", "Marla Quist"),
        ("Nobody's asking who pays.", "Marla Quist"),
        ("a reasonable start", "Dov Keller"),
    ]
    assert [text[q.start : q.end] for q in quotes] == [q.text for q in quotes]
    assert_offsets_into_original(text, quotes)


def test_tex_style_marks(extract: Extract) -> None:
    text = (
        "``The river has never been this low,'' said Ilka Moravec, who runs the ferry at "
        "Dunhallow. ``We may stop by Friday.''"
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("The river has never been this low,", "Ilka Moravec"),
        ("We may stop by Friday.", "Ilka Moravec"),
    ]
    assert [text[q.start : q.end] for q in quotes] == [q.text for q in quotes]


BRITISH = (
    "The Kestrel Bay council leader, Ruth Penhallow, said the cuts would not go ahead.\n"
    "'We will not be bullied by Whitehall,' Ms Penhallow said. 'Our libraries stay open.'\n"
    "The town's mayor, who grew up in the '90s on rock 'n' roll, said he didn't agree. "
    "Speaking to the players' union, Tom Garrick said: 'It's a fantasy budget.'\n"
    "The union called the plan ‘a slow disaster for Kestrel Bay’, its secretary Anna Vey said."
)


def test_british_single_marks_give_the_quotes_and_leave_apostrophes(extract: Extract) -> None:
    quotes = extract(BRITISH)
    assert summary(quotes) == [
        ("We will not be bullied by Whitehall,", "Ruth Penhallow"),
        ("Our libraries stay open.", "Ruth Penhallow"),
        ("It's a fantasy budget.", "Tom Garrick"),
        ("a slow disaster for Kestrel Bay", "Anna Vey"),
    ]
    assert [BRITISH[q.start : q.end] for q in quotes] == [q.text for q in quotes]


def test_british_quote_with_a_nested_double_quote(extract: Extract) -> None:
    text = (
        "'He told me \"never again\", and I believed him,' said Colm Ardagh, the club's chairman."
    )
    [quote] = extract(text)
    assert quote.speaker == "Colm Ardagh"
    assert quote.text == "He told me ‘never again’, and I believed him,"
    assert text[quote.start : quote.end] == 'He told me "never again", and I believed him,'


def test_single_marks_stay_apostrophes_in_an_article_quoting_with_double_marks(
    extract: Extract,
) -> None:
    text = (
        "“We're not going back to the '80s,” said Lina Obst, the union's negotiator. "
        "“He told me 'no deal,' and I said fine,” she added.\n"
        "The workers' vote is on Friday; rock 'n' roll plays at the rally, Obst's aides said."
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("We're not going back to the '80s,", "Lina Obst"),
        ("He told me 'no deal,' and I said fine,", "Lina Obst"),
    ]


def test_apostrophes_alone_make_no_quotes(extract: Extract) -> None:
    text = (
        "The players' union didn't comment. Garrick's aides said the '90s rock 'n' roll "
        "tour wasn't the town's best year, and the owners' group agreed."
    )
    assert extract(text) == []


def _report(text: str) -> dict[str, Any]:
    article = Article(id="a1", source="kestrel-post", text=text)
    report: dict[str, Any] = build_report([extract_article(article, load_model())]).to_dict()
    return report


def test_article_with_quote_marks_but_no_quote_gets_a_warning() -> None:
    # Single-mark quotes that do not stand next to a reporting verb are not read as quotes.
    text = (
        "The festival opens on Friday. Organisers promise 'a weekend to remember' and "
        "'more music than ever before'."
    )
    report = _report(text)
    assert report["articles"][0]["quotes"] == []
    [warning] = report["warnings"]
    assert warning["code"] == "quote_marks_unread"
    assert (warning["article_id"], warning["source"]) == ("a1", "kestrel-post")
    assert "4 quote-like marks" in warning["message"]


def test_no_warning_without_marks_with_quotes_or_for_a_primary_source() -> None:
    assert "warnings" not in _report("The festival opens on Friday. It's sold out.")
    quoted = _report("“We are sold out,” said Ines Arlo, the festival director.")
    assert "warnings" not in quoted and len(quoted["articles"][0]["quotes"]) == 1
    primary = PrimarySource(id="p", source="statement", text="“Sold out,” we said.")
    assert "warnings" not in build_report([], primaries=[primary]).to_dict()


def test_closing_quote_typed_as_an_opening_curly_mark() -> None:
    text = "Analysts called the fleet “the best in the region“ and its crews “tireless.”"
    pieces = [[text[s:e] for s, e in q.pieces] for q in find_quotes(text)]
    assert pieces == [["the best in the region"], ["tireless."]]


def test_no_marks_warning_for_an_article_left_out_for_its_language() -> None:
    text = (
        "Le maire de Port-Savel, Hélène Dorval, a déclaré mardi que le « nouveau plan » de la "
        "ville serait présenté au conseil municipal avant la fin du mois. Selon elle, les "
        "travaux du port commenceront au printemps et dureront deux ans, « si tout va bien »."
    )
    assert not_analysed_reason(text) is not None
    article = Article(id="fr", source="courrier-savel", text=text)
    assert "warnings" not in build_report([ExtractedArticle(article)]).to_dict()
