"""The installed spaCy model is checked to be en_core_web_sm 3.8 by its meta, at every load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worker.nlp import model
from worker.nlp.model import ModelMismatchError, check_model, meta_problems, package_meta


def test_the_installed_model_is_the_expected_one() -> None:
    name = _installed()
    assert meta_problems(package_meta(name)) == []
    check_model(name)


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("name", "core_web_lg", "name is 'core_web_lg'"),
        ("lang", "de", "lang is 'de'"),
        ("version", "3.7.1", "version is '3.7.1'"),
        ("pipeline", ["tok2vec", "tagger", "parser", "ner"], "pipeline is"),
    ],
)
def test_a_different_model_under_the_name_is_refused(
    field: str, value: object, problem: str, tmp_path: Path
) -> None:
    meta = {**package_meta(_installed()), field: value}
    assert any(p.startswith(problem) for p in meta_problems(meta))
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelMismatchError, match=r"not the expected en_core_web_sm 3\.8"):
        check_model(str(tmp_path))


def _installed() -> str:
    """The first configured model name that is installed (the loader's order)."""
    for name in model.model_names():
        try:
            package_meta(name)
        except Exception:  # not installed under this name: the next one is tried
            continue
        return name
    pytest.fail("no spaCy model installed")
