"""The attribution clause after a quote: `“...,” Conway notes.`, `“...,” said the mayor.`

Reading the words that follow a quote up to the next one is its own problem: asides set off by
commas, short quotes inside a noun phrase, names the tagger took for verbs, and whether the
clause belongs to this quote or to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from worker.lexicon import cue_lemma
from worker.nlp.attribution_record import Attribution
from worker.nlp.cues import is_cue
from worker.nlp.speaker_like import speaker_like
from worker.nlp.subjects import phrase_head, subject_of
from worker.nlp.tokens import NOUN_TAGS, SUBJECT_DEPS, Regions, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def trailing_attribution(doc: Doc, text: str, quoted: Regions, end: int) -> Attribution | None:
    """A `, NP said [adjuncts].` after the quote: first the clause between this quote and the
    next (`“A,” Conway notes. “B.”`), then the sentence-final one after the frame's last
    quote, which names the source of every quote in the sentence (`“A” and “B,” she said.`)."""
    if end < quoted.last_end:
        found = _trailing_from(doc, text, quoted, end)
        if found and _ends_sentence_before_next_quote(doc, quoted, found.cue):
            return found
    return _trailing_from(doc, text, quoted, quoted.last_end)


def _ends_sentence_before_next_quote(doc: Doc, quoted: Regions, cue: Token) -> bool:
    """`“A,” Conway notes. “B.”` is an attribution sentence of its own; in `“A,” but critics
    called it “B.”` the verb belongs to the next quote."""
    for token in doc[cue.i + 1 :]:
        if quoted.has_token(token):
            return False
        if token.text in (".", "!", "?"):
            return True
        if is_cue(token, quoted) and (subject := subject_of(token, quoted)) and subject.i > cue.i:
            return True  # `“A,” Trump said, after Quick said he had called Rubio “B”`
    return False


def _trailing_from(doc: Doc, text: str, quoted: Regions, at: int) -> Attribution | None:
    """The clause after offset ``at`` up to the next quote, as the attribution of the quote
    that ends at ``at``.

    The quote must end its clause (closing punctuation inside or a comma after the mark);
    otherwise the quote is an object and a later verb belongs to another clause
    (`“stressed the importance of implementing” a resolution that calls for ...`).
    """
    tail = _tail_after(doc, quoted, at)
    closing = text[:at].rstrip('”"»″ ')[-1:]
    if not tail or not (closing in ",.!?—–-" or tail[0].text in (",", "—", "–")):
        return None
    return _clause_of_tail(tail, quoted, at, closing) or _name_then_cue(tail, quoted)


def _clause_of_tail(
    tail: Sequence[Token], quoted: Regions, at: int, closing: str
) -> Attribution | None:
    for position, token in enumerate(tail):
        in_noun_phrase = token.dep_ == "prep" and token.head.tag_ in NOUN_TAGS
        if (
            token.tag_ in ("WDT", "WP", "WP$", "IN")
            and token.lower_ != "according"
            and not in_noun_phrase  # `Howard Dean, the former governor of Vermont, said`
        ):
            return None
        if _cue_tagged_as_noun(token) and not any(is_verb(t) for t in tail[:position]):
            return Attribution(token, token.doc[token.i - 1], confidence=0.8)
        # `“...,” Trump shot back`: a name the tagger took for a verb is still the subject.
        if _not_a_clause_verb(token) or (not is_verb(token) and not is_cue(token, quoted)):
            continue
        if any(is_verb(t) and not _not_a_clause_verb(t) for t in tail[:position]):
            return None
        subject = subject_of(token, quoted)
        if subject is None or subject.idx < at:
            subject = _first_noun(tail[:position])
        if subject is None:
            return None
        if is_cue(token, quoted):
            return Attribution(token, subject)
        # `“...,” Toomey fumed.` / `“...?” Hannity pressed.`: whatever the verb, a clause that
        # follows a quote closed by its comma (or question) is that quote's attribution; after
        # a full stop only a reporting verb is (`“...” Mosman saw it as hyperbole.` is not).
        if closing != "." and speaker_like(subject, quoted) and token.tag_ != "VBG":
            return Attribution(token, subject, confidence=0.8)
        return None
    return None


def _cue_tagged_as_noun(token: Token) -> bool:
    """`“...,” Conway notes.`: a reporting verb in the third person after a name, tagged as a
    plural noun (`notes`, `says`) that the name modifies, ending its clause."""
    doc = token.doc
    lemma = cue_lemma(token.lower_)
    return (
        token.tag_ in ("NNS", "NN")
        and lemma is not None
        and token.lower_ != lemma
        and token.i > 0
        and doc[token.i - 1].tag_ in ("NNP", "NNPS")
        and (token.i + 1 == len(doc) or doc[token.i + 1].text in (".", ","))
    )


_APPOSITION_MAX = 30


def _name_then_cue(tail: Sequence[Token], quoted: Regions) -> Attribution | None:
    """`“...,” Trump, the front-runner after winning New Hampshire, said when Boyle asked`: a
    name set off by a comma, then whatever describes it, then `, said`: the name speaks, even
    when the description holds verbs of its own."""
    words = [t for t in tail if not t.is_space]
    if words and words[0].text == ",":
        words = words[1:]
    names = [t for t in words[:4] if t.tag_ in ("NNP", "NNPS")]
    if not names:
        return None
    name = names[-1]
    if name.i + 1 >= len(name.doc) or name.doc[name.i + 1].text != ",":
        return None
    for token in words[:_APPOSITION_MAX]:
        if token.i > name.i + 1 and token.doc[token.i - 1].text == "," and is_cue(token, quoted):
            return Attribution(token, phrase_head(name), confidence=0.8)
    return None


def _not_a_clause_verb(token: Token) -> bool:
    """`“...,” Trump shot back` (a name tagged as a verb), `Miller, a retired worker, said`
    (a participle used as an adjective): verb tags that head no clause."""
    return token.dep_ in SUBJECT_DEPS or token.dep_ in ("amod", "compound")


def _tail_after(doc: Doc, quoted: Regions, at: int) -> list[Token]:
    """The words after ``at`` up to the next quote, without the asides set off by commas
    (`Bill Eastland, wearing a cowboy hat and “Ted Cruz” pins, said`): a participle or
    relative clause there describes the subject and is not the clause's verb. A short quote
    inside such a noun phrase (a slogan on a pin) does not end the clause."""
    tail: list[Token] = []
    aside = False
    for token in doc:
        if token.idx < at:
            continue
        if quoted.has_token(token):
            if tail and not (aside or _modifies_noun(token, quoted)):
                break
            continue
        if token.text == ",":
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            opens = (
                bool(tail)
                and following is not None
                and (following.tag_ in ("VBG", "WP") or following.dep_ == "acl")
            )
            if aside or opens:
                aside = not aside
                continue
        if not aside:
            tail.append(token)
    return tail


def _modifies_noun(token: Token, quoted: Regions) -> bool:
    """A quoted word that only modifies a noun outside the quotes (`“Ted Cruz” pins`)."""
    top = token
    while quoted.has_token(top.head) and top.head.i != top.i:
        top = top.head
    return top.dep_ in ("compound", "nmod", "amod", "poss") and not quoted.has_token(top.head)


def _first_noun(tokens: Sequence[Token]) -> Token | None:
    """The head of the first noun phrase of a trailing clause whose verb lost its subject
    (`“...,” Gene Sperling, a top Clinton adviser, said`: the parser put the name in the
    quote's clause)."""
    for token in tokens:
        if token.tag_ in ("NNP", "NNPS", "NN", "NNS", "PRP"):
            return phrase_head(token)
        if token.text not in (",", "—", "–") and token.tag_ not in ("DT", "JJ"):
            return None
    return None
