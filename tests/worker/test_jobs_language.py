"""The extraction job skips an article that is not in English and says so in the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.worker.qlfakes import RecordingEnqueuer, add_articles, fake_build, make_story
from worker.jobs.extraction import run_extraction
from worker.jobs.story_check import FAILED_FIELD, run_story_check
from worker.records import Article, ExtractedArticle
from worker.settings import Settings
from worker.storage.models import ArticleRow, ReportRow

pytestmark = pytest.mark.integration
FRENCH = (Path(__file__).resolve().parents[1] / "data/vellmar/avis-du-port.txt").read_text()
ENGLISH = (Path(__file__).resolve().parents[1] / "data/vellmar/fjord-post.txt").read_text()


def test_french_article_is_failed_with_the_reason_and_listed_in_the_report(
    settings: Settings, db_session: Session
) -> None:
    story = make_story(db_session)
    french, english = add_articles(db_session, story.id, [FRENCH, ENGLISH])
    called: list[str] = []

    def extractor(article: Article) -> ExtractedArticle:
        called.append(article.text[:20])
        return ExtractedArticle(article)

    enq = RecordingEnqueuer()
    outcome = run_extraction(french.id, enq, settings=settings, extractor=extractor)
    assert outcome.status == "failed" and "detected 'fr'" in (outcome.error or "")
    assert run_extraction(english.id, enq, settings=settings, extractor=extractor).status == "done"
    assert called == [ENGLISH[:20]]  # the French text never reached extraction
    db_session.expire_all()
    row = db_session.get(ArticleRow, french.id)
    assert row is not None and row.status == "failed" and "not analysed" in (row.error or "")

    settings = settings.model_copy(update={"check_debounce_seconds": 0.0})
    checked = run_story_check(story.id, enq, settings=settings, builder=fake_build)
    assert checked.status == "created"
    report = db_session.query(ReportRow).filter_by(story_id=story.id).one()
    [failed] = report.body[FAILED_FIELD]
    assert failed["article_id"] == french.id and "English" in failed["error"]
