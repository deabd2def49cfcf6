"""What the OpenAPI document says a path accepts, enforced where FastAPI does not.

- A correct ``Allow`` header on 405 answers. FastAPI registers ``GET /v1/stories`` and
  ``POST /v1/stories`` as two routes; Starlette answers a method neither accepts with the
  ``Allow`` of the first route whose path matched, so clients (and Schemathesis) were told only
  ``POST``. The header of a 405 is rewritten to every documented method of the path.
- Unknown query parameters are refused (422) on documented operations: FastAPI ignores them,
  so ``?limt=5`` silently meant the default, and a request the schema calls invalid succeeded.

Both read the app's own OpenAPI document (built once), so new routes are covered as they are
documented; undocumented paths (``/metrics``) pass through untouched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


@dataclass(frozen=True, slots=True)
class _PathItem:
    regex: re.Pattern[str]
    query: dict[str, frozenset[str]]  # METHOD -> documented query parameter names


def _path_items(app: object) -> list[_PathItem]:
    cached: list[_PathItem] | None = getattr(app, "_documented_paths", None)
    if cached is None:
        openapi = getattr(app, "openapi", None)
        paths: dict[str, dict[str, object]] = openapi()["paths"] if callable(openapi) else {}
        cached = []
        for template, item in paths.items():
            regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
            query: dict[str, frozenset[str]] = {}
            for method, operation in item.items():
                if method not in _HTTP_METHODS or not isinstance(operation, dict):
                    continue
                names = {
                    str(p.get("name"))
                    for p in operation.get("parameters", [])
                    if isinstance(p, dict) and p.get("in") == "query"
                }
                query[method.upper()] = frozenset(names)
            cached.append(_PathItem(re.compile(f"^{regex}$"), query))
        app._documented_paths = cached  # type: ignore[attr-defined]
    return cached


def _matching(scope: Scope) -> list[_PathItem]:
    path = str(scope.get("path", ""))
    return [item for item in _path_items(scope.get("app")) if item.regex.match(path)]


def _unknown_query(scope: Scope, items: list[_PathItem]) -> list[str]:
    method = str(scope.get("method", "")).upper()
    documented = [item.query[method] for item in items if method in item.query]
    if not documented:
        return []
    known = frozenset().union(*documented)
    raw = scope.get("query_string", b"").decode("latin-1")
    names = [name for name, _ in parse_qsl(raw, keep_blank_values=True)]
    if not names and raw.strip("&"):
        names = [raw]  # a bare word without "=": still a parameter the operation has not got
    return sorted({name for name in names if name not in known})


class DocumentedRequests:
    """ASGI middleware: the corrected ``Allow`` of 405s and the 422 for unknown query names."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        items = _matching(scope)
        unknown = _unknown_query(scope, items)
        if unknown:
            await _refuse_query(send, unknown)
            return

        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                methods = sorted({m for item in items for m in item.query})
                if methods:
                    headers = [(k, v) for k, v in message.get("headers", []) if k != b"allow"]
                    headers.append((b"allow", ", ".join(methods).encode("latin-1")))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_allow)


async def _refuse_query(send: Send, unknown: list[str]) -> None:
    shown = ", ".join(repr(name[:40]) for name in unknown[:5])
    body = json.dumps(
        {
            "detail": f"Unknown query parameter(s) {shown}: see /openapi.json for this operation",
            "errors": [
                {"loc": ["query", n[:100]], "msg": "unknown parameter", "type": "extra_forbidden"}
                for n in unknown[:5]
            ],
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
