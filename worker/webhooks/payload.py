"""The body of a webhook: the Standard Webhooks shape ``{type, timestamp, data}``, bounded.

A story carried by many outlets can have a report of many megabytes; sending it whole made the
receiver read (and the sender wait for) a body that outgrew any reasonable timeout. So the
webhook always carries the story, the version and the report's summary, plus ``report_url``
where the full report can be fetched with the tenant's API key; the full report rides along
(``data.report``) only when its JSON is at most ``WEBHOOK_FULL_REPORT_MAX_BYTES``.

``data.version`` grows with every new report of a story. Only the newest pending version is
delivered (``worker.storage.deliveries.supersede_older``), so a receiver never gets an older
version after a newer one from a retry backlog; it may still skip versions.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

EVENT_TYPE = "story.report.updated"


def report_url(public_url: str, story_id: str, version: int) -> str:
    """Where the API serves this version of the report (``GET``, the story's API key)."""
    return f"{public_url}/v1/stories/{story_id}/reports/{version}"


def encoded_size(report: dict[str, Any]) -> int:
    """Bytes of the report as compact UTF-8 JSON (how it travels)."""
    return len(json.dumps(report, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def webhook_payload(
    story_id: str,
    version: int,
    report: dict[str, Any],
    *,
    created_at: datetime,
    public_url: str,
    full_report_max_bytes: int,
) -> dict[str, Any]:
    """The message for one report version (see the module docstring)."""
    size = encoded_size(report)
    data: dict[str, Any] = {
        "story_id": story_id,
        "version": version,
        "summary": report.get("summary"),
        "failed_articles": len(report.get("failed_articles") or []),
        "report_url": report_url(public_url, story_id, version),
        "report_bytes": size,
        "report_included": size <= full_report_max_bytes,
    }
    if data["report_included"]:
        data["report"] = report
    return {"type": EVENT_TYPE, "timestamp": created_at.isoformat(), "data": data}
