"""The terminal renderer."""

from __future__ import annotations

from tests.render.render_helpers import report
from worker.checker.report import Report
from worker.render import render_text


def test_plain_text_report() -> None:
    text = render_text(report(), color=False)
    lines = text.splitlines()
    assert lines[0] == "quotelens report: 2 articles, 7 quotes, 4 quotations"
    assert lines[1] == "  1 corroborated · 1 altered · 1 conflicting · 1 single-source"
    assert "\x1b" not in text
    assert "[1] ALTERED (major)  ·  Ana Ortega" in lines
    assert (
        "    x-q1 (Daily <Planet> & Co) ~ y-q1 (Gazette): variant, major (number, negation)"
        in lines
    )
    assert (
        "      the economy grew [-12-]{+20+} percent this year and we will [-not-] raise taxes "
        "on families" in lines
    )


def test_speaker_conflict_names_each_outlets_speaker() -> None:
    lines = render_text(report(), color=False).splitlines()
    assert "[2] CONFLICTING ATTRIBUTION  ·  Ana Ortega / Pedro Ruiz" in lines
    assert "    speakers: Daily <Planet> & Co names Ana Ortega; Gazette names Pedro Ruiz" in lines


def test_problems_come_first_and_single_sources_last() -> None:
    text = render_text(report(), color=False)
    assert text.index("ALTERED") < text.index("CONFLICTING") < text.index("CORROBORATED")
    assert text.index("CORROBORATED") < text.index("Quotes found in one outlet only")
    assert text.endswith(
        "  - Daily <Planet> & Co, White House: "
        "“a lasting peace in Ukraine <script>alert(1)</script> & more”\n"
    )


def test_renamed_speaker_is_shown_as_reported() -> None:
    lines = render_text(report(), color=False).splitlines()
    assert "[3] CORROBORATED  ·  Donald Trump" in lines
    assert any(line.startswith("    Gazette") and line.endswith("(y-q3)") for line in lines)


def test_colour_uses_ansi_instead_of_markers() -> None:
    text = render_text(report(), color=True)
    assert "\x1b[31;9m12\x1b[0m\x1b[32;4m20\x1b[0m" in text
    assert "\x1b[31;9mnot\x1b[0m" in text
    assert "[-12-]" not in text
    assert "\x1b[33;1mALTERED (major)\x1b[0m" in text


def test_rendering_a_stored_report_gives_the_same_text() -> None:
    built = report()
    assert render_text(Report.from_dict(built.to_dict()), False) == render_text(built, False)


def test_quotations_are_numbered_as_shown_without_gaps() -> None:
    # c1..c4 with c4 single-source; make the single-source cluster come first in the report,
    # so its id would leave a gap among the numbered quotations.
    base = report()
    reordered = base.model_copy(update={"clusters": base.clusters[::-1]})
    lines = render_text(reordered, color=False).splitlines()
    numbers = [line.split("]")[0] + "]" for line in lines if line.startswith("[")]
    assert numbers == ["[1]", "[2]", "[3]"]


def test_counts_are_pluralised() -> None:
    base = report()
    one = base.model_copy(
        update={
            "summary": base.summary.model_copy(update={"articles": 1, "quotes": 1, "clusters": 1})
        }
    )
    assert render_text(one).splitlines()[0] == "quotelens report: 1 article, 1 quote, 1 quotation"
