"""Attribution made visible in the HTML article view: the speaker mention and the cue found next
to each quote and marked, the attribution's kind and confidence noted, the excerpt named."""

from __future__ import annotations

import re

from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.records import Article, ExtractedArticle, Quote
from worker.render import render_html
from worker.render.attribution_spans import find_attribution, nearest

STATEMENT = "The harbour bridge will reopen in March, and the ferry keeps running until then."
EXCERPT = "The harbour bridge will reopen in March"


def _span(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(words), text)]
    return starts[occurrence], starts[occurrence] + len(words)


def test_the_nearest_whole_word_occurrence_in_the_quotes_paragraph_is_found() -> None:
    text = (
        "He spoke first. Then he told reporters: “the other one said nothing,” he said.\n"
        "He said it again."
    )
    quote = _span(text, "the other one said nothing,")
    # "he" inside "the" and "Then" is no word; the quote's own "said" is taken.
    he_said = text.index("he said.")
    assert nearest(text, "he", quote, [quote]) == (he_said, he_said + 2)  # not "he told"
    assert nearest(text, "said", quote, [quote]) == _span(text, "said", 1)
    # A multi-word cue, across any run of spaces.
    spaced = text.replace("told reporters", "told  reporters")
    assert nearest(spaced, "told reporters", quote, [quote]) == _span(spaced, "told  reporters")


def test_nothing_is_marked_from_another_paragraph_or_when_absent() -> None:
    text = "Mayor Lund spoke.\n\n“We will rebuild,” the statement read."
    quote = _span(text, "We will rebuild,")
    assert nearest(text, "Mayor Lund", quote, [quote]) is None
    assert nearest(text, "declared", quote, [quote]) is None
    assert nearest(text, None, quote, [quote]) is None
    assert nearest(text, "  ", quote, [quote]) is None


def test_mention_and_cue_never_overlap_each_other_or_taken_spans() -> None:
    text = "“Go home,” said said, the singer, “and rest.”"
    first, second = _span(text, "Go home,"), _span(text, "and rest.")
    found = find_attribution(text, (first[0], second[1]), "said", "said", [first, second])
    assert [(f.role, text[f.start : f.end]) for f in found] == [
        ("speaker", "said"),
        ("cue", "said"),
    ]
    assert found[0].start != found[1].start


def _quote(qid: str, text: str, words: str, mention: str, cue: str, **extra: object) -> Quote:
    start, end = _span(text, words)
    return quote_record(
        qid,
        words,
        "Mira Okafor",
        start=start,
        end=end,
        mention=mention,
        cue=cue,
        speaker_type="person",
        **extra,
    )


def _story() -> tuple[list[ExtractedArticle], dict[str, str]]:
    herald = (
        "Okafor visited the site on Monday.\n\n"
        f"“{STATEMENT}” Ms. Okafor told reporters at the pier.\n\n"
        "Ms. Okafor also thanked the crews."
    )
    post = f"The minister, Mira Okafor, said: “{EXCERPT}.”"
    articles = [
        ExtractedArticle(
            Article("herald", "Harbor Herald", herald),
            (
                _quote(
                    "herald-q1",
                    herald,
                    STATEMENT,
                    "Ms. Okafor",
                    "told reporters",
                    attribution="adjacent_cue",
                    confidence=0.9,
                ),
            ),
        ),
        ExtractedArticle(
            Article("post", "Talbin Post", post),
            (
                _quote(
                    "post-q1",
                    post,
                    EXCERPT,
                    "The minister",
                    "said",
                    attribution="colon",
                    confidence=0.8,
                ),
            ),
        ),
    ]
    return articles, {a.article.id: a.article.text for a in articles}


def test_the_article_view_marks_mention_and_cue_with_labels_and_notes_the_attribution() -> None:
    articles, texts = _story()
    page = render_html(build_report(articles), texts)
    # The mention in the quote's own paragraph, not the earlier or later "Okafor".
    assert (
        '” <span class="attr attr-speaker" data-quote="herald-q1" data-label="speaker" '
        'title="speaker of herald-q1: Mira Okafor">Ms. Okafor</span> '
        '<span class="attr attr-cue" data-quote="herald-q1" data-label="cue" '
        'title="reporting verb of herald-q1">told reporters</span> at the pier.'
    ) in page
    assert page.count("attr-speaker") == 2 + 1  # one mark per article, plus the CSS rule
    assert (
        '<span class="attr-note" data-quote="herald-q1" '
        'data-label="Mira Okafor · cue next to the quote · confidence 0.90"></span>”'
    ) in page
    assert 'data-label="Mira Okafor · introduced with a colon · confidence 0.80"' in page
    assert (
        '<span class="attr attr-speaker" data-quote="post-q1" data-label="speaker" '
        'title="speaker of post-q1: Mira Okafor">The minister</span>'
    ) in page
    # The cards say how each outlet's speaker was found.
    assert "cue next to the quote · confidence 0.90</span></figcaption>" in page


def test_the_excerpt_of_an_excerpt_pair_is_named() -> None:
    articles, texts = _story()
    report = build_report(articles)
    (comparison,) = report.comparisons
    assert comparison.wording == "excerpt"
    page = render_html(report, texts)
    assert (
        "Talbin Post quotes part of what Harbor Herald quotes (the excerpt is Talbin Post’s)"
        in (page)
    )
    swapped = render_html(build_report(articles[::-1]), texts)
    assert "Talbin Post quotes part of what Harbor Herald quotes" in swapped


def test_a_speakerless_quote_gets_a_plain_note_and_no_confidence() -> None:
    text = "“Nobody knows,” read a sign."
    start, end = _span(text, "Nobody knows,")
    quote = quote_record("a-q1", "Nobody knows,", None, start=start, end=end, cue=None)
    page = render_html(
        build_report([ExtractedArticle(Article("a", "A", text), (quote,))]), {"a": text}
    )
    assert 'data-label="no speaker found"></span>' in page
    assert "confidence" not in page.split("<main", 1)[1]
