"""Fixed-width text tables of the evaluation (the gold stories, the real-news outlets)."""

from __future__ import annotations

from collections.abc import Sequence

from worker.evaluation.score import Counts

Columns = Sequence[tuple[str, int]]

# The quote figures both tables show: gold quotes, found, reported, correct, P, R, F1.
QUOTE_COLUMNS: Columns = (
    ("gold", 5),
    ("found", 5),
    ("rep", 5),
    ("corr", 5),
    ("P", 6),
    ("R", 6),
    ("F1", 6),
)


def quote_cells(counts: Counts) -> list[str]:
    """The ``QUOTE_COLUMNS`` cells of ``counts``."""
    return [
        str(counts.gold_quotes),
        str(counts.found),
        str(counts.reported),
        str(counts.correct),
        f"{counts.precision:.3f}",
        f"{counts.recall:.3f}",
        f"{counts.f1:.3f}",
    ]


def text_table(columns: Columns, blocks: Sequence[Sequence[Sequence[str]]]) -> str:
    """The header, then each block of rows under a rule.

    The first column (a name) is left-aligned, the figures right-aligned to each column's width.
    """

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, (_, width)) in enumerate(zip(cells, columns, strict=True))
        ).rstrip()

    rule = line(["-" * width for _, width in columns])
    lines = [line([name for name, _ in columns])]
    for block in blocks:
        lines.append(rule)
        lines.extend(line(cells) for cells in block)
    return "\n".join(lines)
