"""The report's shape in the OpenAPI document: ``GET /v1/stories/{id}/report`` is typed, and
the webhook body is described in the document's ``webhooks`` section.

The report is built by the workers and stored as JSON; the API returns it as stored (plus
``story_id``, ``version`` and ``failed_articles``) and must not import the checker to describe
it (the API process stays light). So the published JSON Schema, ``worker/checker/schema.json``,
is read as a file and its definitions become OpenAPI components (``Report``, ``Report_quote``
...; OpenAPI 3.1 schemas are JSON Schema 2020-12). One source for the shape: the schema file the
checker's own tests validate against.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

REPORT_PATH = "/v1/stories/{story_id}/report"
_PREFIX = "Report_"


def _rewrite(node: Any) -> Any:
    """``#/$defs/x`` references as ``#/components/schemas/Report_x``."""
    if isinstance(node, dict):
        return {
            key: (
                "#/components/schemas/" + _PREFIX + value.removeprefix("#/$defs/")
                if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/")
                else _rewrite(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    return node


def report_components() -> dict[str, Any]:
    """The schema file as components: ``Report``, its definitions, and ``StoredReport``."""
    text = resources.files("worker").joinpath("checker/schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = {_PREFIX + name: _rewrite(value) for name, value in definitions.items()}
    components["Report"] = _rewrite(schema)
    components["ReportBody"] = {
        "title": "ReportBody",
        "description": "A stored report version: quotelens.report/1 plus the failed articles.",
        "allOf": [
            {"$ref": "#/components/schemas/Report"},
            {
                "type": "object",
                "required": ["failed_articles"],
                "properties": {
                    "failed_articles": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "article_id": {"type": "string"},
                                "source": {"type": "string"},
                                "error": {"type": ["string", "null"]},
                            },
                        },
                    }
                },
            },
        ],
    }
    components["StoredReport"] = {
        "title": "StoredReport",
        "description": "The latest report of a story, with the story's id and the version.",
        "allOf": [
            {"$ref": "#/components/schemas/ReportBody"},
            {
                "type": "object",
                "required": ["story_id", "version"],
                "properties": {
                    "story_id": {"type": "string"},
                    "version": {"type": "integer", "minimum": 1},
                },
            },
        ],
    }
    components["ReportWebhook"] = {
        "title": "ReportWebhook",
        "description": "The body POSTed to a story's webhook for each new report version "
        "(Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature headers). "
        "`data.report` is the full report only when it is at most "
        "WEBHOOK_FULL_REPORT_MAX_BYTES (`report_included`); otherwise fetch `report_url`.",
        "type": "object",
        "required": ["type", "timestamp", "data"],
        "properties": {
            "type": {"const": "story.report.updated"},
            "timestamp": {"type": "string", "format": "date-time"},
            "data": {
                "type": "object",
                "required": [
                    "story_id",
                    "version",
                    "summary",
                    "failed_articles",
                    "report_url",
                    "report_bytes",
                    "report_included",
                ],
                "properties": {
                    "story_id": {"type": "string"},
                    "version": {"type": "integer", "minimum": 1},
                    "summary": {"$ref": "#/components/schemas/" + _PREFIX + "summary"},
                    "failed_articles": {"type": "integer", "minimum": 0},
                    "report_url": {"type": "string"},
                    "report_bytes": {"type": "integer", "minimum": 0},
                    "report_included": {"type": "boolean"},
                    "report": {"$ref": "#/components/schemas/ReportBody"},
                },
            },
        },
    }
    return components


def describe_report(schema: dict[str, Any]) -> None:
    """Type the report route's 200 response, and the webhook, in the OpenAPI ``schema``."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(report_components())
    operation = schema.get("paths", {}).get(REPORT_PATH, {}).get("get")
    if operation is not None:
        ok = operation.setdefault("responses", {}).setdefault("200", {})
        ok["description"] = "The latest report"
        ok["content"] = {
            "application/json": {"schema": {"$ref": "#/components/schemas/StoredReport"}}
        }
    schema["webhooks"] = {
        "story.report.updated": {
            "post": {
                "summary": "A new report version (sent to the story's webhook_url)",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ReportWebhook"}
                        }
                    },
                },
                "responses": {
                    "2XX": {"description": "Received"},
                    "410": {"description": "Gone: the story's webhook is disabled"},
                    "429": {"description": "Retried later (Retry-After is honoured)"},
                    "5XX": {"description": "Retried with backoff"},
                },
            }
        }
    }
