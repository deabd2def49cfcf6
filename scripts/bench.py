"""``make bench``: performance figures of quotelens, printed as a table (no assertions).

Sections live in ``scripts/bench_<name>.py`` modules and register themselves with
``bench_core.register``; this script imports them all, runs each one in its own child process
(so every section's peak RSS is its own, not the maximum of everything before it) and prints one
compact table. To add a section, e.g. end-to-end service throughput, add a module:

    # scripts/bench_service.py
    from bench_core import BenchContext, Row, SkipSection, register

    @register("service", order=30)
    def service(ctx: BenchContext) -> list[Row]:
        \"\"\"API -> worker throughput with 2 worker processes, POST latency.\"\"\"
        raise SkipSection("Redis not reachable")   # or return rows

Options: ``--only a,b`` / ``--skip a,b`` select sections, ``--quick`` shrinks the workloads,
``--json`` prints the rows as JSON, ``--in-process`` runs sections in this process, ``--list``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from bench_core import BenchContext, Row, SkipSection, ordered_sections  # noqa: E402

CHILD_ENV = "QUOTELENS_BENCH_ARGS"


def load_sections() -> None:
    """Import every ``bench_*.py`` beside this script; sections register on import."""
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(path.stem)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated sections to run")
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out")
    parser.add_argument("--quick", action="store_true", help="small workloads (smoke run)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--list", action="store_true", help="list the sections and exit")
    parser.add_argument(
        "--in-process", action="store_true", help="run sections in this process (shared peak RSS)"
    )
    parser.add_argument(
        "--articles", type=int, default=None, help="extraction corpus size (default 200, quick 200)"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=None,
        help="timed rounds per side for extraction and service, and per checker "
        "size (default 3, quick 1)",
    )
    parser.add_argument(
        "--checker-sizes",
        type=lambda s: [int(x) for x in s.split(",")],
        default=None,
        help="checker quote counts (default 1000,10000,50000)",
    )
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip the traced checker runs (faster)"
    )
    parser.add_argument(
        "--trace-max",
        type=int,
        default=10_000,
        help="largest checker size also run under tracemalloc (default 10000)",
    )
    args = parser.parse_args(argv)
    if args.articles is None:
        args.articles = 200
    if args.repeats is None:
        args.repeats = 1 if args.quick else 3
    if args.checker_sizes is None:
        args.checker_sizes = [500, 2000, 5000] if args.quick else [1000, 10000, 50000]
    return args


def run_section(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run one section here; the result is JSON-able so a child can hand it to the parent."""
    section = next(s for s in ordered_sections() if s.name == name)
    try:
        rows = section.run(BenchContext(args))
    except SkipSection as skip:
        return {"rows": [], "skipped": str(skip), "error": None}
    except Exception:
        return {"rows": [], "skipped": None, "error": traceback.format_exc()}
    return {"rows": [row.to_dict() for row in rows], "skipped": None, "error": None}


def run_child(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run one section in a fresh interpreter and collect its result from the last stdout line."""
    env = dict(os.environ, **{CHILD_ENV: json.dumps(vars(args))})
    proc = subprocess.run(
        [sys.executable, __file__, "--child", name],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    try:
        result: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return {
            "rows": [],
            "skipped": None,
            "error": f"child exited {proc.returncode}:\n{proc.stdout[-2000:]}",
        }
    return result


def fmt(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def print_table(rows: list[Row], notes: list[str]) -> None:
    cells = [(r.section, r.metric, fmt(r.value), r.unit, r.note) for r in rows]
    header = ("section", "metric", "value", "unit", "note")
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(4)]
    for index, cell in enumerate([header, *cells]):
        print(
            f"{cell[0]:<{widths[0]}}  {cell[1]:<{widths[1]}}  {cell[2]:>{widths[2]}}  "
            f"{cell[3]:<{widths[3]}}  {cell[4]}".rstrip()
        )
        if index == 0:
            print("  ".join("-" * w for w in widths) + "  " + "-" * 4)
    for note in notes:
        print(note)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    load_sections()
    if argv[:1] == ["--child"]:
        args = argparse.Namespace(**json.loads(os.environ[CHILD_ENV]))
        print(json.dumps(run_section(argv[1], args)))
        return 0
    args = parse_args(argv)
    sections = ordered_sections()
    if args.list:
        for section in sections:
            print(f"{section.name:<12} {section.description}")
        return 0
    only = {s for s in args.only.split(",") if s}
    skip = {s for s in args.skip.split(",") if s}
    unknown = (only | skip) - {s.name for s in sections}
    if unknown:
        print(f"unknown sections: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    rows: list[Row] = []
    notes: list[str] = []
    results: dict[str, Any] = {}
    for section in sections:
        if (only and section.name not in only) or section.name in skip:
            continue
        print(f"[{section.name}] {section.description}", file=sys.stderr, flush=True)
        result = (
            run_section(section.name, args) if args.in_process else run_child(section.name, args)
        )
        results[section.name] = result
        rows += [Row(**row) for row in result["rows"]]
        if result["skipped"]:
            notes.append(f"{section.name}: skipped: {result['skipped']}")
        if result["error"]:
            notes.append(f"{section.name}: FAILED:\n{result['error']}")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print()
        print_table(rows, notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
