"""Multi-outlet stories that imitate the failures of issue 12 (invented people and outlets).

Each story is a handful of outlets carrying one statement; the outlets disagree the way real
extraction and real house styles make them disagree: a name transliterated differently, one
outlet whose speaker came from a weak cue, a wire service or a document named as the speaker,
a capital letter changed, a short excerpt. None of these is a speaker conflict.
"""

from __future__ import annotations

from tests.checker.checker_helpers import article, quote
from worker.checker import build_report
from worker.checker.report import Report, ReportCluster
from worker.records import AttributionKind, ExtractedArticle, SpeakerType

STATEMENT = "We will not reopen the northern crossing before the spring floods have passed"
DRAVIC = "Oksana Dravic"
RUNDE = "Pavel Runde"


def outlet(
    source: str,
    text: str,
    speaker: str | None,
    *,
    mention: str | None = None,
    attribution: AttributionKind = "adjacent_cue",
    confidence: float = 0.9,
    kind: SpeakerType = "person",
) -> ExtractedArticle:
    """One outlet's article carrying one quote, with the evidence extraction gave it."""
    return article(
        source,
        quote(
            f"{source}-q1",
            text,
            speaker,
            speaker_type=kind,
            mention=mention,
            attribution=attribution,
            confidence=confidence if speaker is not None else 0.0,
        ),
    )


def only_cluster(report: Report) -> ReportCluster:
    multi = [c for c in report.clusters if c.verdict != "single_source"]
    assert len(multi) == 1, [(c.quotes, c.verdict) for c in report.clusters]
    return multi[0]


def strong(*sources: str, speaker: str = DRAVIC, text: str = STATEMENT) -> list[ExtractedArticle]:
    return [outlet(source, text, speaker) for source in sources]


# -- 1. one person under several renderings -------------------------------------------------


def test_transliterated_names_across_outlets_are_one_speaker() -> None:
    report = build_report(
        [
            outlet("harbour-post", STATEMENT, "Rashid Qaddoumi"),
            outlet("valley-times", STATEMENT, "Rachid Kaddumi"),
            outlet("east-courier", STATEMENT, "Qadoumi", mention="Mr. Qadoumi"),
            outlet("plain-dealer", STATEMENT, "Rashid al-Qaddoumi's", mention="Qaddoumi's"),
        ]
    )
    cluster = only_cluster(report)
    assert cluster.verdict == "consistent"
    assert cluster.speaker_facet == "agreed"
    assert len({q.speaker for q in report.quotes_by_id().values()}) == 1
    assert report.summary.speaker_conflicts == 0


def test_diacritics_and_a_middle_name_do_not_split_a_speaker() -> None:
    report = build_report(
        [
            outlet("harbour-post", STATEMENT, "Selçuk Aydınoğlu"),
            outlet("valley-times", STATEMENT, "Selcuk Aydinoglu"),
            outlet("east-courier", STATEMENT, "Selcuk Murat Aydinoglu"),
            outlet("plain-dealer", STATEMENT, "Aydinoglu", mention="President Aydinoglu"),
        ]
    )
    assert only_cluster(report).speaker_facet == "agreed"
    assert report.summary.speaker_conflicts == 0


def test_institution_and_its_documents_are_one_speaker() -> None:
    report = build_report(
        [
            outlet("harbour-post", STATEMENT, "the Kremlin", kind="organization"),
            outlet("valley-times", STATEMENT, "Kremlin statement", kind="organization"),
            outlet("east-courier", STATEMENT, "the Kremlin press service", kind="organization"),
        ]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.speaker_facet, cluster.speaker) == (
        "consistent",
        "agreed",
        "Kremlin",
    )


def test_different_people_with_close_names_stay_apart() -> None:
    """The constraints that keep fuzzy matching from merging two people."""
    for first, second in (
        ("Jan Novak", "Jana Novak"),  # given names differ
        ("Tomas Hansen", "Tomas Jansen"),  # surnames differ in the first letter
        ("Ana Ortiz", "Ana Ortega"),  # surnames too far apart
        ("Igor Petrov", "Irina Petrova"),  # a surname and its feminine form
    ):
        report = build_report(strong("a", "b", speaker=first) + strong("c", "d", speaker=second))
        assert only_cluster(report).speaker_facet == "conflict", (first, second)


def test_mr_and_mrs_are_not_one_person() -> None:
    report = build_report(
        [
            *[outlet(s, STATEMENT, "Mr. Lee") for s in ("a", "b")],
            *[outlet(s, STATEMENT, "Mrs. Lee") for s in ("c", "d")],
        ]
    )
    assert only_cluster(report).speaker_facet == "conflict"


def test_a_country_never_merges_with_a_person() -> None:
    report = build_report(
        [
            outlet("a", STATEMENT, "Michael Jordan"),
            outlet("b", STATEMENT, "Jordan"),
        ]
    )
    speakers = {q.speaker for q in report.quotes_by_id().values()}
    assert speakers == {"Michael Jordan", "Jordan"}


# -- 2. consensus and outliers -----------------------------------------------------------------


def test_one_weakly_attributed_outlet_among_many_is_an_outlier() -> None:
    report = build_report(
        [
            *strong("harbour-post", "valley-times", "east-courier", "plain-dealer"),
            outlet("metro-daily", STATEMENT, RUNDE, attribution="continuation", confidence=0.5),
        ]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.speaker_facet, cluster.speaker) == (
        "consistent",
        "outlier",
        DRAVIC,
    )
    (outlier,) = cluster.attribution_outliers
    assert (outlier.quote, outlier.source, outlier.speaker, outlier.majority_speaker) == (
        "metro-daily-q1",
        "metro-daily",
        RUNDE,
        DRAVIC,
    )
    assert "carried over" in outlier.reason
    assert report.summary.speaker_conflicts == 0
    assert report.summary.attribution_outliers == 1


def test_a_lone_weak_dissent_in_a_two_outlet_story_is_an_outlier() -> None:
    report = build_report(
        [
            outlet("harbour-post", STATEMENT, DRAVIC),
            outlet("valley-times", STATEMENT, RUNDE, attribution="coreference", confidence=0.72),
        ]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.speaker_facet) == ("consistent", "outlier")
    assert "pronoun" in cluster.attribution_outliers[0].reason


def test_a_quote_relayed_by_a_wire_service_is_not_a_conflict() -> None:
    report = build_report(
        [
            *strong("harbour-post", "valley-times"),
            outlet("east-courier", STATEMENT, "Reuters", kind="organization"),
        ]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.speaker_facet) == ("consistent", "outlier")
    assert "relayed" in cluster.attribution_outliers[0].reason


def test_an_outlet_of_the_story_named_as_the_speaker_is_a_relay() -> None:
    report = build_report(
        [
            outlet("harbour-post", STATEMENT, DRAVIC),
            outlet("valley-times", STATEMENT, "the Harbour Post", kind="organization"),
        ]
    )
    assert only_cluster(report).speaker_facet == "outlier"


def test_a_document_or_a_country_as_the_speaker_is_weak() -> None:
    for stand_in, kind in (("the readout", "organization"), ("Ukraine", "person")):
        report = build_report(
            [
                outlet("harbour-post", STATEMENT, DRAVIC),
                outlet("valley-times", STATEMENT, stand_in, kind=kind),  # type: ignore[arg-type]
            ]
        )
        cluster = only_cluster(report)
        assert (cluster.verdict, cluster.speaker_facet) == ("consistent", "outlier"), stand_in
        assert cluster.attribution_outliers[0].quote == "valley-times-q1"


def test_a_lone_strong_dissent_against_a_strong_majority_is_an_outlier() -> None:
    report = build_report(
        [
            *strong("harbour-post", "valley-times", "east-courier"),
            outlet("metro-daily", STATEMENT, RUNDE),
        ]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.speaker_facet) == ("consistent", "outlier")
    assert "lone dissent" in cluster.attribution_outliers[0].reason


def test_two_outlets_on_strong_evidence_make_a_conflict() -> None:
    two_against_one = build_report([*strong("a", "b"), *strong("c", speaker=RUNDE)])
    assert only_cluster(two_against_one).verdict == "speaker_conflict"
    two_against_two = build_report([*strong("a", "b"), *strong("c", "d", speaker=RUNDE)])
    cluster = only_cluster(two_against_two)
    assert (cluster.verdict, cluster.speaker_facet) == ("speaker_conflict", "conflict")
    assert cluster.attribution_outliers == []
    assert two_against_two.summary.speaker_conflicts == 1


# -- 3. facets ---------------------------------------------------------------------------------


def test_a_conflict_does_not_hide_a_misquote() -> None:
    altered = STATEMENT.replace("northern", "southern")
    report = build_report(
        [*strong("a", "b"), *strong("c", speaker=RUNDE), *strong("d", speaker=RUNDE, text=altered)]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.wording_facet, cluster.wording_severity) == (
        "speaker_conflict",
        "variant",
        "major",
    )
    summary = report.summary
    assert (summary.speaker_conflicts, summary.wording_variants, summary.major_variants) == (
        1,
        1,
        1,
    )
    assert summary.variants == 0


def test_an_outlier_does_not_change_a_variant_verdict() -> None:
    altered = STATEMENT.replace("spring", "summer")
    report = build_report(
        [
            *strong("a", "b"),
            outlet("c", altered, DRAVIC),
            outlet("d", STATEMENT, RUNDE, attribution="continuation", confidence=0.5),
        ]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.wording_facet, cluster.speaker_facet) == (
        "variant",
        "variant",
        "outlier",
    )
    assert report.summary.variants == 1


def test_single_source_clusters_have_no_facets() -> None:
    report = build_report([outlet("a", STATEMENT, DRAVIC)])
    (cluster,) = report.clusters
    assert cluster.wording_facet is None and cluster.speaker_facet is None
    assert "speaker_facet" not in report.to_dict()["clusters"][0]


# -- 4. short excerpts ---------------------------------------------------------------------------

TALKS = "We had great talks with the premier about the harbour and a historic agreement"


def test_a_two_word_excerpt_links_to_a_compatible_speaker() -> None:
    report = build_report(
        [
            outlet("a", TALKS, DRAVIC),
            outlet("b", "great talks", None),
            outlet("c", "great talks", "Reuters", kind="organization"),
        ]
    )
    cluster = only_cluster(report)
    assert cluster.quotes == ["a-q1", "b-q1", "c-q1"]
    assert {c.wording for c in report.comparisons if "a-q1" in (c.a, c.b)} == {"excerpt"}


def test_a_two_word_excerpt_does_not_link_to_a_rival_speaker() -> None:
    report = build_report([outlet("a", TALKS, DRAVIC), outlet("b", "great talks", RUNDE)])
    assert report.comparisons == []


def test_a_one_word_quote_links_only_to_the_same_speaker() -> None:
    same = build_report([outlet("a", TALKS, DRAVIC), outlet("b", "historic", DRAVIC)])
    assert only_cluster(same).quotes == ["a-q1", "b-q1"]
    unknown = build_report([outlet("a", TALKS, DRAVIC), outlet("b", "historic", None)])
    assert unknown.comparisons == []


# -- 5. severity ---------------------------------------------------------------------------------


def test_a_case_only_change_across_outlets_is_consistent() -> None:
    text = "The Council passed the Resolution on the harbour dredging today"
    report = build_report(
        [
            *strong("a", "b", text=text),
            outlet("c", text.replace("Resolution", "resolution"), DRAVIC),
        ]
    )
    cluster = only_cluster(report)
    assert (cluster.verdict, cluster.wording_facet) == ("consistent", "consistent")
    assert {c.wording for c in report.comparisons} == {"identical"}
    kinds = {op.kind for c in report.comparisons for op in c.diff if op.op != "equal"}
    assert kinds == {"case"}


def _severity(original: str, changed: str) -> str | None:
    report = build_report([*strong("a", text=original), *strong("b", text=changed)])
    (comparison,) = report.comparisons
    assert comparison.wording == "variant", (original, changed)
    return comparison.severity


def test_a_real_word_one_letter_away_is_a_major_change() -> None:
    for sentence, old, new in (
        ("The price we paid for the harbour contract was far too high", "price", "prize"),
        ("The council bought the old ferry terminal last winter for the city", "bought", "brought"),
        ("Nobody wanted the desert route after the storms last winter", "desert", "dessert"),
        ("These cuts will affect every family in the northern district", "affect", "effect"),
    ):
        assert _severity(sentence, sentence.replace(old, new)) == "major", old


def test_a_spelling_variant_or_a_typo_stays_minor() -> None:
    sentence = "It is an honour to welcome the government delegation to the harbour"
    assert _severity(sentence, sentence.replace("honour", "honor")) == "minor"
    assert _severity(sentence, sentence.replace("government", "goverment")) == "minor"


def test_facets_and_outliers_follow_the_published_schema() -> None:
    import json

    import jsonschema

    from worker.checker.report import json_schema

    report = build_report(
        [
            *strong("harbour-post", "valley-times", "east-courier"),
            outlet(
                "metro-daily", STATEMENT.replace("spring", "summer"), "Reuters", kind="organization"
            ),
            outlet("plain-dealer", "a different remark about the ferry timetable", RUNDE),
        ]
    )
    data = json.loads(json.dumps(report.to_dict()))
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Report.from_dict(data) == report
    (cluster,) = [c for c in data["clusters"] if "speaker_facet" in c]
    assert cluster["speaker_facet"] == "outlier"
    assert cluster["attribution_outliers"][0]["source"] == "metro-daily"
