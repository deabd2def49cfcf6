"""Words of dates and times, which are never speakers (``Thursday said`` is a misparse)."""

from __future__ import annotations

from worker.lexicon.wordlist import words_of

_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"

TIME_WORDS = words_of(
    f"{_WEEKDAYS} morning afternoon evening night "
    "tonight today yesterday tomorrow noon midnight dawn dusk week weekend weekday month year day "
    "days hour hours minute minutes decade century earlier later last next this "
    "january february march september october november december"
)
"""Words of time expressions (`Thursday morning`, `Feb. 1`), which are never speakers. The
months that are also common names (May, June, April, August) are absent on purpose."""

MONTH_ABBREVIATIONS = words_of("jan feb mar apr jun jul aug sep sept oct nov dec")
"""Month abbreviations, time words only with their full stop (`Feb.`; `Jun` is also a name)."""

CALENDAR_WORDS = words_of(
    f"{_WEEKDAYS} today yesterday tomorrow "
    "january february march april june july august september october november december"
)
"""A whole speaker name made of these (and numbers) is a date read as a subject (``Tuesday``,
``June 3``). ``May`` is left out: it is a name as often as a month."""
