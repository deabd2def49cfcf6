"""Split a primary source into who-said-what: speaker turns of a transcript, or one statement.

A transcript is the strongest evidence of what was said, but only turn by turn: the mayor's
answer is hers, the reporter's question is nobody's quotable statement. Speakers are marked by a
label at the start of a line, in the forms real transcripts use (``LABEL_FORMS``):
``ANA ORTEGA (Mayor):``, ``Ana Ortega, Mayor of Port Talbin:``, ``MAYOR ORTEGA:``,
``MR. ORTEGA:``, ``THE PRESIDENT:``, ``Q:``/``A:`` and the bare ``Q``/``A`` lines of official
transcripts (``Q    Mr. President, ...``), bold markdown names (``**ANA ORTEGA:**``) and
bracketed names (``[ANA ORTEGA]``). Labels are read conservatively: an upper-case name, or a name
with a title (in brackets, after a comma, or a leading title word); a plain capitalised name
(``Ortega:``), a bracketed one, or a bold name alone on its line only in a text where such a
label recurs, since one ``[Ortega]`` could be a stage direction and one ``Ortega:`` a sentence.
Press-release furniture that looks like a label (``MEDIA CONTACT:``, ``NOTE TO EDITORS:``) is not
a speaker, and a colon followed by a digit is a clock time. A text without any label is a
statement: all of it belongs to the given speaker.

Turns keep character offsets into the original text (one span per line of speech), so a report
can point at the passage a quote was checked against. Whole-line stage directions
(``[LAUGHTER]``, ``[END OF TRANSCRIPT]``) are nobody's words and are left out without ending the
turn. Pure Python: no spaCy is needed to read a label.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from worker.lexicon import DOC_NOUNS, is_title

LabelKind = Literal["named", "question", "answer"]

# ``HEAD:`` at the start of a line; a colon before a digit is a time (``10:02``), not a label.
_HEAD = re.compile(r"[ \t]*(?P<head>[^:\n]{1,90}?)[ \t]*:(?!\d)[ \t]*")
_TITLED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<title>[^()]+)\)$")
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'\u2019\-]*$")
_STAGE_DIRECTION = re.compile(r"^\s*(?:\[[^\[\]]*\]|\([^()]*\))\s*$")
# ``**NAME:**`` or ``**NAME**:`` (also with ``__``): markdown bold around a label.
_BOLD = re.compile(
    r"[ \t]*(?P<mark>\*\*|__)(?P<head>[^*_\n]{1,90}?)[ \t]*"
    r"(?::[ \t]*(?P=mark)|(?P=mark)[ \t]*:)(?!\d)[ \t]*"
)
# ``Q    Mr. President, ...``: official transcripts mark questions with a bare ``Q`` (``Q.``).
_BARE_QUESTION = re.compile(r"[ \t]*Q(?:[.)])?[ \t]+(?!(?:and|&)\b)(?=\S)")
# A bare ``A`` is also the article; only ``A.``, ``A)`` or ``A`` and a wide gap mark an answer,
# and a plain ``A `` only right after a question (``read_primary``).
_BARE_ANSWER = re.compile(r"[ \t]*A(?:[.)][ \t]+|[ \t]{2,}|\t[ \t]*)(?=\S)")
_ANSWER_AFTER_QUESTION = re.compile(r"[ \t]*A[ \t]+(?=\S)")
# ``[ANA ORTEGA]`` (maybe followed by a colon) opening a turn.
_BRACKETED = re.compile(r"[ \t]*\[(?P<head>[^\[\]\n]{1,60})\][ \t]*:?(?!\d)[ \t]*")
# ``**Ana Ortega**`` alone on its line, the speech on the lines below.
_BOLD_LINE = re.compile(r"[ \t]*(?P<mark>\*\*|__)(?P<head>[^*_\n]{1,60}?)(?P=mark)[ \t]*$")
# Words of bracketed stage directions, which look like bracketed names.
_STAGE_TEXT = """
    applause audience audio begin beginning bell break booing boos break cheering cheers chanting
    clip coughs crosstalk crowd end ends foreign gavel inaudible indiscernible interruption
    language laughs laughter mic microphone music off overlapping overtalk pause ph recess
    recording redacted sic sighs silence speaking static tape technical transcript translated
    translation unintelligible video
"""
_STAGE_WORDS = frozenset(_STAGE_TEXT.split())
# Lower-case words a title may hold (``Secretary of State``, ``Minister for the Interior``).
_TITLE_LINKS = frozenset({"of", "the", "for", "and", "on", "to", "in", "at", "de", "&"})
# A dateline (``Port Talbin, Wednesday:``) has a place and a date where a name and title stand.
_DATE_TEXT = """
    monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec morning afternoon evening
"""
_DATE_WORDS = frozenset(_DATE_TEXT.split())
# Words of a title-case headline (``On Trade, Angry Voters Have Point:``), never of a name.
_HEADLINE_WORDS = frozenset(
    {"on", "in", "at", "for", "of", "to", "a", "an", "and", "but", "with", "from", "by", "as"}
    | {"after", "before", "when", "if", "why", "how", "what", "who", "where", "is", "are"}
)
# The accepted label forms, for a message when a transcript has none.
LABEL_FORMS = (
    "NAME:, NAME (Title):, NAME, Title:, PRESIDENT NAME:, MR. NAME:, THE PRESIDENT:, "
    "Q:/A: or bare Q/A lines, [NAME], **NAME:** or **NAME** on its own line (bold markdown)"
)


def unattributed_statement_message(ways: str) -> str:
    """Why a primary source with no speaker and no labels is refused, listing the label forms.

    ``ways`` names how this caller's user can give the speaker (a CLI option, an API field):
    the CLI and the extraction job refuse the same text with the same words.
    """
    return f"whose statement is this? Give {ways}, or speaker labels in the text ({LABEL_FORMS})"


_QUESTION_LABELS = frozenset(
    {
        "q",
        "question",
        "questioner",
        "reporter",
        "journalist",
        "audience",
        "audience member",
        "unidentified reporter",
        "unidentified speaker",
        "unidentified",
        "unknown",
        "crosstalk",
    }
)
_ANSWER_LABELS = frozenset({"a", "answer"})
# Labels of press-release and transcript furniture, not of speakers.
_NOT_SPEAKERS = frozenset(
    {
        "about",
        "attendees",
        "background",
        "caption",
        "contact",
        "contacts",
        "correction",
        "date",
        "dateline",
        "editors",
        "editor's",
        "email",
        "embargo",
        "embargoed",
        "end",
        "ends",
        "event",
        "fax",
        "location",
        "media",
        "participants",
        "phone",
        "photo",
        "place",
        "present",
        "press",
        "re",
        "related",
        "source",
        "sources",
        "speakers",
        "subject",
        "summary",
        "tel",
        "time",
        "title",
        "update",
        "updated",
        "venue",
        "website",
    }
)
MAX_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker label as written: the name (tidied), the title in brackets, what kind it is."""

    kind: LabelKind
    name: str | None
    title: str | None
    end: int


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's uninterrupted words; ``speaker`` is ``None`` for questions and headers."""

    speaker: str | None
    title: str | None
    spans: tuple[tuple[int, int], ...]
    question: bool = False


@dataclass(frozen=True, slots=True)
class PrimaryText:
    """A primary source read as turns; ``labelled`` is false for a statement."""

    turns: tuple[Turn, ...]
    labelled: bool

    def speakers(self) -> list[tuple[str, str | None]]:
        """Each named speaker once, with the first title seen, in order of first turn."""
        seen: dict[str, str | None] = {}
        for turn in self.turns:
            if turn.speaker is not None and (seen.get(turn.speaker) is None):
                seen[turn.speaker] = turn.title
        return list(seen.items())


def _tidy_name(name: str) -> str:
    """``ANA ORTEGA`` -> ``Ana Ortega``; mixed-case names stay as written."""
    words = " ".join(name.split())
    return words.title() if words.isupper() else words


def _is_name(words: list[str]) -> bool:
    return 0 < len(words) <= MAX_NAME_WORDS and all(_NAME_WORD.match(word) for word in words)


def _furniture(words: list[str]) -> bool:
    lowered = [word.lower().rstrip(".") for word in words]
    return lowered[0] in _NOT_SPEAKERS or lowered[-1] in _NOT_SPEAKERS or lowered[-1] in DOC_NOUNS


def _role_title(words: list[str]) -> str | None:
    """``THE PRESIDENT`` is a role, not a name: the role is also the speaker's title."""
    role = [word for word in words if word.lower() != "the"]
    return _tidy_name(" ".join(role)) if role and all(is_title(word) for word in role) else None


def _named(head: str, end: int, loose: bool) -> Label | None:
    """A label naming a speaker, or ``None`` when the head is not a plausible speaker name.

    ``loose`` also accepts a capitalised name without a title (``Ortega:``); the caller only
    asks for that when the same label recurs, as it does in a transcript.
    """
    title: str | None = None
    titled = _TITLED.match(head)
    if titled:
        head, title = titled.group("name"), " ".join(titled.group("title").split())
    elif "," in head:
        head, _, rest = head.partition(",")
        if not _is_title_phrase(rest) or _HEADLINE_WORDS & set(head.lower().split()):
            return None
        title = _tidy_name(rest.strip(" ,"))
    words = head.split()
    # ``Q  Mr. President: ...`` is a bare question label, not a speaker called ``Q``.
    if not _is_name(words) or _furniture(words) or words[0] in ("Q", "A"):
        return None
    letters = [ch for ch in head if ch.isalpha()]
    upper = len(letters) >= 2 and head.isupper()
    capitalised = all(word[0].isupper() for word in words)
    # One capitalised word before a comma is as often a sentence (``Yes, Minister:``) as a name.
    titled_name = title is not None and (len(words) > 1 or titled is not None)
    if not (upper or (capitalised and (loose or titled_name or is_title(words[0])))):
        return None
    return Label("named", _tidy_name(head), title or _role_title(words), end)


def _is_title_phrase(text: str) -> bool:
    """``Mayor of Port Talbin``, ``CHIEF EXECUTIVE, ACME``: the title after ``NAME,``.

    Capitalised words and the few lower-case links of titles; anything else (``..., said``) is
    a sentence, as in a press release's ``Jane Doe, chief executive of Acme, said:``.
    """
    words = text.replace(",", " ").split()
    if not 0 < len(words) <= 10 or not words[0][0].isupper():
        return False
    if _DATE_WORDS & {word.lower().strip(".") for word in words}:
        return False
    return all(word[0].isupper() or word in _TITLE_LINKS for word in words)


def _classified(head: str, end: int, loose: bool) -> Label | None:
    """A label's head read as a question, an answer or a named speaker."""
    titled = _TITLED.match(head)
    bare = (titled.group("name") if titled else head).strip().lower()
    if bare in _QUESTION_LABELS:
        asker = titled.group("title").split(",")[0].strip() if titled else None
        if asker:
            return Label("named", _tidy_name(asker), None, end)
        return Label("question", None, None, end)
    if bare in _ANSWER_LABELS:
        return Label("answer", None, None, end)
    return _named(head, end, loose)


def _bracketed(line: str) -> Label | None:
    """``[ANA ORTEGA]``, or ``**Ana Ortega**`` alone on a line: a name set apart, unless its
    words are a stage direction's (``[LAUGHTER]``) or a heading's (``**Background**``)."""
    match = _BRACKETED.match(line) or _BOLD_LINE.match(line)
    if match is None:
        return None
    head = " ".join(match.group("head").split())
    words = [word.lower().strip(".,") for word in head.split()]
    if _STAGE_WORDS & set(words) or _TITLE_LINKS & set(words):
        return None
    return _classified(head, match.end(), loose=True)


def parse_label(line: str, loose: bool = False) -> Label | None:
    """The speaker label at the start of ``line``; ``Label.end`` is where the speech begins.

    ``loose`` also accepts the forms that need to recur before they count: a plain capitalised
    name (``Ortega:``) and a bracketed one (``[ORTEGA]``).
    """
    bold = _BOLD.match(line)
    if bold is not None:
        # Bold marks a label as deliberately as a title does.
        return _classified(bold.group("head").strip(), bold.end(), loose=True)
    match = _HEAD.match(line)
    label = None if match is None else _classified(match.group("head").strip(), match.end(), loose)
    if label is not None:
        return label
    question = _BARE_QUESTION.match(line)
    if question is not None:
        return Label("question", None, None, question.end())
    answer = _BARE_ANSWER.match(line)
    if answer is not None:
        return Label("answer", None, None, answer.end())
    return _bracketed(line) if loose else None


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, line.rstrip("\r\n")
        start += len(line)


def _span(offset: int, line: str, begin: int) -> tuple[int, int] | None:
    """The speech on a line from ``begin``, without surrounding blanks; ``None`` if empty."""
    body = line[begin:]
    stripped = body.strip()
    if not stripped:
        return None
    lead = len(body) - len(body.lstrip())
    return offset + begin + lead, offset + begin + lead + len(stripped)


@dataclass
class _Builder:
    """Collects spans into turns while the lines are read (the one mutable helper)."""

    default: str | None
    turns: list[Turn]
    speaker: str | None = None
    title: str | None = None
    question: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    last_named: tuple[str, str | None] | None = None

    def close(self) -> None:
        if self.spans:
            self.turns.append(Turn(self.speaker, self.title, tuple(self.spans), self.question))
        self.spans = []

    def open(self, label: Label) -> None:
        self.close()
        self.question = label.kind == "question"
        if label.kind == "named" and label.name is not None:
            self.speaker, self.title = label.name, label.title
            self.last_named = (label.name, label.title)
        elif label.kind == "answer":
            named = (self.default, None) if self.default else self.last_named
            self.speaker, self.title = named if named else (None, None)
        else:
            self.speaker, self.title = None, None

    def add(self, span: tuple[int, int] | None) -> None:
        if span is not None:
            self.spans.append(span)


def read_primary(text: str, speaker: str | None = None) -> PrimaryText:
    """Turns of a transcript, or the whole text as ``speaker``'s statement when unlabelled.

    Text before the first label belongs to ``speaker`` if one is given (a statement with a
    transcript appended), otherwise it is a header and nobody's words.
    """
    lines = list(_lines(text))
    labels = [parse_label(line) for _, line in lines]
    loose = [
        None if label else parse_label(line, loose=True)
        for label, (_, line) in zip(labels, lines, strict=True)
    ]
    # Plain names label lines only in a document where some such label recurs (a transcript).
    if max(Counter(label.name for label in loose if label is not None).values(), default=0) > 1:
        labels = [label or candidate for label, candidate in zip(labels, loose, strict=True)]
    builder = _Builder(default=speaker, turns=[], speaker=speaker)
    for (offset, line), found in zip(lines, labels, strict=True):
        label = found
        if label is None and builder.question:
            answer = _ANSWER_AFTER_QUESTION.match(line)
            label = None if answer is None else Label("answer", None, None, answer.end())
        if label is not None:
            builder.open(label)
            builder.add(_span(offset, line, label.end))
        elif not _STAGE_DIRECTION.match(line):
            builder.add(_span(offset, line, 0))
    builder.close()
    return PrimaryText(tuple(builder.turns), labelled=any(label for label in labels))
