"""Decoding a response body's ``Content-Encoding`` with one byte limit over the whole chain.

httpx decodes each coding of a ``Content-Encoding`` list in turn and hands out whatever the
last decoder produced, so a size check on its output comes too late: with ``gzip, gzip`` a
few kilobytes expand to gigabytes inside the first decoder before the second one returns.
Here the raw body is decoded by hand with zlib's ``max_length``, which stops each step at the
bytes still allowed, so no step can produce more than the limit plus one byte.

Only one coding is accepted (``gzip``, ``x-gzip``, ``deflate``; ``identity`` is no coding):
a page has no reason to be compressed twice, and anything else (``br``, ``zstd``, a coding we
do not know) is refused rather than handed to the HTML parser as garbage. The request
advertises exactly these codings in ``Accept-Encoding``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

ACCEPT_ENCODING = "gzip, deflate"
_GZIP = frozenset({"gzip", "x-gzip"})
_SUPPORTED = _GZIP | {"deflate"}
_SHOWN = 5  # codings named in an error message; a header may list thousands


class EncodingRefused(ValueError):
    """The response uses a coding (or a chain of codings) this fetcher does not decode."""


class TooLarge(ValueError):
    """The decoded body exceeds the byte limit."""


def _describe(codings: list[str]) -> str:
    shown = ", ".join(codings[:_SHOWN])
    more = len(codings) - _SHOWN
    return f"{shown}, ... ({len(codings)} codings)" if more > 0 else shown


def content_coding(header: str) -> str | None:
    """The single coding named by a ``Content-Encoding`` value, None for none/identity.

    Raises ``EncodingRefused`` for more than one coding or an unsupported one.
    """
    codings = [c.strip().lower() for c in header.split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return None
    if len(codings) > 1:
        raise EncodingRefused(f"more than one content coding ({_describe(codings)})")
    (coding,) = codings
    if coding not in _SUPPORTED:
        raise EncodingRefused(f"unsupported content coding {coding[:40]!r}")
    return coding


class _Inflater:
    """One zlib stream, fed in chunks; ``deflate`` may be zlib-wrapped or raw (as in httpx)."""

    def __init__(self, coding: str) -> None:
        self._raw_fallback = coding == "deflate"
        wbits = zlib.MAX_WBITS | 16 if coding in _GZIP else zlib.MAX_WBITS
        self._z = zlib.decompressobj(wbits)
        self._first = True

    def feed(self, data: bytes, allowed: int) -> bytes:
        """Decode ``data``, producing at most ``allowed + 1`` bytes (one more means too many)."""
        try:
            out = self._z.decompress(data, allowed + 1)
        except zlib.error:
            if not (self._first and self._raw_fallback):
                raise
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._z.decompress(data, allowed + 1)
        self._first = False
        return out

    def flush(self, allowed: int) -> bytes:
        return self._z.flush(allowed + 1) if allowed >= 0 else b""


def decoded_chunks(raw: Iterable[bytes], coding: str | None, max_bytes: int) -> Iterator[bytes]:
    """The decoded body of ``raw`` chunks; raises ``TooLarge`` past ``max_bytes`` decoded bytes
    and ``zlib.error`` for a corrupt stream. Memory stays within about ``max_bytes``."""
    total = 0
    inflater = _Inflater(coding) if coding is not None else None
    for chunk in raw:
        out = chunk if inflater is None else inflater.feed(chunk, max_bytes - total)
        total += len(out)
        if total > max_bytes:
            raise TooLarge(f"more than {max_bytes} bytes")
        if out:
            yield out
    if inflater is not None:
        tail = inflater.flush(max_bytes - total)
        if total + len(tail) > max_bytes:
            raise TooLarge(f"more than {max_bytes} bytes")
        if tail:
            yield tail
