"""`quotelens check` on saved web pages and on URLs (served from 127.0.0.1), as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.pageserver import NEWS_PAGE, page, running_page_server

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`

TITLE = "Port Talbin council backs flood wall after storm"
# Another outlet's plain-text story carrying one of the page's quotes with a changed word.
WIRE = (
    "PORT TALBIN (Wire) - The council approved a flood wall on Thursday.\n\n"
    '"We will not let another storm take this city by surprise," Mayor Elena Brandt said.\n'
)


def run(
    cwd: Path, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI in a clean directory (no .env) and without fetch settings from outside."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FETCH_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "worker.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=300,
    )


def report_of(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    shutil.copy(NEWS_PAGE, tmp_path / "observer.html")
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    return tmp_path


def test_an_html_file_is_read_as_its_article(pages: Path) -> None:
    report = report_of(run(pages, "check", "--format", "json", "observer.html", "wire.txt"))
    observer, wire = report["articles"]
    assert (observer["id"], observer["source"]) == ("observer", "observer")
    assert observer["title"] == TITLE
    quotes = [q["text"] for q in observer["quotes"]]
    assert "A wall buys time, it does not buy safety," in quotes
    assert not any("Share" in q or "Comment policy" in q for q in quotes)
    assert wire["source"] == "wire"
    variants = [c for c in report["comparisons"] if c["wording"] == "variant"]
    assert len(variants) == 1  # "town" / "city" between the page and the wire story


def test_an_html_report_of_an_html_file_shows_the_page_text(pages: Path) -> None:
    result = run(pages, "check", "--format", "html", "observer.html", "wire.txt")
    assert result.returncode == 0, result.stderr
    assert f'<h3 id="ha-observer">{TITLE}</h3>' in result.stdout
    assert "Share on Facebook" not in result.stdout
    assert 'class="quote-span" id="quote-observer-q1"' in result.stdout


def test_a_url_is_fetched_with_allow_loopback(pages: Path) -> None:
    with running_page_server({"/news/flood-wall.html": page()}) as server:
        url = server.url("/news/flood-wall.html")
        report = report_of(
            run(pages, "check", "--format", "json", "--allow-loopback", url, "wire.txt")
        )
    fetched = report["articles"][0]
    assert fetched["source"] == "127.0.0.1/flood-wall"
    assert fetched["id"] == "127.0.0.1-flood-wall"
    assert fetched["title"] == TITLE
    assert fetched["url"] == url
    assert "What we need now is patience from residents while the harbor road is closed." in [
        q["text"] for q in fetched["quotes"]
    ]
    assert [seen.path for seen in server.seen] == ["/news/flood-wall.html"]


def test_the_setting_allows_loopback_too(pages: Path) -> None:
    with running_page_server({"/story": page()}) as server:
        result = run(
            pages,
            "check",
            "--format",
            "json",
            server.url("/story"),
            "wire.txt",
            env={"FETCH_ALLOW_LOOPBACK": "true"},
        )
    assert report_of(result)["articles"][0]["source"] == "127.0.0.1/story"


def test_a_loopback_url_is_refused_without_the_flag(pages: Path) -> None:
    with running_page_server({"/news": page()}) as server:
        url = server.url("/news")
        result = run(pages, "check", url, "wire.txt")
        assert server.seen == []
    assert result.returncode == 2
    assert result.stderr == (
        f"quotelens: error: {url}: fetch refused: address 127.0.0.1 is loopback\n"
    )


def test_bad_html_files_and_urls_are_named_without_a_traceback(pages: Path) -> None:
    (pages / "empty.html").write_bytes(b"  \n")
    (pages / "script.htm").write_text("<html><head><script>var a;</script></head></html>")
    with running_page_server({}) as server:
        missing_page = server.url("/missing")
        result = run(
            pages,
            "check",
            "--allow-loopback",
            "empty.html",
            "script.htm",
            "gone.html",
            missing_page,
            "wire.txt",
        )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "quotelens: error: empty.html: the article text is empty",
        "quotelens: error: script.htm: no article text found in the page",
        "quotelens: error: gone.html: no such file",
        f"quotelens: error: {missing_page}: fetch failed: HTTP 404",
    ]
    assert "Traceback" not in result.stderr
