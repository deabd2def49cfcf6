"""A small HTTP client of the quotelens API, for ``quotelens submit``.

One method per call the command makes; every error becomes a ``ServiceError`` whose message
says what the service answered (its JSON ``detail`` when it gave one), so the CLI can print one
line instead of a traceback. Only ``httpx`` (already a dependency) and the API's JSON shapes.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx


class ServiceError(Exception):
    """The service could not be reached or refused a request; the message says which."""


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, list):  # FastAPI validation errors
        return "; ".join(str(item.get("msg", item)) for item in detail if isinstance(item, dict))
    return str(detail if detail is not None else body)[:500]


class ApiClient:
    """The API at ``base_url`` as the tenant of ``key``."""

    def __init__(self, base_url: str, key: str, timeout: float = 30.0) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {key}", "User-Agent": "quotelens-submit"},
            timeout=timeout,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise ServiceError(f"cannot reach {self._http.base_url}{path}: {error}") from None
        if response.status_code >= 400:
            raise ServiceError(
                f"{method} {path} answered {response.status_code}: {_detail(response)}"
            )
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        body = self._request(method, path, **kwargs).json()
        if not isinstance(body, dict):
            raise ServiceError(f"{method} {path}: expected a JSON object")
        return body

    def create_story(self, name: str) -> dict[str, Any]:
        # An Idempotency-Key makes a retried creation answer the first story, not a second.
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        return self._json("POST", "/v1/stories", json={"name": name}, headers=headers)

    def submit(self, story_id: str, articles: list[dict[str, Any]]) -> dict[str, Any]:
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        return self._json(
            "POST",
            f"/v1/stories/{story_id}/articles",
            json={"articles": articles},
            headers=headers,
        )

    def status(self, story_id: str) -> dict[str, Any]:
        return self._json("GET", f"/v1/stories/{story_id}")

    def report(self, story_id: str) -> dict[str, Any]:
        return self._json("GET", f"/v1/stories/{story_id}/report")

    def report_as(self, story_id: str, suffix: str, params: dict[str, str] | None = None) -> str:
        """The report rendered by the service (``html`` or ``csv``), as text."""
        return self._request("GET", f"/v1/stories/{story_id}/report.{suffix}", params=params).text

    def share(self, story_id: str, hours: float) -> dict[str, Any]:
        return self._json("POST", f"/v1/stories/{story_id}/share", json={"expires_in_hours": hours})
