"""Language screening: other languages are recognised, English (even quoting another language)
and short snippets are analysed."""

from __future__ import annotations

import pytest

from worker.nlp.language import MIN_WORDS, detect_language, not_analysed_reason

GERMAN = (
    "Die Bürgermeisterin von Vellmar, Ilse Brandvold, sagte am Dienstag nach der Abstimmung im "
    "Stadtrat: „Wir werden die Hafengebühr in diesem Jahr nicht erhöhen, ganz gleich, wie hoch "
    "die Rechnung am Ende ausfällt.“ Die Reparatur der Hafenmauer soll im Frühjahr beginnen."
)
SPANISH = (
    "La alcaldesa de Vellmar, Ilse Brandvold, dijo el martes tras la votación del consejo "
    "municipal: «No vamos a subir la tasa portuaria este año, cueste lo que cueste la obra». "
    "Las reparaciones del muro del puerto comenzarán en primavera y durarán tres años."
)
ENGLISH_QUOTING_FRENCH = (
    "The mayor of the twin town, speaking in French at the ceremony on Tuesday, said the "
    "partnership would last: « Nous restons unis », she told the crowd, before switching to "
    "English to thank the harbour workers who had rebuilt the wall over three long winters "
    "and the families who had waited for them at home."
)


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (SPANISH, "es")])
def test_other_languages_are_not_analysed(text: str, code: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.analysed) == (code, False)
    reason = not_analysed_reason(text)
    assert reason is not None and f"detected '{code}'" in reason


def test_english_quoting_another_language_is_analysed() -> None:
    assert detect_language(ENGLISH_QUOTING_FRENCH).code == "en"
    assert not_analysed_reason(ENGLISH_QUOTING_FRENCH) is None


def test_a_short_snippet_is_analysed_whatever_it_looks_like() -> None:
    snippet = " ".join(GERMAN.split()[: MIN_WORDS - 1])
    guess = detect_language(snippet)
    assert guess.code == "und" and guess.analysed
