"""The CSV export as LibreOffice Calc reads it (headless ``soffice``, Debian's package).

Calc imports the file with the options of its Text Import dialog for a comma-separated UTF-8
file (``CSV:44,34,76``) and writes what it read back out with semicolons; every cell must come
back exactly as the ``csv`` module reads our file: same rows, same columns, non-ASCII intact,
no formula evaluated. Headless conversion without import options guesses a legacy charset
whatever the file says, so the options are given as a user picks them in the dialog.
Skipped when ``soffice`` is not installed (``apt-get install libreoffice-calc-nogui``).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from worker.cli.main import main
from worker.render.csv_report import BOM

DATA = Path(__file__).resolve().parents[1] / "data/vellmar"
SOFFICE = shutil.which("soffice")
IMPORT = "CSV:44,34,76,1"  # comma, double quote, UTF-8, from line 1
EXPORT = "csv:Text - txt - csv (StarCalc):59,34,76,1"  # semicolon, so a comma inside stays put

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def calc_cells(path: Path, tmp_path: Path) -> list[list[str]]:
    out = tmp_path / "calc"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            f"--infilter={IMPORT}",
            "--convert-to",
            EXPORT,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (out / path.name).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("table", ["quotes", "comparisons"])
def test_calc_reads_every_cell_as_written(table: str, tmp_path: Path) -> None:
    extra = tmp_path / "nordlys.txt"
    extra.write_text(
        "Åse Lindqvist, the harbour engineer, said the wall was “older than anyone thought.” "
        '"We will not raise the harbour fee this year, whatever the final bill turns out '
        'to be," Ms. Lindqvist added, "and =SUM(A1) is not a plan."\n',
        encoding="utf-8",
    )
    quotes, pairs = tmp_path / "quotes.csv", tmp_path / "comparisons.csv"
    files = [str(DATA / "harbour-gazette.txt"), str(DATA / "fjord-post.txt"), str(extra)]
    assert (
        main(["check", "--format", "csv", "-o", str(quotes), "--comparisons", str(pairs), *files])
        == 0
    )
    path = quotes if table == "quotes" else pairs
    written = path.read_text(encoding="utf-8")
    expected = list(csv.reader(io.StringIO(written.removeprefix(BOM), newline="")))
    cells = calc_cells(path, tmp_path)
    assert cells == expected
    assert len(cells) > 2 and cells[0][0] in {"quote_id", "cluster"}
    if table == "quotes":
        assert "Åse Lindqvist" in {row[cells[0].index("speaker")] for row in cells[1:]}
