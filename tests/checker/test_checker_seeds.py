"""The seed story (two outlets on the 21 November 2017 Trump-Putin call), quotes written by hand.

The expected comparisons are exactly the gold pairs of /work/shared/gold/seeds.json: every pair
linked, right wording and speaker, and no other comparison (no false links).
"""

from __future__ import annotations

from tests.checker.checker_helpers import article, quote
from worker.checker import build_report
from worker.checker.report import Report
from worker.records import Quote, SpeakerType

WH, KREMLIN, TRUMP, PUTIN = "White House", "Kremlin", "Donald Trump", "Vladimir Putin"

RFERL = [
    (
        "r1",
        "to peacefully resolve the Syrian civil war, end the humanitarian crisis, allow "
        "displaced Syrians to return home, and ensure the stability of a unified Syria free of "
        "malign intervention and terrorist safe havens.",
        WH,
    ),
    ("r2", "the main results", KREMLIN),
    (
        "r3",
        "at which the Syrian leader confirmed his commitment to the political process, [and] "
        "conducting constitutional reform and presidential and parliamentary elections,",
        KREMLIN,
    ),
    (
        "r4",
        "affirmed the importance of fighting terrorism together throughout the Middle East and "
        "Central Asia",
        WH,
    ),
    ("r5", "a lasting peace in Ukraine,", WH),
    ("r6", "to halt its nuclear weapon and missile programs,", WH),
    ("r7", "great call", "Trump"),
    ("r8", "very strongly about bringing peace to Syria,", "Trump"),
    ("r9", "very important.", "Trump"),
    ("r10", "extraordinarily important.", "Trump"),
    (
        "r11",
        "the presidents affirmed their support for the joint statement of the United States and "
        "the Russian Federation, issued at the Asia-Pacific Economic Cooperation summit on "
        "November 11.",
        WH,
    ),
    ("r12", "the UN-led Geneva process to peacefully resolve the Syrian civil war,", WH),
]
WASHINGTON_TIMES = [
    ("w1", "sovereignty, independence and territorial integrity intact,", PUTIN),
    ("w2", "constitutional reforms.", PUTIN),
    ("w3", "great call", TRUMP),
    (
        "w4",
        "We’re talking very strongly about bringing peace to Syria, we’re talking very strongly "
        "about North Korea and Ukraine,",
        TRUMP,
    ),
    ("w5", "stressed the importance of implementing", WH),
    (
        "w6",
        "to peacefully resolve the Syrian civil war, end the humanitarian crisis, allow displaced "
        "Syrians to return home, and ensure the stability of a unified Syria free of malign "
        "intervention and terrorist safe havens,",
        WH,
    ),
    (
        "w7",
        "The two presidents affirmed the importance of fighting terrorism together throughout "
        "the Middle East and Central Asia and agreed to explore ways to further cooperate in the "
        "fight against ISIS, al Qaeda, the Taliban, and other terrorist organizations,",
        WH,
    ),
    ("w8", "internal negotiating process in Syria.", KREMLIN),
    (
        "w9",
        "Both sides expressed satisfaction with the talks which were business-like and "
        "substantial,",
        KREMLIN,
    ),
    (
        "w10",
        "Vladimir Putin informed Donald Trump of the main results of a meeting with Bashar "
        "al-Assad that took place on November 20 at which the Syrian leader confirmed his "
        "commitment to the political process, (and) conducting constitutional reform and "
        "presidential and parliamentary elections.",
        KREMLIN,
    ),
]
GOLD_PAIRS = {
    ("r1", "w6"): "identical",
    ("r2", "w10"): "excerpt",
    ("r3", "w10"): "excerpt",
    ("r4", "w7"): "excerpt",
    ("r7", "w3"): "identical",
    ("r8", "w4"): "excerpt",
    ("r12", "w6"): "excerpt",
}


def _quotes(rows: list[tuple[str, str, str]]) -> list[Quote]:
    kinds: dict[str, SpeakerType] = {WH: "organization", KREMLIN: "organization"}
    return [quote(qid, text, name, kinds.get(name, "person")) for qid, text, name in rows]


def seed_report() -> Report:
    return build_report(
        [
            article("rferl", *_quotes(RFERL)),
            article("washington-times", *_quotes(WASHINGTON_TIMES)),
        ]
    )


def test_seed_comparisons_are_exactly_the_gold_pairs() -> None:
    report = seed_report()
    assert {(c.a, c.b): c.wording for c in report.comparisons} == GOLD_PAIRS
    assert all(c.same_speaker for c in report.comparisons)
    assert all(c.severity is None for c in report.comparisons)


def test_same_article_overlap_joins_one_cluster_without_being_compared() -> None:
    report = seed_report()
    clusters = {tuple(c.quotes): c for c in report.clusters}
    cluster = clusters[("r1", "r12", "w6")]
    assert (cluster.verdict, cluster.speaker) == ("consistent", WH)
    assert cluster.text.startswith("to peacefully resolve")
    assert cluster.text.endswith("safe havens.")
    assert ("r1", "r12") not in {(c.a, c.b) for c in report.comparisons}
    assert clusters[("r2", "r3", "w10")].verdict == "consistent"


def test_short_and_inflected_quotes_stay_single_source() -> None:
    report = seed_report()
    singles = [c.quotes[0] for c in report.clusters if c.verdict == "single_source"]
    assert singles == ["r5", "r6", "r9", "r10", "r11", "w1", "w2", "w5", "w8", "w9"]


def test_seed_summary_and_speakers() -> None:
    report = seed_report()
    assert report.summary.model_dump() == {
        "articles": 2,
        "quotes": 22,
        "clusters": 15,
        "corroborated": 5,
        "variants": 0,
        "speaker_conflicts": 0,
        "single_source": 10,
        "verified": 0,
        "contradicted": 0,
        "not_found": 0,
        "wording_consistent": 5,
        "wording_variants": 0,
        "major_variants": 0,
        "speakers_agreed": 5,
        "attribution_outliers": 0,
    }
    assert [(s.name, s.aliases) for s in report.speakers] == [
        (WH, [WH]),
        (KREMLIN, [KREMLIN]),
        (TRUMP, ["Trump", TRUMP]),
        (PUTIN, [PUTIN]),
    ]
