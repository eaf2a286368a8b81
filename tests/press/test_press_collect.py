"""The collector against a local website: feeds of every kind, articles in two languages, a
syndicated copy, and every failure it must record and survive; robots.txt and ETags honoured."""
from __future__ import annotations

import pytest

from kehoach.press.collect import SourceSpec, collect
from kehoach.press.dedup import DedupIndex, canonical_url, signature
from kehoach.press.fetch import Fetcher, FetchError

from press_site import EN, VI, VI_UNDATED, Site


class MemoryStore:
    def __init__(self):
        self.articles: dict[str, dict] = {}
        self.failures: list[tuple[str, str, str]] = []
        self.states: dict = {}
        self.index = DedupIndex()

    def known(self, url):
        return url in self.articles

    def source_fetched(self, source, result, error=""):
        if result is not None and not result.not_modified:
            source.etag, source.last_modified = result.etag, result.last_modified
        self.states[source.key] = error or ("304" if result is not None and result.not_modified else "ok")

    def save(self, source, entry, page, article):
        url = canonical_url(page.url, article.canonical)
        sig = signature(article.title + "\n" + article.text)
        duplicate = self.index.add(url, sig)
        self.articles[url] = {"article": article, "duplicate_of": duplicate}

    def failed(self, source, url, kind, message):
        self.failures.append((url, kind, message))


@pytest.fixture
def site():
    with Site() as running:
        yield running


def _fetcher():
    return Fetcher(min_interval=0, timeout=0.5, retries=1, backoff=0.05, max_bytes=1024 * 1024)


def test_one_run_reads_every_feed_kind_records_each_failure_and_goes_on(site):
    store = MemoryStore()
    sources = [SourceSpec("rss", site.url("/feed.rss")), SourceSpec("atom", site.url("/feed.atom")),
               SourceSpec("broken", site.url("/broken.xml"))]
    with _fetcher() as fetcher:
        report = collect(sources, store, fetcher)

    by_title = {a["article"].title: a for a in store.articles.values()}
    # Vietnamese with its date and time, Vietnamese with no date, English, and the Atom entry.
    assert by_title[VI.title]["article"].date.isoformat() == "2025-11-24T08:30:00+07:00"
    assert by_title[VI.title]["article"].lang == "vi"
    assert by_title[VI_UNDATED.title]["article"].date is None
    assert by_title[EN.title]["article"].lang == "en"
    assert "Flower festival draws record crowds to Lam Vien" in by_title
    # The syndicated copy at another address is stored as a duplicate of the original.
    copy = store.articles[canonical_url(site.url("/syndicated/copy.html"))]
    assert copy["duplicate_of"] == canonical_url(site.url("/tin/vi-dated.html"))
    assert sum(1 for a in store.articles.values() if a["duplicate_of"] is None) == 4

    kinds = {url.replace(site.base, ""): kind for url, kind, _ in store.failures}
    assert kinds == {
        "/tin/missing.html": "http_404", "/slow.html": "timeout", "/loop/a": "redirect_loop",
        "/huge.html": "too_large", "/doc.pdf": "not_html", "/private/secret.html": "robots", "/broken.xml": "bad_feed",
    }
    messages = {url.replace(site.base, ""): message for url, _, message in store.failures}
    assert "404" in messages["/tin/missing.html"]
    assert "redirect loop" in messages["/loop/a"] and "/loop/b" in messages["/loop/a"]
    assert "application/pdf" in messages["/doc.pdf"]
    assert "robots.txt" in messages["/private/secret.html"]
    # robots.txt was asked once, and the forbidden page never requested.
    assert site.hits["/robots.txt"] == 1 and site.hits["/private/secret.html"] == 0
    assert site.hits["/slow.html"] == 2  # tried again once after the timeout
    assert report.articles == 5 and len(report.errors) == 7

    # The second run: the feeds answer 304 to the ETag kept from the first (no second download),
    # so no article page is requested again.
    hits_before = dict(site.hits)
    with _fetcher() as fetcher:
        again = collect(sources, store, fetcher)
    assert site.downloads["/feed.rss"] == 1 and site.downloads["/feed.atom"] == 1
    assert site.hits["/feed.rss"] == hits_before["/feed.rss"] + 1
    assert again.not_modified == 2 and again.pages == 0 and again.articles == 0
    assert site.hits["/tin/vi-dated.html"] == hits_before["/tin/vi-dated.html"]


def test_the_rate_limit_spaces_requests_to_one_host(site):
    import time

    with Fetcher(min_interval=0.2, respect_robots=False) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.fetch(site.url("/tin/vi-dated.html"))
        elapsed = time.monotonic() - started
    assert elapsed >= 0.4


def test_a_bad_address_is_a_clear_error():
    with Fetcher(min_interval=0) as fetcher, pytest.raises(FetchError) as error:
        fetcher.fetch("ftp://example.invalid/x")
    assert error.value.kind == "bad_url"


def test_a_sitemap_lists_its_articles(site):
    from kehoach.press.feeds import parse

    xml = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.example/a.html</loc>'
           b"<news:news><news:publication_date>2025-11-24T08:30:00+07:00</news:publication_date>"
           b"<news:title>Tin A</news:title></news:news></url><url><loc>https://x.example/b.html</loc>"
           b"<lastmod>2025-11-20</lastmod></url></urlset>")
    result = parse(xml, "https://x.example/sitemap.xml")
    assert result.kind == "sitemap"
    assert [e.url for e in result.entries] == ["https://x.example/a.html", "https://x.example/b.html"]
    assert result.entries[0].title == "Tin A" and result.entries[0].published.day == 24
    index = parse(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>',
                  "https://x.example/")
    assert index.sitemaps == ["https://x.example/s1.xml"]
