"""``--fail-on major|conflict``: turn a report's findings into an exit code for scripts and CI.

- ``conflict``: outlets name different speakers for one quotation, or a primary source shows the
  words were someone else's (a misattribution);
- ``major``: any of those, or a major change of words (numbers, negation, names, content)
  between outlets or against a primary source.

A run that finds such a problem exits with ``FINDINGS_EXIT`` (1) after writing the report as
usual, so a pipeline keeps the report and still stops. Input and setup errors keep their own
codes (2, 3), which a script can tell apart from findings.
"""

from __future__ import annotations

import argparse
from typing import Literal

from worker.checker.report import Report

FailOn = Literal["major", "conflict"]
FAIL_ON_CHOICES: tuple[FailOn, ...] = ("major", "conflict")
FINDINGS_EXIT = 1


def add_fail_on_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        default=None,
        help="exit with status 1 when the report has a speaker conflict (conflict) or a "
        "conflict or major change of words (major); the report is written either way",
    )


def conflicts(report: Report) -> int:
    """Speaker conflicts between outlets plus misattributions shown by a primary source."""
    between_outlets = sum(1 for c in report.clusters if c.verdict == "speaker_conflict")
    return between_outlets + sum(1 for check in report.primary_checks if check.misattributed)


def major_changes(report: Report) -> int:
    """Compared pairs and primary checks with a major change of words (not misattributions)."""
    pairs = sum(1 for c in report.comparisons if c.severity == "major")
    checks = sum(
        1
        for check in report.primary_checks
        if not check.misattributed and (check.severity == "major")
    )
    return pairs + checks


def findings(report: Report, fail_on: FailOn | None) -> str | None:
    """What makes the run fail under ``fail_on``, in words, or None when nothing does."""
    if fail_on is None:
        return None
    counts = {"speaker conflict": conflicts(report)}
    if fail_on == "major":
        counts["major change"] = major_changes(report)
    found = [f"{n} {what}{'' if n == 1 else 's'}" for what, n in counts.items() if n]
    return ", ".join(found) if found else None
