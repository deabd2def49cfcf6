"""Extraction on short articles written for each linguistic case (real spaCy model)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from worker.records import Quote

Extract = Callable[[str], list[Quote]]


def summary(quotes: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes]


def test_split_quote_is_one_quote_with_the_interrupting_speaker(extract: Extract) -> None:
    text = (
        "“The port will reopen,” Erik Halvorsen, the port's director, said, "
        "“but not before spring.”"
    )
    [quote] = extract(text)
    assert quote.text == "The port will reopen, but not before spring."
    assert quote.speaker == "Erik Halvorsen"
    assert len(quote.spans) == 2
    assert text[quote.start : quote.end].startswith("The port will reopen")
    assert text[quote.start : quote.end].endswith("spring.")


def test_quotes_before_and_after_the_attribution(extract: Extract) -> None:
    text = (
        "Mayor Ana Ortega visited the harbor on Tuesday. She said “we will rebuild every pier.”\n"
        "“It will take time,” Ortega told reporters."
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("we will rebuild every pier.", "Ana Ortega"),
        ("It will take time,", "Ana Ortega"),
    ]
    assert [q.cue for q in quotes] == ["said", "told"]
    assert quotes[1].speaker_mention == "Ortega"


def test_partial_quote_inside_a_sentence(extract: Extract) -> None:
    [quote] = extract("Mr. Trump told reporters that he had a “great call” with Mr. Putin.")
    assert (quote.text, quote.speaker, quote.cue) == ("great call", "Trump", "told")


def test_multi_paragraph_quote(extract: Extract) -> None:
    text = (
        "Gov. Lisa Brandt spoke for an hour.\n“The state will pay for the repairs.\n"
        "“We will not leave anyone behind,” she said."
    )
    [quote] = extract(text)
    assert quote.text == "The state will pay for the repairs. We will not leave anyone behind,"
    assert quote.speaker == "Lisa Brandt"
    assert len(quote.spans) == 2


def test_institution_speakers_and_the_statement_refers_back(extract: Extract) -> None:
    text = (
        "The trains will be “back within a week,” according to the city's transit authority.\n"
        "The mayor's office said in a statement that the closure was “regrettable but necessary.”\n"
        "“Crews are working around the clock,” the statement said."
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("back within a week,", "city's transit authority"),
        ("regrettable but necessary.", "mayor's office"),
        ("Crews are working around the clock,", "mayor's office"),
    ]
    assert quotes[0].cue == "according to"
    assert {q.speaker_type for q in quotes} == {"organization"}
    assert quotes[2].speaker_mention == "the statement"


def test_statement_owner_from_its_own_statement(extract: Extract) -> None:
    text = (
        "The White House said in its own statement that both leaders “stressed the importance "
        "of talks.” “The presidents agreed to meet again,” the statement said."
    )
    assert [q.speaker for q in extract(text)] == ["White House", "White House"]


def test_role_pronoun_and_unattributed_paragraph(extract: Extract) -> None:
    text = (
        "Gov. Lisa Brandt toured the district on Monday. Residents greeted her warmly.\n"
        "“This is a disaster,” the governor said.\n"
        "“We need federal help now.”\n"
        "Erik Halvorsen disagreed. “The damage is limited,” he said."
    )
    assert summary(extract(text)) == [
        ("This is a disaster,", "Lisa Brandt"),
        ("We need federal help now.", "Lisa Brandt"),
        ("The damage is limited,", "Erik Halvorsen"),
    ]


def test_pronoun_respects_known_gender(extract: Extract) -> None:
    text = (
        "Ms. Ana Ortega met Mr. Erik Halvorsen at the port. Halvorsen spoke first.\n"
        "“We are behind schedule,” she said."
    )
    assert [q.speaker for q in extract(text)] == ["Ana Ortega"]


def test_colon_introductions(extract: Extract) -> None:
    text = "Ana Ortega said: “We will not give up.”\nShe added: “The city has survived worse.”"
    quotes = extract(text)
    assert summary(quotes) == [
        ("We will not give up.", "Ana Ortega"),
        ("The city has survived worse.", "Ana Ortega"),
    ]
    assert [q.cue for q in quotes] == ["said", "added"]


def test_colon_at_paragraph_end_hands_over_to_the_quote_paragraph(extract: Extract) -> None:
    text = "Port director Erik Halvorsen said:\n“The cranes are back and the ships are coming.”"
    assert [q.speaker for q in extract(text)] == ["Erik Halvorsen"]


def test_called_described_wrote_in_a_post(extract: Extract) -> None:
    text = (
        "Lisa Brandt called the plan “reckless and unworkable.” Ana Ortega described the vote as "
        "“a victory for common sense.” Erik Halvorsen wrote in a post that the decision was "
        "“long overdue.”"
    )
    quotes = extract(text)
    assert summary(quotes) == [
        ("reckless and unworkable.", "Lisa Brandt"),
        ("a victory for common sense.", "Ana Ortega"),
        ("long overdue.", "Erik Halvorsen"),
    ]
    assert [q.cue for q in quotes] == ["called", "described", "wrote"]


def test_inverted_attribution(extract: Extract) -> None:
    text = "“We are ready,” said Erik Halvorsen, the port's director."
    assert summary(extract(text)) == [("We are ready,", "Erik Halvorsen")]


@pytest.mark.parametrize(
    "text",
    [
        "Critics attacked the so-called “blue wall” strategy on Monday.",
        "Ana Ortega said she had watched the film “Night Harbor” twice.",
        "The group, known as “Friends of the Pier,” met on Monday.",
        "Volunteers painted “Welcome Home” on the old harbor wall.",
    ],
)
def test_scare_quotes_and_titles_are_not_attributed_quotes(extract: Extract, text: str) -> None:
    assert extract(text) == []


def test_mixed_marks_and_unclosed_quote_do_not_lose_later_quotes(extract: Extract) -> None:
    text = (
        "Ana Ortega said “the port is open on Friday.\n"
        'Erik Halvorsen said “nothing is settled" yet.'
    )
    assert summary(extract(text)) == [
        ("the port is open on Friday.", "Ana Ortega"),
        ("nothing is settled", "Erik Halvorsen"),
    ]


def test_names_are_canonical_within_an_article(extract: Extract) -> None:
    text = (
        "U.S. President Donald Trump spoke with Russian President Vladimir Putin. "
        "Mr. Trump said the call was “great.” “We talked about Syria,” Trump said. "
        "The president said it was “very productive.”"
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Donald Trump"] * 3
    assert [q.speaker_mention for q in quotes] == ["Mr. Trump", "Trump", "The president"]
    assert {q.speaker_type for q in quotes} == {"person"}


def test_quote_ids_and_offsets_point_into_the_text(extract: Extract) -> None:
    text = "Ana Ortega said “one.” Erik Halvorsen said “two.”"
    quotes = extract(text)
    assert [q.id for q in quotes] == ["t-q1", "t-q2"]
    assert [text[q.start : q.end] for q in quotes] == ["one.", "two."]


@pytest.mark.parametrize("text", ["", "   \n\n ", "No quotes in here at all.", "“", "” “ ” “"])
def test_texts_without_quotes_give_nothing(extract: Extract, text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“This is not over,” warned union leader Maria Soto. “We will be back.”",
            [("This is not over,", "Maria Soto"), ("We will be back.", "Maria Soto")],
        ),
        (
            "The governor's office said the plan would “protect every family,” but critics "
            "called it “a fantasy.”",
            [("protect every family,", "governor's office"), ("a fantasy.", "critics")],
        ),
        (
            # A document noun alone names no speaker (issue 11, class 3); its owner would.
            "According to the report, the river rose “faster than at any time in a century.”",
            [("faster than at any time in a century.", None)],
        ),
        (
            "A spokeswoman for the ministry, Anna Lind, said the talks had been “constructive.”",
            [("constructive.", "Anna Lind")],
        ),
        (
            "Speaking in the regional capital, Marsden, Olsen called the flood “a disaster for "
            "the valley.”",
            [("a disaster for the valley.", "Olsen")],
        ),
        (
            "Club chairman Gareth Pryce hailed the result as “a great day for this town.”",
            [("a great day for this town.", "Gareth Pryce")],
        ),
        (
            "Tom Reilly stood on a folding chair.\n“We will fight this with everything we have.”",
            [("We will fight this with everything we have.", "Tom Reilly")],
        ),
        (
            "The Office of the President released the following statement:\n“The talks went well.”",
            [("The talks went well.", "Office of the President")],
        ),
        (
            "Ms. Ortega, who was elected mayor two years ago, spoke first. The mayor said the "
            "fund was “nearly empty.”",
            [("nearly empty.", "Ortega")],
        ),
    ],
)
def test_attribution_patterns(extract: Extract, text: str, expected: list[tuple[str, str]]) -> None:
    assert summary(extract(text)) == expected
