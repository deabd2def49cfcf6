"""CSV export, ``--fail-on`` exit codes, language screening and ``--version``, in process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from worker.cli.main import main
from worker.render.csv_report import BOM, COMPARISON_COLUMNS, QUOTE_COLUMNS

DATA = Path(__file__).resolve().parents[1] / "data/vellmar"
GAZETTE, POST, FRENCH = (
    DATA / "harbour-gazette.txt",
    DATA / "fjord-post.txt",
    DATA / "avis-du-port.txt",
)


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_lists_each_quote_with_outlet_speaker_cue_cluster_and_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, pairs = tmp_path / "quotes.csv", tmp_path / "pairs.csv"
    status = main(
        [
            "check",
            "--format",
            "csv",
            "-o",
            str(out),
            "--comparisons",
            str(pairs),
            str(GAZETTE),
            str(POST),
        ]
    )
    assert status == 0, capsys.readouterr().err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    quotes = rows(raw.decode("utf-8"))
    assert tuple(quotes[0]) == QUOTE_COLUMNS
    by_speaker = {(q["outlet"], q["speaker"]): q for q in quotes}
    fee = by_speaker[("fjord-post", "Tor Aasen")]
    assert fee["verdict"] == "Conflicting attribution" and fee["cue"] == "said"
    assert fee["quote"].startswith("We will not raise the harbour fee")
    gazette_fee = [q for q in quotes if q["cluster"] == fee["cluster"] and q is not fee]
    assert [q["speaker"] for q in gazette_fee] == ["Ilse Brandvold"]
    compared = rows(pairs.read_text(encoding="utf-8"))
    assert tuple(compared[0]) == COMPARISON_COLUMNS
    number = [c for c in compared if c["severity"] == "major"]
    assert len(number) == 1 and number[0]["changes"] == "number"
    assert {number[0]["outlet_a"], number[0]["outlet_b"]} == {"fjord-post", "harbour-gazette"}


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    article = tmp_path / "formula.txt"
    article.write_text('Lea Moss said: "=HYPERLINK(1) is what they want, and we said no."\n')
    out = tmp_path / "out.csv"
    assert main(["check", "--format", "csv", "-o", str(out), str(article)]) == 0
    [quote] = rows(out.read_text(encoding="utf-8"))
    assert quote["quote"].startswith("'=HYPERLINK")


@pytest.mark.parametrize(
    ("fail_on", "files", "expected"),
    [
        (None, [GAZETTE, POST], 0),
        ("conflict", [GAZETTE, POST], 1),
        ("major", [GAZETTE, POST], 1),
        ("conflict", [GAZETTE, GAZETTE], 0),
        ("major", [GAZETTE, GAZETTE], 0),
    ],
)
def test_fail_on_exit_code(
    fail_on: str | None,
    files: list[Path],
    expected: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "r.json"
    args = ["check", "--format", "json", "-o", str(out), *map(str, files)]
    assert main(args + (["--fail-on", fail_on] if fail_on else [])) == expected
    assert json.loads(out.read_text())["schema"] == "quotelens.report/1"  # written either way
    if expected:
        assert f"--fail-on {fail_on}" in capsys.readouterr().err


def test_fail_on_major_counts_a_number_change_alone(tmp_path: Path) -> None:
    edited = tmp_path / "edited.txt"
    edited.write_text(GAZETTE.read_text().replace("40 million", "45 million"))
    files = [str(GAZETTE), str(edited), "--format", "json", "-o", str(tmp_path / "r.json")]
    assert main(["check", *files, "--fail-on", "conflict"]) == 0
    assert main(["check", *files, "--fail-on", "major"]) == 1


def test_french_article_is_reported_as_not_analysed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    assert main(["check", "--format", "json", "-o", str(out), str(GAZETTE), str(FRENCH)]) == 0
    report = json.loads(out.read_text())
    [warning] = report["warnings"]
    assert (warning["code"], warning["language"], warning["source"]) == (
        "not_english",
        "fr",
        "avis-du-port",
    )
    french = next(a for a in report["articles"] if a["source"] == "avis-du-port")
    assert french["quotes"] == []
    assert "not analysed" in capsys.readouterr().err


def test_english_report_has_no_warnings_field(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["check", "--format", "json", "-o", str(out), str(GAZETTE)]) == 0
    assert "warnings" not in json.loads(out.read_text())


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import quotelens

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"quotelens {quotelens.__version__}"
    assert quotelens.__version__[0].isdigit()


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_text_and_html_name_the_article_not_analysed(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"r.{fmt}"
    args = ["check", "--format", fmt, "--color", "never", "-o", str(out), str(GAZETTE)]
    assert main([*args, str(FRENCH)]) == 0
    page = out.read_text()
    assert "avis-du-port" in page and "quotelens reads English only" in page
    if fmt == "html":
        assert "1 article could not be read" in page  # listed with the failed articles
