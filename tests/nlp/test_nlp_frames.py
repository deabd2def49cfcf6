from worker.nlp.frames import split_frames
from worker.nlp.quote_marks import find_quotes
from worker.nlp.split_quotes import join_split_quotes


def frames(text: str) -> list[str]:
    quotes = join_split_quotes(text, find_quotes(text))
    return [text[f.start : f.end] for f in split_frames(text, quotes)]


def test_sentences_inside_quotes_do_not_split_the_frame() -> None:
    text = "“We will rebuild. It will take years,” Ortega said. The council met."
    assert frames(text) == [
        "“We will rebuild. It will take years,” Ortega said.",
        "The council met.",
    ]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Gov. Lisa M. Brandt met Mr. Ortega in the U.S. capital. They talked."
    assert frames(text) == [
        "Gov. Lisa M. Brandt met Mr. Ortega in the U.S. capital.",
        "They talked.",
    ]


def test_question_followed_by_its_attribution_stays_one_frame() -> None:
    text = "“Why now?” Ortega asked. “Because it is time.”"
    assert frames(text) == ["“Why now?” Ortega asked.", "“Because it is time.”"]


def test_paragraph_breaks_end_frames() -> None:
    assert frames("One line without stop\nAnother line") == [
        "One line without stop",
        "Another line",
    ]
