"""The report's word diff, read off an alignment.

Comparisons between outlets and checks against a primary source show the same kind of diff,
so both build it here from the aligned steps and the kind each step was given.
"""

from __future__ import annotations

from collections.abc import Sequence

from worker.checker.matching.align import Step
from worker.checker.report import DiffKind, DiffOp
from worker.checker.text.normalise import NormalisedQuote


def diff_ops(
    a: NormalisedQuote,
    b: NormalisedQuote,
    steps: Sequence[Step],
    kinds: Sequence[DiffKind | None],
) -> list[DiffOp]:
    """One op per step: ``a``'s words against ``b``'s, as printed, with the step's kind."""
    return [
        DiffOp(
            op=step.tag,
            a=[word.text for word in a.words[step.a_start : step.a_end]],
            b=[word.text for word in b.words[step.b_start : step.b_end]],
            kind=kind,
        )
        for step, kind in zip(steps, kinds, strict=True)
    ]
