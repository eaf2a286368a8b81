"""The collector over the database: sources from `Source`, articles into `Article`.

`run_collector()` is what `kehoach press collect`, the management command `kehoach_collect` (for
cron or a systemd timer) and the demo's in-process scheduler call.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import transaction
from django.utils import timezone

from kehoach.press.collect import Report, SourceSpec, collect
from kehoach.press.dedup import DedupIndex, canonical_url, signature
from kehoach.press.fetch import Fetcher

from .models import Article, FetchFailure, Source, SourceKind

log = logging.getLogger("kehoach.outputs")
DEDUP_WINDOW_DAYS = 60  # a copy is looked for among the articles of the last two months


class DatabaseStore:
    def __init__(self, sources: dict[int, Source]):
        self.sources = sources
        self.saved: list[Article] = []
        since = timezone.now() - dt.timedelta(days=DEDUP_WINDOW_DAYS)
        self.index = DedupIndex()
        rows = Article.objects.filter(created_at__gte=since, duplicate_of__isnull=True).values_list("pk", "signature")
        for pk, sig in rows.iterator(chunk_size=2000):
            if sig:
                self.index.add(pk, bytes(sig), check=False)

    def known(self, url: str) -> bool:
        return Article.objects.filter(url=url).exists()

    def source_fetched(self, spec: SourceSpec, result, error: str = "") -> None:
        source = self.sources[spec.key]
        source.last_fetched_at = timezone.now()
        source.last_error = error[:2000]
        if result is not None and not result.not_modified:
            source.etag, source.last_modified = result.etag[:300], result.last_modified[:100]
        source.save(update_fields=["last_fetched_at", "last_error", "etag", "last_modified"])

    def save(self, spec: SourceSpec, entry, page, extracted) -> None:
        source = self.sources[spec.key]
        url = canonical_url(page.url, extracted.canonical)
        if Article.objects.filter(url=url).exists():  # reached again through another feed or address
            return
        published = extracted.date or entry.published
        if isinstance(published, dt.date) and not isinstance(published, dt.datetime):
            published = dt.datetime.combine(published, dt.time(12, 0), tzinfo=timezone.get_current_timezone())
        sig = signature(f"{extracted.title}\n{extracted.text}")
        with transaction.atomic():
            article = Article.objects.create(
                source=source, outlet=source.name, url=url, fetched_url=page.url[:1000],
                title=(extracted.title or entry.title or url)[:2000], published_at=published,
                author=extracted.author[:200], lang=(extracted.lang or source.language)[:5], scope=source.scope,
                text=extracted.text, signature=sig,
            )
            original, score = self.index.find(sig)
            if original is not None:
                Article.objects.filter(pk=article.pk).update(duplicate_of_id=original, similarity=score)
                article.duplicate_of_id, article.similarity = original, score
            else:
                self.index.add(article.pk, sig, check=False)
        self.saved.append(article)

    def failed(self, spec: SourceSpec, url: str, kind: str, message: str) -> None:
        FetchFailure.objects.create(source_id=spec.key, url=url[:1000], kind=kind[:30], message=message[:2000])


def run_collector(*, source_ids=None, min_interval: float | None = None, transport=None, timeout: float = 10.0,
                  retries: int = 2, max_bytes: int = 5 * 1024 * 1024) -> Report:
    from .services import assess

    sources = Source.objects.filter(active=True).exclude(kind=SourceKind.MANUAL).exclude(url="")
    if source_ids:
        sources = sources.filter(pk__in=source_ids)
    sources = {s.pk: s for s in sources}
    store = DatabaseStore(sources)
    # One interval for the run, the most polite any source asks for (robots.txt Crawl-delay may raise it per host).
    interval = min_interval if min_interval is not None else max((s.min_interval for s in sources.values()), default=1.0)
    specs = [SourceSpec(key=s.pk, url=s.url, kind=s.kind, etag=s.etag, last_modified=s.last_modified)
             for s in sources.values()]
    with Fetcher(min_interval=interval, transport=transport, timeout=timeout, retries=retries, max_bytes=max_bytes) as fetcher:
        report = collect(specs, store, fetcher)
    assess(store.saved)
    FetchFailure.objects.filter(at__lt=timezone.now() - dt.timedelta(days=90)).delete()
    log.info("press collector: %s", report.summary())
    return report


_scheduler: threading.Thread | None = None


def start_scheduler(every_minutes: float, **kwargs) -> threading.Thread:
    """The in-process option (the demo): run the collector every `every_minutes` in a daemon thread."""
    global _scheduler
    if _scheduler is not None and _scheduler.is_alive():
        return _scheduler

    def loop():
        import time

        from django.db import close_old_connections

        while True:
            time.sleep(every_minutes * 60)
            try:
                run_collector(**kwargs)
            except Exception:  # the next round may do better; the server must not stop
                log.exception("press collector round failed")
            finally:
                close_old_connections()

    _scheduler = threading.Thread(target=loop, name="kehoach-press-collector", daemon=True)
    _scheduler.start()
    return _scheduler
