"""The runner and CLI on a fake pipeline: table, errors, JSON, exit codes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from worker.evaluation import errors, pipeline, run
from worker.evaluation.gold import load_story
from worker.records import Article, ExtractedArticle, PrimarySource, Quote

from .helpers import extracted, write_story

SPEC: dict[str, Any] = {
    "story": "s",
    "speakers": {"ann": ["ann"], "bob": ["bob"]},
    "articles": {
        "x": {
            "quotes": {"x1": ["we will win the vote", "ann"], "x2": ["taxes are too high", "ann"]}
        },
        "y": {
            "quotes": {"y1": ["we will win the vote", "ann"], "y2": ["we shall not lose", "bob"]}
        },
    },
    "pairs": [["x1", "y1", "consistent", None, True]],
}


def fake_extract(articles: Sequence[Article], nlp: Any = None) -> list[ExtractedArticle]:
    """Reports every gold quote of x, and y1 with the wrong speaker plus a spurious quote."""
    found = {
        "x": [("we will win the vote", "Ann Smith"), ("taxes are too high", "Ann Smith")],
        "y": [("we will win the vote", "Bob"), ("the weather is nice today", "Bob")],
    }
    return extracted(articles, found, first=1)


def fake_build(
    extracted: Sequence[ExtractedArticle], primaries: Sequence[PrimarySource] = ()
) -> dict[str, Any]:
    return {
        "comparisons": [
            {
                "a": "x-q1",
                "b": "y-q1",
                "wording": "identical",
                "severity": None,
                "same_speaker": True,
            },
            {
                "a": "x-q2",
                "b": "y-q1",
                "wording": "variant",
                "severity": "major",
                "same_speaker": False,
            },
        ]
    }


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "pipeline_functions", lambda: (fake_extract, fake_build))


@pytest.mark.usefixtures("fake_pipeline")
def test_run_story_scores_the_pipeline_output(tmp_path: Path) -> None:
    score = pipeline.run_story(load_story(write_story(tmp_path, SPEC)))
    counts = score.counts
    assert (counts.gold_quotes, counts.found, counts.reported, counts.correct) == (4, 3, 4, 3)
    assert counts.speaker_right == 2
    assert counts.fully_right == 1
    assert counts.false_links == 1
    kinds = sorted(r["kind"] for r in errors.error_records(score, load_story(tmp_path / "s.json")))
    assert kinds == ["false_link", "missed", "spurious", "wrong_speaker"]


def test_pipeline_errors_are_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(articles: Sequence[Article], nlp: Any = None) -> list[ExtractedArticle]:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "pipeline_functions", lambda: (broken, fake_build))
    score = pipeline.run_story(load_story(write_story(tmp_path, SPEC)))
    assert score.pipeline_error is not None and "boom" in score.pipeline_error
    assert score.counts.found == 0
    assert score.counts.f1 == 0.0


@pytest.mark.usefixtures("fake_pipeline")
def test_cli_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_story(tmp_path / "s", SPEC)
    assert run.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out
    assert "[s] missed y2" in out
    assert "[s] speaker y1: want ann" in out
    assert "'Bob'" in out
    assert "[s] spurious y-q2" in out
    assert "[s] false link x-q2 ~ y-q1" in out


@pytest.mark.usefixtures("fake_pipeline")
def test_cli_json_and_story_filter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_story(tmp_path / "s", SPEC)
    other = json.loads(json.dumps(SPEC))
    other["story"] = "t"
    write_story(tmp_path / "t", other)
    assert run.main([str(tmp_path), "--json", "--story", "t"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["story"] for s in data["stories"]] == ["t"]
    overall = data["overall"]
    assert overall["counts"]["found"] == 3
    assert overall["metrics"]["recall"] == pytest.approx(0.75)
    assert overall["metrics"]["precision"] == pytest.approx(0.75)


def test_cli_gold_error_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    assert run.main([str(tmp_path)]) == 2
    assert "gold error" in capsys.readouterr().err


def test_view_reads_the_real_checker_report() -> None:
    """Guards the report adapter against schema drift: a real report must yield its link."""
    from worker.checker import build_report
    from worker.evaluation.report import build_view

    text = "The mill will stay open through the winter and every job is safe"
    articles = [
        ExtractedArticle(
            Article(id=name, source=name, text=f"“{text},” Ann Reilly said."),
            (
                Quote(
                    id=f"{name}-q1",
                    text=text,
                    start=1,
                    end=1 + len(text),
                    speaker="Ann Reilly",
                    speaker_mention="Ann Reilly",
                    cue="said",
                    speaker_type="person",
                    spans=((1, 1 + len(text)),),
                ),
            ),
        )
        for name in ("first", "second")
    ]
    data = build_report(articles).to_dict()
    for view in (build_view(data, articles), build_view(data)):
        assert [q.id for q in view.quotes["first"]] == ["first-q1"]
        assert view.quotes["second"][0].speaker is not None
        (comparison,) = view.comparisons
        assert comparison.key == {"first-q1", "second-q1"}
        assert comparison.wording == "identical"
        assert comparison.same_speaker is True
