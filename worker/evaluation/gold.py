"""Loading and validating gold annotation files (format: ``/work/shared/gold/FORMAT.md``).

Gold files are written by hand, so every structural mistake (an unknown speaker key, a pair
naming a quote that does not exist, a missing article file) is reported with the file and the
place instead of surfacing later as a puzzling score. Softer problems, such as a gold quote
whose words cannot be located in its article, are returned as warnings: the scorer still runs,
but the annotator learns that the gold text probably has a typo.

The optional fields of FORMAT.md are read here too, so that converted corpora (the real-news
development set in ``../shared/realnews``) score as ``../shared/eval/score.py`` scores them:
``unscored_speakers`` (and keys with no alias) count for extraction only, ``speakers_not`` names
make a prediction wrong although it contains an alias, ``offsets`` break ties between reported
quotes, ``speaker_sources`` are kept for reading errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from worker.evaluation.pairs import QuotePair
from worker.evaluation.words import words

Relation = Literal["consistent", "variant"]
Severity = Literal["minor", "major"]


class GoldError(ValueError):
    """A gold file that does not follow the format."""


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One annotated quotation: text between the marks (split quotes joined) and speaker key."""

    id: str
    article: str
    text: str
    speaker: str
    words: tuple[str, ...]
    # Where the quote starts in its article (``offsets``); only breaks ties between reports.
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class GoldPair(QuotePair):
    """Two gold quotes from different articles that are the same quotation."""

    relation: Relation
    severity: Severity | None
    same_speaker: bool


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of a story: its text and what a perfect extractor would report."""

    source: str
    path: Path
    text: str
    quotes: tuple[GoldQuote, ...]
    optional: tuple[str, ...]
    # Not in FORMAT.md yet: passed as a ``PrimarySource`` when a gold file marks a primary
    # source (the original statement), so the checker's primary status can be exercised.
    primary: bool = False
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class GoldStory:
    """A whole gold file: the unit that the pipeline processes together."""

    story: str
    path: Path
    speakers: Mapping[str, tuple[str, ...]]
    articles: tuple[GoldArticle, ...]
    pairs: tuple[GoldPair, ...]
    warnings: tuple[str, ...] = field(default=())
    # Speaker keys with no name to check (``unscored_speakers`` and keys without aliases).
    unscored: frozenset[str] = field(default=frozenset())
    # Key -> names that make a reported speaker wrong as whole words (``speakers_not``).
    speakers_not: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Key -> the source corpus's own speaker text (``speaker_sources``), for error listings.
    speaker_sources: Mapping[str, str] = field(default_factory=dict)

    def scored(self, key: str) -> bool:
        """Whether quotes of this speaker key count for speaker accuracy."""
        return key not in self.unscored

    def quote(self, quote_id: str) -> GoldQuote:
        """The gold quote with this id (ids are unique within a story)."""
        for article in self.articles:
            for quote in article.quotes:
                if quote.id == quote_id:
                    return quote
        raise KeyError(quote_id)

    @property
    def quote_count(self) -> int:
        """Number of gold quotes over all articles."""
        return sum(len(article.quotes) for article in self.articles)


def _fail(path: Path, where: str, message: str) -> GoldError:
    return GoldError(f"{path}: {where}: {message}")


def _expect_str(value: Any, path: Path, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"expected a non-empty string, got {value!r}")
    return value


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...], start: int = 0) -> int:
    """Index just past the first occurrence of ``needle`` in ``haystack`` from ``start``, or -1."""
    size = len(needle)
    for index in range(start, len(haystack) - size + 1):
        if haystack[index : index + size] == needle:
            return index + size
    return -1


def locatable(article_words: tuple[str, ...], quote_words: tuple[str, ...]) -> bool:
    """Whether a gold text occurs in its article, whole or as a split quote in two pieces.

    Split quotes are annotated as their pieces joined, so one cut point is allowed; a text that
    cannot be found even so most likely has a typo that would make the extractor look wrong.
    """
    if _contains_run(article_words, quote_words) >= 0:
        return True
    for cut in range(1, len(quote_words)):
        end = _contains_run(article_words, quote_words[:cut])
        while end >= 0:
            if _contains_run(article_words, quote_words[cut:], end) >= 0:
                return True
            end = _contains_run(article_words, quote_words[:cut], end - cut + 1)
    return False


def load_story(path: Path) -> GoldStory:
    """Read and validate one gold json; article ``file`` paths are relative to it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    if not isinstance(data, dict):
        raise _fail(path, "top level", "expected an object")
    story = _expect_str(data.get("story"), path, "story")

    raw_speakers = data.get("speakers")
    if not isinstance(raw_speakers, dict):  # empty when no article has a quote
        raise _fail(path, "speakers", "expected an object of key -> aliases")
    speakers: dict[str, tuple[str, ...]] = {}
    for key, aliases in raw_speakers.items():
        # An empty list is allowed: the key is then unscored (FORMAT.md, optional fields).
        if not isinstance(aliases, list):
            raise _fail(path, f"speakers.{key}", "expected a list of aliases")
        speakers[key] = tuple(
            _expect_str(alias, path, f"speakers.{key}").lower() for alias in aliases
        )
    unscored = _unscored(data, speakers, path)
    speakers_not = _speakers_not(data, speakers, path)
    speaker_sources = _speaker_sources(data, path)

    raw_articles = data.get("articles")
    if not isinstance(raw_articles, dict) or not raw_articles:
        raise _fail(path, "articles", "expected a non-empty object of source -> article")
    articles: list[GoldArticle] = []
    owner: dict[str, str] = {}
    # Ids are only required to be unique where a pair names them: converted corpora without pairs
    # (``../shared/realnews``) repeat ids across articles of one outlet and day.
    duplicated: dict[str, list[str]] = {}
    warnings: list[str] = []
    for source, raw in raw_articles.items():
        where = f"articles.{source}"
        if not isinstance(raw, dict):
            raise _fail(path, where, "expected an object")
        file_name = _expect_str(raw.get("file"), path, f"{where}.file")
        article_path = (path.parent / file_name).resolve()
        try:
            # As `quotelens check` reads a file: BOM dropped, line ends kept (offsets count them).
            text = article_path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(path, f"{where}.file", f"cannot read {article_path}: {exc}") from exc
        article_words = words(text)
        raw_quotes = raw.get("quotes", {})
        if not isinstance(raw_quotes, dict):
            raise _fail(path, f"{where}.quotes", "expected an object of id -> [text, speaker]")
        offsets = _offsets(raw.get("offsets", {}), raw_quotes, path, f"{where}.offsets")
        quotes: list[GoldQuote] = []
        for quote_id, entry in raw_quotes.items():
            qwhere = f"{where}.quotes.{quote_id}"
            if not isinstance(entry, list) or len(entry) != 2:
                raise _fail(path, qwhere, "expected [text, speaker key]")
            quote_text = _expect_str(entry[0], path, qwhere)
            speaker = _expect_str(entry[1], path, f"{qwhere} speaker")
            if speaker not in speakers:
                raise _fail(path, qwhere, f"unknown speaker key {speaker!r}")
            if quote_id in owner:
                duplicated.setdefault(quote_id, [owner[quote_id]]).append(source)
            quote_words = words(quote_text)
            if not quote_words:
                raise _fail(path, qwhere, "quote text has no words")
            if not locatable(article_words, quote_words):
                warnings.append(f"{story}: {quote_id} not found in {file_name}: {quote_text!r}")
            owner[quote_id] = source
            quotes.append(
                GoldQuote(quote_id, source, quote_text, speaker, quote_words, offsets.get(quote_id))
            )
        raw_optional = raw.get("optional", [])
        if not isinstance(raw_optional, list):
            raise _fail(path, f"{where}.optional", "expected a list of texts")
        optional = tuple(_expect_str(o, path, f"{where}.optional") for o in raw_optional)
        for item in optional:
            if not locatable(article_words, words(item)):
                warnings.append(f"{story}: optional text not found in {file_name}: {item!r}")
        primary = raw.get("primary", False)
        if not isinstance(primary, bool):
            raise _fail(path, f"{where}.primary", f"expected true or false, got {primary!r}")
        article_speaker = raw.get("speaker")
        if article_speaker is not None:
            article_speaker = _expect_str(article_speaker, path, f"{where}.speaker")
        articles.append(
            GoldArticle(
                source, article_path, text, tuple(quotes), optional, primary, article_speaker
            )
        )

    raw_pairs = data.get("pairs", [])
    if not isinstance(raw_pairs, list):
        raise _fail(path, "pairs", "expected a list")
    pairs: list[GoldPair] = []
    seen: set[frozenset[str]] = set()
    for index, entry in enumerate(raw_pairs):
        pwhere = f"pairs[{index}]"
        if not isinstance(entry, list) or len(entry) != 5:
            raise _fail(path, pwhere, "expected [a, b, relation, severity, same_speaker]")
        a, b, relation, severity, same_speaker = entry
        for quote_id in (a, b):
            if quote_id in duplicated:
                where_all = ", ".join(duplicated[quote_id])
                raise _fail(path, pwhere, f"duplicate quote id {quote_id!r} (in {where_all})")
            if quote_id not in owner:
                raise _fail(path, pwhere, f"unknown quote id {quote_id!r}")
        if owner[a] == owner[b]:
            raise _fail(path, pwhere, f"{a} and {b} are in the same article")
        if relation not in ("consistent", "variant"):
            raise _fail(path, pwhere, f"relation must be consistent or variant, got {relation!r}")
        if relation == "variant" and severity not in ("minor", "major"):
            raise _fail(path, pwhere, f"a variant needs severity minor or major, got {severity!r}")
        if relation == "consistent" and severity is not None:
            raise _fail(path, pwhere, f"a consistent pair has severity null, got {severity!r}")
        if not isinstance(same_speaker, bool):
            raise _fail(path, pwhere, f"same_speaker must be true or false, got {same_speaker!r}")
        pair = GoldPair(a, b, relation, severity, same_speaker)
        if pair.key in seen:
            raise _fail(path, pwhere, f"duplicate pair {a}/{b}")
        seen.add(pair.key)
        pairs.append(pair)
    return GoldStory(
        story,
        path,
        speakers,
        tuple(articles),
        tuple(pairs),
        tuple(warnings),
        unscored,
        speakers_not,
        speaker_sources,
    )


def _unscored(
    data: Mapping[str, Any], speakers: Mapping[str, tuple[str, ...]], path: Path
) -> frozenset[str]:
    raw = data.get("unscored_speakers", [])
    if not isinstance(raw, list):
        raise _fail(path, "unscored_speakers", "expected a list of speaker keys")
    for key in raw:
        if key not in speakers:
            raise _fail(path, "unscored_speakers", f"unknown speaker key {key!r}")
    return frozenset(raw) | {key for key, aliases in speakers.items() if not aliases}


def _speakers_not(
    data: Mapping[str, Any], speakers: Mapping[str, tuple[str, ...]], path: Path
) -> dict[str, tuple[str, ...]]:
    raw = data.get("speakers_not", {})
    if not isinstance(raw, dict):
        raise _fail(path, "speakers_not", "expected an object of key -> names")
    result: dict[str, tuple[str, ...]] = {}
    for key, names in raw.items():
        if key not in speakers:
            raise _fail(path, f"speakers_not.{key}", f"unknown speaker key {key!r}")
        if not isinstance(names, list):
            raise _fail(path, f"speakers_not.{key}", "expected a list of names")
        result[key] = tuple(_expect_str(n, path, f"speakers_not.{key}") for n in names)
    return result


def _speaker_sources(data: Mapping[str, Any], path: Path) -> dict[str, str]:
    raw = data.get("speaker_sources", {})
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise _fail(path, "speaker_sources", "expected an object of key -> text")
    return {str(key): value for key, value in raw.items()}


def _offsets(raw: Any, quotes: Mapping[str, Any], path: Path, where: str) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise _fail(path, where, "expected an object of quote id -> character offset")
    for quote_id, offset in raw.items():
        if quote_id not in quotes:
            raise _fail(path, where, f"unknown quote id {quote_id!r}")
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise _fail(path, f"{where}.{quote_id}", f"expected an offset, got {offset!r}")
    return dict(raw)


def gold_files(folder: Path) -> list[Path]:
    """Every ``*.json`` below ``folder``, in a stable order, so runs are comparable."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*.json") if p.is_file())


def load_folder(folder: Path, stories: Iterable[str] | None = None) -> list[GoldStory]:
    """Load every gold file below ``folder``; ``stories`` keeps only the named ones.

    Story names must be unique: they label the table and select stories on the command line.
    """
    wanted = set(stories) if stories is not None else None
    loaded: list[GoldStory] = []
    names: dict[str, Path] = {}
    for file in gold_files(folder):
        story = load_story(file)
        if story.story in names:
            first = names[story.story]
            raise GoldError(f"{file}: story {story.story!r} already defined in {first}")
        names[story.story] = file
        if wanted is None or story.story in wanted:
            loaded.append(story)
    return loaded
