"""What one story may hold, and how its reports are served (issue 14, item 3, service half)."""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from worker.jobs.story_check import within_quote_cap
from worker.records import Article, ExtractedArticle, Quote
from worker.storage import reports
from worker.storage.models import ArticleRow

Headers = Callable[[str], dict[str, str]]


def _batch(*texts: str) -> dict[str, list[dict[str, str]]]:
    return {"articles": [{"source": f"desk {n}", "text": t} for n, t in enumerate(texts)]}


def test_a_story_refuses_articles_past_its_cap(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    small = make_client(max_story_articles=3)
    story_id = small.post("/v1/stories", json={"name": "cap"}, headers=headers).json()["id"]
    url = f"/v1/stories/{story_id}/articles"
    assert small.post(url, json=_batch("One.", "Two."), headers=headers).status_code == 202
    over = small.post(url, json=_batch("Three.", "Four."), headers=headers)
    assert over.status_code == 409
    assert over.json()["detail"] == (
        f"Story {story_id} holds 2 articles and this request adds up to 2; a story holds at "
        "most 3 (MAX_STORY_ARTICLES). Start a new story."
    )
    assert small.post(url, json=_batch("Three."), headers=headers).status_code == 202
    assert small.post(url, json=_batch("Four."), headers=headers).status_code == 409
    stored = db_session.scalar(
        select(func.count()).select_from(ArticleRow).where(ArticleRow.story_id == story_id)
    )
    assert stored == 3


def _extracted(article_id: str, quotes: int) -> ExtractedArticle:
    article = Article(id=article_id, source=f"{article_id} desk", text="x")
    found = tuple(
        Quote(id=f"{article_id}-{n}", text=f"q{n}", start=0, end=1, speaker="S",
              speaker_mention="S", cue="said")
        for n in range(quotes)
    )  # fmt: skip
    return ExtractedArticle(article=article, quotes=found)


def test_articles_past_the_quote_cap_are_listed_not_checked() -> None:
    articles = [_extracted("a1", 3), _extracted("a2", 4), _extracted("a3", 2)]
    kept, left_out = within_quote_cap(articles, cap=5)
    assert [e.article.id for e in kept] == ["a1", "a3"]
    assert left_out == [
        (
            "a2",
            "a2 desk",
            "not checked: the story's report holds at most 5 quotes (MAX_STORY_QUOTES); "
            "this article adds 4 to 3",
        )
    ]


def test_a_report_version_is_served_and_a_large_one_is_streamed(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = client.post("/v1/stories", json={"name": "big"}, headers=headers).json()["id"]
    small = {"schema": "quotelens.report/1", "clusters": []}
    big = {
        "schema": "quotelens.report/1",
        "clusters": [{"n": n, "text": "Port Talbin harbour wall " * 8} for n in range(60_000)],
    }
    reports.save_report(db_session, story_id, small)
    reports.save_report(db_session, story_id, big)
    db_session.commit()

    first = client.get(f"/v1/stories/{story_id}/reports/1", headers=headers)
    assert first.status_code == 200 and first.headers["content-length"]
    assert first.json() == {**small, "story_id": story_id, "version": 1}

    started = time.monotonic()
    latest = client.get(f"/v1/stories/{story_id}/report", headers=headers)
    elapsed = time.monotonic() - started
    assert latest.status_code == 200
    assert "content-length" not in latest.headers  # sent in slices (chunked)
    assert latest.headers["content-type"].startswith("application/json")
    assert len(latest.content) > 12_000_000
    body = latest.json()
    assert body["version"] == 2 and len(body["clusters"]) == 60_000
    assert elapsed < 10, elapsed
    second = client.get(f"/v1/stories/{story_id}/reports/2", headers=headers)
    assert second.content == latest.content

    missing = client.get(f"/v1/stories/{story_id}/reports/3", headers=headers)
    assert missing.status_code == 404 and "no report version 3" in missing.json()["detail"]
    other = auth_headers("globex")
    assert client.get(f"/v1/stories/{story_id}/reports/1", headers=other).status_code == 404
    assert client.get(f"/v1/stories/{story_id}/reports/0", headers=headers).status_code == 422
