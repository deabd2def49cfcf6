"""Checking quotes against primary sources, with hand-built extraction records (no spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.checker.checker_helpers import article, quote
from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.checker.report import Report, ReportPrimaryCheck, json_schema
from worker.records import Article, ExtractedArticle, PrimarySource, Quote

BOARD = "Brenmoor Water Board"
STATEMENT = (
    "BRENMOOR WATER BOARD\nFOR IMMEDIATE RELEASE\n\n"
    "The boil-water advisory for the eastern districts is lifted as of noon today. Tests at "
    "all 14 sampling stations have met federal standards for three consecutive days.\n\n"
    "We apologize to the 23,000 households who were affected, and we will credit every "
    "account with one month of service charges.\n\n"
    "The board has ordered an independent review of the pumping station failure."
)
TRANSCRIPT = (
    "NORTHFIELD COUNTY HEALTH DEPARTMENT\nBriefing on the measles cases\n\n"
    "DR. LENA VOSS (County Health Officer): We have confirmed six cases of measles, all in "
    "unvaccinated children. None of them is in hospital tonight.\n\n"
    "Q: Will the schools close this week?\n\n"
    "A: No. Closing schools would not stop this outbreak; vaccination will.\n\n"
    "MARK HALE (Schools Superintendent): Every school will stay open. We are asking parents "
    "to check their children's records this week.\n\n"
    "Q: Mr. Hale, what about unvaccinated staff?\n\n"
    "A: Staff without records will work from home until they can show them.\n"
)


def statement(speaker: str | None = BOARD, aid: str = "board") -> PrimarySource:
    return PrimarySource(aid, "statement", STATEMENT, speaker=speaker)


def transcript() -> PrimarySource:
    return PrimarySource("briefing", "transcript", TRANSCRIPT)


def org(qid: str, text: str, speaker: str = "the water board") -> Quote:
    return quote(qid, text, speaker, "organization")


def checks(report: Report) -> dict[str, ReportPrimaryCheck]:
    return {check.quote: check for check in report.primary_checks}


def statuses(report: Report) -> dict[str, tuple[str, str | None]]:
    return {c.quote: (c.status, c.severity) for c in report.primary_checks}


def changed_words(check: ReportPrimaryCheck) -> list[tuple[list[str], list[str], str | None]]:
    return [(op.a, op.b, op.kind) for op in check.diff if op.op != "equal"]


def test_a_statement_quoted_by_three_outlets() -> None:
    """One outlet quotes faithfully, one changes a figure, one has words from elsewhere."""
    report = build_report(
        [
            article(
                "gazette",
                org("gazette-q1", "Tests at all 14 sampling stations have met federal standards"),
                org("gazette-q2", "we will credit every account with one month of service charges"),
            ),
            article(
                "times",
                org(
                    "times-q1",
                    "Tests at all 14 sampling stations have met federal standards for two "
                    "consecutive days,",
                ),
                quote("times-q2", "We boiled water for a week and nobody told us why", "Jo Ames"),
            ),
            article(
                "news",
                org("news-q1", "Crews worked around the clock to flush every main in the district"),
                org("news-q2", "an independent review of the pumping station failure,"),
            ),
        ],
        primaries=[statement()],
    )
    assert statuses(report) == {
        "gazette-q1": ("verified", None),
        "gazette-q2": ("verified", None),
        "times-q1": ("contradicted", "major"),
        "news-q1": ("not_found", None),
        "news-q2": ("verified", None),
    }
    found = checks(report)
    assert changed_words(found["times-q1"]) == [(["two"], ["three"], "number")]
    assert found["news-q1"].diff == []
    assert found["gazette-q1"].primary_speaker == BOARD
    assert (report.summary.verified, report.summary.contradicted, report.summary.not_found) == (
        3,
        1,
        1,
    )


def test_primary_sources_are_reference_text_not_outlets() -> None:
    report = build_report(
        [article("gazette", org("gazette-q1", "Tests at all 14 sampling stations"))],
        primaries=[statement()],
    )
    assert [c.quotes for c in report.clusters] == [["gazette-q1"]]
    assert report.comparisons == []
    assert report.summary.quotes == 1
    data = report.to_dict()
    assert data["articles"][1]["quotes"] == []
    assert data["articles"][1]["primary"] is True
    assert data["articles"][1]["speaker"] == BOARD
    assert "speaker" not in data["articles"][0]


def test_speakers_fit_by_acronym_role_and_office() -> None:
    text = "We apologize to the 23,000 households who were affected"
    report = build_report(
        [
            article("a", org("a-q1", text, "BWB")),
            article("b", org("b-q1", text, "the board")),
            article("c", quote("c-q1", text, "Ruth Kell")),
        ],
        primaries=[statement()],
    )
    found = checks(report)
    assert found["a-q1"].status == found["b-q1"].status == "verified"
    # The words are the board's, word for word: verified, and given to the wrong speaker.
    assert found["c-q1"].misattributed and found["c-q1"].status == "verified"
    assert found["c-q1"].severity is None


def test_a_spokesperson_reading_the_statement_is_not_a_misattribution() -> None:
    text = "We apologize to the 23,000 households who were affected"
    spokesman = quote_record("a-q1", text, "Tim Lowe", mention="Board spokesman Tim Lowe")
    report = build_report([article("a", spokesman)], primaries=[statement()])
    assert report.primary_checks == []


def test_someone_a_statement_quotes_is_not_misattributed() -> None:
    release = (
        "Acme Corp will open a battery plant in Dunmore next spring.\n\n"
        '"We are thrilled to bring four hundred jobs to Dunmore," said chief executive Jane Doe.'
    )
    primary = PrimarySource("acme", "release", release, speaker="Acme")
    jobs = "We are thrilled to bring four hundred jobs to Dunmore"
    plant = "will open a battery plant in Dunmore next spring"
    report = build_report(
        [
            article("a", quote("a-q1", jobs, "Jane Doe"), quote("a-q2", plant, "Jane Doe")),
            article("b", quote("b-q1", jobs, "Acme", "organization")),
        ],
        primaries=[primary],
    )
    assert statuses(report) == {"a-q2": ("verified", None), "b-q1": ("verified", None)}
    assert checks(report)["a-q2"].misattributed


def test_a_transcript_with_titles_and_question_answer_labels() -> None:
    report = build_report(
        [
            article(
                "herald",
                quote("herald-q1", "None of them is in hospital tonight.", "Lena Voss"),
                quote("herald-q2", "would not stop this outbreak; vaccination will.", "Voss"),
                quote("herald-q3", "Every school will stay open.", "Superintendent Mark Hale"),
            ),
            article(
                "courier",
                quote(
                    "courier-q1",
                    "We have confirmed nine cases of measles, all in unvaccinated children.",
                    "the county health officer",
                ),
                quote("courier-q2", "will work from home until they can show them", "Hale"),
                quote(
                    "courier-q3",
                    "We are asking parents to check their children's records this week",
                    "Lena Voss",
                ),
                quote("courier-q4", "This is the largest outbreak in a decade", "Voss"),
                quote("courier-q5", "Will the schools close this week?", "Voss"),
            ),
        ],
        primaries=[transcript()],
    )
    assert statuses(report) == {
        "herald-q1": ("verified", None),
        "herald-q2": ("verified", None),
        "herald-q3": ("verified", None),
        "courier-q1": ("contradicted", "major"),
        "courier-q2": ("verified", None),
        "courier-q3": ("verified", None),
        "courier-q4": ("not_found", None),
        "courier-q5": ("not_found", None),
    }
    found = checks(report)
    assert changed_words(found["courier-q1"]) == [(["nine"], ["six"], "number")]
    assert found["courier-q3"].misattributed
    assert found["courier-q3"].primary_speaker == "Mark Hale (Schools Superintendent)"
    assert found["herald-q2"].primary_speaker == "Dr. Lena Voss (County Health Officer)"
    start, end = found["herald-q2"].primary_spans[0]
    assert (
        TRANSCRIPT[start:end]
        == "No. Closing schools would not stop this outbreak; vaccination will."
    )


def test_excerpts_with_ellipses_are_verified_and_pieces_out_of_order_are_not() -> None:
    report = build_report(
        [
            article(
                "a",
                org(
                    "a-q1",
                    "We apologize to the 23,000 households ... and we will credit every account",
                ),
                org(
                    "a-q2", "we will credit every account ... We apologize to the 23,000 households"
                ),
            ),
        ],
        primaries=[statement()],
    )
    found = checks(report)
    assert found["a-q1"].status == "verified"
    assert [op.kind for op in found["a-q1"].diff if op.op != "equal"] == ["omission"]
    assert found["a-q2"].status != "verified"


def test_words_beyond_the_primary_passage_are_added_words() -> None:
    report = build_report(
        [
            article(
                "a",
                org(
                    "a-q1",
                    "The board has ordered an independent review of the pumping station failure "
                    "and fired its director",
                ),
            ),
        ],
        primaries=[statement()],
    )
    (check,) = report.primary_checks
    assert (check.status, check.severity) == ("contradicted", "major")
    assert changed_words(check) == [(["and", "fired", "its", "director"], [], "content")]


def test_normalisation_is_the_checkers() -> None:
    report = build_report(
        [
            article(
                "a",
                org(
                    "a-q1",
                    "tests at all 14 sampling stations have met federal standards for three "
                    "consecutive days [sic].",
                ),
                org("a-q2", "We apologise to the 23,000 households who were affected"),
            ),
        ],
        primaries=[statement()],
    )
    assert statuses(report) == {"a-q1": ("verified", None), "a-q2": ("contradicted", "minor")}


def test_unattributed_quotes_and_unknown_speakers_are_not_checked() -> None:
    text = "We apologize to the 23,000 households who were affected"
    report = build_report([article("a", quote("a-q1", text, None))], primaries=[statement()])
    assert report.primary_checks == []
    report = build_report([article("a", org("a-q1", text))], primaries=[statement(speaker=None)])
    assert report.primary_checks == []


def settled_story() -> Report:
    """Two outlets disagree on a figure, a third has words the statement does not."""
    return build_report(
        [
            article(
                "x", org("x-q1", "we will credit every account with one month of service charges")
            ),
            article(
                "y", org("y-q1", "we will credit every account with two months of service charges")
            ),
            article("z", org("z-q1", "Crews worked around the clock to flush every main")),
        ],
        primaries=[statement()],
    )


def test_the_cluster_says_which_outlet_the_primary_bears_out() -> None:
    report = settled_story()
    by_quote = {cluster.quotes[0]: cluster for cluster in report.clusters}
    settled = by_quote["x-q1"]
    assert (settled.verdict, settled.primary_status, settled.primary) == (
        "variant",
        "contradicted",
        True,
    )
    assert settled.primary_note == (
        "The primary source (statement) settles the wording: matches x; differs from y "
        "(major change)."
    )
    other = by_quote["z-q1"]
    assert (other.primary_status, other.primary) == ("not_found", False)
    assert other.primary_note is not None and "another source" in other.primary_note


def test_a_report_without_primary_sources_keeps_its_shape() -> None:
    data = build_report(
        [
            article("x", org("x-q1", "we will credit every account")),
            article("y", org("y-q1", "we will credit every account")),
        ]
    ).to_dict()
    assert data["primary_checks"] == []
    assert {k: data["summary"][k] for k in ("verified", "contradicted", "not_found")} == {
        "verified": 0,
        "contradicted": 0,
        "not_found": 0,
    }
    assert all("speaker" not in a for a in data["articles"])
    assert all(
        not {"primary_status", "primary_note"} & set(cluster) for cluster in data["clusters"]
    )
    assert Report.from_dict(data).to_dict() == data


def test_reports_with_primary_checks_follow_the_schema_and_round_trip() -> None:
    report = settled_story()
    assert {c.status for c in report.primary_checks} == {"verified", "contradicted", "not_found"}
    data = json.loads(json.dumps(report.to_dict()))
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Report.from_dict(data) == report
    assert Report.from_dict(data).to_dict() == data


def test_documented_primary_example_is_what_the_checker_builds() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "report-schema.md").read_text(encoding="utf-8")
    example = json.loads(doc.split("```json")[2].split("```", 1)[0])
    jsonschema.Draft202012Validator(json_schema()).validate(example)
    primary = PrimarySource(
        "mayor",
        "city-hall",
        "The economy grew 12 percent this year.\n\nWe will not raise taxes.",
        title="Statement on the budget",
        speaker="Office of the Mayor",
    )
    office = "mayor's office"
    x = quote_record(
        "x-q1",
        "The economy grew 12 percent this year.",
        office,
        start=40,
        mention="the mayor's office",
        speaker_type="organization",
        attribution="adjacent_cue",
        confidence=0.9,
    )
    y = quote_record(
        "y-q1",
        "the economy grew 20 percent this year",
        office,
        start=12,
        mention="the mayor's office",
        speaker_type="organization",
        attribution="adjacent_cue",
        confidence=0.9,
    )
    built = build_report(
        [
            ExtractedArticle(Article("x", "daily-planet", ""), (x,)),
            ExtractedArticle(Article("y", "gazette", ""), (y,)),
        ],
        primaries=[primary],
    )
    assert built.to_dict() == example


# Issue 12, item 6: a transcript in the ``NAME, Title:`` form, case-only changes, and words that
# an outlet gives to the wrong speaker. Invented people and places.
HARBOUR = (
    "CITY OF PORT TALBIN\nNews conference, harbour council\n\n"
    "Ana Ortega, Mayor of Port Talbin: The council adopted the Resolution on the harbour last "
    "night. Our port-side families come first, and we will not sell the harbour.\n\n"
    "Erik Halvorsen, Port Director: The cranes will be back in service by the end of March.\n\n"
    "Q: Will the ferry run this winter?\n\n"
    "Erik Halvorsen, Port Director: Twice a day, from the north quay.\n"
)


CRANES = "The cranes will be back in service by the end of"


def harbour() -> PrimarySource:
    return PrimarySource("conference", "transcript", HARBOUR)


def test_a_name_and_title_transcript_is_checked_turn_by_turn() -> None:
    report = build_report(
        [
            article(
                "a",
                quote("a-q1", "we will not sell the harbour", "Ana Ortega"),
                quote("a-q2", f"{CRANES} March", "Halvorsen"),
                quote("a-q3", f"{CRANES} May", "Halvorsen"),
            ),
        ],
        primaries=[harbour()],
    )
    assert statuses(report) == {
        "a-q1": ("verified", None),
        "a-q2": ("verified", None),
        "a-q3": ("contradicted", "major"),
    }
    found = checks(report)
    assert found["a-q1"].primary_speaker == "Ana Ortega (Mayor of Port Talbin)"
    assert found["a-q2"].primary_speaker == "Erik Halvorsen (Port Director)"


def test_case_and_punctuation_only_changes_verify() -> None:
    report = build_report(
        [
            article(
                "a",
                quote("a-q1", "The council adopted the resolution on the harbour", "Ortega"),
                quote("a-q2", "Our portside families come first", "Ortega"),
                quote("a-q3", "OUR PORT-SIDE FAMILIES COME FIRST", "Ortega"),
                quote("a-q4", "The council adopted the resolutions on the harbour", "Ortega"),
            ),
        ],
        primaries=[harbour()],
    )
    assert statuses(report) == {
        "a-q1": ("verified", None),
        "a-q2": ("verified", None),
        "a-q3": ("verified", None),
        "a-q4": ("contradicted", "minor"),  # a real change of word form still counts
    }
    assert changed_words(checks(report)["a-q1"]) == [(["resolution"], ["Resolution"], "case")]


def test_words_given_to_another_speaker_are_verified_and_misattributed() -> None:
    report = build_report(
        [
            article(
                "a",
                quote("a-q1", "Our port-side families come first, and we will not sell", "Ortega"),
            ),
            article(
                "b",
                quote(
                    "b-q1",
                    "Our port-side families come first, and we will not sell",
                    "Erik Halvorsen",
                ),
                quote(
                    "b-q2",
                    "The cranes will be back in service by the end of May",
                    "Ana Ortega",
                ),
            ),
        ],
        primaries=[harbour()],
    )
    found = checks(report)
    moved = found["b-q1"]
    assert (moved.status, moved.severity, moved.misattributed) == ("verified", None, True)
    assert moved.primary_speaker == "Ana Ortega (Mayor of Port Talbin)"
    changed = found["b-q2"]
    assert (changed.status, changed.severity, changed.misattributed) == (
        "contradicted",
        "major",
        True,
    )
    (cluster,) = [c for c in report.clusters if "b-q1" in c.quotes]
    assert cluster.primary_status == "verified"
    assert cluster.primary_note == (
        "The primary source (transcript): matches a; gives these words to Ana Ortega (Mayor of "
        "Port Talbin), not Erik Halvorsen as b has it."
    )
    assert (report.summary.verified, report.summary.contradicted) == (2, 1)
