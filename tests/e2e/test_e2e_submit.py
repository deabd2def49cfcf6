"""``quotelens submit`` against a running stack: API (uvicorn) and a Celery worker on SQLite.

The client is run as a user runs it (a subprocess): a text file, a saved page, a French article
and a URL list (served by a loopback page server) go in; the report that comes out names the
speaker conflict, says the French article was not analysed, and ``--fail-on conflict`` exits 1.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from scripts.stack import (
    BIN,
    REPO,
    Broker,
    free_port,
    running_workers,
    service_env,
    start_api,
    wait_api,
)
from tests.ingest.pageserver import page, running_page_server
from worker.storage.db import make_engine, make_sessionmaker
from worker.storage.keys import create_api_key

pytestmark = [pytest.mark.integration, pytest.mark.timeout(420)]
DATA = REPO / "tests/data/vellmar"


def submit(base: str, key: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "quotelens"), "submit", "--api", base, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={"QUOTELENS_API_KEY": key, "PATH": str(BIN), "NO_COLOR": "1"},
    )


def test_submit_files_and_urls_to_the_service(
    tmp_path: Path, sqlite_database_url: str, broker: Broker
) -> None:
    engine = make_engine(sqlite_database_url)
    session: Session = make_sessionmaker(engine)()
    _, key = create_api_key(session, "submit-e2e")
    session.commit()
    session.close()
    engine.dispose()

    post_page = tmp_path / "fjord-post.html"
    paragraphs = DATA.joinpath("fjord-post.txt").read_text().split("\n\n")
    post_page.write_text(
        "<html><head><title>Harbour wall to be rebuilt</title></head><body><nav>Home | Sport"
        "</nav><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    )
    port = free_port()
    env = service_env(sqlite_database_url, broker, FETCH_ALLOW_LOOPBACK="true")
    api = start_api(tmp_path, env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with (
            running_page_server({"/harbor": page()}) as pages,
            running_workers(tmp_path, env, broker, ["submit"], concurrency=1) as workers,
            httpx.Client(base_url=base, timeout=30) as client,
        ):
            wait_api(client, [api, *workers])
            urls = tmp_path / "links.urls"
            urls.write_text(f"# today's links\n{pages.url('/harbor')}\n")
            out = tmp_path / "report.json"
            result = submit(
                base,
                key,
                "--story",
                "Vellmar harbour",
                "--format",
                "json",
                "-o",
                str(out),
                "--share",
                "1",
                "--fail-on",
                "conflict",
                str(DATA / "harbour-gazette.txt"),
                str(post_page),
                str(DATA / "avis-du-port.txt"),
                str(urls),
            )
            assert result.returncode == 1, result.stderr  # the conflict, with --fail-on
            assert "--fail-on conflict: 1 speaker conflict" in result.stderr
            report = json.loads(out.read_text())
            sources = sorted(a["source"] for a in report["articles"])
            assert sources == ["127.0.0.1/harbor", "fjord-post", "harbour-gazette"]
            [failed] = report["failed_articles"]
            assert failed["source"] == "avis-du-port" and "not analysed" in failed["error"]
            assert report["summary"]["speaker_conflicts"] == 1
            # The share link printed on stderr opens the page without a key.
            share_url = result.stderr.rsplit("share link", 1)[1].split(": ", 1)[1].split()[0]
            page_answer = httpx.get(share_url, timeout=30)
            assert page_answer.status_code == 200 and "Vellmar harbour" in page_answer.text
            # The same story again as CSV (no new articles: the report is there at once).
            story_id = report["story_id"]
            table = tmp_path / "quotes.csv"
            again = submit(
                base,
                key,
                "--story-id",
                story_id,
                "--format",
                "csv",
                "-o",
                str(table),
                str(DATA / "harbour-gazette.txt"),
            )
            assert again.returncode == 0, again.stderr
            rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
            assert "Conflicting attribution" in {r["verdict"] for r in rows}
            refused = submit(base, "ql_wrong_key", "--story", "x", str(DATA / "fjord-post.txt"))
            assert refused.returncode == 4 and "401" in refused.stderr
    finally:
        api.stop()
