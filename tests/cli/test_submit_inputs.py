"""What ``quotelens submit`` sends for each kind of file (no service needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worker.cli.inputs import InputError
from worker.cli.primary_inputs import read_primaries
from worker.cli.submit_inputs import collect, primary_payload


def test_each_kind_of_file_becomes_the_api_article_json(tmp_path: Path) -> None:
    (tmp_path / "gazette.txt").write_text('Ann Lee said "yes."\n')
    (tmp_path / "post.json").write_text(
        json.dumps({"source": "Fjord Post", "title": "Wall", "text": 'Lee said "no."'})
    )
    (tmp_path / "page.html").write_bytes(
        b"<html><body><p>Lee said \xe2\x80\x9cmaybe.\xe2\x80\x9d</p>"
    )
    (tmp_path / "links.txt").write_text(
        "# today\nhttps://news.example/a\n\nhttps://news.example/b\n"
    )
    items = [str(tmp_path / n) for n in ("gazette.txt", "post.json", "page.html", "links.txt")]
    sent = collect([*items, "https://other.example/story"])
    assert sent == [
        {"source": "gazette", "text": 'Ann Lee said "yes."\n'},
        {"source": "Fjord Post", "text": 'Lee said "no."', "title": "Wall"},
        {"source": "page", "html": "<html><body><p>Lee said “maybe.”</p>"},
        {"source": "news.example/a", "url": "https://news.example/a"},
        {"source": "news.example/b", "url": "https://news.example/b"},
        {"source": "other.example/story", "url": "https://other.example/story"},
    ]


def test_bad_files_are_all_named(tmp_path: Path) -> None:
    (tmp_path / "list.urls").write_text("https://ok.example/a\nnot a url\n")
    with pytest.raises(InputError) as error:
        collect([str(tmp_path / "missing.txt"), str(tmp_path / "list.urls")])
    assert "missing.txt: no such file" in str(error.value)
    assert "not an http(s) URL: 'not a url'" in str(error.value)


def test_a_primary_statement_is_sent_with_its_speaker(tmp_path: Path) -> None:
    statement = tmp_path / "statement.txt"
    statement.write_text("We will not raise the harbour fee this year.\n")
    [primary] = read_primaries([statement], ["Ilse Brandvold"], set())
    assert primary_payload(primary) == {
        "source": "statement",
        "text": "We will not raise the harbour fee this year.\n",
        "primary": True,
        "speaker": "Ilse Brandvold",
    }
