"""A primary source sent through the API with nobody named as its speaker is refused, not lost.

Without a ``speaker`` and without transcript labels the checker has nobody to compare the
outlets with; the CLI refuses such a file, and the extraction job fails the article with the
same message so that it shows in the story's ``failed_articles``.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.worker.qlfakes import RecordingEnqueuer, fake_build, fake_extract, make_story
from worker.jobs.extraction import run_extraction
from worker.jobs.story_check import FAILED_FIELD, run_story_check
from worker.nlp.transcripts import LABEL_FORMS
from worker.settings import Settings
from worker.storage.articles import NewArticle, get_article, submit_articles
from worker.storage.models import ArticleRow, ReportRow

pytestmark = pytest.mark.integration

STATEMENT = (
    "The harbour board of Tarnwick will reopen the north quay on Monday. "
    '"We have repaired the sea wall and the quay is safe again," the statement reads.\n'
)
TRANSCRIPT = (
    "MAYOR ODILE BRENNACK: We have repaired the sea wall and the quay is safe again.\n"
    "Q: When does the ferry return?\n"
    "MAYOR ODILE BRENNACK: On Monday, with the first tide.\n"
)


def test_unattributed_primary_is_failed_with_the_label_forms_and_listed(
    settings: Settings, db_session: Session
) -> None:
    story = make_story(db_session)
    results = submit_articles(
        db_session,
        story.id,
        [
            NewArticle(source="harbour-board", text=STATEMENT, primary=True),
            NewArticle(
                source="board-named", text=STATEMENT + " ", primary=True, speaker="Brennack"
            ),
            NewArticle(source="council-transcript", text=TRANSCRIPT, primary=True),
            NewArticle(source="tarnwick-gazette", text=STATEMENT),
        ],
    )
    db_session.commit()
    nobody, named, transcript, outlet = (get_article(db_session, r.id) for r in results)
    enq = RecordingEnqueuer()

    refused = run_extraction(nobody.id, enq, settings=settings, extractor=fake_extract)
    assert refused.status == "failed"
    assert refused.error is not None and "whose statement is this?" in refused.error
    assert LABEL_FORMS in refused.error and '"speaker"' in refused.error
    # A speaker or labels make a primary checkable; an outlet's article needs neither.
    for article in (named, transcript, outlet):
        outcome = run_extraction(article.id, enq, settings=settings, extractor=fake_extract)
        assert outcome.status == "done", article.source

    db_session.expire_all()
    row = db_session.get(ArticleRow, nobody.id)
    assert row is not None and row.status == "failed" and row.error == refused.error

    settings = settings.model_copy(update={"check_debounce_seconds": 0.0})
    assert run_story_check(story.id, enq, settings=settings, builder=fake_build).status == "created"
    report = db_session.query(ReportRow).filter_by(story_id=story.id).one()
    [failed] = report.body[FAILED_FIELD]
    assert failed["article_id"] == nobody.id and failed["source"] == "harbour-board"
    assert failed["error"] == refused.error
