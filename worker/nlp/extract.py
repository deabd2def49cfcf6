"""Extraction: article text in, quotes with canonical speakers out.

Only sentence frames up to the last quote are parsed (later frames cannot introduce a speaker),
all articles of a batch go through one ``nlp.pipe`` call, and over-long frames (adversarial input
with no sentence ends) are left unparsed so time and memory stay bounded; their quotes can only
continue an earlier speaker. The same holds for frames past an article's parse budget
(``MAX_PARSED_CHARS``): parsing costs about a minute per megabyte of quote-dense prose, so a
multi-megabyte article would otherwise hold a worker for many minutes. Attribution scans its
frame once per quote, so a frame packed with quote marks (thousands in one paragraph) costs
quotes x length; that product has a budget too (``MAX_ATTRIBUTION_COST``), far above what real
paragraphs need.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from worker.nlp.attribution import attribute
from worker.nlp.attribution_record import Attribution
from worker.nlp.cues import is_cue
from worker.nlp.frames import Frame, paragraph_starts, split_frames
from worker.nlp.layout import signature_after
from worker.nlp.lead_ins import is_label, main_subject, name_colon
from worker.nlp.mentions import mention_for
from worker.nlp.model import load_model
from worker.nlp.quote_marks import find_quotes, printed_view, quote_on_original
from worker.nlp.speaker_like import mistagged_name_noun
from worker.nlp.speakers import ArticleSpeakers, Speaker
from worker.nlp.split_quotes import Quotation, join_split_quotes
from worker.nlp.subjects import subject_of
from worker.nlp.tokens import Regions, is_verb
from worker.records import Article, AttributionKind, ExtractedArticle, Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MAX_FRAME_CHARS = 20_000
MAX_PARSED_CHARS = 400_000  # twice the API's default article limit (MAX_ARTICLE_CHARS)
# Characters x quotes over the parsed frames of one article. A dense real article (a quote in
# every 500-character paragraph of 200,000 characters) needs about 400,000.
MAX_ATTRIBUTION_COST = 2_000_000
LABEL_MAX_WORDS = 4
_WHITESPACE = re.compile(r"\s+")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class _Unit:
    """A frame to parse, with the quotations whose attribution is looked for in it."""

    frame: Frame
    quotations: list[Quotation] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Event:
    """The latest attribution seen in a paragraph, handed on to unattributed quotes."""

    speaker: Speaker
    cue: str


# A continued speaker is a guess from the paragraph's flow; a resolved pronoun or description
# is as good as the resolution, which is weaker than a name next to the cue.
_CONTINUATION_CONFIDENCE = 0.5
_SIGNATURE_CONFIDENCE = 0.85
_COREFERENCE_FACTOR = 0.8


def _units(text: str) -> list[_Unit]:
    quotations = join_split_quotes(text, find_quotes(text))
    frames = split_frames(text, quotations)
    starts = [frame.start for frame in frames]
    units = [_Unit(frame) for frame in frames]
    for quotation in quotations:
        k = max(0, bisect.bisect_right(starts, quotation.start) - 1)
        unit = units[k]
        if quotation.end > unit.frame.end:
            unit.frame = Frame(unit.frame.start, quotation.end)
        unit.quotations.append(quotation)
    last_quoted = max((i for i, u in enumerate(units) if u.quotations), default=-1)
    return units[: last_quoted + 1]


def _parse_plan(units: Sequence[_Unit]) -> list[bool]:
    """Which units to parse: frames no longer than ``MAX_FRAME_CHARS``, in text order, while
    the article's ``MAX_PARSED_CHARS`` and ``MAX_ATTRIBUTION_COST`` budgets last."""
    chars, cost = MAX_PARSED_CHARS, MAX_ATTRIBUTION_COST
    plan: list[bool] = []
    for unit in units:
        size = unit.frame.end - unit.frame.start
        work = size * max(1, len(unit.quotations))
        parse = size <= MAX_FRAME_CHARS and size <= chars and work <= cost
        if parse:
            chars -= size
            cost -= work
        plan.append(parse)
    return plan


def _quote_text(text: str, pieces: Sequence[tuple[int, int]]) -> str:
    return " ".join(_WHITESPACE.sub(" ", text[s:e]).strip() for s, e in pieces)


def _resolved_elsewhere(attribution: Attribution, speaker: Speaker) -> bool:
    """The speaker's name came from earlier in the article (`he`, `the governor`, `the
    statement`), not from the words at the cue (`one Clinton aide` names itself)."""
    mention = mention_for(attribution.subject, Regions(()))
    if mention.kind in ("pronoun", "group_pronoun"):
        return True
    return mention.kind in ("role", "document") and speaker.name not in mention.text


def _prefer_outer(kind: str, inner: Speaker | None) -> bool:
    """An embedded pronoun defers to the reporting clause's subject, which it almost always
    refers to: `Trump said he and Putin spoke “...”`; so does an unresolvable inner subject."""
    return kind == "pronoun" or inner is None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


class _ArticleAttributor:
    """One sweep over an article's parsed frames, in reading order."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.speakers = ArticleSpeakers()
        self.paragraphs = paragraph_starts(article.text)
        self.events: dict[int, _Event] = {}
        self.quotes: list[Quote] = []

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraphs, offset) - 1

    def run(self, units: Sequence[_Unit], docs: Sequence[Doc | None]) -> list[Quote]:
        regions = [self._regions(unit) for unit in units]
        for unit, doc, quoted in zip(units, docs, regions, strict=True):
            if doc is not None:
                self.speakers.index_names(doc, unit.frame.start, quoted)
        for unit, doc, quoted in zip(units, docs, regions, strict=True):
            if doc is None:
                for quotation in unit.quotations:
                    self._emit_continued(quotation)
                continue
            self._note_subjects(unit, doc, quoted)
            if unit.quotations:
                for quotation in unit.quotations:
                    self._attribute(unit, doc, quoted, quotation)
            else:
                self._note_event(unit, doc, quoted)
        return self.quotes

    @staticmethod
    def _regions(unit: _Unit) -> Regions:
        base = unit.frame.start
        return Regions((s - base, e - base) for q in unit.quotations for s, e in q.regions)

    def _note_subjects(self, unit: _Unit, doc: Doc, quoted: Regions) -> None:
        for token in doc:
            if token.dep_ in _SUBJECTS and is_verb(token.head) and not quoted.has_token(token):
                mention = mention_for(token, quoted)
                if mention.kind in ("name", "role", "pronoun") or mistagged_name_noun(token):
                    speaker = self.speakers.resolve(mention, unit.frame.start)
                    if speaker is not None:
                        self.speakers.note(speaker, unit.frame.start + token.idx)

    def _note_event(self, unit: _Unit, doc: Doc, quoted: Regions) -> None:
        """A sentence without quotes may still introduce the next quote's speaker; its main
        reporting verb (the one nearest the root) is the one that does."""
        cues = sorted((t for t in doc if is_cue(t, quoted)), key=lambda t: (_depth(t), t.i))
        for cue in cues:
            subject = subject_of(cue, quoted)
            if subject is not None:
                self._resolve(unit, Attribution(cue, subject))
                return
        ends_with_colon = doc.text.rstrip().endswith(":")
        lead_in = name_colon([t for t in doc if not t.is_space]) if ends_with_colon else None
        if lead_in is not None:
            # `Stated Stone:` on a line of its own before the quoted paragraph.
            self._resolve(unit, lead_in)
            return
        roots = [t for t in doc if t.dep_ == "ROOT"]
        introduced = main_subject(roots[-1], quoted) if roots else None
        if introduced is None:
            return
        speaker = self.speakers.resolve(mention_for(introduced.subject, quoted), unit.frame.start)
        if speaker is not None and (ends_with_colon or speaker.type == "person"):
            # `Reilly stood on a chair.` / `The office released this statement:` before a
            # paragraph of unattributed quotation: the subject is who is about to speak.
            self._resolve(unit, introduced)

    def _resolve(self, unit: _Unit, attribution: Attribution) -> Speaker | None:
        quoted = Regions(())
        base = unit.frame.start
        mention = mention_for(attribution.subject, quoted)
        speaker = self.speakers.resolve(mention, base)
        if attribution.outer_subject is not None and _prefer_outer(mention.kind, speaker):
            outer = self.speakers.resolve(mention_for(attribution.outer_subject, quoted), base)
            if outer is not None and outer.type is not None:
                speaker = outer
        if speaker is None:
            return None
        self.speakers.remember_document(attribution.cue, speaker)
        self.speakers.note(speaker, base + attribution.subject.idx)
        paragraph = self.paragraph_of(base + attribution.cue.idx)
        self.events[paragraph] = _Event(speaker, attribution.cue_text)
        return speaker

    def _attribute(self, unit: _Unit, doc: Doc, quoted: Regions, quotation: Quotation) -> None:
        base = unit.frame.start
        pieces = [(s - base, e - base) for s, e in quotation.pieces]
        gaps = [(s - base, e - base) for s, e in quotation.gaps]
        start, end = quotation.pieces[0][0], quotation.pieces[-1][1]
        if not gaps and is_label(self.text, start, end, unit.frame.start):
            return
        attribution = attribute(doc, pieces, gaps, quoted)
        if attribution is not None:
            speaker = self._resolve(unit, attribution)
            evidence, confidence = attribution.evidence, attribution.confidence
            if speaker is not None and _resolved_elsewhere(attribution, speaker):
                evidence, confidence = "coreference", confidence * _COREFERENCE_FACTOR
            self._emit(
                quotation,
                speaker,
                attribution.cue_text if speaker else None,
                evidence,
                confidence,
            )
            return
        signed = signature_after(self.text, quotation.end)
        if signed is not None:
            self._emit_signed(quotation, *signed)
            return
        text = _quote_text(self.text, quotation.pieces)
        whole_frame = quotation.start <= unit.frame.start and quotation.end >= unit.frame.end - 1
        if not whole_frame and len(text.split()) <= LABEL_MAX_WORDS:
            return
        self._emit_continued(quotation)

    def _emit_signed(self, quotation: Quotation, start: int, end: int) -> None:
        """`“...” ― Bernie Sanders`: the signature is the speaker, as said or as introduced."""
        mention = self.text[start:end]
        speaker = Speaker(self.speakers.person_name(mention, start), "person", mention)
        self.speakers.note(speaker, start)
        self._emit(quotation, speaker, None, "layout", _SIGNATURE_CONFIDENCE)

    def _emit_continued(self, quotation: Quotation) -> None:
        event = self._continued(quotation)
        if event is None:
            self._emit(quotation, None, None, "none", 0.0)
        else:
            self._emit(
                quotation, event.speaker, event.cue, "continuation", _CONTINUATION_CONFIDENCE
            )

    def _continued(self, quotation: Quotation) -> _Event | None:
        paragraph = self.paragraph_of(quotation.start)
        if paragraph in self.events:
            return self.events[paragraph]
        opens_paragraph = self.paragraphs and quotation.start <= self.paragraphs[paragraph] + 1
        event = self.events.get(paragraph - 1) if opens_paragraph else None
        if event is not None:
            end_paragraph = self.paragraph_of(quotation.end)
            self.events[end_paragraph] = event
        return event

    def _emit(
        self,
        quotation: Quotation,
        speaker: Speaker | None,
        cue: str | None,
        evidence: AttributionKind,
        confidence: float,
    ) -> None:
        pieces = quotation.pieces
        if speaker is None:
            evidence, confidence = "none", 0.0
        self.quotes.append(
            Quote(
                id=f"{self.article.id}-q{len(self.quotes) + 1}",
                text=_quote_text(self.text, pieces),
                start=pieces[0][0],
                end=pieces[-1][1],
                speaker=_canonical_spelling(speaker.name) if speaker else None,
                speaker_mention=speaker.mention if speaker else None,
                cue=cue,
                speaker_type=speaker.type if speaker else None,
                spans=tuple(pieces),
                attribution=evidence,
                confidence=round(confidence, 2),
            )
        )


def _canonical_spelling(name: str) -> str:
    """`O’Donnell` and `O'Donnell` are one name: outlets differ only in their typography."""
    return name.replace("’", "'").replace("‘", "'")


def extract_articles(
    articles: Sequence[Article], nlp: Language | None = None
) -> list[ExtractedArticle]:
    """Extract the attributed quotes of many articles with one batched parse."""
    model = nlp if nlp is not None else load_model()
    # Extraction reads the printed view (mojibake repaired, marks made double); offsets go back
    # into the text as submitted.
    views = [printed_view(article.text) for article in articles]
    plans = [_units(view.text) for view in views]
    parsed = [_parse_plan(units) for units in plans]
    texts = [
        view.text[u.frame.start : u.frame.end]
        for view, units, flags in zip(views, plans, parsed, strict=True)
        for u, parse in zip(units, flags, strict=True)
        if parse
    ]
    docs = iter(model.pipe(texts, batch_size=64))
    results = []
    for article, view, units, flags in zip(articles, views, plans, parsed, strict=True):
        article_docs = [next(docs) if parse else None for parse in flags]
        viewed = replace(article, text=view.text) if view.changed else article
        quotes = _ArticleAttributor(viewed).run(units, article_docs)
        results.append(ExtractedArticle(article, tuple(quote_on_original(view, q) for q in quotes)))
    return results


def extract_article(article: Article, nlp: Language | None = None) -> ExtractedArticle:
    return extract_articles([article], nlp)[0]
