#!/usr/bin/env python3
"""Time the consolidated report of a large period: 500 units' submitted reports on 40 tasks.

    .venv/bin/python benchmarks/bench_report_docx.py [--db sqlite|postgres] [--runs 3] [--check]

Builds the data (invented: benchmarks/_reporting_data.py) in a throw-away database, then times
drafting the report from the units' reports and writing its DOCX and XLSX annex, as one click
on "Báo cáo tổng hợp" does. Target: under 10 s (`--check` exits 1 when missed).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
TARGET_S = 10.0


def inner(runs: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from _reporting_data import generate, fill_reports

    started = time.perf_counter()
    data = generate()
    from kehoach.web.reporting.models import Period

    period = Period.objects.get(pk=data["period"])
    reports = fill_reports(period)
    build_s = time.perf_counter() - started
    from kehoach.web.reporting import consolidated

    times, sizes = [], {}
    for _ in range(runs):
        period = Period.objects.select_related("plan").get(pk=data["period"])
        t0 = time.perf_counter()
        draft = consolidated.build(period)
        docx = consolidated.render_docx(draft)
        xlsx = consolidated.render_xlsx(draft)
        times.append(time.perf_counter() - t0)
        sizes = {"docx_kb": len(docx) // 1024, "xlsx_kb": len(xlsx) // 1024}
    from docx import Document

    document = Document(io.BytesIO(docx))
    return {"reports": reports, "tasks": draft["figures"]["tasks"], "expected_units": draft["figures"]["expected_units"],
            "received": draft["figures"]["received"], "paragraphs": len(document.paragraphs), "build_s": round(build_s, 1),
            "median_s": round(statistics.median(times), 2), "max_s": round(max(times), 2), **sizes}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        print(json.dumps(inner(args.runs)))
        return 0
    name = f"kehoach_bench_docx_{os.getpid()}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
    quiet = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        env = {**os.environ, "KEHOACH_DATA_DIR": tmp, "KEHOACH_SECRET_KEY": "bench", "DJANGO_SETTINGS_MODULE": "kehoach.web.settings"}
        if args.db == "postgres":
            subprocess.run(psql + [f"DROP DATABASE IF EXISTS {name}"], check=True, env=quiet)
            subprocess.run(psql + [f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"], check=True, env=quiet)
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        try:
            done = subprocess.run([sys.executable, __file__, "--inner", "--runs", str(args.runs)], env=env,
                                  capture_output=True, text=True, timeout=1800)
        finally:
            if args.db == "postgres":
                subprocess.run(psql + [f"DROP DATABASE IF EXISTS {name}"], check=False, env=quiet)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return 2
    result = json.loads(done.stdout.strip().splitlines()[-1])
    ok = result["max_s"] < TARGET_S
    print(f"{args.db}: {result['reports']} unit reports on {result['tasks']} tasks "
          f"({result['received']}/{result['expected_units']} units reported; data built in {result['build_s']} s)")
    print(f"  consolidated report (draft + DOCX + XLSX): median {result['median_s']} s, max {result['max_s']} s "
          f"over {args.runs} runs (target < {TARGET_S:.0f} s{'' if ok else ', MISSED'}); "
          f"DOCX {result['docx_kb']} KB, {result['paragraphs']} paragraphs; XLSX {result['xlsx_kb']} KB")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
