"""The speaker head of a reporting verb: its grammatical subject, repaired.

The small parser often loses or misplaces the subject of a cue (a name tagged as an adverb
or a verb, an inverted `said Halvorsen`, a dateline taken for the subject, a relative clause,
a participle hung on the wrong clause); ``subject_of`` walks the tree and these repairs to find
who speaks. Kept apart from the rules that choose the cue, which all call it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from worker.lexicon import NAMING_CUES, RELATIVE_PRONOUNS, cue_lemma
from worker.nlp.cues import is_cue
from worker.nlp.mentions import is_junk, is_time_word, mention_for
from worker.nlp.tokens import NOUN_TAGS, SUBJECT_DEPS, Regions, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Token


_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp"})


_DASHES = frozenset({"-", "–", "—"})


def _according_to_object(token: Token, quoted: Regions) -> Token | None:
    to = token.doc[token.i + 1]
    for child in to.children:
        if child.dep_ == "pobj" and not quoted.has_token(child):
            return child
    for candidate in token.doc[to.i + 1 : to.i + 8]:
        if candidate.tag_ in NOUN_TAGS and not quoted.has_token(candidate):
            return phrase_head(candidate)
    return None


def phrase_head(token: Token) -> Token:
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
    child = nearest_subject(verb, quoted)
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
        return named_alternative(child, verb, quoted)
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
            and _relative_subject(verb.head)
        ):
            # `Mirel, whose party accused X, called ...`: the sm parser hangs the main verb
            # on the relative clause; either way the speaker is the clause's antecedent. Not
            # when the clause has a subject of its own (`NAFTA, which Trump called a
            # “disaster” and promised to “rip up”`).
            return verb.head.head
        reporting = _reporting_verb_above(verb, quoted)
        if reporting is not None:
            return subject_of(reporting, quoted, depth + 1)
        return subject_of(verb.head, quoted, depth + 1)
    return (
        _participle_holder(verb, quoted)
        or _inverted_subject(verb, quoted)
        or left_noun(verb, quoted)
        or _name_before(verb, quoted)
    )


def _relative_subject(clause: Token) -> bool:
    """The relative clause's subject is the relative word (`who`, `whose party`), or none."""
    subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
    return not subjects or any(
        t.lower_ in RELATIVE_PRONOUNS or t.lower_ == "whose" for s in subjects for t in s.subtree
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


def nearest_subject(verb: Token, quoted: Regions) -> Token | None:
    """The verb's subject outside the quotes; of two set apart by a comma or dash (`In Salem,
    New Hampshire, Trump went`, `Washington (AFP) - Clinton has`: a place or dateline taken for
    a second subject), the one nearest before the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not quoted.has_token(c)]
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


def left_noun(verb: Token, quoted: Regions) -> Token | None:
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


def named_alternative(subject: Token, verb: Token, quoted: Regions) -> Token:
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
        c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != subject.i
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
        and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
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
    return phrase_head(last)


_TITLE_WORDS_MAX = 4


_TITLE_WORD_TAGS = frozenset({"NN", "JJ", "VBG", "HYPH"})


def _reporting_verb_above(verb: Token, quoted: Regions) -> Token | None:
    """A closing participle the parser hung on the reported clause (`Cruz said that Pell
    represents “...,” stating that ...`, `Trump argued that a database would keep people out,
    saying it's “...”`) belongs to the reporting clause above, not to the reported one."""
    clause = verb.head
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head  # `said Clinton will have to choose, saying ...`
    closes = verb.tag_ == "VBG" and verb.dep_ == "advcl" and clause.dep_ == "ccomp"
    return clause.head if closes and is_cue(clause.head, quoted) else None
