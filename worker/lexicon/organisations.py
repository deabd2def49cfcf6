"""Head words that make a name an institution (``White House``, ``Transit Authority``)."""

from __future__ import annotations

from worker.lexicon.wordlist import words_of

ORG_WORDS = words_of(
    """
    administration agency airline airport alliance army assembly association authority bank
    board bureau cabinet campaign center centre club coalition college commission
    commission's committee company congress corp corporation council council's court
    department directorate downing elysee embassy federation firm foundation fund government
    group hospital house inc inspectorate institute kremlin league llc ltd military ministry
    navy network office operator organisation organization palace parliament party pentagon
    police port prosecutor's railway railways regulator school secretariat senate service
    services society team tribunal trust union university utility vatican whitehall
    """
)
"""Head words that make a name an institution (`White House`, `Transit Authority`)."""
