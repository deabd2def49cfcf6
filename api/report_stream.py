"""Sending a stored report: encoded once by the C JSON encoder and streamed in slices.

FastAPI's default path walks a returned dict with ``jsonable_encoder`` (a Python function call
per value) and only then serialises it: for a report of 100 MB that took most of the 18 s of
``GET /report``. Reports are plain JSON already (stored in a JSON column), so they are encoded
with ``json.dumps`` and a large one goes out in 1 MiB slices (chunked transfer), so the client
starts reading at once and the server never builds a second copy per slice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi.responses import Response, StreamingResponse

SLICE_BYTES = 1 << 20
MEDIA_TYPE = "application/json"


def _slices(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(view), SLICE_BYTES):
        yield bytes(view[start : start + SLICE_BYTES])


def report_response(body: dict[str, Any], story_id: str, version: int) -> Response:
    """The report with ``story_id`` and ``version``, as the API has always served it."""
    document = {**body, "story_id": story_id, "version": version}
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(data) <= SLICE_BYTES:
        return Response(data, media_type=MEDIA_TYPE)
    return StreamingResponse(_slices(data), media_type=MEDIA_TYPE)
