"""The printed view: local repairs whose offsets map back into the submitted text."""

from __future__ import annotations

from worker.nlp import quote_marks
from worker.nlp.quote_marks import find_quotes, printed_view
from worker.nlp.text_repair import Edit, apply_edits, repair


def test_mojibake_is_repaired_character_by_character() -> None:
    text = "Ms. JosÃ©e Marr said â€œwe donâ€™t know yetâ€\x9d on Monday."
    view = repair(text)
    assert view.text == "Ms. Josée Marr said “we don’t know yet” on Monday."
    # Every view boundary outside a repaired character maps to the same words in the original.
    start = view.text.index("we")
    end = view.text.index("”")
    assert text[view.to_original(start) : view.to_original(end)] == "we donâ€™t know yet"
    assert view.to_original(len(view.text)) == len(text)


def test_a_closing_mark_with_its_last_byte_dropped_is_restored() -> None:
    # `”` is E2 80 9D and 0x9D has no Windows-1252 character: it is often lost, leaving `â€`.
    view = repair("â€œAgreed,â€ she said.")
    assert view.text == "“Agreed,” she said."


def test_legitimate_accents_and_marks_are_left_alone() -> None:
    text = "José Núñez’s café, “naïve” résumé — Ångström, São Tomé, 90°."
    assert repair(text).text == text
    assert not repair(text).changed


def test_views_compose_back_to_the_original() -> None:
    text = "â€œabâ€\x9d cd"
    first = repair(text)
    assert first.text == "“ab” cd"
    second = first.then([Edit(5, 7, "CDE")])
    assert second.text == "“ab” CDE"
    assert second.to_original(5) == text.index("cd")
    assert second.to_original(8) == len(text)
    assert second.to_original(1) == 3  # after `â€œ`


def test_apply_edits_skips_no_op_and_overlapping_edits() -> None:
    view = apply_edits("abcdef", [Edit(1, 3, "bc"), Edit(2, 4, "X"), Edit(3, 5, "D")])
    assert view.text == "abXef"
    assert view.spans == ((2, 3, 2, 4),)
    assert view.to_original(3) == 4


def test_printed_view_is_stable_when_applied_again() -> None:
    for text in [
        "''We won,'' said Ada Lorne. She said ``fine'' and the workers''' pay rose.",
        "'We will win,' said Kit Varn. 'He told me \"never\",' she said.",
        "â€œWe realÃ¢€ly won,â€ said Ada Lorne.",
    ]:
        once = printed_view(text).text
        quote_marks._RECENT_VIEWS.clear()  # read it afresh, not as a view already made
        assert printed_view(once).text == once


def test_find_quotes_reports_offsets_into_the_text_as_given() -> None:
    text = "``Yes,'' said Ada Lorne. ''No,'' said Kit Varn. â€œMaybe,â€ said Ola Brenn."
    pieces = [[text[s:e] for s, e in q.pieces] for q in find_quotes(text)]
    assert pieces == [["Yes,"], ["No,"], ["Maybe,"]]
    regions = [text[q.region[0] : q.region[1]] for q in find_quotes(text)]
    assert regions == ["``Yes,''", "''No,''", "â€œMaybe,â€"]
