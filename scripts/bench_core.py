"""The benchmark registry shared by ``scripts/bench.py`` and its ``scripts/bench_*.py`` sections.

A section is a function ``(ctx: BenchContext) -> list[Row]`` registered with ``@register(name,
order=...)`` in a module named ``scripts/bench_<something>.py``; ``bench.py`` imports every such
module, so adding a section (for instance the API → worker "service" figures) means adding one
file, without touching the others. A section that cannot run here (no Redis, a component not yet
written) raises ``SkipSection(reason)`` and the table shows the reason instead of failing the run.

The registry lives here, not in ``bench.py``, because ``bench.py`` runs as ``__main__``: a section
importing ``bench`` would get a second copy of the module with an empty registry.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"


@dataclass(frozen=True, slots=True)
class Row:
    """One measured figure."""

    section: str
    metric: str
    value: float | int | str
    unit: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON, for ``--json`` and for sections run in a child process."""
        return asdict(self)


class SkipSection(Exception):
    """Raised by a section that cannot run in this environment; the message says why."""


@dataclass(slots=True)
class BenchContext:
    """What every section gets: the parsed options and a place to log progress."""

    args: argparse.Namespace
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def quick(self) -> bool:
        """Smaller workloads (smoke runs, CI): same code paths, less time."""
        return bool(getattr(self.args, "quick", False))

    def log(self, message: str) -> None:
        """Progress on stderr, so stdout stays the result table (or JSON)."""
        print(f"  … {message}", file=sys.stderr, flush=True)


SectionFn = Callable[[BenchContext], list[Row]]


@dataclass(frozen=True, slots=True)
class Section:
    """A registered section."""

    name: str
    order: int
    run: SectionFn
    description: str


SECTIONS: dict[str, Section] = {}


def register(name: str, *, order: int = 100) -> Callable[[SectionFn], SectionFn]:
    """Register a section under ``name``; sections run by ascending ``order``, then name."""

    def decorate(function: SectionFn) -> SectionFn:
        if name in SECTIONS:
            raise ValueError(f"bench section {name!r} registered twice")
        doc = (function.__doc__ or "").strip().splitlines()
        SECTIONS[name] = Section(name, order, function, doc[0] if doc else "")
        return function

    return decorate


def ordered_sections() -> list[Section]:
    """Registered sections in running order."""
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.name))


def max_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


@contextmanager
def timed() -> Iterator[list[float]]:
    """``with timed() as t: ...`` then ``t[0]`` is the elapsed wall time in seconds."""
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)
