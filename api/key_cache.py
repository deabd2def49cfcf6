"""Which tenant a bearer key belongs to, remembered for a few seconds per API process.

Every request carries its key, and looking it up cost a database round trip and an ORM load on
every call: on the article-submission path that was more CPU than the insert itself. A key never
changes owner; only revocation matters, so a found key is remembered for ``ttl_seconds``
(``QUOTELENS_KEY_CACHE_SECONDS``; 0 turns the cache off) and a revoked key stops working in
every API process within that time. Unknown keys are never remembered, so guessing cannot fill
the cache, and it holds at most ``max_entries`` keys. Entries are keyed by the key's SHA-256, the
form the database stores, so no plain key sits in memory longer than its request.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TenantRef:
    """The authenticated caller: routes need only the tenant's id to scope every query."""

    id: int


class KeyCache:
    """A bounded, time-limited map from key digest to tenant, safe across request threads."""

    def __init__(self, ttl_seconds: float, max_entries: int = 10_000) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[float, TenantRef]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, digest: str) -> TenantRef | None:
        with self._lock:
            entry = self._entries.get(digest)
            if entry is None:
                return None
            expires, tenant = entry
            if expires <= time.monotonic():
                del self._entries[digest]
                return None
            return tenant

    def put(self, digest: str, tenant: TenantRef) -> None:
        if self.ttl_seconds <= 0:
            return
        with self._lock:
            self._entries[digest] = (time.monotonic() + self.ttl_seconds, tenant)
            self._entries.move_to_end(digest)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def forget(self, digest: str) -> None:
        """Drop a key at once (it was revoked through this process)."""
        with self._lock:
            self._entries.pop(digest, None)
