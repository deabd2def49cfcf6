"""``QUOTELENS_SPACY_MODEL`` in ``.env`` names the spaCy model that ``quotelens check``,
``quotelens.check`` and the extraction job load: ``worker.nlp`` reads no configuration, and
the edge (``worker.pipeline.configured_model``) passes it the name from ``Settings``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from worker.jobs.extraction import default_extractor
from worker.nlp.model import ModelNotFoundError
from worker.pipeline import check_articles
from worker.records import Article
from worker.settings import get_settings

MISSING = "quotelens_test_no_such_model"
ARTICLE = Article(
    id="a1",
    source="wire",
    text='"We will rebuild the sea wall before the spring tides," the mayor said on Tuesday.',
)


@pytest.fixture
def dotenv_names_a_missing_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A ``.env`` in the working directory (not the environment) naming a model that is not
    installed: loading it fails with its name, so the error shows which name was used."""
    (tmp_path / ".env").write_text(f"QUOTELENS_SPACY_MODEL={MISSING}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUOTELENS_SPACY_MODEL", raising=False)
    get_settings.cache_clear()
    yield MISSING
    get_settings.cache_clear()


def test_the_cli_pipeline_loads_the_model_dotenv_names(dotenv_names_a_missing_model: str) -> None:
    name = dotenv_names_a_missing_model
    with pytest.raises(ModelNotFoundError, match=rf"spaCy model {name} is not installed") as err:
        check_articles([ARTICLE])
    assert f"QUOTELENS_SPACY_MODEL={name} (environment or .env)" in str(err.value)


def test_the_extraction_job_loads_the_model_dotenv_names(dotenv_names_a_missing_model: str) -> None:
    extract = default_extractor()
    with pytest.raises(ModelNotFoundError, match=rf"spaCy model {dotenv_names_a_missing_model} "):
        extract(ARTICLE)
