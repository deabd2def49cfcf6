from worker.nlp.quote_marks import find_quotes
from worker.nlp.split_quotes import join_split_quotes


def texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.pieces] for q in find_quotes(text)]


def test_curly_and_straight_quotes() -> None:
    assert texts('He had a “great call” and a "long talk".') == [["great call"], ["long talk"]]


def test_mixed_curly_open_straight_close() -> None:
    assert texts('She said “we will rebuild" on Monday.') == [["we will rebuild"]]


def test_apostrophes_and_nested_single_quotes_are_not_marks() -> None:
    text = "The city’s mayor said “I told him ‘never again,’ and I meant it,” on Friday. Don't."
    assert texts(text) == [["I told him ‘never again,’ and I meant it,"]]


def test_unclosed_quote_ends_at_paragraph_and_the_rest_is_still_read() -> None:
    text = "He said “we are done here.\nLater she said “fine” and left."
    found = find_quotes(text)
    assert [[text[s:e] for s, e in q.pieces] for q in found] == [["we are done here."], ["fine"]]
    assert [q.closed for q in found] == [False, True]


def test_multi_paragraph_quote_continues_when_next_paragraph_opens_a_mark() -> None:
    text = "“First paragraph.\n“Second paragraph.\n“Third,” she said.\nNext."
    assert texts(text) == [["First paragraph.", "Second paragraph.", "Third,"]]


def test_stray_straight_mark_after_a_number_is_ignored() -> None:
    assert texts('A 6" pipe burst, the "main line" said nothing.') == [["main line"]]


def test_only_marks_and_empty_quotes_give_nothing() -> None:
    assert texts('"" “” """"') == []


def test_split_quote_joined_through_its_attribution() -> None:
    text = "“The port will reopen,” Halvorsen said, “but not before spring.”"
    joined = join_split_quotes(text, find_quotes(text))
    assert len(joined) == 1
    assert [text[s:e] for s, e in joined[0].pieces] == [
        "The port will reopen,",
        "but not before spring.",
    ]


def test_quotes_separated_by_a_full_sentence_attribution_stay_apart() -> None:
    text = "“Both sides agreed,” the ministry said. “The talks were useful.”"
    assert len(join_split_quotes(text, find_quotes(text))) == 2
