"""Compressed bombs and trickled headers: a fetch stays within its byte limit and deadline.

The bombs are real gzip/deflate streams of zeros served from loopback; memory is measured
with ``tracemalloc`` (every bytes object a decoder makes is a traced allocation), so a decoder
that expands the whole chunk before the size check shows up as a peak far above the limit.
"""

from __future__ import annotations

import time
import tracemalloc
import zlib
from collections.abc import Callable
from typing import Any

import pytest

from tests.ingest.pageserver import Route, running_page_server
from worker.ingest import FetchPolicy, IngestError, fetch_page

pytestmark = pytest.mark.slow  # seconds per test: not in `make check`

LIMIT = 1_000_000
POLICY = FetchPolicy(timeout_seconds=10.0, max_bytes=LIMIT, allow_loopback=True)
INSIDE = 256 << 20  # 256 MiB of zeros inside every bomb
# Generous for a 1 MB limit (the body itself, one decoded chunk, httpx's buffers); a decoder
# without a chain-wide bound produces at least one 64 MiB step for these bombs.
PEAK_BOUND = 12 << 20
PAGE = b"<html><body><p>The harbour wall will hold, the mayor of Port Talbin said.</p></body>"


def _compress(wbits: int, size: int = INSIDE) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(1 << 20)
    parts = [packer.compress(zeros) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def _deflate(data: bytes) -> bytes:
    return zlib.compress(data, 9)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return _compress(31)


def _encoded(body: bytes, coding: str) -> Route:
    return Route(body=body, headers={"content-type": "text/html", "content-encoding": coding})


def _peak_of(call: Callable[[], Any]) -> tuple[BaseException | None, int]:
    tracemalloc.start()
    try:
        call()
        error: BaseException | None = None
    except BaseException as caught:
        error = caught
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return error, peak


def test_a_gzip_page_is_decoded() -> None:
    with running_page_server({"/p": _encoded(_gzip(PAGE), "gzip")}) as server:
        fetched = fetch_page(server.url("/p"), POLICY)
    assert fetched.content == PAGE
    assert server.seen[0].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("body", [_deflate(PAGE), _deflate(PAGE)[2:-4]], ids=["zlib", "raw"])
def test_a_deflate_page_is_decoded_wrapped_or_raw(body: bytes) -> None:
    with running_page_server({"/p": _encoded(body, "deflate")}) as server:
        assert fetch_page(server.url("/p"), POLICY).content == PAGE


def test_a_gzip_bomb_stops_at_the_limit_in_bounded_memory(gzip_bomb: bytes) -> None:
    with running_page_server({"/bomb": _encoded(gzip_bomb, "gzip")}) as server:
        started = time.monotonic()
        error, peak = _peak_of(lambda: fetch_page(server.url("/bomb"), POLICY))
    assert isinstance(error, IngestError), error
    assert str(error) == f"fetch failed: the page is larger than {LIMIT} bytes"
    assert error.permanent
    assert peak < PEAK_BOUND, f"peak {peak / 2**20:.1f} MiB"
    assert time.monotonic() - started < 5


def test_a_deflate_bomb_stops_at_the_limit_in_bounded_memory() -> None:
    bomb = _compress(15)
    with running_page_server({"/bomb": _encoded(bomb, "deflate")}) as server:
        error, peak = _peak_of(lambda: fetch_page(server.url("/bomb"), POLICY))
    assert isinstance(error, IngestError), error
    assert "larger than 1000000 bytes" in str(error)
    assert peak < PEAK_BOUND, f"peak {peak / 2**20:.1f} MiB"


@pytest.mark.parametrize(
    ("coding", "build"),
    [
        ("gzip, gzip", lambda bomb: _gzip(bomb)),
        # Content codings are listed in the order applied: deflate first, then gzip.
        ("deflate, gzip", lambda _bomb: _gzip(_compress(15))),
    ],
    ids=["gzip-in-gzip", "deflate-in-gzip"],
)
def test_a_nested_bomb_is_refused_in_bounded_memory(
    gzip_bomb: bytes, coding: str, build: Callable[[bytes], bytes]
) -> None:
    body = build(gzip_bomb)
    assert len(body) < 10_000  # a few kB on the wire
    with running_page_server({"/bomb": _encoded(body, coding)}) as server:
        error, peak = _peak_of(lambda: fetch_page(server.url("/bomb"), POLICY))
    assert isinstance(error, IngestError), error
    assert str(error) == f"fetch refused: more than one content coding ({coding})"
    assert error.permanent
    assert peak < PEAK_BOUND, f"peak {peak / 2**20:.1f} MiB"


def test_a_content_encoding_list_of_a_thousand_entries_is_refused(gzip_bomb: bytes) -> None:
    body = _gzip(gzip_bomb)
    coding = ", ".join(["gzip"] * 1000)
    with running_page_server({"/bomb": _encoded(body, coding)}) as server:
        started = time.monotonic()
        error, peak = _peak_of(lambda: fetch_page(server.url("/bomb"), POLICY))
    assert isinstance(error, IngestError), error
    assert str(error) == (
        "fetch refused: more than one content coding (gzip, gzip, gzip, gzip, gzip, ... "
        "(1000 codings))"
    )
    assert peak < PEAK_BOUND, f"peak {peak / 2**20:.1f} MiB"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("coding", ["br", "zstd", "compress", "x-made-up"])
def test_an_unsupported_coding_is_refused(coding: str) -> None:
    with (
        running_page_server({"/p": _encoded(PAGE, coding)}) as server,
        pytest.raises(IngestError, match=f"unsupported content coding '{coding}'") as caught,
    ):
        fetch_page(server.url("/p"), POLICY)
    assert caught.value.permanent


def test_identity_is_no_coding() -> None:
    with running_page_server({"/p": _encoded(PAGE, "identity")}) as server:
        assert fetch_page(server.url("/p"), POLICY).content == PAGE


def test_a_corrupt_gzip_body_is_a_permanent_error() -> None:
    with (
        running_page_server({"/p": _encoded(b"\x1f\x8b\x08not gzip at all", "gzip")}) as server,
        pytest.raises(IngestError, match="corrupt gzip body") as caught,
    ):
        fetch_page(server.url("/p"), POLICY)
    assert caught.value.permanent


def test_headers_trickled_a_byte_a_second_are_cut_at_the_fetch_deadline() -> None:
    # Each byte arrives well within a per-read timeout: only a deadline over the whole
    # exchange (headers included) stops this.
    trickle = Route(body=PAGE, header_drip=0.2)  # 8 s of headers
    with running_page_server({"/slow-headers": trickle}) as server:
        started = time.monotonic()
        with pytest.raises(IngestError, match=r"timed out after 1\.5s") as caught:
            fetch_page(
                server.url("/slow-headers"), FetchPolicy(timeout_seconds=1.5, allow_loopback=True)
            )
        elapsed = time.monotonic() - started
    assert not caught.value.permanent
    assert 1.4 < elapsed < 3.0, elapsed
