"""Press coverage, the pure library: polite fetching, feeds and sitemaps, article extraction tuned
for Vietnamese news templates, language, de-duplication across outlets and relevance to the
province and its plans. No Django here; `kehoach.web.outputs` stores what this finds.

    from kehoach.press import extract_article
    article = extract_article(html_bytes, url="https://…")
    article.title, article.date, article.text

Submodules are imported on first use (trafilatura and numpy are slow to import).
"""
from __future__ import annotations

import importlib

_LAZY = {
    "Extracted": "extract", "extract_article": "extract", "extract_baseline": "extract",
    "Fetcher": "fetch", "FetchError": "fetch", "FetchResult": "fetch",
    "detect_language": "lang", "DedupIndex": "dedup", "canonical_url": "dedup",
}
__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
