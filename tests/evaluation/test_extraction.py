"""Quote matching: the 60% rule, "together", optional texts and speakers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from worker.evaluation.extraction import speaker_is_right, together_coverage
from worker.evaluation.score import score_report
from worker.evaluation.words import words

from .helpers import make_story, report


def one_article(quotes: dict[str, list[str]], optional: list[str] | None = None) -> dict[str, Any]:
    return {
        "story": "s",
        "speakers": {"trump": ["trump"], "wh": ["white house"], "kp": ["kremlin", "putin"]},
        "articles": {"x": {"quotes": quotes, "optional": optional or []}},
        "pairs": [],
    }


FIVE = "one two three four five"


def test_gold_found_at_exactly_sixty_percent(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g": [FIVE, "trump"]}))
    score = score_report(story, report({"x": [("x-q1", "one three five", "Trump")]}))
    assert score.counts.found == 1
    assert score.counts.correct == 1


def test_gold_not_found_below_sixty_percent(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g": [FIVE, "trump"]}))
    score = score_report(story, report({"x": [("x-q1", "one two", "Trump")]}))
    assert score.counts.found == 0
    assert score.counts.recall == 0.0
    # The reported words are all gold words, so the report itself is correct.
    assert score.counts.correct == 1


def test_reported_quote_correct_boundary(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g": [FIVE, "trump"]}))
    ok = score_report(story, report({"x": [("q", "one two three extra words", "Trump")]}))
    bad = score_report(story, report({"x": [("q", "one two three more extra words", "Trump")]}))
    assert ok.counts.correct == 1
    assert bad.counts.correct == 0
    assert bad.counts.reported == 1
    assert bad.counts.precision == 0.0


def test_split_quote_reported_in_pieces_is_found_together(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g": ["a b c d e f g h i j", "trump"]}))
    pieces = [("q1", "a b c d", "Trump"), ("q2", "e f g h", "Trump")]
    assert score_report(story, report({"x": pieces})).counts.found == 1
    assert score_report(story, report({"x": pieces[:1]})).counts.found == 0


def test_unrelated_quotes_sharing_common_words_do_not_add_up(tmp_path: Path) -> None:
    # Seed case: "very important." must not count as found from its neighbours' words.
    story = make_story(tmp_path, one_article({"g": ["very important.", "trump"]}))
    reported = [
        ("q1", "very strongly about bringing peace to Syria,", "Trump"),
        ("q2", "extraordinarily important.", "Trump"),
    ]
    score = score_report(story, report({"x": reported}))
    assert score.counts.found == 0
    assert score.counts.correct == 0


def test_merged_report_of_two_gold_quotes_is_correct(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g1": ["a b c d", "kp"], "g2": ["e f g h", "kp"]}))
    score = score_report(story, report({"x": [("q", "a b c d e f g h", "Kremlin")]}))
    assert score.counts.found == 2
    assert score.counts.correct == 1
    assert score.counts.f1 == 1.0


def test_optional_matches_are_not_counted(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g": [FIVE, "trump"]}, ["fake news media"]))
    reported = [("q1", FIVE, "Trump"), ("q2", "fake news", "Trump")]
    score = score_report(story, report({"x": reported}))
    assert score.counts.reported == 1
    assert score.counts.optional_ignored == 1
    assert score.counts.precision == 1.0
    # Without the optional annotation the same report is a false positive.
    plain = make_story(tmp_path / "plain", one_article({"g": [FIVE, "trump"]}))
    assert score_report(plain, report({"x": reported})).counts.precision == 0.5


def test_speaker_from_the_quote_overlapping_most(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g": ["a b c d e f g h i j", "trump"]}))
    reported = [("q1", "a b c", "White House"), ("q2", "d e f g h i j", "Donald J. Trump")]
    score = score_report(story, report({"x": reported}))
    assert score.counts.speaker_right == 1
    swapped = [("q1", "a b c", "Donald Trump"), ("q2", "d e f g h i j", "White House")]
    assert score_report(story, report({"x": swapped})).counts.speaker_right == 0


def test_null_speaker_is_wrong_and_accuracy_is_over_found(tmp_path: Path) -> None:
    quotes = {"g1": ["a b c", "wh"], "g2": ["d e f", "trump"], "g3": ["x y z", "kp"]}
    story = make_story(tmp_path, one_article(quotes))
    reported = [("q1", "a b c", "the White House"), ("q2", "d e f", None)]
    counts = score_report(story, report({"x": reported})).counts
    assert (counts.found, counts.speaker_right) == (2, 1)
    assert counts.speaker_accuracy == 0.5


def test_speaker_alias_containment() -> None:
    assert speaker_is_right("U.S. President Donald Trump", ["trump"])
    assert speaker_is_right("KREMLIN spokesman", ["kremlin", "putin"])
    assert speaker_is_right("Vladimir Putin", ["kremlin", "putin"])
    assert not speaker_is_right("White House", ["trump"])
    assert not speaker_is_right(None, ["trump"])
    assert not speaker_is_right("", ["trump"])


def test_together_counts_each_target_word_once() -> None:
    target = words("a b c d e")
    assert together_coverage(target, [words("a b c"), words("a b c")]) == 3
    assert together_coverage(target, [words("a b"), words("d e")]) == 4
    assert together_coverage(target, []) == 0


def test_quotes_of_other_articles_do_not_count(tmp_path: Path) -> None:
    spec = one_article({"g": [FIVE, "trump"]})
    spec["articles"]["y"] = {"quotes": {"h": ["six seven eight", "wh"]}}
    story = make_story(tmp_path, spec)
    score = score_report(story, report({"y": [("y-q1", FIVE, "Trump")]}))
    assert score.counts.found == 0
    assert score.counts.correct == 0


def test_speakers_not_names_are_whole_words() -> None:
    assert not speaker_is_right("Michelle Obama", ["obama"], ["michelle"])
    assert not speaker_is_right("First Lady MICHELLE Obama", ["obama"], ["michelle"])
    assert speaker_is_right("Barack Obama", ["obama"], ["michelle"])
    assert speaker_is_right("Michelleville mayor Obama", ["obama"], ["michelle"])


def test_unscored_speakers_count_for_extraction_only(tmp_path: Path) -> None:
    spec = one_article({"g1": ["a b c", "trump"], "g2": ["d e f", "who"], "g3": ["x y z", "kp"]})
    spec["speakers"]["who"] = []
    spec["unscored_speakers"] = ["kp"]
    story = make_story(tmp_path, spec)
    reported = [("q1", "a b c", "Trump"), ("q2", "d e f", "Someone"), ("q3", "x y z", None)]
    counts = score_report(story, report({"x": reported})).counts
    assert (counts.found, counts.gold_scored, counts.speaker_scored) == (3, 1, 1)
    assert counts.speaker_accuracy == 1.0
    missed = score_report(story, report({"x": reported[1:]})).counts
    assert (missed.speaker_scored, missed.gold_scored, missed.speaker_accuracy_all) == (0, 1, 0.0)


def test_gold_offsets_break_ties_between_equal_reports(tmp_path: Path) -> None:
    spec = one_article({"g": ["we stand with the farmers", "trump"]})
    spec["articles"]["x"]["offsets"] = {"g": 400}
    story = make_story(tmp_path, spec)

    def quotes(first: int, second: int) -> dict[str, Any]:
        data = report(
            {
                "x": [
                    ("q1", "we stand with the farmers", "White House"),
                    ("q2", "we stand with the farmers", "Donald Trump"),
                ]
            }
        )
        starts = iter((first, second))
        for quote in data["articles"][0]["quotes"]:
            quote["start"] = next(starts)
        return data

    assert score_report(story, quotes(10, 398)).counts.speaker_right == 1
    assert score_report(story, quotes(401, 900)).counts.speaker_right == 0
    # Without starts the earlier report stands for the gold quote.
    assert (
        score_report(
            story,
            report(
                {
                    "x": [
                        ("q1", "we stand with the farmers", "White House"),
                        ("q2", "we stand with the farmers", "Trump"),
                    ]
                }
            ),
        ).counts.speaker_right
        == 0
    )


def test_scattered_words_of_a_long_report_do_not_find_a_short_quote(tmp_path: Path) -> None:
    story = make_story(tmp_path, one_article({"g": ["prices will fall next spring", "trump"]}))
    # All five gold words occur in order (plain LCS 5/5), but never close together.
    scattered = (
        "prices rose sharply in the north while out in the south wages will stay flat "
        "and rents fall a great deal over the months before next spring"
    )
    counts = score_report(story, report({"x": [("q", scattered, "Trump")]})).counts
    assert counts.found == 0
    close = "as everyone expects prices will certainly fall by next spring"
    assert score_report(story, report({"x": [("q", close, "Trump")]})).counts.found == 1
