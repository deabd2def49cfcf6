"""``quotelens check --primary``: primary sources from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.cli.test_cli_check import ROOT, SCHEMA, run
from worker.cli.inputs import InputError
from worker.cli.primary_inputs import read_primaries
from worker.records import PrimarySource

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`

WATER = ROOT / "tests/data/primary/brenmoor-water"
MEASLES = ROOT / "tests/data/primary/northfield-measles"
OUTLETS = [WATER / "brenmoor-gazette.txt", WATER / "river-times.txt"]


def statuses(report: dict[str, Any]) -> dict[str, str]:
    texts = {q["id"]: q["text"] for a in report["articles"] for q in a["quotes"]}
    return {texts[c["quote"]][:20]: c["status"] for c in report["primary_checks"]}


def test_a_statement_with_its_speaker_given_on_the_command_line() -> None:
    result = run(
        "check",
        "--format",
        "json",
        *OUTLETS,
        "--primary",
        WATER / "statement.txt",
        "--primary-speaker",
        "Brenmoor Water Board",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    primary = report["articles"][-1]
    assert (primary["id"], primary["primary"], primary["speaker"], primary["quotes"]) == (
        "statement",
        True,
        "Brenmoor Water Board",
        [],
    )
    assert statuses(report) == {
        "tests at all 14 samp": "verified",
        "We apologize to the ": "verified",
        "Tests at all 14 samp": "contradicted",
        "an independent revie": "verified",
    }
    assert report["summary"]["contradicted"] == 1


def test_a_json_transcript_and_the_text_report(tmp_path: Path) -> None:
    primary = tmp_path / "briefing.json"
    text = (MEASLES / "transcript.txt").read_text()
    primary.write_text(json.dumps({"source": "county", "text": text, "primary": True}))
    result = run(
        "check",
        "--color",
        "never",
        MEASLES / "northfield-herald.txt",
        MEASLES / "county-courier.txt",
        "--primary",
        primary,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  against primary sources: 5 verified · 1 contradicted · 0 not found" in lines
    assert any(line.endswith("[contradicted, major]") for line in lines)
    assert any(
        line.startswith("      vs primary source: ") and "from [-Thursday-]{+Tuesday+}" in line
        for line in lines
    )


def test_a_statement_without_a_speaker_is_refused() -> None:
    result = run("check", *OUTLETS, "--primary", WATER / "statement.txt")
    assert result.returncode == 2
    assert "statement.txt: whose statement is this?" in result.stderr
    assert "Traceback" not in result.stderr


def test_speakers_once_or_once_per_primary(tmp_path: Path) -> None:
    statement = WATER / "statement.txt"
    transcript = MEASLES / "transcript.txt"
    one = read_primaries([statement, transcript], ["Board"], set())
    assert [(type(a), a.id, a.speaker) for a in one] == [
        (PrimarySource, "statement", "Board"),
        (PrimarySource, "transcript", "Board"),
    ]
    each = read_primaries([statement, transcript], ["Board", "County"], set())
    assert [a.speaker for a in each] == ["Board", "County"]
    with pytest.raises(InputError, match="given 3 times for 2"):
        read_primaries([statement, transcript], ["A", "B", "C"], set())
    with pytest.raises(InputError, match="needs a --primary file"):
        read_primaries([], ["Board"], set())


def test_primary_ids_do_not_clash_with_article_ids(tmp_path: Path) -> None:
    labelled = tmp_path / "river-times.txt"
    labelled.write_text("ANA ORTEGA (Mayor): We will rebuild.\n")
    (primary,) = read_primaries([labelled], [], {"river-times", "river-times-2"})
    assert primary.id == "river-times-3"
    assert primary.speaker is None


def test_json_primary_files_name_their_speaker(tmp_path: Path) -> None:
    named = tmp_path / "named.json"
    named.write_text(json.dumps({"source": "board", "text": "We apologize.", "speaker": "Board"}))
    (primary,) = read_primaries([named], [], set())
    assert (primary.source, primary.speaker) == ("board", "Board")
    refused = tmp_path / "refused.json"
    refused.write_text(json.dumps({"text": "We apologize.", "speaker": "B", "primary": False}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"text": "We apologize.", "speaker": 3}))
    with pytest.raises(InputError) as error:
        read_primaries([refused, bad], [], set())
    assert str(error.value).splitlines() == [
        f'{refused}: "primary" is false; pass it as an article instead',
        f'{bad}: "speaker" must be a string',
    ]


# Issue 12, item 6: transcript label forms on the command line (invented people).
def test_a_name_and_title_transcript_needs_no_speaker(tmp_path: Path) -> None:
    transcript = tmp_path / "conference.txt"
    transcript.write_text(
        "Ana Ortega, Mayor of Port Talbin: We will rebuild the sea wall.\n\n"
        "Erik Halvorsen, Port Director: The port reopens in spring.\n"
    )
    (primary,) = read_primaries([transcript], [], set())
    assert primary == PrimarySource("conference", "conference", primary.text, speaker=None)


def test_an_unlabelled_transcript_says_which_label_forms_are_read(tmp_path: Path) -> None:
    text = "ORTEGA - We will rebuild the sea wall.\nHALVORSEN - The port reopens in spring.\n"
    plain = tmp_path / "minutes.txt"
    plain.write_text(text)
    declared = tmp_path / "declared.json"
    declared.write_text(json.dumps({"source": "city", "text": text, "kind": "transcript"}))
    result = run("check", *OUTLETS, "--primary", plain)
    assert result.returncode == 2
    assert "minutes.txt: whose statement is this?" in result.stderr
    assert "NAME, Title:" in result.stderr and "**NAME:**" in result.stderr
    assert "Traceback" not in result.stderr
    # Said to be a transcript: a speaker for the whole text does not make it one.
    with pytest.raises(InputError) as error:
        read_primaries([declared], ["City of Port Talbin"], set())
    message = str(error.value)
    assert message.startswith(f"{declared}: no speaker labels found in this transcript")
    assert "[NAME]" in message and "Q:/A: or bare Q/A lines" in message


def test_a_json_transcript_with_labels_is_read(tmp_path: Path) -> None:
    declared = tmp_path / "declared.json"
    text = "**ANA ORTEGA:** We will rebuild.\n\nQ  And the port?\n\n**ANA ORTEGA:** In spring.\n"
    declared.write_text(json.dumps({"source": "city", "text": text, "kind": "transcript"}))
    (primary,) = read_primaries([declared], [], set())
    assert (primary.source, primary.speaker) == ("city", None)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"source": "city", "text": text, "kind": "minutes"}))
    with pytest.raises(InputError, match='"kind" must be "statement" or "transcript"'):
        read_primaries([wrong], [], set())
