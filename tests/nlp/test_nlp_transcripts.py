"""Reading primary sources: speaker labels, transcript turns and statements (no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.nlp.transcripts import Turn, parse_label, read_primary

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


def words_of(text: str, turn: Turn) -> str:
    return " ".join(text[start:end] for start, end in turn.spans)


@pytest.mark.parametrize(
    ("line", "kind", "name", "title"),
    [
        ("ANA ORTEGA (Mayor): Good morning.", "named", "Ana Ortega", "Mayor"),
        ("ERIK HALVORSEN (Port Director):", "named", "Erik Halvorsen", "Port Director"),
        ("MAYOR ORTEGA: Thank you.", "named", "Mayor Ortega", None),
        ("MS. O'BRIEN: Yes.", "named", "Ms. O'Brien", None),
        ("Mayor Ortega: Thank you.", "named", "Mayor Ortega", None),
        ("Ana Ortega (Mayor): Thank you.", "named", "Ana Ortega", "Mayor"),
        (
            "  DR. LENA VOSS, CHIEF MEDICAL OFFICER: We are ready.",
            "named",
            "Dr. Lena Voss",
            "Chief Medical Officer",
        ),
        ("Q: Is the fund enough?", "question", None, None),
        ("REPORTER: And the port?", "question", None, None),
        ("Q (Jane Doe, Herald): And the port?", "named", "Jane Doe", None),
        ("A: Frankly, no.", "answer", None, None),
    ],
)
def test_speaker_labels(line: str, kind: str, name: str | None, title: str | None) -> None:
    label = parse_label(line)
    assert label is not None
    assert (label.kind, label.name, label.title) == (kind, name, title)
    assert line[label.end :].strip() == line.split(":", 1)[1].strip()


@pytest.mark.parametrize(
    "line",
    [
        "Media contact: Office of Communications, press@kvrta.example",
        "MEDIA CONTACT: press@kvrta.example",
        "Transcript: News conference on the Quay Street flooding",
        "Speakers: Mayor Ana Ortega; Port Director Erik Halvorsen",
        "NOTE TO EDITORS: photos are available.",
        "City Hall, Council Chamber, Wednesday, January 15, 10:02 a.m.",
        "The sirens sounded at 9:40.",
        "Our message is simple: we will rebuild.",
        "Effective Immediately: the fare rises.",
        "This is a sentence that is far too long to be anybody's name: really.",
    ],
)
def test_lines_that_are_not_speaker_labels(line: str) -> None:
    assert parse_label(line) is None


def test_gold_transcript_turns() -> None:
    text = (GOLD / "port-talbin-flood" / "primary" / "transcript.txt").read_text()
    primary = read_primary(text)
    assert primary.labelled
    assert primary.speakers() == [("Ana Ortega", "Mayor"), ("Erik Halvorsen", "Port Director")]
    header, first = primary.turns[0], primary.turns[1]
    assert header.speaker is None and not header.question
    assert words_of(text, first).startswith("Good morning, everyone.")
    questions = [turn for turn in primary.turns if turn.question]
    assert len(questions) == 4
    assert all(turn.speaker is None for turn in questions)
    assert words_of(text, questions[0]) == (
        "Mayor, is the city's emergency fund enough to cover this?"
    )
    last = primary.turns[-1]
    assert (last.speaker, words_of(text, last)) == (
        "Ana Ortega",
        "Thank you. We'll brief you again at five o'clock.",
    )


def test_question_and_answer_labels_take_the_given_speaker() -> None:
    text = "Q: Will fares rise again?\nA: Not this year.\n\nQ: And service?\nA: It stays."
    primary = read_primary(text, "Transit Authority")
    assert [(t.speaker, t.question, words_of(text, t)) for t in primary.turns] == [
        (None, True, "Will fares rise again?"),
        ("Transit Authority", False, "Not this year."),
        (None, True, "And service?"),
        ("Transit Authority", False, "It stays."),
    ]


def test_answers_without_a_given_speaker_are_the_last_named_speakers() -> None:
    text = "LENA VOSS (Director): Welcome.\nQ: Any cases?\nA: Two, both stable."
    turns = read_primary(text).turns
    assert [(t.speaker, t.title) for t in turns] == [
        ("Lena Voss", "Director"),
        (None, None),
        ("Lena Voss", "Director"),
    ]


def test_a_turn_runs_over_paragraphs_and_skips_stage_directions() -> None:
    text = (
        "LENA VOSS: First paragraph.\n\n[LAUGHTER]\n\nSecond paragraph.\n"
        "MARK HALE: My turn.\n[END OF TRANSCRIPT]\n"
    )
    turns = read_primary(text).turns
    assert [(t.speaker, words_of(text, t)) for t in turns] == [
        ("Lena Voss", "First paragraph. Second paragraph."),
        ("Mark Hale", "My turn."),
    ]
    assert all(text[s:e].strip() == text[s:e] for t in turns for s, e in t.spans)


def test_a_statement_is_one_speakers_words() -> None:
    text = (GOLD / "kessling-transit-fares" / "primary" / "statement.txt").read_text()
    primary = read_primary(text, "KVRTA")
    assert not primary.labelled
    assert [turn.speaker for turn in primary.turns] == ["KVRTA"]
    (turn,) = primary.turns
    assert "every day." in words_of(text, turn)
    assert "Media contact: Office of Communications" in words_of(text, turn)


def test_unlabelled_text_without_a_speaker_is_nobodys() -> None:
    primary = read_primary("We will rebuild.\n\nThat is a promise.")
    assert not primary.labelled
    assert [turn.speaker for turn in primary.turns] == [None]
    assert primary.speakers() == []


def test_a_role_label_is_also_the_speakers_title() -> None:
    label = parse_label("THE PRESIDENT: Thank you all.")
    assert label is not None
    assert (label.name, label.title) == ("The President", "President")


def test_plain_name_labels_count_where_they_recur() -> None:
    text = (
        "Briefing notes\n"
        "Ortega: We will rebuild.\n"
        "Halvorsen: The port will reopen.\n"
        "Ortega: Thank you.\n"
        "Background: not a speaker.\n"
    )
    turns = read_primary(text).turns
    assert [(t.speaker, words_of(text, t)) for t in turns] == [
        (None, "Briefing notes"),
        ("Ortega", "We will rebuild."),
        ("Halvorsen", "The port will reopen."),
        ("Ortega", "Thank you. Background: not a speaker."),
    ]
    once = "Our view: we will rebuild.\nOrtega: Thank you.\n"
    assert not read_primary(once, "City").labelled


# Label forms of real transcripts (issue 12, item 6). Invented people.
@pytest.mark.parametrize(
    ("line", "kind", "name", "title", "speech"),
    [
        (
            "Ana Ortega, Mayor of Port Talbin: Good morning.",
            "named",
            "Ana Ortega",
            "Mayor of Port Talbin",
            "Good morning.",
        ),
        ("ANA ORTEGA, Mayor: Good morning.", "named", "Ana Ortega", "Mayor", "Good morning."),
        (
            "Tomas Brenn, Secretary of the Interior: We are ready.",
            "named",
            "Tomas Brenn",
            "Secretary of the Interior",
            "We are ready.",
        ),
        ("PRESIDENT VALEN: Thank you all.", "named", "President Valen", None, "Thank you all."),
        ("MR. KESTREL: Next question.", "named", "Mr. Kestrel", None, "Next question."),
        ("Q    Mr. President, will you sign it?", "question", None, None, "Mr. President, will"),
        ("Q. Will you sign it?", "question", None, None, "Will you sign it?"),
        ("A.  Not this week.", "answer", None, None, "Not this week."),
        ("A    Not this week.", "answer", None, None, "Not this week."),
        ("**ANA ORTEGA:** Good morning.", "named", "Ana Ortega", None, "Good morning."),
        ("**Ana Ortega**: Good morning.", "named", "Ana Ortega", None, "Good morning."),
        (
            "**Ana Ortega (Mayor):** Good morning.",
            "named",
            "Ana Ortega",
            "Mayor",
            "Good morning.",
        ),
        ("**Q:** And the port?", "question", None, None, "And the port?"),
    ],
)
def test_transcript_label_forms(
    line: str, kind: str, name: str | None, title: str | None, speech: str
) -> None:
    label = parse_label(line)
    assert label is not None
    assert (label.kind, label.name, label.title) == (kind, name, title)
    assert line[label.end :].startswith(speech)


@pytest.mark.parametrize(
    "line",
    [
        "Yes, Minister: we will.",
        "Jane Doe, chief executive of Acme, said: we are thrilled.",
        "Port Talbin, Wednesday: the council met.",
        "On Harbours, Voters Know Best: The Case for the Sea Wall",
        "A new plan: the port reopens in spring.",
        "Q and A: the mayor answers.",
        "[LAUGHTER]",
        "**Note to editors:** photos are available.",
    ],
)
def test_sentences_that_look_like_the_new_label_forms(line: str) -> None:
    assert parse_label(line) is None
    assert parse_label(line, loose=True) is None or line.startswith("Yes")


def test_bracketed_names_label_turns_where_they_recur() -> None:
    text = (
        "[ANA ORTEGA] Good morning. The water is going down.\n"
        "[LAUGHTER]\n"
        "[ERIK HALVORSEN]\n"
        "The port will reopen in spring.\n"
        "[CROSSTALK]\n"
        "[ANA ORTEGA]: Thank you.\n"
    )
    primary = read_primary(text)
    assert primary.labelled
    assert [(t.speaker, words_of(text, t)) for t in primary.turns] == [
        ("Ana Ortega", "Good morning. The water is going down."),
        ("Erik Halvorsen", "The port will reopen in spring."),
        ("Ana Ortega", "Thank you."),
    ]
    once = "[APPLAUSE]\nWe will rebuild.\n"
    assert not read_primary(once, "City").labelled


def test_a_white_house_style_transcript() -> None:
    text = (
        "PRESIDENT VALEN: Thank you. We signed the accord this morning.\n\n"
        "Q    Mr. President, will the border reopen?\n\n"
        "PRESIDENT VALEN: It will reopen on Monday.\n\n"
        "Q Will you meet the premier?\n"
        "A Not this week.\n\n"
        "MR. KESTREL: Last question.\n"
    )
    turns = read_primary(text).turns
    assert [(t.speaker, t.question, words_of(text, t)) for t in turns] == [
        ("President Valen", False, "Thank you. We signed the accord this morning."),
        (None, True, "Mr. President, will the border reopen?"),
        ("President Valen", False, "It will reopen on Monday."),
        (None, True, "Will you meet the premier?"),
        ("President Valen", False, "Not this week."),
        ("Mr. Kestrel", False, "Last question."),
    ]


def test_a_name_and_title_transcript_is_read_turn_by_turn() -> None:
    text = (
        "Ana Ortega, Mayor of Port Talbin: The sea wall will be rebuilt by spring.\n\n"
        "Erik Halvorsen, Port Director: The harbour stays closed until then.\n\n"
        "**Q:** What will it cost?\n\n"
        "Ana Ortega, Mayor of Port Talbin: About forty million.\n"
    )
    primary = read_primary(text)
    assert primary.speakers() == [
        ("Ana Ortega", "Mayor of Port Talbin"),
        ("Erik Halvorsen", "Port Director"),
    ]
    speakers = [turn.speaker for turn in primary.turns]
    assert speakers == ["Ana Ortega", "Erik Halvorsen", None, "Ana Ortega"]


def test_bold_names_on_their_own_lines_label_turns_where_they_recur() -> None:
    text = (
        "**Background**\nThe council met on Tuesday.\n\n"
        "**Ana Ortega**\nThe sea wall will be rebuilt.\n\n"
        "**Erik Halvorsen**\nThe port reopens in spring.\n\n"
        "**Ana Ortega**\nThank you.\n"
    )
    primary = read_primary(text)
    assert [(t.speaker, words_of(text, t)) for t in primary.turns] == [
        (None, "**Background** The council met on Tuesday."),
        ("Ana Ortega", "The sea wall will be rebuilt."),
        ("Erik Halvorsen", "The port reopens in spring."),
        ("Ana Ortega", "Thank you."),
    ]
    assert not read_primary("**Ana Ortega**\nThe sea wall will be rebuilt.\n", "City").labelled
