#!/usr/bin/env python3
"""Walk through the service once, against a running stack (``make run`` in another terminal).

Starts a webhook receiver on 127.0.0.1, creates a story pointing at it, submits the seed
articles, waits for the signed ``story.report.updated`` webhook, verifies its signature and
prints what arrived and the delivery log. The stack must allow loopback webhooks
(``make run`` does by default).

Usage: .venv/bin/python scripts/demo_service.py --key ql_... [--api http://127.0.0.1:8000]
       [FILE ...]   (default: examples/seeds/*.txt)
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from worker.webhooks.signing import sign  # noqa: E402


class Inbox:
    def __init__(self) -> None:
        self.items: list[tuple[dict[str, str], bytes]] = []
        self.arrived = threading.Event()


def start_receiver(inbox: Inbox) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            inbox.items.append(({k.lower(): v for k, v in self.headers.items()}, body))
            inbox.arrived.set()
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/webhook"


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    expected = sign(secret, headers["webhook-id"], int(headers["webhook-timestamp"]), body)
    return expected in headers.get("webhook-signature", "").split(" ")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api", default="http://127.0.0.1:8000")
    parser.add_argument("--key", required=True, help="API key printed by make run")
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or sorted((REPO / "examples" / "seeds").glob("*.txt"))

    inbox = Inbox()
    server, hook_url = start_receiver(inbox)
    client = httpx.Client(
        base_url=args.api, headers={"Authorization": f"Bearer {args.key}"}, timeout=30
    )
    try:
        story: dict[str, Any] = (
            client.post("/v1/stories", json={"name": "demo", "webhook_url": hook_url})
            .raise_for_status()
            .json()
        )
        print(f"story {story['id']} -> webhook {hook_url}")
        articles = [{"source": f.stem, "text": f.read_text(encoding="utf-8-sig")} for f in files]
        accepted = client.post(f"/v1/stories/{story['id']}/articles", json={"articles": articles})
        accepted.raise_for_status()
        print(f"submitted {len(articles)} article(s): HTTP {accepted.status_code}")

        deadline = time.monotonic() + args.timeout
        while not inbox.arrived.wait(2):
            progress = client.get(f"/v1/stories/{story['id']}").json()
            print(f"  waiting... {json.dumps(progress.get('articles', progress))}")
            if time.monotonic() > deadline:
                print("no webhook arrived in time", file=sys.stderr)
                return 1
        headers, body = inbox.items[0]
        ok = verify(story["webhook_secret"], headers, body)
        payload = json.loads(body)
        print(f"webhook {headers['webhook-id']}: signature {'valid' if ok else 'INVALID'}")
        data = payload["data"]  # Standard Webhooks: {type, timestamp, data}
        print(f"  type={payload['type']} version={data['version']} report at {data['report_url']}")
        print(f"  summary: {json.dumps(data.get('summary'), indent=2)}")
        time.sleep(1)
        deliveries = client.get(f"/v1/stories/{story['id']}/deliveries").json()
        print(f"deliveries: {json.dumps(deliveries, indent=2)[:2000]}")
        return 0 if ok else 1
    except httpx.HTTPError as exc:
        print(f"API error: {exc}", file=sys.stderr)
        return 1
    finally:
        client.close()
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
