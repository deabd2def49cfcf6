"""Choose, for each quote, the reporting verb (cue) and its grammatical speaker.

The order of preference mirrors how news sentences attribute words:
1. an attribution interrupting a split quote (`“A,” she said, “B.”`);
2. a sentence-final attribution after the last quote (`..., the White House said.`), which names
   the source of every quote in the sentence even when another verb sits in between;
3. the nearest reporting verb that governs the quote in the dependency tree
   (`Trump said it was a “great call”`, `X called the plan “...”`);
4. the nearest reporting verb before, then after, the quote in the same sentence.
Quotes without any of these are labels (scare quotes, titles) or continue an earlier speaker;
``worker.nlp.speakers`` decides which.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from worker.lexicon import (
    DOC_NOUNS,
    NAMING_CUES,
    ORG_WORDS,
    PERSON_NOUNS,
    RELATIVE_PRONOUNS,
    SCARE_MARKERS,
    WORK_NOUNS,
    cue_lemma,
    role_of,
)
from worker.nlp.mentions import is_junk, is_time_word, mention_for
from worker.nlp.tokens import NOUN_TAGS, Regions, is_verb
from worker.records import AttributionKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_DASHES = frozenset({"-", "–", "—"})
_SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "at", "to", "for", "or"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """The cue and speaker head found for one quote, with the outer cue's subject in reserve."""

    cue: Token
    subject: Token
    outer_subject: Token | None = None
    evidence: AttributionKind = "adjacent_cue"
    confidence: float = 0.9

    @property
    def cue_text(self) -> str:
        if self.cue.lower_ == "according":
            return "according to"
        return str(self.cue.lower_)


_NAMING_COMPLEMENTS = frozenset({"dobj", "oprd", "ccomp", "xcomp", "attr"})


def is_cue(token: Token, quoted: Regions) -> bool:
    """A reporting verb outside the quotes, used as one.

    Naming verbs need their complement (`called the plan “...”`, not `lines that call at the
    port`), and `put` counts only in `as X put it`.
    """
    if quoted.has_token(token):
        return False
    if _negated(token):
        return False
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
    if not is_verb(token):
        return False
    lemma = cue_lemma(token.lower_)
    if lemma is None:
        return _characterises_as(token, quoted)
    if lemma == "put":
        return any(child.lower_ == "it" for child in token.children)
    if lemma in NAMING_CUES:
        return any(
            child.dep_ in _NAMING_COMPLEMENTS or (child.dep_ == "prep" and child.lower_ == "as")
            for child in token.children
        )
    return True


def _negated(verb: Token) -> bool:
    """`Reyes hasn't said the agency is “reviewing” it`: a denied cue attributes nothing."""
    return any(child.dep_ == "neg" for child in verb.children)


def _characterises_as(verb: Token, quoted: Regions) -> bool:
    """`Pryce hailed the result as “a great day”`: any verb that labels something *as* a
    quotation is reporting its subject's words, whatever the verb."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "as"
        and any(quoted.has_token(t) for t in child.subtree)
        for child in verb.children
    )


def _according_to_object(token: Token, quoted: Regions) -> Token | None:
    to = token.doc[token.i + 1]
    for child in to.children:
        if child.dep_ == "pobj" and not quoted.has_token(child):
            return child
    for candidate in token.doc[to.i + 1 : to.i + 8]:
        if candidate.tag_ in NOUN_TAGS and not quoted.has_token(candidate):
            return _phrase_head(candidate)
    return None


def _phrase_head(token: Token) -> Token:
    """Walk right along compounds to the noun a name phrase hangs from."""
    while token.dep_ in ("compound", "amod", "det", "poss") and token.head.i > token.i:
        token = token.head
    return token


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def subject_of(verb: Token, quoted: Regions, depth: int = 0) -> Token | None:
    """The speaker head of a reporting verb, or None when it has none outside the quotes."""
    if verb.lower_ == "according":
        return _according_to_object(verb, quoted)
    child = _nearest_subject(verb, quoted)
    if child is not None:
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            head = verb.head
            if head.dep_ == "appos" and head.head.tag_ in ("NNP", "NNPS"):
                # `Braynard, a native who writes fiction`: the person the description is of.
                head = head.head
            return None if quoted.has_token(head) else head
        if child.dep_ == "nsubjpass" and cue_lemma(verb.lower_):
            return _passive_agent(verb)
        if child.pos_ == "ADP":
            # `Of Carson, Levine said`: the parser made the fronted preposition the subject.
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
        child = _unclosed_apposition(child, verb) or _asyndetic_last(child)
        return _named_alternative(child, verb, quoted)
    relayed = _relayed_speaker(verb, quoted)
    if relayed is not None:
        return relayed
    prep = verb.head
    if depth < 3 and verb.dep_ == "pcomp" and prep.dep_ == "prep" and is_verb(prep.head):
        # `The singer turned to the senator before asking her, “...”`
        return subject_of(prep.head, quoted, depth + 1)
    if depth < 3 and verb.dep_ in _CLIMB_DEPS and is_verb(verb.head):
        if _mistagged_name(verb.head):
            return verb.head
        if (
            verb.dep_ == "conj"
            and verb.head.dep_ == "relcl"
            and not quoted.has_token(verb.head.head)
        ):
            # `Mirel, whose party accused X, called ...`: the sm parser hangs the main verb
            # on the relative clause; either way the speaker is the clause's antecedent.
            return verb.head.head
        reporting = _reporting_verb_above(verb, quoted)
        if reporting is not None:
            return subject_of(reporting, quoted, depth + 1)
        return subject_of(verb.head, quoted, depth + 1)
    return (
        _participle_holder(verb, quoted)
        or _inverted_subject(verb, quoted)
        or _left_noun(verb, quoted)
        or _name_before(verb, quoted)
    )


def _unclosed_apposition(subject: Token, verb: Token) -> Token | None:
    """`Clinton, a top aide said, “is very confident”`: a description that runs up to the verb
    with no closing comma is the verb's subject; the name before it is what they speak about."""
    doc = verb.doc
    if subject.i + 1 >= verb.i or doc[subject.i + 1].text != "," or doc[verb.i - 1].is_punct:
        return None
    for child in subject.rights:
        if child.dep_ == "appos" and child.i < verb.i and child.right_edge.i == verb.i - 1:
            return child
    return None


def _break_dash(token: Token) -> bool:
    """A dash that separates phrases (`Lindenford (AFP) – Reyes`), not a hyphen (`D-Md.`)."""
    if token.text not in _DASHES:
        return False
    spaced_before = token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return token.text != "-" or (spaced_before and bool(token.whitespace_))


def _nearest_subject(verb: Token, quoted: Regions) -> Token | None:
    """The verb's subject outside the quotes; of two set apart by a comma or dash (`In Salem,
    New Hampshire, Trump went`, `Washington (AFP) - Clinton has`: a place or dateline taken for
    a second subject), the one nearest before the verb."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not quoted.has_token(c)]
    before = [c for c in subjects if c.i < verb.i]
    after = [c for c in subjects if c.i > verb.i]
    if not before or (after and verb.i > 0 and verb.doc[verb.i - 1].is_punct):
        # `“...,” said a source close to the campaign`, `The rejection signals “...”, said
        # Wilders`: after a comma the inverted subject is the speaker, not the subject of the
        # reported words that the parser hung on the cue.
        return after[0] if after else None
    first = before[0]
    for later in before[1:]:
        if any(t.text == "," or _break_dash(t) for t in verb.doc[first.i : later.i]):
            first = later
    return first


def _participle_holder(verb: Token, quoted: Regions) -> Token | None:
    """`Christie, New Jersey's governor, calling him a “talented guy”`, `De Blasio, speaking
    on the radio, called Trump a “blowhard”`: a participle hanging from a noun phrase (the
    parser's reading of a verb whose subject it lost) speaks for that noun when it names
    someone. A participle after a thing (`a plan called “X”`) or a document is left alone."""
    head = verb.head
    if verb.dep_ != "acl" or head.i > verb.i or quoted.has_token(head):
        return None
    after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    if verb.tag_ != "VBG" and not (verb.tag_ == "VBN" and after_comma):
        return None
    kind = mention_for(head, quoted).kind
    if kind in ("name", "role", "pronoun") or head.tag_ in ("NNP", "NNPS"):
        return head
    return None


_NOT_SUBJECT_DEPS = frozenset({"dobj", "pobj", "npadvmod", "attr", "oprd", "appos", "dative"})


def _left_noun(verb: Token, quoted: Regions) -> Token | None:
    """`..., Reilly told the crowd` parsed with `Reilly` as a modifier: the nearest name or
    pronoun hanging to the left of the verb is its speaker."""
    for child in reversed(list(verb.lefts)):
        if (
            (child.tag_ in ("NNP", "NNPS", "PRP", "NN", "NNS") or _mistagged_initial_name(child))
            and child.dep_ not in _NOT_SUBJECT_DEPS
            and not quoted.has_token(child)
        ):
            return child
    return None


def _named_alternative(subject: Token, verb: Token, quoted: Regions) -> Token:
    """The subject that names the speaker when the parser's does not: a document passes on the
    words of the person it cites (`_cited_by`), and for a subject that names nobody (`former
    Gov. and DNC Chairman Ed Rendell said`: a title cut from its name) the name it coordinates
    with, or another subject of the verb, is the speaker."""
    mention = mention_for(subject, quoted)
    if mention.kind == "document":
        return _cited_by(subject, verb, quoted) or subject
    for child in subject.rights:
        # `Lindenford (AFP) – Governor Ana Reyes has ...`: a dateline parsed as the subject,
        # with the real one in apposition after the dash.
        between = subject.doc[subject.i : child.i]
        if child.dep_ == "appos" and child.tag_ == "NNP" and any(_break_dash(t) for t in between):
            return child
    if not is_junk(mention):
        return subject
    others = [c for c in subject.children if c.dep_ == "conj"] + [
        c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i != subject.i
    ]
    for other in others:
        if not quoted.has_token(other) and not is_junk(mention_for(other, quoted)):
            return other
    return subject


def _cited_by(document: Token, verb: Token, quoted: Regions) -> Token | None:
    """`The report, citing the deputy minister Karel Vos, said ...`: a document that cites
    someone passes on that person's words."""
    for node in (document, verb):
        for child in node.children:
            if child.lower_ in ("citing", "quoting") and child.tag_ == "VBG":
                for grandchild in child.children:
                    if grandchild.dep_ == "dobj" and not quoted.has_token(grandchild):
                        # `mention_for` takes a role's named apposition (`the minister, X`).
                        return grandchild
    return None


def _relayed_speaker(verb: Token, quoted: Regions) -> Token | None:
    """`The agency quoted Halvorsen as saying “...”`, `cited the minister as saying`: the
    one who relays the words is not their speaker; the object of the relaying verb is."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or not is_verb(prep.head):
        return None
    for child in prep.head.children:
        if child.dep_ == "dobj" and not quoted.has_token(child):
            return child
    return None


def _parenthetical(doc: Doc, start: int, quoted: Regions) -> Attribution | None:
    """`Vice President Joe Biden, Rubio said, had been in the Senate for “a thousand years”`:
    a reporting clause set off by commas inside the sentence gives the sentence's words to its
    subject, whatever the main verb says."""
    for token in doc:
        if token.idx >= start or token.dep_ != "parataxis" or not is_cue(token, quoted):
            continue
        subject = subject_of(token, quoted)
        if subject is not None and subject.i < token.i and _speaker_like(subject, quoted):
            return Attribution(token, subject)
    return None


def _name_before(verb: Token, quoted: Regions) -> Token | None:
    """`In a statement to the Observer, her adviser, Jake Sullivan, said:` parsed with no
    subject (the name hung as an apposition elsewhere): a name that ends right before the
    verb, past one comma, is its subject."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or quoted.has_token(doc[i]) or doc[i].tag_ not in ("NNP", "NNPS"):
        return None
    # `McLaren, asked about the move on Wednesday, said`: the object of a preposition or verb
    # in a clause between subject and cue is no subject.
    return None if doc[i].dep_ in ("pobj", "dobj", "dative", "attr", "oprd", "npadvmod") else doc[i]


def _mistagged_initial_name(token: Token) -> bool:
    """`Reilly stood on a chair`: an unknown sentence-initial name tagged as an adverb."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    # `And Skelly called ...`: a leading conjunction does not change that.
    opening = all(t.dep_ == "cc" for t in token.doc[: token.i])
    return (
        opening
        and token.tag_ == "RB"
        and token.text[:1].isupper()
        and following is not None
        and following.text != ","
    )


def _asyndetic_last(subject: Token) -> Token:
    """`In the capital, Lindenford, Pell called ...`: names joined by a comma with no `and` are
    not a coordination but a place or apposition before the real subject, the last of them."""
    if any(child.dep_ == "cc" for child in subject.children):
        return subject
    names = [c for c in subject.children if c.dep_ == "conj" and c.tag_ in ("NNP", "NNPS")]
    return names[-1] if names else subject


def _mistagged_name(token: Token) -> bool:
    """`Trump at the time called ...`: a sentence-initial name parsed as an imperative verb.

    An imperative has no subject and does not govern a finite reporting verb, so a capitalised
    base-form "verb" that does is a name the tagger got wrong.
    """
    return (
        token.i == 0
        and token.tag_ == "VB"
        and token.text[:1].isupper()
        and not any(child.dep_ in _SUBJECT_DEPS for child in token.children)
    )


def _inverted_subject(verb: Token, quoted: Regions) -> Token | None:
    """`“...,” said Halvorsen` when the parser left the name unattached; the name may follow
    lower-case title words the parser read as a clause (`said Oversight ranking Democrat Elijah
    Cummings`)."""
    naming = cue_lemma(verb.lower_) in NAMING_CUES
    for token in verb.doc[verb.i + 1 : verb.i + 1 + _TITLE_WORDS_MAX]:
        if quoted.has_token(token):
            return None
        # `Skelly called Braynard “a real smart guy”`: the one named is no speaker.
        named = token.dep_ == "oprd" or (naming and token.dep_ == "dobj")
        if token.tag_ in ("NNP", "NNPS") and is_time_word(token):
            return None  # `said Wednesday`
        if token.tag_ in ("NNP", "NNPS"):
            return None if named else _last_name_word(token, quoted)
        if token.tag_ not in _TITLE_WORD_TAGS or (token.i == verb.i + 1 and token.tag_ == "DT"):
            return None
    return None


def _last_name_word(token: Token, quoted: Regions) -> Token:
    """`said Pentagon spokesman Navy Capt. Jeff Davis, who ...`: the name ends the run of
    titles and proper nouns that follows an inverted cue."""
    last = token
    for following in token.doc[token.i + 1 :]:
        if quoted.has_token(following) or following.tag_ not in ("NNP", "NNPS", "NN"):
            break
        if following.tag_ in ("NNP", "NNPS"):
            last = following
    return _phrase_head(last)


_TITLE_WORDS_MAX = 4
_TITLE_WORD_TAGS = frozenset({"NN", "JJ", "VBG", "HYPH"})


def _cues(tokens: Sequence[Token], quoted: Regions) -> Iterator[Token]:
    return (t for t in tokens if is_cue(t, quoted))


def _with_subject(
    cues: Iterator[Token], quoted: Regions, confidence: float = 0.9
) -> Attribution | None:
    for cue in cues:
        subject = subject_of(cue, quoted)
        if subject is not None:
            return Attribution(cue, subject, confidence=confidence)
    return None


def _trailing(doc: Doc, quoted: Regions, end: int) -> Attribution | None:
    """A `, NP said [adjuncts].` after the quote: first the clause between this quote and the
    next (`“A,” Conway notes. “B.”`), then the sentence-final one after the frame's last
    quote, which names the source of every quote in the sentence (`“A” and “B,” she said.`)."""
    if end < quoted.last_end:
        found = _trailing_from(doc, quoted, end)
        if found and _ends_sentence_before_next_quote(doc, quoted, found.cue):
            return found
    return _trailing_from(doc, quoted, quoted.last_end)


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


def _trailing_from(doc: Doc, quoted: Regions, at: int) -> Attribution | None:
    """The clause after offset ``at`` up to the next quote, as the attribution of the quote
    that ends at ``at``.

    The quote must end its clause (closing punctuation inside or a comma after the mark);
    otherwise the quote is an object and a later verb belongs to another clause
    (`“stressed the importance of implementing” a resolution that calls for ...`).
    """
    tail = _tail_after(doc, quoted, at)
    closing = doc.text[:at].rstrip('”"»″ ')[-1:]
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
        if closing != "." and _speaker_like(subject, quoted) and token.tag_ != "VBG":
            return Attribution(token, subject, confidence=0.8)
        return None
    return None


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
            return Attribution(token, _phrase_head(name), confidence=0.8)
    return None


def _not_a_clause_verb(token: Token) -> bool:
    """`“...,” Trump shot back` (a name tagged as a verb), `Miller, a retired worker, said`
    (a participle used as an adjective): verb tags that head no clause."""
    return token.dep_ in _SUBJECT_DEPS or token.dep_ in ("amod", "compound")


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
            return _phrase_head(token)
        if token.text not in (",", "—", "–") and token.tag_ not in ("DT", "JJ"):
            return None
    return None


def _a_thing(subject: Token) -> bool:
    """`that fact`, `the move`, `the platform`: a common noun with a definite determiner that
    names no role; people in the news are named, described by a role, or plural (`critics`)."""
    return (
        subject.tag_ in ("NN", "NNS")
        and role_of(subject.text) is None
        and subject.lower_ not in ORG_WORDS
        and subject.lower_ not in DOC_NOUNS
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in subject.children)
        # `The Sanders campaign`, `the mayor's team`: an owner makes it a body that speaks.
        and not any(
            c.dep_ in ("compound", "poss") and c.tag_ in ("NNP", "NNPS", "POS")
            for c in subject.children
        )
    )


def _reporting_verb_above(verb: Token, quoted: Regions) -> Token | None:
    """A closing participle the parser hung on the reported clause (`Cruz said that Pell
    represents “...,” stating that ...`, `Trump argued that a database would keep people out,
    saying it's “...”`) belongs to the reporting clause above, not to the reported one."""
    clause = verb.head
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head  # `said Clinton will have to choose, saying ...`
    closes = verb.tag_ == "VBG" and verb.dep_ == "advcl" and clause.dep_ == "ccomp"
    return clause.head if closes and is_cue(clause.head, quoted) else None


def _common_thing(subject: Token) -> bool:
    """`the world lost a voice that said “...”`, `Paul said Rubio's plan would ..., and called
    him “...”`: a lower-case singular noun that names no person, office, organisation or
    document does not speak while someone up the tree can."""
    return (
        subject.tag_ == "NN"
        and subject.text[:1].islower()
        and subject.lower_ not in PERSON_NOUNS
        and mention_for(subject, Regions(())).kind == "other"
    )


_DEFINITE = frozenset({"the", "that", "this", "these", "those"})


def _speaker_like(subject: Token, quoted: Regions) -> bool:
    """A subject that can be a speaker: a name, a person or group pronoun, a role, an
    organisation or a document; not `it`, `there` or an arbitrary thing."""
    kind = mention_for(subject, quoted).kind
    return (
        kind in ("name", "role", "org", "pronoun", "document")
        or (kind == "group_pronoun" and subject.lower_ in ("they", "we"))
        or subject.tag_ in ("NNP", "NNPS")
        or mistagged_name_noun(subject)
    )


def mistagged_name_noun(token: Token) -> bool:
    """`Hannity interjected`, `Sanders delivered a retort`: an unknown surname tagged as a
    common noun (or, as a subject, an adjective); a capitalised one with no determiner is a
    name, or a group that can speak (`Officials responded`); `The crowd` is neither."""
    return (
        (token.tag_ in ("NN", "NNS") or (token.tag_ == "JJ" and token.dep_ in _SUBJECT_DEPS))
        and token.text[:1].isupper()
        and not any(child.dep_ in ("det", "poss") for child in token.children)
    )


def _governing(doc: Doc, piece_tokens: Sequence[Token], quoted: Regions) -> Attribution | None:
    """The innermost reporting verb above the quote; the outer one's subject kept in reserve."""
    inside = {t.i for t in piece_tokens}
    found: list[Attribution] = []
    seen: set[int] = set()
    for token in piece_tokens:
        if token.head.i in inside:
            continue
        node = token.head
        while node.i not in seen:
            seen.add(node.i)
            if is_cue(node, quoted):
                subject = subject_of(node, quoted)
                if subject is not None:
                    found.append(Attribution(node, subject))
            if node.head.i == node.i:
                break
            node = node.head
    if not found:
        return None
    # `Sanders said that fact speaks volumes about “...”`: a thing does not speak; the
    # innermost cue whose subject can is the quote's.
    # `Trump argued that a database would keep people out, saying it's “...”`: a participle the
    # parser hung on the nearer clause speaks for the outer speaker, not for a thing.
    found = [a for a in found if not _a_thing(a.subject) and not _common_thing(a.subject)] or found
    inner = found[0]
    outer = found[-1] if len(found) > 1 else None
    return Attribution(
        inner.cue, inner.subject, outer.subject if outer else None, "governing_cue", 0.85
    )


def _complement_of(piece_tokens: Sequence[Token], quoted: Regions) -> Attribution | None:
    """`Ryan worried that the safety net was becoming “a hammock ...”`, `Moore thanked him for
    “stepping up”`: a quote inside the object or complement of any verb is, unless a reporting
    verb says otherwise, the words of that verb's subject. A quote that is itself a subject
    (`“Containment” has been policy`) is not."""
    inside = {t.i for t in piece_tokens}
    top = next((t for t in piece_tokens if t.head.i not in inside), None)
    if top is None:
        return None
    node, dep = top.head, top.dep_
    organisation: Attribution | None = None
    for _ in range(12):
        subject = None
        if is_verb(node) and not quoted.has_token(node) and _negated(node):
            return organisation
        if is_verb(node) and not quoted.has_token(node) and dep not in _SUBJECT_DEPS:
            subject = subject_of(node, quoted)
        if subject is not None and not _a_thing(subject):
            if not _speaker_like(subject, quoted):
                break
            found = Attribution(node, subject, None, "governing_cue", 0.6)
            if mention_for(subject, quoted).kind in ("name", "pronoun", "role"):
                return found
            # `Marr worried that the fund was becoming “...”`: a person further up the
            # tree outranks an organisation nearer the quote.
            organisation = organisation or found
        if node.head.i == node.i:
            break
        node, dep = node.head, node.dep_
    return organisation


def attribute(
    doc: Doc,
    pieces: Sequence[tuple[int, int]],
    gaps: Sequence[tuple[int, int]],
    quoted: Regions,
) -> Attribution | None:
    """The attribution of one quote whose pieces/gaps are in ``doc``'s character offsets."""
    for start, end in gaps:
        found = _with_subject(_cues([t for t in doc if start <= t.idx < end], quoted), quoted)
        if found:
            return found
    start, end = pieces[0][0], pieces[-1][1]
    parenthetical = _parenthetical(doc, start, quoted)
    if parenthetical:
        return parenthetical
    before = [t for t in doc if t.idx < start and not quoted.has_token(t)]
    if before and before[-1].text == ":":
        found = (
            name_colon(before)
            or _colon_clause(before, quoted)
            or _with_subject(_cues(list(reversed(before)), quoted), quoted)
        )
        if found:
            return found
    trailing = _trailing(doc, quoted, end)
    if trailing:
        return trailing
    piece_tokens = [t for t in doc if any(s <= t.idx < e for s, e in pieces)]
    found = (
        _governing(doc, piece_tokens, quoted)
        or _colon_introduced(doc, before, quoted, end)
        or _complement_of(piece_tokens, quoted)
    )
    if found:
        return found
    # A cue elsewhere in the sentence, not next to the quote: weaker evidence.
    found = _with_subject(_cues(list(reversed(before)), quoted), quoted, 0.7)
    if found:
        return found
    return _with_subject(_cues([t for t in doc if t.idx >= end], quoted), quoted, 0.7)


_LEAD_IN_BREAKS = frozenset({"-", "—", "–", ".", "!", "?", "”", '"', "''"})
_LEAD_IN_WORDS = frozenset({"of", "the", "and", "&", ","})
_LEAD_IN_MAX = 10


def name_colon(before: Sequence[Token]) -> Attribution | None:
    """`Clinton: “...”`, `RED STATES GAIN - Jeffrey M. Jones: “...”`, `Added Voss: “...”`,
    `Rep. Ann Voss (D-Md.):
    “...”`, `Ann Voss, Ostland Herald: “...”`: a name alone before a colon, at the start of a
    sentence or after a dash, introduces the quote as a transcript turn or a cited author does."""
    colon = before[-1]
    run: list[Token] = []
    depth = 0
    for token in reversed(before[:-1]):
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            depth -= 1
        elif depth == 0 and (token.text in _LEAD_IN_BREAKS or token.is_space):
            break
        elif depth == 0:
            if run and _opens_with_cue(token):
                break  # `Stated Stone:`, `Continued Stone:`
            if not (token.tag_ in ("NNP", "NNPS") or token.lower_ in _LEAD_IN_WORDS):
                return None
            run.append(token)
        if len(run) > _LEAD_IN_MAX:
            return None
    # `Ann Voss, Ostland Herald:` names the speaker first and the outlet after a comma.
    run.reverse()
    first = run[: next((i for i, t in enumerate(run) if t.text == ","), len(run))]
    names = [t for t in first if t.tag_ in ("NNP", "NNPS")]
    if not names:
        return None
    return Attribution(colon, names[-1], None, "layout", 0.85)


def _opens_with_cue(token: Token) -> bool:
    """A reporting verb that opens its sentence, inverted before the speaker's name."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    opens = previous is None or previous.is_space or previous.text in _LEAD_IN_BREAKS
    return opens and cue_lemma(token.lower_) is not None and token.text[:1].isupper()


def _colon_clause(before: Sequence[Token], quoted: Regions) -> Attribution | None:
    """`When Trump suggested Cuba would sue, Rubio fired back forcefully: “...”`: the clause
    the colon ends introduces the quote, so the subject of its last verb is the speaker, not
    that of a reporting verb earlier in the sentence."""
    for token in reversed(before):
        if token.text in (".", "!", "?") or quoted.has_token(token):
            return None
        if not is_verb(token) or token.dep_ in ("aux", "auxpass"):
            continue
        subject = _nearest_subject(token, quoted)
        if subject is None:
            continue
        subject = _named_alternative(subject, token, quoted)
        if subject.i < token.i and _speaker_like(subject, quoted):
            cue = is_cue(token, quoted)
            return Attribution(token, subject, None, "adjacent_cue" if cue else "colon", 0.85)
        return None
    return None


def _colon_introduced(
    doc: Doc, before: Sequence[Token], quoted: Regions, end: int
) -> Attribution | None:
    """`Raman also defended the cuts: “...”`, `Hillary shot back, “...”`: a clause ending in a
    colon, or in a comma when the quote then ends the sentence, hands the quote to its subject."""
    words = [t for t in before if not t.is_space and not quoted.has_token(t)]
    if not words or words[-1].text not in (":", ","):
        return None
    after = [t for t in doc if t.idx >= end and not quoted.has_token(t) and not t.is_space]
    if words[-1].text == "," and any(not t.is_punct for t in after):
        return None
    found = main_subject(words[-1].head, quoted)
    if found is None and words[-1].text == ",":
        found = _clause_subject(words[-1], quoted)
    return Attribution(found.cue, found.subject, None, "colon", 0.75) if found else None


def _clause_subject(comma: Token, quoted: Regions) -> Attribution | None:
    """The subject of the finite verb of the clause a comma closes, when it can speak."""
    verbs = [t for t in comma.doc[: comma.i] if is_verb(t) and t.dep_ != "aux"]
    for verb in reversed(verbs):
        subject = subject_of(verb, quoted)
        if subject is not None and subject.i < verb.i and _speaker_like(subject, quoted):
            return Attribution(verb, subject)
    return None


def main_subject(token: Token, quoted: Regions) -> Attribution | None:
    """The subject of the clause ``token`` belongs to, as a speaker (names and pronouns)."""
    verb = token
    while (
        verb.dep_ != "ROOT"
        and verb.head.i != verb.i
        and not any(child.dep_ in _SUBJECT_DEPS for child in verb.children)
    ):
        verb = verb.head
    for child in verb.children:
        if (
            child.dep_ == "nsubj"
            and (child.tag_ in ("NNP", "NNPS", "PRP") or mistagged_name_noun(child))
            and not quoted.has_token(child)
        ):
            return Attribution(verb, child)
    if any(child.dep_ in _SUBJECT_DEPS for child in verb.children):
        return None
    subject = _left_noun(verb, quoted)
    return Attribution(verb, subject) if subject is not None else None


def is_label(text: str, start: int, end: int, frame_start: int) -> bool:
    """Scare quotes and titles: `the so-called “blue wall”`, `the film “Night Harbor”`."""
    before = text[max(frame_start, start - 40) : start].rstrip(' “"„«').split()
    previous = before[-1].lower().strip(",;:") if before else ""
    quoted = text[start:end].lstrip()
    if previous in SCARE_MARKERS or (previous in WORK_NOUNS and quoted[:1].isupper()):
        return True
    if previous == "as" and len(before) > 1 and before[-2].lower() == "known":
        return True
    words = text[start:end].strip(" ,.;:!?").split()
    if not 2 <= len(words) <= 8 or start - frame_start <= 1 or not before:
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return (
        bool(significant)
        and all(w[:1].isupper() for w in significant)
        and not any(ch in text[start:end] for ch in ".!?")
    )
