"""Articles submitted as an HTML page or a URL: validated by the API, stored raw, converted
(and fetched) by the extraction job, failures recorded with their reason."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.ingest.pageserver import NEWS_PAGE, Route, page, running_page_server
from tests.worker.qlfakes import RecordingEnqueuer
from worker.jobs.extraction import run_extraction
from worker.settings import Settings
from worker.storage.models import ArticleRow

Headers = Callable[[str], dict[str, str]]
NEWS_HTML = NEWS_PAGE.read_text(encoding="utf-8")
TITLE = "Port Talbin council backs flood wall after storm"


def new_story(client: TestClient, headers: dict[str, str]) -> str:
    response = client.post("/v1/stories", json={"name": "Flood wall"}, headers=headers)
    assert response.status_code == 201, response.text
    story_id: str = response.json()["id"]
    return story_id


def submit(
    client: TestClient, headers: dict[str, str], story_id: str, *articles: dict[str, object]
) -> list[str]:
    response = client.post(
        f"/v1/stories/{story_id}/articles", json={"articles": list(articles)}, headers=headers
    )
    assert response.status_code == 202, response.text
    return [a["id"] for a in response.json()["articles"]]


def row(session: Session, article_id: str) -> ArticleRow:
    session.expire_all()
    return session.scalars(select(ArticleRow).where(ArticleRow.id == article_id)).one()


@pytest.mark.parametrize(
    "article",
    [
        {"source": "a", "text": "Some text.", "html": "<p>Some text.</p>"},
        {"source": "a", "text": "Some text.", "html": "<p>x</p>", "url": "https://example.org/a"},
        {"source": "a"},
        {"source": "a", "title": "only a title"},
    ],
    ids=["text+html", "all three", "none", "title only"],
)
def test_exactly_one_source_is_required(
    client: TestClient, auth_headers: Headers, article: dict[str, object]
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    response = client.post(
        f"/v1/stories/{story_id}/articles", json={"articles": [article]}, headers=headers
    )
    assert response.status_code == 422, response.text
    assert "exactly one of text, html or url" in response.json()["detail"]


@pytest.mark.parametrize(
    "article",
    [
        {"source": "a", "html": "  \n "},
        {"source": "a", "html": ""},
        {"source": "a", "url": "ftp://example.org/a"},
        {"source": "a", "url": "not a url"},
    ],
    ids=["blank html", "empty html", "ftp url", "bad url"],
)
def test_bad_html_or_url_is_422(
    client: TestClient, auth_headers: Headers, article: dict[str, object]
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    response = client.post(
        f"/v1/stories/{story_id}/articles", json={"articles": [article]}, headers=headers
    )
    assert response.status_code == 422, response.text


def test_html_is_stored_raw_and_converted_by_the_extraction_job(
    client: TestClient, auth_headers: Headers, db_session: Session, settings: Settings
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    (article_id,) = submit(client, headers, story_id, {"source": "Observer", "html": NEWS_HTML})

    stored = row(db_session, article_id)
    assert (stored.submitted_as, stored.text, stored.html) == ("html", "", NEWS_HTML)

    outcome = run_extraction(article_id, RecordingEnqueuer(), settings=settings)
    assert outcome.status == "done", outcome
    stored = row(db_session, article_id)
    assert stored.text.startswith("The Port Talbin town council voted")
    assert "Share on Facebook" not in stored.text and "Comment policy" not in stored.text
    assert stored.html == NEWS_HTML  # kept: a retried extraction converts the same page

    view = client.get(f"/v1/articles/{article_id}", headers=headers).json()
    assert view["status"] == "done"
    assert view["title"] == TITLE
    assert view["author"] == "Mara Lindqvist"
    assert view["published_at"].startswith("2026-03-14T09:30:00")
    assert view["submitted_as"] == "html"
    quotes = [q["text"] for q in view["quotes"]]
    assert "A wall buys time, it does not buy safety," in quotes


def test_the_clients_metadata_wins_over_the_pages(
    client: TestClient, auth_headers: Headers, settings: Settings
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    (article_id,) = submit(
        client,
        headers,
        story_id,
        {"source": "Observer", "html": NEWS_HTML, "title": "Our own headline"},
    )
    run_extraction(article_id, RecordingEnqueuer(), settings=settings)
    view = client.get(f"/v1/articles/{article_id}", headers=headers).json()
    assert view["title"] == "Our own headline"
    assert view["author"] == "Mara Lindqvist"


def test_a_url_is_fetched_by_the_extraction_job(
    client: TestClient, auth_headers: Headers, db_session: Session, settings: Settings
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    with running_page_server({"/news/flood-wall.html": page()}) as server:
        url = server.url("/news/flood-wall.html")
        (article_id,) = submit(client, headers, story_id, {"source": "Observer", "url": url})
        assert server.seen == []  # the API never fetches
        stored = row(db_session, article_id)
        assert (stored.submitted_as, stored.url, stored.text) == ("url", url, "")

        local = settings.model_copy(update={"fetch_allow_loopback": True})
        outcome = run_extraction(article_id, RecordingEnqueuer(), settings=local)
    assert outcome.status == "done", outcome
    assert [seen.path for seen in server.seen] == ["/news/flood-wall.html"]
    view = client.get(f"/v1/articles/{article_id}", headers=headers).json()
    assert view["url"] == url and view["title"] == TITLE
    assert "We will not let another storm take this town by surprise," in [
        q["text"] for q in view["quotes"]
    ]


def test_the_same_url_twice_is_one_article(client: TestClient, auth_headers: Headers) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    article = {"source": "Observer", "url": "https://example.org/news/1"}
    first = submit(client, headers, story_id, article)
    response = client.post(
        f"/v1/stories/{story_id}/articles", json={"articles": [article]}, headers=headers
    )
    assert [a["id"] for a in response.json()["articles"]] == first
    assert response.json()["articles"][0]["duplicate"] is True


def test_a_private_address_fails_the_article_with_the_reason(
    client: TestClient, auth_headers: Headers, settings: Settings
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    (article_id,) = submit(
        client, headers, story_id, {"source": "Intranet", "url": "http://10.0.0.5/news"}
    )
    enqueue = RecordingEnqueuer()
    outcome = run_extraction(article_id, enqueue, settings=settings)
    assert outcome.status == "failed"  # at once: retrying cannot change the address
    status = client.get(f"/v1/stories/{story_id}", headers=headers).json()
    assert status["articles"]["failed"] == 1
    assert status["failures"] == [
        {
            "article_id": article_id,
            "source": "Intranet",
            "error": "fetch refused: address 10.0.0.5 is private",
        }
    ]
    assert enqueue.checks  # the story is still checked (the failure is listed in its report)


def test_loopback_is_refused_without_the_setting(
    client: TestClient, auth_headers: Headers, settings: Settings
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    with running_page_server({"/news": page()}) as server:
        article = {"source": "x", "url": server.url("/news")}
        (article_id,) = submit(client, headers, story_id, article)
        outcome = run_extraction(article_id, RecordingEnqueuer(), settings=settings)
        assert server.seen == []
    assert outcome.status == "failed"
    view = client.get(f"/v1/articles/{article_id}", headers=headers).json()
    assert view["error"] == "fetch refused: address 127.0.0.1 is loopback"


def test_a_server_error_is_retried_and_then_succeeds(
    client: TestClient, auth_headers: Headers, settings: Settings
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    local = settings.model_copy(update={"fetch_allow_loopback": True})
    with running_page_server({"/news": Route(status=503, body=b"busy")}) as server:
        article = {"source": "x", "url": server.url("/news")}
        (article_id,) = submit(client, headers, story_id, article)
        first = run_extraction(article_id, RecordingEnqueuer(), settings=local)
        assert first.status == "retry" and first.error == "fetch failed: HTTP 503"
        view = client.get(f"/v1/articles/{article_id}", headers=headers).json()
        assert (view["status"], view["error"]) == ("queued", "fetch failed: HTTP 503")

        server.routes["/news"] = page()
        second = run_extraction(article_id, RecordingEnqueuer(), settings=local)
    assert second.status == "done"
    assert len(server.seen) == 2


@pytest.mark.subprocess
def test_the_api_process_never_loads_the_page_reader() -> None:
    """Pages are converted in the worker: the API (HTML report route included) imports
    neither trafilatura nor the fetcher."""
    import subprocess

    code = (
        "import sys, api.main, api.routes.report_page\n"
        "bad = [m for m in ('trafilatura', 'lxml', 'worker.ingest') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
