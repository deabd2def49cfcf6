"""Which language an article is in, so a non-English one is reported as not analysed.

Extraction reads English: its quote cues, speaker patterns and the spaCy model are English.
A French or German article run through it yields nonsense speakers ("Le") or none, and an empty
result looks like "no quotes" rather than "not read". So the job and the CLI ask this module
first and skip an article that is confidently in another language, with a warning in the report.

Detection is py3langid (the langid.py model, offline, about 5 MB, no network). It is only
trusted on enough text: a short snippet or a headline is analysed as before, because a wrong
"not English" would silently drop an article, which is worse than analysing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ANALYSED_LANGUAGES = frozenset({"en"})
# Below this many words, or this confidence, an article is analysed whatever its guess.
MIN_WORDS = 25
MIN_CONFIDENCE = 0.9
# Detection reads the start of the text; a page's first few thousand characters decide it.
SAMPLE_CHARS = 5000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """ISO 639-1 code (``und`` when the text is too short to tell) and the model's confidence."""

    code: str
    confidence: float

    @property
    def analysed(self) -> bool:
        """Whether extraction should read the article (English, or not sure it is not)."""
        return self.code == "und" or self.code in ANALYSED_LANGUAGES


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded once per process (about 0.6 s: the model is xz-compressed).
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The article's language, or ``und`` when there is too little text or confidence."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return LanguageGuess("und", 0.0)
    code, confidence = _identifier().classify(sample)
    if float(confidence) < MIN_CONFIDENCE:
        return LanguageGuess("und", float(confidence))
    return LanguageGuess(str(code), float(confidence))


def not_analysed_message(guess: LanguageGuess) -> str:
    """The warning a reader sees for a skipped article."""
    return (
        f"not analysed: the article is in another language than English (detected "
        f"'{guess.code}', confidence {guess.confidence:.2f}); quotelens reads English only"
    )


def not_analysed_reason(text: str) -> str | None:
    """The warning for an article extraction must skip for its language, or None to read it."""
    guess = detect_language(text)
    return None if guess.analysed else not_analysed_message(guess)
