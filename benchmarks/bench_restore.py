#!/usr/bin/env python3
"""Time the diacritic restorer: characters per second, with the one-time model load apart.

    .venv/bin/python benchmarks/bench_restore.py                 # ../shared/seeds, stripped
    .venv/bin/python benchmarks/bench_restore.py --docs DIR --corpus DIR --seconds 10 --check

Each document is stripped of its marks and restored by a fresh restorer (no transition cache
carried over from the previous document, as in one CLI run). Without ../shared, the packaged
text is used. Target: at least 50,000 characters per second (--check exits 1 below it).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
TARGET_CHARS_PER_SECOND = 50_000


def strip(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if unicodedata.category(c) != "Mn"))


def documents(folder: Path | None) -> list[str]:
    if folder is None:
        shared = Path(os.environ.get("KEHOACH_SHARED") or REPO_ROOT.parent / "shared")
        folder = shared / "seeds"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        print(f"no documents in {folder}: timing the packaged text instead", file=sys.stderr)
        files = [REPO_ROOT / "src" / "kehoach" / "data" / "restore_text_vi.txt"]
    return [strip(p.read_text(encoding="utf-8")) for p in files]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, help="folder of clean *.txt plans (default ../shared/seeds)")
    ap.add_argument("--corpus", type=Path, help="a --corpus folder to train on first")
    ap.add_argument("--seconds", type=float, default=5.0, help="minimum time to run (default 5)")
    ap.add_argument("--check", action="store_true", help=f"exit 1 below {TARGET_CHARS_PER_SECOND:,} chars/s")
    args = ap.parse_args()
    texts = documents(args.docs)

    started = time.perf_counter()
    import kehoach.restore.api as api
    from kehoach.restore.restorer import Restorer

    model = api.load_model(args.corpus)
    load = time.perf_counter() - started

    chars = 0
    spent = 0.0
    rounds = 0
    while spent < args.seconds or rounds == 0:
        for text in texts:
            t0 = time.perf_counter()
            Restorer(model).restore(text)
            spent += time.perf_counter() - t0
            chars += len(text)
        rounds += 1
    rate = chars / spent
    print(f"model load: {load:.3f} s (once per process{', corpus included' if args.corpus else ''})")
    print(f"restore: {rate:,.0f} chars/s over {chars:,} chars in {rounds} rounds of {len(texts)} documents")
    if args.check and rate < TARGET_CHARS_PER_SECOND:
        print(f"below the target of {TARGET_CHARS_PER_SECOND:,} chars/s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
