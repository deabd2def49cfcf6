"""``import quotelens``: the library surface a notebook user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quotelens

DATA = Path(__file__).resolve().parents[1] / "data/vellmar"


def test_check_returns_the_typed_report(tmp_path: Path) -> None:
    statement = tmp_path / "statement.txt"
    statement.write_text(
        "We will not raise the harbour fee this year, whatever the final bill turns out to be. "
        "The repairs will cost about 40 million crowns and take three years to finish.\n"
    )
    report = quotelens.check(
        [DATA / "harbour-gazette.txt", str(DATA / "fjord-post.txt")],
        primaries=[statement],
        primary_speakers=["Ilse Brandvold"],
    )
    assert isinstance(report, quotelens.Report)
    assert [a.source for a in report.articles] == ["harbour-gazette", "fjord-post", "statement"]
    assert report.summary.speaker_conflicts == 1
    assert report.primary_checks, "the statement is checked against the quotes"
    data = json.loads(report.to_json())
    assert data == report.to_dict() and data["schema"] == quotelens.SCHEMA_ID


def test_check_names_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(quotelens.InputError, match="no such file"):
        quotelens.check([tmp_path / "missing.txt"])


def test_version_is_the_installed_distribution() -> None:
    from importlib.metadata import version

    assert quotelens.__version__ == version("quotelens")
