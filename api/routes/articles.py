"""Single-article status and quotes."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from api.deps import SessionDep, TenantDep
from api.schemas.articles import ArticleOut
from api.schemas.common import ErrorBody
from worker.storage.articles import get_article_for_tenant
from worker.storage.models import ArticleRow

router = APIRouter(prefix="/v1/articles", tags=["articles"])


def article_out(article: ArticleRow) -> ArticleOut:
    return ArticleOut(
        id=article.id,
        story_id=article.story_id,
        source=article.source,
        title=article.title,
        url=article.url,
        published_at=article.published_at,
        primary=article.is_primary,
        speaker=article.speaker,
        submitted_as=article.submitted_as,  # constrained by a CHECK
        author=article.author,
        status=article.status,  # constrained by a CHECK
        attempts=article.attempts,
        error=article.error,
        quotes=list(article.quotes or []),
        created_at=article.created_at,
        updated_at=article.updated_at,
        processed_at=article.processed_at,
    )


@router.get(
    "/{article_id}",
    response_model=ArticleOut,
    responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}},
    summary="Article status and extracted quotes",
)
def get_article(article_id: str, tenant: TenantDep, session: SessionDep) -> ArticleOut:
    article = get_article_for_tenant(session, tenant.id, article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Article {article_id} not found")
    return article_out(article)
