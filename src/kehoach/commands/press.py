"""`kehoach press`: press coverage from the command line.

    kehoach press extract FILE_OR_URL [--format json|text]   one article page: title, date, author, language, text
    kehoach press collect [--source ID] [--no-rate-limit]   run the collector once over the configured sources

Nothing heavy is imported here at module level (trafilatura, Django): only inside `run`.
"""
from __future__ import annotations

import json
import os
import sys

from ..errors import KehoachError


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    extract = sub.add_parser("extract", help="extract one article (a saved HTML page or a URL) and print it")
    extract.add_argument("target", metavar="FILE_OR_URL")
    extract.add_argument("--format", choices=("json", "text"), default="json")
    extract.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for a URL (default 15)")
    collect = sub.add_parser("collect", help="fetch the configured feeds and sitemaps once and store new articles")
    collect.add_argument("--source", type=int, action="append", help="only this source (by id; may repeat)")
    collect.add_argument("--no-rate-limit", action="store_true", help="no pause between requests to one host")


def run(args) -> int:
    if args.action == "extract":
        return _extract(args)
    return _collect(args)


def _extract(args) -> int:
    from pathlib import Path

    from ..press.extract import extract_article

    target = args.target
    if target.startswith(("http://", "https://")):
        from ..press.fetch import Fetcher, FetchError

        with Fetcher(min_interval=0, timeout=args.timeout, retries=1) as fetcher:
            try:
                page = fetcher.fetch(target, expect="html")
            except FetchError as error:
                raise KehoachError(str(error)) from None
        article = extract_article(page.content, page.url, charset=page.charset)
    else:
        path = Path(target)
        if not path.is_file():
            raise KehoachError(f"{target}: no such file")
        data = path.read_bytes()
        if len(data) > 20 * 1024 * 1024:
            raise KehoachError(f"{target}: over 20 MB, not an article page")
        if b"\x00" in data[:4096]:
            raise KehoachError(f"{target}: not an HTML page (binary content)")
        article = extract_article(data, path.resolve().as_uri())
    if not article.text.strip() and not article.title:
        raise KehoachError(f"{target}: no article found on the page")
    if args.format == "json":
        json.dump(article.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(article.title)
        print(" · ".join(x for x in (article.date.isoformat() if article.date else "", article.author, article.lang) if x))
        print()
        print(article.text)
    return 0


def _collect(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from ..web.outputs.collector import run_collector

    report = run_collector(source_ids=args.source, min_interval=0 if args.no_rate_limit else None)
    print(report.summary())
    for url, message in report.errors[:50]:
        print(f"  ✗ {message}" if message.startswith(url) else f"  ✗ {url}: {message}")
    return 0
