"""Request and response bodies of the API, one module per resource.

``common`` holds what every body shares (strict requests, the error shape, the text and URL
rules); ``keys``, ``stories``, ``articles`` and ``deliveries`` the bodies of their routes. The
names are re-exported here, so routes import them from ``api.schemas``.
"""

from api.schemas.articles import (
    ARTICLE_BATCH_EXAMPLES,
    ArticleAccepted,
    ArticleBatch,
    ArticleIn,
    ArticleOut,
    ArticlesAccepted,
)
from api.schemas.common import ErrorBody, HealthStatus
from api.schemas.deliveries import DeliveryAttemptOut, DeliveryList, DeliveryOut
from api.schemas.keys import KeyCreate, KeyCreated, KeyInfo, KeyList
from api.schemas.stories import (
    ArticleCounts,
    ArticleFailure,
    StoryCreate,
    StoryCreated,
    StoryList,
    StoryStatus,
    StorySummary,
    WebhookSecretRotated,
)

__all__ = [
    "ARTICLE_BATCH_EXAMPLES",
    "ArticleAccepted",
    "ArticleBatch",
    "ArticleCounts",
    "ArticleFailure",
    "ArticleIn",
    "ArticleOut",
    "ArticlesAccepted",
    "DeliveryAttemptOut",
    "DeliveryList",
    "DeliveryOut",
    "ErrorBody",
    "HealthStatus",
    "KeyCreate",
    "KeyCreated",
    "KeyInfo",
    "KeyList",
    "StoryCreate",
    "StoryCreated",
    "StoryList",
    "StoryStatus",
    "StorySummary",
    "WebhookSecretRotated",
]
