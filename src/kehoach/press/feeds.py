"""Feeds and sitemaps: the list of article links a source publishes.

RSS and Atom go through feedparser; sitemaps (urlset, sitemapindex, Google News sitemaps) are
small XML read with lxml (no entities, no network). A body that is neither raises `FeedError`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
from lxml import etree


class FeedError(Exception):
    pass


@dataclass
class FeedEntry:
    url: str
    title: str = ""
    published: dt.datetime | None = None
    summary: str = ""
    author: str = ""


@dataclass
class FeedResult:
    kind: str  # rss | atom | sitemap | sitemapindex
    title: str
    entries: list[FeedEntry]
    sitemaps: list[str]  # the child sitemaps of a sitemap index


def parse(content: bytes, base_url: str = "") -> FeedResult:
    head = content[:2000].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return parse_sitemap(content, base_url)
    return parse_feed(content, base_url)


def parse_feed(content: bytes, base_url: str = "") -> FeedResult:
    parsed = feedparser.parse(content, response_headers={"content-location": base_url} if base_url else None)
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = dt.datetime(*stamp[:6], tzinfo=dt.timezone.utc) if stamp else None
        entries.append(FeedEntry(url=urljoin(base_url, link.strip()), title=(item.get("title") or "").strip(),
                                 published=published, summary=(item.get("summary") or "").strip(),
                                 author=(item.get("author") or "").strip()))
    version = parsed.get("version") or ""
    if not entries and (parsed.bozo or not version):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        reason = reason() if reason else str(parsed.get("bozo_exception") or "no items")
        raise FeedError(f"not a readable RSS/Atom feed ({reason})")
    kind = "atom" if version.startswith("atom") else "rss"
    return FeedResult(kind=kind, title=(parsed.feed.get("title") or "").strip(), entries=entries, sitemaps=[])


_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}


def parse_sitemap(content: bytes, base_url: str = "") -> FeedResult:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"not a readable sitemap ({error})") from None
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        locs = [urljoin(base_url, (e.text or "").strip()) for e in root.iter("{*}loc") if (e.text or "").strip()]
        return FeedResult(kind="sitemapindex", title="", entries=[], sitemaps=locs)
    if tag != "urlset":
        raise FeedError(f"not a sitemap (root element <{tag}>)")
    entries = []
    for url in root.findall("{*}url"):
        loc = (url.findtext("{*}loc") or "").strip()
        if not loc:
            continue
        title = (url.findtext(".//n:title", namespaces=_NS) or "").strip()
        stamp = url.findtext(".//n:publication_date", namespaces=_NS) or url.findtext("{*}lastmod") or ""
        entries.append(FeedEntry(url=urljoin(base_url, loc), title=title, published=_iso(stamp)))
    return FeedResult(kind="sitemap", title="", entries=entries, sitemaps=[])


def _iso(value: str) -> dt.datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))
