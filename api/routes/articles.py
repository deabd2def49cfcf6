"""Single-article status and quotes."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from api.deps import SessionDep, TenantDep
from api.schemas.articles import ArticleOut
from api.schemas.common import error_responses
from worker.storage.articles import get_article_for_tenant

router = APIRouter(prefix="/v1/articles", tags=["articles"])


@router.get(
    "/{article_id}",
    responses=error_responses(401, 404),
    summary="Article status and extracted quotes",
)
def get_article(article_id: str, tenant: TenantDep, session: SessionDep) -> ArticleOut:
    article = get_article_for_tenant(session, tenant.id, article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Article {article_id} not found")
    return ArticleOut.model_validate(article)
