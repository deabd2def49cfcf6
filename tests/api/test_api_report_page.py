"""GET /v1/stories/{id}/report.html: the stored report with the article texts, locked down by
a Content-Security-Policy that allows only the page's own style and script."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.records import Article, ExtractedArticle
from worker.storage import articles as article_repo
from worker.storage.articles import NewArticle
from worker.storage.reports import save_report

Headers = Callable[[str], dict[str, str]]
QUOTE = "We will not let another storm take this town by surprise,"
TEXTS = {
    "Observer": f'"{QUOTE}" Brandt said.',
    "Wire <Ltd>": f'"{QUOTE.replace("town", "city")}" the mayor said.',
}


def new_story(client: TestClient, headers: dict[str, str], name: str = "Flood <wall>") -> str:
    response = client.post("/v1/stories", json={"name": name}, headers=headers)
    assert response.status_code == 201, response.text
    story_id: str = response.json()["id"]
    return story_id


def store_report(session: Session, story_id: str) -> dict[str, str]:
    """Two done articles and their report; returns article id by source."""
    rows = article_repo.submit_articles(
        session, story_id, [NewArticle(source=s, text=t) for s, t in TEXTS.items()]
    )
    extracted = []
    for row in (article_repo.get_article(session, r.id) for r in rows):
        start = row.text.index("We")
        text = row.text[start : row.text.index('"', start)]
        quote = quote_record(
            f"{row.id}-q1",
            text,
            "Elena Brandt",
            start=start,
            mention="Brandt",
            speaker_type="person",
        )
        article_repo.store_quotes(session, row.id, [quote])
        extracted.append(ExtractedArticle(Article(row.id, row.source, row.text), (quote,)))
    body = build_report(extracted).to_dict()
    body["failed_articles"] = [
        {
            "article_id": "gone",
            "source": "Intranet",
            "error": "fetch refused: address 10.0.0.5 is private",
        }
    ]
    save_report(session, story_id, body)
    session.commit()
    return {row.source: row.id for row in rows}


def _hash(source: str) -> str:
    return base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def test_the_page_shows_the_report_with_texts_and_failures(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    ids = store_report(db_session, story_id)
    response = client.get(f"/v1/stories/{story_id}/report.html", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert "<h1>Flood &lt;wall&gt;</h1>" in page
    assert "Wire &lt;Ltd&gt;" in page and "Wire <Ltd>" not in page
    assert '<mark title="content"><del>town</del> <ins>city</ins></mark>' in page
    assert f'id="quote-{ids["Observer"]}-q1"' in page  # the text from the database, marked
    assert f'href="#quote-{ids["Observer"]}-q1"' in page
    assert "fetch refused: address 10.0.0.5 is private" in page


def test_the_page_may_run_only_its_own_style_and_script(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    store_report(db_session, story_id)
    response = client.get(f"/v1/stories/{story_id}/report.html", headers=headers)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    page = response.text
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert f"style-src 'sha256-{_hash(style)}'" in policy
    assert f"script-src 'sha256-{_hash(script)}'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_missing_report_story_or_key_answers_like_the_json_report(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    no_report = client.get(f"/v1/stories/{story_id}/report.html", headers=headers)
    assert no_report.status_code == 404
    assert "no report yet" in no_report.json()["detail"]
    store_report(db_session, story_id)
    other = client.get(f"/v1/stories/{story_id}/report.html", headers=auth_headers("other"))
    assert other.status_code == 404
    assert client.get(f"/v1/stories/{story_id}/report.html").status_code == 401
