"""Whose clause is it: subjects the sm parser misplaces around a quote (issue 11, classes 2, 5, 9).

Every text is invented; each sentence shape was read in real political news, where the parser
lost the subject of the reporting verb, gave it two subjects, or hung a participle on the
wrong clause, and the quote went to a place, a thing or the person being described.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from worker.records import Quote

Extract = Callable[[str], list[Quote]]


def speaker_of(quotes: list[Quote], start: str) -> str | None:
    found = [q.speaker for q in quotes if q.text.startswith(start)]
    assert found, f"no quote starting {start!r} in {[q.text for q in quotes]}"
    return found[0]


# Whose clause: subjects the parser misplaced, participles, datelines, things.
CLAUSE_OF_THE_QUOTE: list[tuple[str, str, str]] = [
    # A comma-set aside after the quote, with a short quote of its own on a pin.
    (
        "“We have had better weeks than this one,” Vermont delegate Carl Oden, wearing a "
        "cowboy hat and “Reyes for Ostland” pins, said matter-of-factly as confetti fell.",
        "We have had better weeks",
        "Carl Oden",
    ),
    # The parser put the name in the quote's clause and left the verb without a subject.
    (
        "The effort reflects her advisers’ wariness of the polls. “It is not the position "
        "that everything is hunky-dory,” Lena Dorsey, a top outside Reyes adviser, said at a "
        "forum on the economy in Ames.",
        "It is not the position",
        "Lena Dorsey",
    ),
    # A fronted preposition taken for the subject.
    (
        "Of Marlow, Kessler, who has given money to the governor, said, “He is flat-out "
        "scary. I think he is a decent man, but he is totally vapid.”",
        "He is flat-out scary",
        "Kessler",
    ),
    # A participle hanging from the speaker's noun phrase.
    (
        "Dunmore, Ostland's sitting governor, repeated claims that Pell recites the same "
        "talking points, calling him a “talented guy” who can read a teleprompter.",
        "talented guy",
        "Dunmore",
    ),
    # The one called something is not the one calling.
    (
        "Maria De Souza, speaking on a morning radio show, called Pell a “blowhard” and left.",
        "blowhard",
        "Maria De Souza",
    ),
    (
        "And Skelton called Braynor “a real smart guy. He understands the data.”",
        "a real smart guy",
        "Skelton",
    ),
    # A place before the subject, set off by a comma or a dateline dash.
    (
        "Speaking at a town hall event in Salem, New Hampshire, Dana Whitcombe went after "
        "Pell, calling him “a total stiff.”",
        "a total stiff",
        "Dana Whitcombe",
    ),
    (
        "Lindenford (AFP) – Governor Ana Reyes has taken a swipe at her rival’s stance on "
        "the accord, saying that “bombastic comments” do more harm than good.",
        "bombastic comments",
        "Ana Reyes",
    ),
    # A closing participle belongs to the reporting clause, not to the reported one.
    (
        "Senator Ola Brandt said last week that Pell represents “Lindenford values,” "
        "stating during the debate that they are “socially liberal and focused on money.”",
        "socially liberal",
        "Ola Brandt",
    ),
    (
        "Mayor Carl Oden argued that a registry would keep people from moving in "
        "illegally, saying it is “all about management.”",
        "all about management",
        "Carl Oden",
    ),
    # A quoted predicate describes the copula's subject; the one who says so speaks.
    (
        "On Saturday, Pell issued a statement saying that Scalia was “a remarkable person and "
        "a brilliant justice.”",
        "a remarkable person",
        "Pell",
    ),
    # The participle of a clause about another person stays with that person.
    (
        "“Who can remember how many votes we lost?” Reyes asks as a maintenance guy walks in "
        "front of her, saying he is “here to fix the holes in your wall.”",
        "here to fix",
        "maintenance guy",
    ),
    # A thing does not speak while a person up the tree can.
    (
        "Rev. Derek Pennock said the city lost a voice that said “love in spite of fear is "
        "the greatest power we have.”",
        "love in spite of fear",
        "Derek Pennock",
    ),
]


# Set apart from the quote: after a question or exclamation, before a colon, on a line alone.
SET_APART: list[tuple[str, str, str]] = [
    # A long attribution sentence after a question stays with the question.
    (
        "“We are calling from the Reyes campaign. How are you today?” Ilse Marrow, a "
        "retired worker from a nuclear plant, said pleasantly into the phone.",
        "We are calling",
        "Ilse Marrow",
    ),
    # A short one with a comma after an exclamation.
    ("“All the way!” Dawsey shouted, waving a sign.", "All the way!", "Dawsey"),
    # A capitalised surname the tagger took for a plural noun, before a colon.
    (
        "Sanders delivered a snappy retort: “No one is tearing this up.”",
        "No one is tearing",
        "Sanders",
    ),
    # An inverted lead-in on a line of its own names the next paragraph's speaker.
    (
        "Stone was speaking on a radio program.\n\nStated Stone:\n\n“I think the stakes "
        "are so high that they would do anything.”",
        "I think the stakes",
        "Stone",
    ),
]


# Attributions next to a second clause with its own verb or quote.
NEXT_TO_A_SECOND_CLAUSE: list[tuple[str, str, str]] = [
    # After a comma the inverted subject speaks, not the reported clause's subject.
    (
        "In particular, Ben Harlow — often the easiest person to provoke — has been “very "
        "worked up about it,” said a source close to the campaign.",
        "very worked up",
        "source close to the campaign",
    ),
    (
        "The rejection of the treaty signals “the beginning of the end” for the union, said "
        "Gert Wildman, founder of the Party for Freedom.",
        "the beginning of the end",
        "Gert Wildman",
    ),
    # A closing participle under an infinitive of the reported clause.
    (
        "Even a top Ostland strategist said Reyes will have to choose whose side she is on, "
        "saying, “At some point, she is going to have to come out.”",
        "At some point",
        "top Ostland strategist",
    ),
    # Two attribution sentences between two quotes: two speakers, not one split quote.
    (
        "The media are “shaping and framing this campaign,” Gilmour said. Fiorella, "
        "speaking to voters, said, “Last time I looked, you had not voted yet.”",
        "Last time I looked",
        "Fiorella",
    ),
    # A cue followed by another clause with its own cue and quote.
    (
        "“I never said that. I never said that,” Dana Whitcombe said, after the moderator "
        "said she had called Pell the “personal senator” of a tycoon.",
        "I never said that",
        "Dana Whitcombe",
    ),
    # A pronoun in the gap of a split quote refers to the colon clause's subject.
    (
        "Axford tweeted a joke after campaign spokesman Brian Fallow praised his boss. "
        "Fallow fired back: “As a guardian of the legacy,” he wrote, “we know you are "
        "rooting for her, too.”",
        "As a guardian",
        "Brian Fallow",
    ),
]


# Names after the quote: titles after an inverted cue, long descriptions, after an exclamation.
NAMES_AFTER_THE_QUOTE: list[tuple[str, str, str]] = [
    # Titles between an inverted cue and the name; a day is no speaker.
    (
        "“We are already at war with them,” said Pentagon spokesman Navy Capt. Joel "
        "Darvin, who was asked about the strategy.",
        "We are already at war",
        "Joel Darvin",
    ),
    # A name, a long description with verbs of its own, then `, said`.
    (
        "“Very good reporter, very good reporter this guy,” Pell, the front-runner "
        "nationally after winning the Ostland primary, said when Brody asked him a question.",
        "Very good reporter",
        "Pell",
    ),
    # A name and a past-tense verb after an exclamation keep the quote's frame.
    (
        'Dawsey lifted a sign of her own.\n\n"All the way!" Dawsey shouted, shorthand for '
        "taking the fight all the way to the convention.",
        "All the way!",
        "Dawsey",
    ),
    # A headline verb ends the name it follows.
    (
        "Guns Are A Crisis, Howard Dane Tells Party Convention.\n\n"
        "Guns are “the ultimate public health crisis,” Howard Dane, the former governor, "
        "proclaimed to a cheering crowd.",
        "the ultimate public health crisis",
        "Howard Dane",
    ),
    # A reporting verb tagged as a noun after a name.
    (
        "“Look at the statement Mr. Reyes put out after the shootings,” Conway notes. “It was "
        "very different in tone.”",
        "Look at the statement",
        "Conway",
    ),
    # A title word that is a surname names the person.
    (
        "Members of King Solomon Missionary Baptist Church sang hymns. Tennis great Billie Jean "
        "King remembered Ali as fun to be around. King says Ali “talked the talk and walked the "
        "walk.”",
        "talked the talk",
        "Billie Jean King",
    ),
]


def test_the_writer_and_a_poll_share_are_no_speakers(extract: Extract) -> None:
    text = (
        "Just shy of half, 49%, say the “sharing economy” reflects an improvement. "
        "I call it “the long goodbye.”"
    )
    assert [q.speaker for q in extract(text)] == [None, None]


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    CLAUSE_OF_THE_QUOTE + SET_APART + NEXT_TO_A_SECOND_CLAUSE + NAMES_AFTER_THE_QUOTE,
)
def test_the_quote_goes_to_the_speaker_of_its_clause(
    extract: Extract, text: str, start: str, expected: str
) -> None:
    assert speaker_of(extract(text), start) == expected
