"""Fixtures for extraction tests: the real model, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from worker.nlp import extract_article
from worker.nlp.model import load_model
from worker.records import Article, Quote


@pytest.fixture(scope="session")
def extract() -> Callable[[str], list[Quote]]:
    nlp = load_model()

    def run(text: str) -> list[Quote]:
        return list(extract_article(Article(id="t", source="test", text=text), nlp).quotes)

    return run
