"""Gold loading and validation: annotator mistakes must be loud."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from worker.evaluation.gold import GoldError, load_folder, load_story, locatable
from worker.evaluation.words import words

from .helpers import write_story

SEEDS = Path(__file__).resolve().parents[1] / "data" / "gold" / "seeds" / "seeds.json"


def spec() -> dict[str, Any]:
    return {
        "story": "s",
        "speakers": {"ann": ["ann"], "bob": ["bob", "robert"]},
        "articles": {
            "x": {"quotes": {"x1": ["we will win", "ann"]}, "optional": ["fake news"]},
            "y": {"quotes": {"y1": ["we will surely win", "bob"]}},
        },
        "pairs": [["x1", "y1", "variant", "minor", False]],
    }


def test_seed_gold_loads_cleanly() -> None:
    story = load_story(SEEDS)
    assert story.story == "seeds"
    assert story.quote_count == 22
    assert len(story.pairs) == 7
    assert story.warnings == ()
    assert story.quote("w4").words[0] == "were"


def test_file_paths_are_relative_to_the_json(tmp_path: Path) -> None:
    path = write_story(tmp_path / "deep" / "s", spec())
    story = load_story(path)
    assert [a.source for a in story.articles] == ["x", "y"]
    assert "we will win" in story.articles[0].text
    assert story.articles[0].optional == ("fake news",)
    assert story.speakers["bob"] == ("bob", "robert")


def test_folder_is_searched_recursively_and_filtered(tmp_path: Path) -> None:
    write_story(tmp_path / "a", spec())
    other = spec()
    other["story"] = "t"
    write_story(tmp_path / "b" / "c", other)
    assert [s.story for s in load_folder(tmp_path)] == ["s", "t"]
    assert [s.story for s in load_folder(tmp_path, ["t"])] == ["t"]


def test_duplicate_story_names_are_rejected(tmp_path: Path) -> None:
    write_story(tmp_path / "a", spec())
    write_story(tmp_path / "b", spec())
    with pytest.raises(GoldError, match="already defined"):
        load_folder(tmp_path)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["articles"]["x"]["quotes"].update(x2=["hi there", "eve"]), "unknown speaker"),
        (lambda d: d["pairs"].append(["x1", "z9", "consistent", None, True]), "unknown quote id"),
        (lambda d: d["pairs"].__setitem__(0, ["x1", "y1", "variant", None, True]), "severity"),
        (
            lambda d: d["pairs"].__setitem__(0, ["x1", "y1", "consistent", "minor", True]),
            "severity null",
        ),
        (lambda d: d["pairs"].__setitem__(0, ["x1", "y1", "same", None, True]), "relation"),
        (
            lambda d: d["pairs"].__setitem__(0, ["x1", "y1", "consistent", None, "yes"]),
            "same_speaker",
        ),
        (lambda d: d["pairs"].append(["y1", "x1", "variant", "minor", False]), "duplicate pair"),
        (lambda d: d["articles"]["y"]["quotes"].update(x1=["again", "ann"]), "duplicate quote id"),
        (lambda d: d["articles"]["x"]["quotes"].update(x3=["…", "ann"]), "no words"),
    ],
)
def test_structural_mistakes_are_errors(tmp_path: Path, mutate: Any, message: str) -> None:
    path = write_story(tmp_path, spec())
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data))
    with pytest.raises(GoldError, match=message):
        load_story(path)


def test_same_article_pair_is_an_error(tmp_path: Path) -> None:
    data = spec()
    data["articles"]["x"]["quotes"]["x2"] = ["another line", "ann"]
    data["pairs"].append(["x1", "x2", "consistent", None, True])
    with pytest.raises(GoldError, match="same article"):
        load_story(write_story(tmp_path, data))


def test_missing_article_file_is_an_error(tmp_path: Path) -> None:
    path = write_story(tmp_path, spec())
    (tmp_path / "y.txt").unlink()
    with pytest.raises(GoldError, match="cannot read"):
        load_story(path)


def test_unlocatable_gold_text_is_a_warning(tmp_path: Path) -> None:
    data = spec()
    story = load_story(
        write_story(
            tmp_path,
            data,
            texts={"x": "“we will win” fake news", "y": "“we will not win,” said Bob."},
        )
    )
    assert len(story.warnings) == 1
    assert "y1" in story.warnings[0]


def test_split_quotes_are_locatable() -> None:
    article = words("“We will,” she said, “win this.” Later “we” spoke.")
    assert locatable(article, words("We will win this."))
    assert not locatable(article, words("We will lose this."))
    assert not locatable(article, words("win this we will"))


def test_primary_sources_are_passed_to_the_pipeline(tmp_path: Path) -> None:
    from worker.evaluation.pipeline import story_articles, story_primaries

    data = spec()
    data["articles"]["y"].update(primary=True, speaker="Bob Jones")
    story = load_story(write_story(tmp_path, data))
    assert [(a.id, a.source) for a in story_articles(story)] == [("x", "x")]
    [primary] = story_primaries(story)
    assert (primary.id, primary.source, primary.speaker) == ("y", "y", "Bob Jones")
    assert "we will surely win" in primary.text


def test_optional_fields_are_read(tmp_path: Path) -> None:
    data = spec()
    data["speakers"]["who"] = []
    data["articles"]["x"]["quotes"]["x2"] = ["they never called", "who"]
    data.update(
        unscored_speakers=["bob"],
        speakers_not={"ann": ["anna"]},
        speaker_sources={"ann": "Ms. Ann", "who": "who"},
    )
    data["articles"]["x"]["offsets"] = {"x1": 1, "x2": 17}
    story = load_story(write_story(tmp_path, data))
    assert story.unscored == {"bob", "who"}
    assert story.scored("ann") and not story.scored("who")
    assert story.speakers_not == {"ann": ("anna",)}
    assert story.speaker_sources["ann"] == "Ms. Ann"
    assert [(q.id, q.offset) for q in story.articles[0].quotes] == [("x1", 1), ("x2", 17)]
    assert story.articles[1].quotes[0].offset is None


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(unscored_speakers=["eve"]), "unscored_speakers: unknown speaker"),
        (lambda d: d.update(speakers_not={"eve": ["x"]}), "speakers_not.eve: unknown speaker"),
        (lambda d: d.update(speakers_not={"ann": "anna"}), "expected a list of names"),
        (lambda d: d["articles"]["x"].update(offsets={"x9": 3}), "unknown quote id 'x9'"),
        (lambda d: d["articles"]["x"].update(offsets={"x1": -1}), "expected an offset"),
    ],
)
def test_optional_field_mistakes_are_errors(tmp_path: Path, mutate: Any, message: str) -> None:
    data = spec()
    mutate(data)
    with pytest.raises(GoldError, match=message):
        load_story(write_story(tmp_path, data))


def test_repeated_ids_are_allowed_where_no_pair_names_them(tmp_path: Path) -> None:
    data = spec()
    data["pairs"] = []
    data["articles"]["y"]["quotes"]["x1"] = ["we will surely win", "bob"]
    story = load_story(write_story(tmp_path, data))
    assert [q.article for a in story.articles for q in a.quotes if q.id == "x1"] == ["x", "y"]


def test_article_text_is_read_as_the_cli_reads_it(tmp_path: Path) -> None:
    path = write_story(tmp_path, spec())
    (tmp_path / "x.txt").write_bytes("\ufeff“we will win”\r\nfake news".encode())
    text = load_story(path).articles[0].text
    assert text == "“we will win”\r\nfake news"  # BOM dropped, line ends kept for offsets
