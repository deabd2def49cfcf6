"""The CLI end to end, as a user runs it: a subprocess per call, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [ROOT / "examples/seeds/rferl.txt", ROOT / "examples/seeds/washington-times.txt"]
SCHEMA = json.loads((ROOT / "worker/checker/schema.json").read_text())


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


@pytest.fixture(scope="module")
def seed_json() -> dict[str, object]:
    result = run("check", "--format", "json", *SEEDS)
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_json_report_follows_the_schema(seed_json: dict[str, object]) -> None:
    jsonschema.validate(seed_json, SCHEMA)
    assert seed_json["schema"] == "quotelens.report/1"
    assert [a["source"] for a in seed_json["articles"]] == ["rferl", "washington-times"]  # type: ignore[index, union-attr]


def test_seed_report_links_the_great_call(seed_json: dict[str, object]) -> None:
    quotes = {q["id"]: q for a in seed_json["articles"] for q in a["quotes"]}  # type: ignore[union-attr, index]
    identical = [
        c
        for c in seed_json["comparisons"]  # type: ignore[union-attr]
        if c["wording"] == "identical" and quotes[c["a"]]["text"] == "great call"
    ]
    assert len(identical) == 1
    assert identical[0]["same_speaker"] is True


def test_text_report_names_both_sources() -> None:
    result = run("check", "--color", "never", *SEEDS)
    assert result.returncode == 0, result.stderr
    assert "rferl" in result.stdout and "washington-times" in result.stdout
    assert "\x1b[" not in result.stdout


def test_html_report_is_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("check", "--format", "html", "--output", out, *SEEDS)
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "http://" not in page.replace("http://www.w3.org", "")


def test_json_article_file(tmp_path: Path) -> None:
    article = tmp_path / "a.json"
    article.write_text(
        json.dumps({"source": "Daily", "title": "T", "text": 'Ann Lee said "hello there."'})
    )
    result = run("check", "--format", "json", article)
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)["articles"]
    assert (entry["source"], entry["title"]) == ("Daily", "T")
    assert [q["speaker"] for q in entry["quotes"]] == ["Ann Lee"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article text is empty"),
        (b"  \n\t ", "the article text is empty"),
        (b"\xff\xfe\x00bad", "binary data"),
        (b"caf\xe9", "not valid UTF-8"),
    ],
)
def test_bad_files_get_a_clear_error_and_no_traceback(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("check", bad)
    assert result.returncode == 2
    assert f"{bad}: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_and_bad_json_are_all_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = run("check", tmp_path / "missing.txt", broken)
    assert result.returncode == 2
    assert "missing.txt: no such file" in result.stderr
    assert "broken.json: invalid JSON" in result.stderr
    assert "Traceback" not in result.stderr
