"""Two quotes taken together, in no order: what a gold pair and a reported comparison both are.

The gold file and the report may name the two quotes either way round, so both records share
this identity and the scorer matches them by ``key``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuotePair:
    """The ids of two quotes; ``a``/``b`` is the same pair as ``b``/``a``."""

    a: str
    b: str

    @property
    def key(self) -> frozenset[str]:
        """Unordered identity of the pair."""
        return frozenset((self.a, self.b))
