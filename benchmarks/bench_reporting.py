#!/usr/bin/env python3
"""Load test of the reporting cycle: a deadline rush on gunicorn + PostgreSQL.

    .venv/bin/python benchmarks/bench_reporting.py [--units 500] [--sessions 200] [--seconds 60] [--check]

1. A throw-away PostgreSQL database (127.0.0.1:5432) gets an invented province of 500 reporting
   units, one plan of 40 tasks in which each unit has a part, an open period, and one officer
   per unit (one precomputed password hash for all).
2. The app is served by gunicorn (gthread workers) on 127.0.0.1 only.
3. The load tool runs in its own process (asyncio + httpx): every officer logs in first (not
   timed: a log-in costs about 0.3 s of PBKDF2), then within one minute each unit opens its
   report, types (an autosave), and submits, then sees its submitted report: up to `--sessions`
   sessions at once. Every request's time is kept; any unexpected answer is an error.
4. Afterwards the database is counted: one submitted report per unit, one frozen version each,
   no report lost or doubled.

Targets: p95 under 300 ms, zero errors, the counts exact (`--check` exits 1 when one is missed).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
REPO = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 300.0


# --------------------------------------------------------------------------- inside Django (set-up, counts)


def setup_data() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from _reporting_data import generate

    return generate()


def count(period_id: int, units: int) -> dict:
    import django

    django.setup()
    from django.db.models import Count

    from kehoach.web.plans.models import AuditEntry
    from kehoach.web.reporting.models import ReportItem, ReportVersion, UnitReport
    from kehoach.web.reporting.scope import expected_parts

    reports = UnitReport.objects.filter(period_id=period_id)
    period = reports.first().period if reports.exists() else None
    expected = expected_parts(period) if period else {}
    items_expected = sum(len(p) for p in expected.values())
    return {
        "reports": reports.count(),
        "submitted": reports.filter(status="submitted", first_submitted_at__isnull=False).count(),
        "distinct_units": reports.values("unit").distinct().count(),
        "versions": ReportVersion.objects.filter(report__period_id=period_id).count(),
        "reports_with_one_version": reports.annotate(n=Count("versions")).filter(n=1).count(),
        "items": ReportItem.objects.filter(report__period_id=period_id).count(),
        "items_expected": items_expected,
        "items_with_narrative": ReportItem.objects.filter(report__period_id=period_id).exclude(narrative="").count(),
        "audit_submits": AuditEntry.objects.filter(action="submit", model="UnitReport").count(),
        "units": units,
    }


# --------------------------------------------------------------------------- the load tool (own process)


async def load(base: str, period: int, units: list[int], sessions: int, seconds: float, think: float) -> dict:
    import asyncio
    import random

    import httpx

    rng = random.Random(500)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [httpx.AsyncClient(base_url=base, timeout=60.0, limits=limits) for _ in units]
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    async def log_in(n: int, client) -> None:
        page = await client.get("/login/")
        response = await client.post("/login/", data={
            "csrfmiddlewaretoken": token.search(page.text).group(1), "username": f"unit{n:03d}",
            "password": "bench-password-2026"})
        if response.status_code != 302:
            raise SystemExit(f"log-in of unit{n:03d} failed: {response.status_code}")

    started = time.perf_counter()
    gate = asyncio.Semaphore(4)  # log-ins hash passwords: a few at a time

    async def gated(n, client):
        async with gate:
            await log_in(n, client)

    await asyncio.gather(*(gated(n, c) for n, c in enumerate(clients)))
    login_s = time.perf_counter() - started

    times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors: list[str] = []
    submitted = 0
    active = 0
    peak = 0
    slots = asyncio.Semaphore(sessions)

    async def timed(kind: str, call, expect: tuple[int, ...]):
        t0 = time.perf_counter()
        try:
            response = await call
        except Exception as error:  # a timeout or a dropped connection is an error
            errors.append(f"{kind}: {type(error).__name__}")
            return None
        times.append((time.perf_counter() - t0) * 1000)
        by_kind.setdefault(kind, []).append(times[-1])
        if response.status_code not in expect:
            errors.append(f"{kind}: HTTP {response.status_code}")
            return None
        return response

    async def officer(n: int, client, unit: int, start_at: float):
        nonlocal submitted, active, peak
        await asyncio.sleep(max(0.0, start_at - (time.perf_counter() - t_start)))
        async with slots:
            active += 1
            peak = max(peak, active)
            try:
                url = f"/reporting/periods/{period}/units/{unit}/"
                page = await timed("open", client.get(url), (200,))
                if page is None:
                    return
                html = page.text
                report = int(re.search(r"/reporting/reports/(\d+)/submit/", html).group(1))
                version = re.search(r'name="version" id="version" value="(\d+)"', html).group(1)
                csrf = token.search(html).group(1)
                fields = sorted(set(re.findall(r'name="(i\d+-(?:status|percent|narrative))"', html)))
                await asyncio.sleep(think * rng.uniform(0.7, 1.3))
                # Typing: the autosave of the first narrative.
                first = next((f for f in fields if f.endswith("-narrative")), None)
                saved = await timed("autosave", client.post(f"/reporting/reports/{report}/autosave/", data={
                    "csrfmiddlewaretoken": csrf, "version": version, first: "Đang soạn báo cáo."}, headers={"HX-Request": "true"}), (200,))
                if saved is None:
                    return
                version = re.search(r'name="version" id="version" value="(\d+)"', saved.text).group(1)
                await asyncio.sleep(think * rng.uniform(0.7, 1.3))
                data = {"csrfmiddlewaretoken": csrf, "version": version, "action": "submit",
                        "r-difficulties": "Thiếu kinh phí.", "r-proposals": ""}
                for name in fields:
                    if name.endswith("-status"):
                        data[name] = "dang_thuc_hien"
                    elif name.endswith("-percent"):
                        data[name] = "60"
                    else:
                        data[name] = f"Đơn vị {unit} đã thực hiện phần việc được giao; kết quả đạt yêu cầu."
                done = await timed("submit", client.post(f"/reporting/reports/{report}/submit/", data=data), (302,))
                if done is None:
                    return
                after = await timed("view", client.get(done.headers["location"]), (200,))
                if after is not None and "submitted" in after.text or (after is not None and "đã gửi" in after.text):
                    submitted += 1
            finally:
                active -= 1

    # Openings spread over the first two thirds of the minute; each session then types and submits.
    span = max(1.0, seconds - 4 * think - 6)
    starts = sorted(rng.uniform(0, span) for _ in units)
    t_start = time.perf_counter()
    cpu_start = time.process_time()
    await asyncio.gather(*(officer(n, c, u, s) for n, (c, u, s) in enumerate(zip(clients, units, starts))))
    wall = time.perf_counter() - t_start
    tool_cpu = time.process_time() - cpu_start
    await asyncio.gather(*(c.aclose() for c in clients))
    ordered = sorted(times)

    def pick(q):
        return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1) if ordered else None

    return {"login_s": round(login_s, 1), "wall_s": round(wall, 1), "requests": len(times), "errors": len(errors),
            "error_kinds": sorted(set(errors))[:10], "p50_ms": pick(0.5), "p95_ms": pick(0.95), "p99_ms": pick(0.99),
            "max_ms": round(max(ordered), 1) if ordered else None, "mean_ms": round(statistics.fmean(ordered), 1) if ordered else None,
            "submitted_seen": submitted, "peak_sessions": peak, "tool_cpu_s": round(tool_cpu, 1),
            "by_kind": {k: {"p50": round(sorted(v)[len(v) // 2], 1), "p95": round(sorted(v)[int(0.95 * (len(v) - 1))], 1)}
                        for k, v in by_kind.items()}}


# --------------------------------------------------------------------------- orchestration


def process_cpu(root: int) -> float:
    """CPU seconds used so far by a process and its children (gunicorn's workers), from /proc."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == root or int(fields[1]) == root:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def server_times(log: Path) -> dict:
    """p50/p95 of the time gunicorn spent on each request of the rush (log-ins left out)."""
    values = []
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and "/reporting/" in parts[1]:
            values.append(float(parts[3]))
    values.sort()
    if not values:
        return {}
    return {"n": len(values), "p50": values[len(values) // 2], "p95": values[int(0.95 * (len(values) - 1))]}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(args) -> int:
    name = f"kehoach_bench_load_{os.getpid()}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
    quiet = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
    subprocess.run(psql + [f"DROP DATABASE IF EXISTS {name}"], check=True, env=quiet)
    subprocess.run(psql + [f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"], check=True, env=quiet)
    server = None
    try:
        with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
            port = free_port()
            env = {**os.environ, "KEHOACH_DATA_DIR": tmp, "KEHOACH_SECRET_KEY": "bench-not-secret",
                   "DJANGO_SETTINGS_MODULE": "kehoach.web.settings", "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
                   "KEHOACH_ALLOWED_HOSTS": "127.0.0.1", "KEHOACH_LOGIN_MAX_FAILURES": "1000"}
            env.pop("CELERY_BROKER_URL", None)
            env.pop("KEHOACH_DEBUG", None)
            t0 = time.perf_counter()
            setup = subprocess.run([sys.executable, __file__, "--setup"], env=env, capture_output=True, text=True, timeout=900)
            if setup.returncode != 0:
                print(setup.stderr[-3000:], file=sys.stderr)
                return 2
            data = json.loads(setup.stdout.strip().splitlines()[-1])
            units = data["units"][: args.units]
            print(f"data: {len(data['units'])} units, 40 tasks, {data['assignments']} assignments, one officer per unit "
                  f"(built in {time.perf_counter() - t0:.1f} s)")
            gunicorn = str(Path(sys.executable).with_name("gunicorn"))
            log = open(Path(tmp) / "gunicorn.log", "w")
            server = subprocess.Popen(
                [gunicorn, "kehoach.web.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
                 "--worker-class", "gthread", "--threads", str(args.threads), "--backlog", "2048", "--timeout", "60",
                 "--keep-alive", "30", "--access-logfile", str(Path(tmp) / "access.log"),
                 "--access-logformat", '%(m)s %(U)s %(s)s %(M)s'],
                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp, start_new_session=True)
            import urllib.request

            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.3)
            else:
                print("gunicorn did not start:\n" + (Path(tmp) / "gunicorn.log").read_text()[-2000:], file=sys.stderr)
                return 2
            print(f"server: gunicorn, {args.workers} gthread workers × {args.threads} threads, PostgreSQL, 127.0.0.1:{port}; "
                  f"load average before: {Path('/proc/loadavg').read_text().split()[0]}")
            loader = subprocess.run(
                [sys.executable, __file__, "--load", f"http://127.0.0.1:{port}", "--period", str(data["period"]),
                 "--unit-ids", ",".join(map(str, units)), "--sessions", str(args.sessions), "--seconds", str(args.seconds),
                 "--think", str(args.think)],
                capture_output=True, text=True, timeout=args.seconds + 900)
            if loader.returncode != 0:
                print(loader.stderr[-3000:], file=sys.stderr)
                return 2
            result = json.loads(loader.stdout.strip().splitlines()[-1])
            result["server_cpu_s"] = round(process_cpu(server.pid), 1)
            result["loadavg_after"] = Path("/proc/loadavg").read_text().split()[0]
            result["server_ms"] = server_times(Path(tmp) / "access.log")
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
            server = None
            counted = subprocess.run([sys.executable, __file__, "--count", str(data["period"]), "--units", str(len(units))],
                                     env=env, capture_output=True, text=True, timeout=300)
            if counted.returncode != 0:
                print(counted.stderr[-3000:], file=sys.stderr)
                return 2
            counts = json.loads(counted.stdout.strip().splitlines()[-1])
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
        subprocess.run(psql + [f"DROP DATABASE IF EXISTS {name}"], check=False, env=quiet)

    n = len(units)
    print(f"log-in (before the timed minute): {n} officers in {result['login_s']} s")
    print(f"rush: {n} units × (open, autosave, submit, view) = {result['requests']} requests in {result['wall_s']} s, "
          f"up to {result['peak_sessions']} sessions at once")
    print(f"  latency: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms "
          f"(target p95 < {TARGET_P95_MS:.0f} ms)")
    print("  by request: " + "; ".join(f"{k} p50 {v['p50']} ms, p95 {v['p95']} ms" for k, v in result["by_kind"].items()))
    print(f"  time inside gunicorn: p50 {result['server_ms'].get('p50')} ms, p95 {result['server_ms'].get('p95')} ms; "
          f"CPU: server {result['server_cpu_s']} s in all (log-ins included), load tool {result['tool_cpu_s']} s in the rush; "
          f"load average after: {result['loadavg_after']} (the machine's 2 cores are shared with whatever else runs)")
    print(f"  errors: {result['errors']}" + (f" {result['error_kinds']}" if result["errors"] else ""))
    print(f"count: {counts['submitted']}/{n} reports submitted, {counts['distinct_units']} units, {counts['reports']} report rows, "
          f"{counts['versions']} frozen versions ({counts['reports_with_one_version']} reports with exactly one), "
          f"{counts['items']}/{counts['items_expected']} items, {counts['audit_submits']} audit entries")
    missed = []
    if result["p95_ms"] is None or result["p95_ms"] >= TARGET_P95_MS:
        missed.append("p95")
    if result["errors"]:
        missed.append("errors")
    if not (counts["submitted"] == counts["reports"] == counts["distinct_units"] == counts["versions"]
            == counts["reports_with_one_version"] == counts["audit_submits"] == n and counts["items"] == counts["items_expected"]):
        missed.append("counts")
    if result["wall_s"] > args.seconds + 5:
        missed.append("within the minute")
    print("all targets met" if not missed else "missed: " + ", ".join(missed))
    return 1 if missed and args.check else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--sessions", type=int, default=200, help="sessions at work at once (default 200)")
    ap.add_argument("--seconds", type=float, default=60.0, help="the rush's length (default 60)")
    ap.add_argument("--think", type=float, default=6.0, help="seconds an officer types between requests (default 6)")
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--count", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--load", help=argparse.SUPPRESS)
    ap.add_argument("--period", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--unit-ids", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.setup:
        print(json.dumps(setup_data()))
        return 0
    if args.count:
        print(json.dumps(count(args.count, args.units)))
        return 0
    if args.load:
        import asyncio

        host = args.load.split("//", 1)[1].split(":", 1)[0]
        if host not in ("127.0.0.1", "localhost"):
            raise SystemExit("the load tool only talks to 127.0.0.1")
        units = [int(x) for x in args.unit_ids.split(",")]
        print(json.dumps(asyncio.run(load(args.load, args.period, units, args.sessions, args.seconds, args.think))))
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
