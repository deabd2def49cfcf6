"""The real-news table: a small sample of ``../shared/realnews`` through the real pipeline, and
the table, per-outlet rows, error listing and command line on invented articles.

The whole set (840 articles, about a minute) is for ``make eval``; here three gold files of
three outlets keep the added test time to a few seconds while still running real extraction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from worker.evaluation import pipeline, realnews, run
from worker.evaluation.gold import load_story
from worker.records import Article, ExtractedArticle, PrimarySource

from .helpers import extracted, write_story

SAMPLE = ("polnear1.json", "polnear59.json", "polnear81.json")  # breitbart, usa-today, west-journal


@pytest.mark.slow  # three real-news stories through spaCy (seconds): not in `make check`
def test_sample_through_the_pipeline(nlp: Any, realnews_folder: Path) -> None:
    stories = [load_story(realnews_folder / name) for name in SAMPLE]
    scores = realnews.run(stories, nlp=nlp)
    assert [score.pipeline_error for score in scores] == [None] * len(SAMPLE)
    table = realnews.rows(stories, scores)
    overall = table[0].counts
    assert table[0].articles == sum(len(story.articles) for story in stories)
    assert overall.gold_quotes == sum(story.quote_count for story in stories) > 50
    assert 0 < overall.speaker_scored <= overall.gold_scored < overall.gold_quotes
    # Loose floors: the pipeline works on real news (the whole set is about 0.96 F1, 0.88).
    assert overall.f1 >= 0.85, realnews.render_table(table)
    assert overall.speaker_accuracy >= 0.75, realnews.render_table(table)
    assert overall.speaker_accuracy_all <= overall.speaker_accuracy
    assert [row.name for row in table[1:]] == ["breitbart", "usa-today", "west-journal"]
    assert sum(row.counts.found for row in table[1:]) == overall.found


# ---------------------------------------------------------- invented articles, fake pipeline

SPEC: dict[str, Any] = {
    "story": "rn0",
    "speakers": {"s0": ["okafor"], "s1": [], "s2": ["lind"]},
    "unscored_speakers": ["s1"],
    "speakers_not": {"s2": ["erik"]},
    "speaker_sources": {"s0": "Okafor", "s1": "the mayor", "s2": "Ms. Lind"},
    "articles": {
        "harbor-times_2016-02-01_budget": {
            "quotes": {
                "h-0": ["the budget is balanced at last", "s0"],
                "h-1": ["nobody asked the ferry riders", "s1"],
            },
            "offsets": {"h-0": 1, "h-1": 50},
        },
        "valley-post_2016-02-02_ferry": {
            "quotes": {
                "v-0": ["we will run the ferry all winter", "s2"],
                "h-0": ["the ferries are late every week", "s0"],
            },
        },
    },
    "pairs": [],
}
REPORTED = {
    "harbor-times_2016-02-01_budget": [
        ("the budget is balanced at last", "Chidi Okafor"),
        ("nobody asked the ferry riders", None),
        ("a storm is coming to the coast tonight", "Weather Desk"),
    ],
    "valley-post_2016-02-02_ferry": [
        ("we will run the ferry all winter", "Erik Lind"),
    ],
}


def fake_extract(articles: Sequence[Article], nlp: Any = None) -> list[ExtractedArticle]:
    return extracted(articles, REPORTED)


def fake_report(
    extracted: Sequence[ExtractedArticle], primaries: Sequence[PrimarySource] = ()
) -> dict[str, Any]:
    return {
        "articles": [
            {"source": item.article.source, "quotes": [q.to_dict() for q in item.quotes]}
            for item in extracted
        ],
        "comparisons": [],
    }


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(pipeline, "pipeline_functions", lambda: (fake_extract, fake_report))
    write_story(tmp_path / "set", json.loads(json.dumps(SPEC)))
    return tmp_path / "set"


def test_rows_pool_counts_by_outlet(folder: Path) -> None:
    stories = realnews.load(folder)
    table = realnews.rows(stories, realnews.run(stories))
    assert [(row.name, row.articles) for row in table] == [
        ("overall", 2),
        ("harbor-times", 1),
        ("valley-post", 1),
    ]
    overall = table[0].counts
    # h-0 of the second article is missed; s1 is unscored; "Erik Lind" names a speakers_not.
    assert (overall.gold_quotes, overall.found, overall.reported, overall.correct) == (4, 3, 4, 3)
    assert (overall.gold_scored, overall.speaker_scored, overall.speaker_right) == (3, 2, 1)
    assert overall.speaker_accuracy == 0.5
    assert overall.speaker_accuracy_all == pytest.approx(1 / 3)
    harbor = table[1].counts
    assert (harbor.gold_quotes, harbor.speaker_right, harbor.correct) == (2, 1, 2)


def test_cli_prints_the_table_and_writes_the_errors(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    errors = tmp_path / "errors.txt"
    status = run.main(["--realnews-only", "--realnews", str(folder), "--errors", str(errors)])
    out = capsys.readouterr().out
    assert status == 0
    assert "real news: 1 gold files, 2 articles" in out
    overall = next(line for line in out.splitlines() if line.startswith("overall"))
    assert overall.split()[1:5] == ["2", "4", "3", "4"]
    assert "speaker_accuracy 0.500 (1/2" in out and "speaker_accuracy_all 0.333 (1/3)" in out
    listing = errors.read_text(encoding="utf-8")
    assert "wrong_speaker (1):" in listing and "missed (1):" in listing
    assert "spurious (1):" in listing and "a storm is coming" in listing
    wrong = next(line for line in listing.splitlines() if "speaker v-0" in line)
    assert "['lind'] (source 'Ms. Lind')" in wrong and "names 'erik'" in wrong
    assert "h-1" not in listing  # an unscored speaker is never a wrong speaker


def test_cli_json_and_a_missing_folder(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run.main(["--realnews-only", "--realnews", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["realnews"]["overall"]["metrics"]["speaker_accuracy"] == 0.5
    assert set(data["realnews"]["outlets"]) == {"harbor-times", "valley-post"}
    assert run.main(["--realnews-only", "--realnews", str(tmp_path / "nowhere")]) == 2
    assert "real-news set not found" in capsys.readouterr().err


def test_default_folder_is_beside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(realnews.ENV, raising=False)
    root = Path(__file__).resolve().parents[2]
    assert realnews.default_folder() == (root.parent / "shared/realnews/polnear-train").resolve()
    monkeypatch.setenv(realnews.ENV, "/data/polnear")
    assert realnews.default_folder() == Path("/data/polnear")


def test_an_outlet_with_sparse_gold_gets_a_second_overall_line_without_it() -> None:
    from worker.evaluation.score import Counts

    full = realnews.Row("a", 10, Counts(gold_quotes=50, reported=50, correct=48))
    sparse = realnews.Row("b", 10, Counts(gold_quotes=0, reported=40, correct=0))
    overall = Counts()
    for row in (full, sparse):
        overall.add(row.counts)
    table = [realnews.Row("overall", 20, overall), full, sparse]
    assert [realnews.sparse(row) for row in table[1:]] == [False, True]
    dense = realnews.dense_overall(table)
    assert dense is not None
    assert (dense.articles, dense.counts.reported, dense.counts.correct) == (10, 50, 48)
    assert realnews.dense_overall([table[0], full]) is None
