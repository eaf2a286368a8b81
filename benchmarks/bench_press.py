#!/usr/bin/env python3
"""Time press coverage: the collector, de-duplication and the coverage chart page.

    .venv/bin/python benchmarks/bench_press.py                  # everything, both databases
    .venv/bin/python benchmarks/bench_press.py --only dedup --check

- collector: pages per second fetched and extracted from a local server on 127.0.0.1 (300 article
  pages in the Vietnamese outlets' templates, one RSS feed; rate limit off), with the extraction
  figures of kehoach against trafilatura alone on the outlet-template pages;
- dedup: MinHash signatures and LSH lookup over 100,000 synthetic articles with 1,000 planted
  near-copies (target: under 60 s; recall of the planted copies and false matches reported);
- chart page: p50/p95 of the coverage page (charts by month and week, the breakdowns) with
  100,000 articles on SQLite and on PostgreSQL (127.0.0.1:5432, a throw-away database), through
  Django's test client (target: p95 under 200 ms).

Only 127.0.0.1 is contacted; every loop is bounded.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEDUP_TARGET_S = 60.0
CHART_TARGET_MS = 200.0
ARTICLES = 100_000
SYLLABLES = ("tỉnh lâm viên thông tin đối ngoại du lịch đầu tư hợp tác quốc tế văn hóa lễ hội triển lãm nông nghiệp "
             "công nghệ cao cà phê hoa kiều bào doanh nghiệp hàn quốc nhật bản hội nghị xúc tiến bồi dưỡng cán bộ "
             "báo chí phóng viên đại hội đảng bộ nhiệm kỳ phát triển kinh tế xã hội chuyển đổi số cổng điện tử").split()


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _databases import run_inner  # noqa: E402


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# --------------------------------------------------------------------------- collector


def bench_collector(pages: int = 300) -> dict:
    from kehoach.press.collect import SourceSpec, collect
    from kehoach.press.extract import extract_article, extract_baseline
    from kehoach.press.fetch import Fetcher
    from kehoach.press.samples import extraction_pages, score

    templates = extraction_pages()
    bodies = {f"/a/{i}.html": templates[i % len(templates)][2] for i in range(pages)}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/feed.rss":
                items = "".join(f"<item><title>t{i}</title><link>{base}/a/{i}.html</link></item>" for i in range(pages))
                body, kind = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'.encode(), "application/rss+xml"
            elif self.path in bodies:
                body, kind = bodies[self.path], "text/html"
            else:
                body, kind = b"", "text/plain"
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()

    class Store:
        def __init__(self):
            self.saved = 0

        def known(self, url):
            return False

        def source_fetched(self, *args, **kwargs):
            pass

        def save(self, *args):
            self.saved += 1

        def failed(self, source, url, kind, message):
            raise SystemExit(f"collector benchmark: {url}: {message}")

    try:
        store = Store()
        with Fetcher(min_interval=0, timeout=10) as fetcher:
            report = collect([SourceSpec("bench", base + "/feed.rss", max_items=pages)], store, fetcher)
    finally:
        server.shutdown()
        server.server_close()
    ours, alone = score(extract_article), score(extract_baseline)
    return {"pages": report.pages, "seconds": round(report.seconds, 2), "pages_per_s": round(report.pages / report.seconds, 1),
            "extraction": {"kehoach": {k: round(v, 2) for k, v in ours.items()},
                           "trafilatura_alone": {k: round(v, 2) for k, v in alone.items()}}}


# --------------------------------------------------------------------------- dedup


def synthetic_articles(n: int, copies: int, rng: random.Random) -> tuple[list[str], dict[int, int]]:
    vocabulary = [a + " " + b for a in SYLLABLES for b in SYLLABLES]  # two-syllable words, as Vietnamese has
    docs = [" ".join(rng.choices(vocabulary, k=rng.randint(120, 260))) for _ in range(n - copies)]
    planted = {}
    for _ in range(copies):
        source = rng.randrange(len(docs))
        words = docs[source].split()
        for _ in range(3):  # a syndicated copy: a few words changed, a credit line added
            words[rng.randrange(len(words))] = rng.choice(SYLLABLES)
        planted[len(docs)] = source
        docs.append(" ".join(words) + " theo báo lâm viên")
    return docs, planted


def bench_dedup(n: int = ARTICLES) -> dict:
    from kehoach.press.dedup import DedupIndex, signature

    rng = random.Random(2026)
    docs, planted = synthetic_articles(n, n // 100, rng)
    started = time.perf_counter()
    signatures = [signature(d) for d in docs]
    signed = time.perf_counter() - started
    index = DedupIndex()
    found = {}
    for i, sig in enumerate(signatures):
        duplicate = index.add(i, sig)
        if duplicate is not None:
            found[i] = duplicate
    total = time.perf_counter() - started
    hits = sum(1 for i, s in found.items() if planted.get(i) == s)
    return {"articles": n, "signatures_s": round(signed, 1), "total_s": round(total, 1), "planted": len(planted),
            "found": hits, "false_matches": len(found) - hits}


# --------------------------------------------------------------------------- chart page


def chart_inner(db: str, runs: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    import datetime as dt

    from django.utils import timezone

    from kehoach.web.outputs.models import Article, Topic
    from kehoach.web.plans.services.demo import load_demo
    from kehoach.web.outputs.demo import load_demo as load_outputs

    load_demo(out=lambda *a: None)
    load_outputs(out=lambda *a: None, collect=False, schedule_minutes=0)
    rng = random.Random(7)
    outlets = [(f"Báo {i}", rng.choice(["vi", "vi", "vi", "en", "ko", "ja", "zh"]), rng.choice(["domestic", "domestic", "foreign"]))
               for i in range(120)]
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    started = time.perf_counter()
    batch = []
    for n in range(ARTICLES):
        outlet, lang, scope = rng.choice(outlets)
        day = today - dt.timedelta(days=rng.randrange(730))
        when = dt.datetime(day.year, day.month, day.day, rng.randrange(24), tzinfo=tz)
        batch.append(Article(outlet=outlet, url=f"https://bench.example/{n}", title=f"Bài {n} về Lâm Viên", published_at=when,
                             day=day, week=day - dt.timedelta(days=day.weekday()), month=day.replace(day=1), lang=lang,
                             scope=scope, relevant=rng.random() < 0.9, text="", relevance=0.7))
        if len(batch) == 5000:
            Article.objects.bulk_create(batch)
            batch = []
    if batch:
        Article.objects.bulk_create(batch)
    ids = list(Article.objects.values_list("pk", flat=True))
    first = ids[0]
    copies = rng.sample(ids[1:], ARTICLES // 20)  # 5 % syndicated copies, not counted
    for start in range(0, len(copies), 2000):
        Article.objects.filter(pk__in=copies[start:start + 2000]).update(duplicate_of_id=first)
    through = Article.topics.through
    topics = list(Topic.objects.all())
    links = [through(article_id=pk, topic_id=rng.choice(topics).pk) for pk in rng.sample(ids, len(ids) // 3)]
    through.objects.bulk_create(links, batch_size=5000)
    built = time.perf_counter() - started
    if db == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    urls = ["/outputs/", "/outputs/?by=week", f"/outputs/?from={today.year - 1}-01-01&to={today.isoformat()}&scope=foreign",
            "/outputs/?lang=en&by=week", f"/outputs/?topic={topics[0].pk}"]
    times = {}
    for url in urls:
        client.get(url)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times[url] = samples
    every = [t for samples in times.values() for t in samples]
    listing = []
    for _ in range(runs):
        start = time.perf_counter()
        assert client.get("/outputs/articles/?scope=foreign").status_code == 200
        listing.append((time.perf_counter() - start) * 1000)
    return {"db": db, "articles": Article.objects.count(), "build_s": round(built, 1),
            "chart_p50": round(statistics.median(every), 1), "chart_p95": round(percentile(every, 0.95), 1), "n": len(every),
            "per_url_p95": {u: round(percentile(s, 0.95), 1) for u, s in times.items()},
            "list_p95": round(percentile(listing, 0.95), 1)}


def bench_chart(db: str, runs: int) -> dict:
    return run_inner(__file__, db, ["--runs", str(runs)], {"KEHOACH_COLLECT_EVERY": "0"}, label="chart benchmark")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("collector", "dedup", "chart"), help="one benchmark only")
    ap.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--runs", type=int, default=20, help="requests per chart URL (default 20)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--inner", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        print(json.dumps(chart_inner(args.inner, args.runs)))
        return 0
    missed = []
    if args.only in (None, "collector"):
        result = bench_collector()
        print(f"collector: {result['pages']} pages in {result['seconds']} s = {result['pages_per_s']} pages/s "
              "(local server, rate limit off, fetch + extraction)")
        ours, alone = result["extraction"]["kehoach"], result["extraction"]["trafilatura_alone"]
        print(f"extraction on {ours['pages']} outlet-template pages:   kehoach / trafilatura alone")
        for key in ours:
            if key != "pages":
                print(f"  {key:<11} {ours[key]:.2f} / {alone[key]:.2f}")
    if args.only in (None, "dedup"):
        result = bench_dedup()
        ok = result["total_s"] < DEDUP_TARGET_S
        missed += [] if ok else ["dedup"]
        print(f"dedup: {result['articles']:,} articles in {result['total_s']} s (signatures {result['signatures_s']} s; "
              f"target < {DEDUP_TARGET_S:.0f} s{'' if ok else ', MISSED'}); planted copies found {result['found']}/"
              f"{result['planted']}, false matches {result['false_matches']}")
    if args.only in (None, "chart"):
        for db in (("sqlite", "postgres") if args.db == "both" else (args.db,)):
            result = bench_chart(db, args.runs)
            ok = result["chart_p95"] < CHART_TARGET_MS
            missed += [] if ok else [f"chart {db}"]
            print(f"chart page, {db}, {result['articles']:,} articles (built in {result['build_s']} s): "
                  f"p50 {result['chart_p50']} ms, p95 {result['chart_p95']} ms (n={result['n']}, target p95 < "
                  f"{CHART_TARGET_MS:.0f} ms{'' if ok else ', MISSED'}); article list p95 {result['list_p95']} ms")
            for url, p95 in result["per_url_p95"].items():
                print(f"    {url:<60} p95 {p95} ms")
    if missed:
        print("missed: " + ", ".join(missed))
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT / "src"))
    sys.exit(main())
