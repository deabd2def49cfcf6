"""Documents, works and news agencies: things that carry someone's words without being them.

``the statement said``: a document is the subject of the cue, and it speaks for its owner (``a
statement from the mayor's office``), never for itself. ``Reuters reported``: a wire service
relays the words. A film or a song in quotation marks is a title, not a quote. Extraction uses
these words to look past the document to who issued it; the checker, to keep a document or an
agency named as the speaker from outvoting outlets that name a person.
"""

from __future__ import annotations

from worker.lexicon.wordlist import words_of

DOC_NOUNS = words_of(
    """
    ad advertisement announcement briefing bulletin communique communiqué complaint
    declaration decree document editorial email emails filing indictment lawsuit letter
    letters memo memorandum message note notice post posts readout release report reports
    ruling statement statements transcript tweet tweets video
    """
)
"""One-word documents that can be the grammatical subject of a cue (`the statement said`)."""

DOCUMENT_PHRASES: tuple[str, ...] = (
    "press release",
    "news release",
    "press statement",
    "joint statement",
)

DOCUMENT_NOUNS: tuple[str, ...] = (*DOCUMENT_PHRASES, *sorted(DOC_NOUNS))
"""Every document noun, phrases first: a speaker named only so (``the readout``) is a document."""

_OUTLET_WORDS = words_of("post posts")
"""Document nouns that end outlets' names (``Washington Post``): never stripped from a name."""

ORG_NAME_SUFFIXES: tuple[str, ...] = (
    *DOCUMENT_PHRASES,
    "press service",
    "press office",
    *sorted(DOC_NOUNS - _OUTLET_WORDS),
)
"""What may follow an institution's name without changing who spoke (``White House statement``,
``Kremlin press service``), longest first so that ``press release`` goes before ``release``."""

WORK_NOUNS = words_of(
    """
    album app book column documentary episode essay exhibit exhibition film game hashtag
    headline memoir movie musical newsletter novel opera painting play podcast poem program
    programme series show slogan song website
    """
)
"""Works whose title may stand in quotation marks (``the film "..."``)."""

WIRE_SERVICES = frozenset(
    {
        "reuters",
        "associated press",
        "ap",
        "afp",
        "agence france presse",
        "bloomberg",
        "bloomberg news",
        "dpa",
        "deutsche presse agentur",
        "xinhua",
        "tass",
        "ria novosti",
        "interfax",
        "anadolu",
        "anadolu agency",
        "kyodo",
        "kyodo news",
        "yonhap",
        "efe",
        "ansa",
        "upi",
        "united press international",
        "press association",
        "pa media",
        "press trust of india",
        "pti",
        "australian associated press",
        "aap",
        "canadian press",
        "bernama",
        "irna",
        "wafa",
        "news agency",
        "wire service",
    }
)
"""The major news agencies, as folded names (``agence france presse``)."""
