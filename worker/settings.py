"""Service configuration, read once from the environment and an optional ``.env`` file.

Every process of the service (API, Celery workers, Flower, the CLI's ``keys`` command) reads
the same variables, so they live in one class. Environment names carry no prefix and match
the field names case-insensitively (``DATABASE_URL`` -> ``database_url``); ``.env.example``
documents each one. Real environment variables win over ``.env``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Redis redelivers a message not acknowledged within this many seconds; every task's hard time
# limit must stay below it, or a slow task would run twice at once.
VISIBILITY_TIMEOUT_SECONDS = 3600.0

# The bounds most settings share, named once: a duration that must pass, a wait that may be 0
# (off), a count of at least one, a TCP port.
Seconds = Annotated[float, Field(gt=0)]
Delay = Annotated[float, Field(ge=0)]
Count = Annotated[int, Field(ge=1)]
Port = Annotated[int, Field(ge=1, le=65535)]


class Settings(BaseSettings):
    """All tunables of the quotelens service."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        # An empty value (``FLOWER_USER=`` in .env) means "not set", not the empty string.
        env_ignore_empty=True,
    )

    # Storage and messaging.
    database_url: str = "sqlite:///./quotelens.db"
    redis_url: str = "redis://127.0.0.1:6379/0"

    # NLP model for the workers (None: the worker.nlp default chain).
    quotelens_spacy_model: str | None = None

    # Bearer token that may create API keys over HTTP (POST /v1/keys). Unset: disabled.
    quotelens_admin_token: SecretStr | None = None
    # Fernet key(s) encrypting webhook secrets at rest (worker.storage.secretbox); required by
    # the API and the workers. Several, comma-separated: the first encrypts, all decrypt.
    quotelens_secret_key: SecretStr | None = None
    # How long an API process remembers which tenant a key belongs to (api/key_cache.py): a
    # revoked key keeps working for at most this long. 0: look every key up every time.
    quotelens_key_cache_seconds: Delay = 10.0

    # Bearer token for GET /metrics (unset: /metrics answers 404; its counts span all tenants).
    metrics_token: SecretStr | None = None

    # Flower (Celery monitoring); bound to loopback unless told otherwise.
    flower_user: str | None = None
    flower_password: SecretStr | None = None
    flower_address: str = "127.0.0.1"
    flower_port: Port = 5555

    # API server.
    api_host: str = "127.0.0.1"
    api_port: Port = 8000

    # Webhook delivery.
    webhook_timeout_seconds: Seconds = 10.0
    webhook_max_attempts: Count = 8
    # Retry backoff: base * 2**(n-1) after the n-th failed attempt, capped (then +-20% jitter).
    # A receiver's Retry-After wins when it asks for longer.
    webhook_backoff_base_seconds: Delay = 5.0
    webhook_backoff_max_seconds: Delay = 3600.0
    webhook_allow_loopback: bool = False
    # A webhook carries the whole report when its JSON is at most this many bytes; otherwise the
    # summary and a link (report_url) to fetch it. 0: always the link.
    webhook_full_report_max_bytes: int = Field(default=262_144, ge=0)
    # Base URL receivers use to reach the API (links in webhooks); unset: http://API_HOST:API_PORT.
    api_public_url: str | None = None
    # After POST .../webhook-secret/rotate, deliveries are signed with the old secret too for
    # this long, so receivers can switch over without missing a message.
    webhook_secret_rotation_hours: Delay = 24.0

    # Fetching articles submitted by URL (worker/ingest).
    fetch_timeout_seconds: Seconds = 15.0
    fetch_max_bytes: int = Field(default=5_000_000, ge=1024)
    fetch_max_redirects: int = Field(default=5, ge=0, le=20)
    fetch_allow_loopback: bool = False

    # Celery: the queue the tasks wait in (and KEDA watches; test runs sharing one Redis use
    # their own), how often beat sends the periodic tasks, and whether a pool process loads
    # spaCy when it starts (False: on its first task; tests that never extract use it).
    quotelens_queue: str = Field(default="quotelens", min_length=1)
    quotelens_dispatch_interval_seconds: Seconds = 5.0
    quotelens_reconcile_interval_seconds: Seconds = 15.0
    quotelens_preload_model: bool = True
    # Celery task time limits: the soft one raises inside the task (which then fails or retries
    # cleanly), the hard one kills the pool process.
    task_soft_time_limit_seconds: Seconds = 240.0
    task_time_limit_seconds: Seconds = 300.0

    # Processing.
    check_debounce_seconds: Delay = 2.0
    max_article_chars: Count = 200_000
    max_html_bytes: int = Field(default=2_000_000, ge=1024)
    # What one story may hold: articles (409 beyond it) and quotes in its report (articles past
    # the cap are listed in failed_articles, unchecked).
    max_story_articles: Count = 2_000
    max_story_quotes: Count = 50_000
    # Largest stored report (compact JSON bytes); articles past it are listed, unchecked.
    max_report_bytes: int = Field(default=50_000_000, ge=100_000)
    html_parse_timeout_seconds: Seconds = 20.0
    max_batch: Count = 100
    max_body_bytes: int = Field(default=10_000_000, ge=1024)
    task_max_retries: int = Field(default=5, ge=0)
    reconcile_after_seconds: Seconds = 360.0
    # A worker building a story's report holds it for this long and renews the hold every
    # third of it while it works; a dead worker's check is taken over once it runs out.
    check_lease_seconds: float = Field(default=20.0, ge=3)

    @model_validator(mode="after")
    def _relations_hold(self) -> Settings:
        """Refuse settings that contradict each other, naming both, before any work starts.

        Each relation guards against a failure seen in practice: e.g. a reconcile threshold
        below the task time limit re-queued an article that was still being fetched.
        """
        problems = [
            f"{_env(big)} ({getattr(self, big):g}) must {verb} {_env(small)} "
            f"({getattr(self, small):g}): {why}"
            for big, verb, small, why in _RELATIONS
            if not _holds(getattr(self, big), verb, getattr(self, small))
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def visibility_timeout_seconds(self) -> float:
        """The broker's redelivery timeout (fixed; see ``VISIBILITY_TIMEOUT_SECONDS``)."""
        return VISIBILITY_TIMEOUT_SECONDS

    def public_url(self) -> str:
        """The API's base URL as receivers see it, without a trailing slash."""
        return (self.api_public_url or f"http://{self.api_host}:{self.api_port}").rstrip("/")

    def admin_token(self) -> str | None:
        """The admin token as plain text, or None when key creation over HTTP is disabled."""
        if self.quotelens_admin_token is None:
            return None
        value = self.quotelens_admin_token.get_secret_value()
        return value or None


def _env(name: str) -> str:
    return name.upper()


def _holds(big: Any, verb: str, small: Any) -> bool:
    return bool(big > small) if verb == "exceed" else bool(big >= small)


# (setting, "exceed" | "not be below", other setting, why): checked by ``_relations_hold``.
_RELATIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "webhook_backoff_max_seconds",
        "not be below",
        "webhook_backoff_base_seconds",
        "the cap of the retry backoff is below its base",
    ),
    (
        "task_time_limit_seconds",
        "exceed",
        "task_soft_time_limit_seconds",
        "the soft limit must fire first so a task can fail cleanly",
    ),
    (
        "reconcile_after_seconds",
        "exceed",
        "task_time_limit_seconds",
        "an article still running would be re-queued and processed twice at once",
    ),
    (
        "task_soft_time_limit_seconds",
        "exceed",
        "fetch_timeout_seconds",
        "a fetch must end before the task is stopped",
    ),
    (
        "task_soft_time_limit_seconds",
        "exceed",
        "webhook_timeout_seconds",
        "a webhook attempt must end before the task is stopped",
    ),
    (
        "task_soft_time_limit_seconds",
        "exceed",
        "html_parse_timeout_seconds",
        "parsing one page must end before the task is stopped",
    ),
    (
        "max_body_bytes",
        "exceed",
        "max_html_bytes",
        "an html field at its limit would not fit in a request",
    ),
    (
        "visibility_timeout_seconds",
        "exceed",
        "task_time_limit_seconds",
        "Redis would hand a still-running task to a second worker",
    ),
)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; call ``get_settings.cache_clear()`` after changing the env."""
    return Settings()
