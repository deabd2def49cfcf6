"""Fixtures of the evaluation tests: the spaCy model and the shared data beside the repository."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy model, loaded once for the whole session."""
    from worker.nlp.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository (``QUOTELENS_SHARED`` overrides it); skip if absent.

    CI has it; a worktree elsewhere points at it with ``QUOTELENS_SHARED=/path/to/shared``.
    """
    folder = Path(os.environ.get("QUOTELENS_SHARED") or REPO_ROOT.parent / "shared")
    if not (folder / "eval" / "score.py").is_file():
        pytest.skip(
            f"../shared is absent ({folder} has no eval/score.py): the reference scorer and the "
            "real-news set live there; set QUOTELENS_SHARED to run these tests"
        )
    return folder


@pytest.fixture(scope="session")
def realnews_folder(shared: Path) -> Path:
    """The real-news development set inside ``shared`` (skip if it is not there)."""
    folder = shared / "realnews" / "polnear-train"
    if not any(folder.glob("*.json")):
        pytest.skip(f"the real-news set is absent: no gold files in {folder}")
    return folder
