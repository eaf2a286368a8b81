"""One collector run over the configured sources, storage left to the caller.

For each source: fetch its feed or sitemap (conditional GET with the ETag / Last-Modified kept from
the last run: a 304 costs no download), list its entries, and fetch and extract each article the
store does not hold yet. A failure (404, timeout, redirect loop, a huge page, a PDF where a page was
expected, a broken feed, robots.txt) is recorded against its URL and the run goes on.

The store is any object with the methods of `Store`; `kehoach.web.outputs.collector` keeps
everything in the database, the tests keep it in memory.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Protocol

from .dedup import canonical_url
from .extract import Extracted, extract_article
from .feeds import FeedEntry, FeedError, parse
from .fetch import Fetcher, FetchError, FetchResult

log = logging.getLogger("kehoach.press")


@dataclass
class SourceSpec:
    key: object
    url: str
    kind: str = "feed"  # feed (RSS or Atom) | sitemap
    etag: str = ""
    last_modified: str = ""
    max_items: int = 200


@dataclass
class Report:
    sources: int = 0
    not_modified: int = 0
    entries: int = 0
    pages: int = 0
    articles: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (url, message)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.sources} sources ({self.not_modified} unchanged), {self.entries} entries, "
                f"{self.pages} pages fetched, {self.articles} new articles, {self.skipped} already known, "
                f"{len(self.errors)} errors, {self.seconds:.1f} s")


class Store(Protocol):
    def known(self, url: str) -> bool: ...
    def source_fetched(self, source: SourceSpec, result: FetchResult | None, error: str = "") -> None: ...
    def save(self, source: SourceSpec, entry: FeedEntry, page: FetchResult, article: Extracted) -> None: ...
    def failed(self, source: SourceSpec, url: str, kind: str, message: str) -> None: ...


def collect(sources: list[SourceSpec], store: Store, fetcher: Fetcher) -> Report:
    report = Report()
    started = time.monotonic()
    for source in sources:
        report.sources += 1
        try:
            entries = _entries(source, store, fetcher, report)
        except (FetchError, FeedError) as error:
            message = error.message if isinstance(error, FetchError) else f"{source.url}: {error}"
            kind = error.kind if isinstance(error, FetchError) else "bad_feed"
            report.errors.append((source.url, message))
            store.source_fetched(source, None, message)
            store.failed(source, source.url, kind, message)
            continue
        for entry in entries[: source.max_items]:
            report.entries += 1
            if store.known(canonical_url(entry.url)):
                report.skipped += 1
                continue
            try:
                page = fetcher.fetch(entry.url, expect="html")
                report.pages += 1
                article = extract_article(page.content, page.url, charset=page.charset)
            except FetchError as error:
                report.errors.append((entry.url, error.message))
                store.failed(source, entry.url, error.kind, error.message)
                continue
            except Exception as error:  # a page that breaks the extractor must not stop the run
                log.exception("extracting %s", entry.url)
                message = f"could not read the page ({type(error).__name__})"
                report.errors.append((entry.url, message))
                store.failed(source, entry.url, "extract", message)
                continue
            if not article.text.strip():
                report.errors.append((entry.url, "no article text found on the page"))
                store.failed(source, entry.url, "no_text", "no article text found on the page")
                continue
            store.save(source, entry, page, article)
            report.articles += 1
    report.seconds = time.monotonic() - started
    return report


def _entries(source: SourceSpec, store: Store, fetcher: Fetcher, report: Report) -> list[FeedEntry]:
    result = fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified, expect="feed")
    if result.not_modified:
        report.not_modified += 1
        store.source_fetched(source, result)
        return []
    parsed = parse(result.content, result.url)
    entries = list(parsed.entries)
    # A sitemap index: read its first few child sitemaps (newest first, as outlets list them).
    for child in parsed.sitemaps[:5]:
        try:
            child_result = fetcher.fetch(child, expect="feed")
            entries += parse(child_result.content, child_result.url).entries
        except (FetchError, FeedError) as error:
            report.errors.append((child, str(error)))
            store.failed(source, child, getattr(error, "kind", "bad_feed"), str(error))
    store.source_fetched(source, result)
    return entries
