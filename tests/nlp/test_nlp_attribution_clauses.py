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


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
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
        # A thing does not speak while a person up the tree can.
        (
            "Rev. Derek Pennock said the city lost a voice that said “love in spite of fear is "
            "the greatest power we have.”",
            "love in spite of fear",
            "Derek Pennock",
        ),
    ],
)
def test_the_clause_the_quote_belongs_to_gives_its_speaker(
    extract: Extract, text: str, start: str, expected: str
) -> None:
    assert speaker_of(extract(text), start) == expected


def test_a_person_up_the_tree_does_not_take_a_nearer_persons_words(extract: Extract) -> None:
    """The participle of a clause about a person stays with that person."""
    text = (
        "“Who can remember how many votes we lost?” Reyes asks as a maintenance guy walks in "
        "front of her, saying he is “here to fix the holes in your wall.”"
    )
    assert speaker_of(extract(text), "here to fix") == "maintenance guy"


def test_a_headline_verb_ends_the_name_it_follows(extract: Extract) -> None:
    text = (
        "Guns Are A Crisis, Howard Dane Tells Party Convention.\n\n"
        "Guns are “the ultimate public health crisis,” Howard Dane, the former governor, "
        "proclaimed to a cheering crowd."
    )
    assert speaker_of(extract(text), "the ultimate public health crisis") == "Howard Dane"


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
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
    ],
)
def test_attributions_set_apart_from_the_quote(
    extract: Extract, text: str, start: str, expected: str
) -> None:
    assert speaker_of(extract(text), start) == expected
