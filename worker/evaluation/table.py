"""Fixed-width text tables of the evaluation (the gold stories, the real-news outlets)."""

from __future__ import annotations

from collections.abc import Sequence

Columns = Sequence[tuple[str, int]]


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
