"""``quotelens check`` on a wire copy published under two mastheads (issue 12, item 7)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.cli.test_cli_check import SCHEMA, run

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`

WIRE = (
    "PORT TALBIN (Wire) - The city will rebuild the sea wall before the spring tides, Mayor Ana "
    "Ortega said on Tuesday.\n\n"
    '"We will rebuild the sea wall, and this time it will hold," Ortega told reporters at city '
    "hall.\n"
)


def test_the_same_wire_copy_in_two_files_is_two_articles_marked_as_copies(tmp_path: Path) -> None:
    herald, daily = tmp_path / "harbor-herald.txt", tmp_path / "coast-daily.json"
    herald.write_text(WIRE)
    daily.write_text(json.dumps({"source": "Coast Daily", "text": WIRE}))
    result = run("check", "--format", "json", herald, daily)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    marks = [(a["source"], a.get("copy_of"), a.get("copies")) for a in report["articles"]]
    assert marks == [
        ("harbor-herald", None, ["coast-daily"]),
        ("Coast Daily", "harbor-herald", ["harbor-herald"]),
    ]
    assert all(len(a["quotes"]) == 1 for a in report["articles"])
    (cluster,) = report["clusters"]
    assert cluster["verdict"] == "consistent"
    assert cluster["articles"] == ["harbor-herald", "coast-daily"]
