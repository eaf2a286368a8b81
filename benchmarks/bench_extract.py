#!/usr/bin/env python3
"""Time the reader: pages per second in one process, and one CLI run's wall clock.

    .venv/bin/python benchmarks/bench_extract.py                # ../shared/seeds
    .venv/bin/python benchmarks/bench_extract.py --docs DIR --seconds 10 --check

A page is 2,500 characters of input. Targets: at least 200 pages/s on one core, and under
0.5 s for `kehoach extract FILE` on one file, start-up included (--check exits 1 below them).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGE_CHARS = 2500
TARGET_PAGES_PER_SECOND = 200.0
TARGET_CLI_SECONDS = 0.5


def default_docs() -> Path:
    shared = Path(os.environ.get("KEHOACH_SHARED") or REPO_ROOT.parent / "shared")
    return shared / "seeds"


def cli_command() -> list[str]:
    """The installed console script beside this Python (the venv's), else `python -m kehoach`."""
    script = Path(sys.executable).with_name("kehoach")
    if script.exists():
        return [str(script)]
    found = shutil.which("kehoach")
    return [found] if found else [sys.executable, "-m", "kehoach"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=default_docs(), help="folder of plain-text plans (default ../shared/seeds)")
    ap.add_argument("--seconds", type=float, default=5.0, help="how long to keep extracting (default 5)")
    ap.add_argument("--cli-runs", type=int, default=5, help="CLI runs to time, median reported (default 5)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()

    docs = sorted(p for p in args.docs.glob("*") if p.is_file())
    texts = {}
    for path in docs:
        try:
            texts[path] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            print(f"skipped (not plain text): {path.name}")
    if not texts:
        print(f"no plain-text documents in {args.docs}", file=sys.stderr)
        return 2
    pages = sum(len(t) for t in texts.values()) / PAGE_CHARS

    import kehoach
    from kehoach.restore import needs_restoring

    for path in texts:  # warm-up: imports, caches, first-call costs
        kehoach.extract(path)
    # Damaged text (OCR, no accents) goes through the restorer first: timed apart, as its cost
    # is the restorer's (benchmarks/bench_restore.py), not the reader's.
    clean = {p: t for p, t in texts.items() if not needs_restoring(t)}
    groups = [("clean", clean)] + ([("all", texts)] if len(clean) < len(texts) else [])
    rate = 0.0
    for label, group in groups:
        pages = sum(len(t) for t in group.values()) / PAGE_CHARS
        rounds, started = 0, time.perf_counter()
        while True:
            for path in group:
                kehoach.extract(path)
            rounds += 1
            took = time.perf_counter() - started
            if took >= args.seconds:
                break
        group_rate = rounds * pages / took
        rate = rate or group_rate
        print(f"library, {label} ({len(group)} documents, {pages:.1f} pages): {rounds} rounds in {took:.2f} s: "
              f"{group_rate:.0f} pages/s (target >= {TARGET_PAGES_PER_SECOND:.0f} on clean text)")

    one = max(texts, key=lambda p: len(texts[p]))
    cli = cli_command()
    command = [*cli, "extract", str(one), "--format", "json"]
    walls = []
    for _ in range(max(1, args.cli_runs)):
        started = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True)
        walls.append(time.perf_counter() - started)
        if run.returncode != 0:
            print(f"CLI failed (exit {run.returncode}): {run.stderr.strip()[-300:]}", file=sys.stderr)
            return 1
    wall = statistics.median(walls)
    print(f"CLI: {' '.join(Path(c).name for c in cli)} extract {one.name}: median {wall:.3f} s "
          f"over {len(walls)} runs, min {min(walls):.3f} s (target < {TARGET_CLI_SECONDS} s)")

    missed = rate < TARGET_PAGES_PER_SECOND or wall >= TARGET_CLI_SECONDS
    if args.check and missed:
        print("below target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
