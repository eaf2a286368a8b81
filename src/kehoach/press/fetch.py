"""Polite HTTP fetching for the press collector.

One `Fetcher` per collector run. It
- asks each host's robots.txt first (urllib.robotparser; Crawl-delay raises the host's interval);
- waits between two requests to the same host (`min_interval`, seconds; 0 turns it off);
- sends If-None-Match / If-Modified-Since when the caller passes the ETag / Last-Modified it kept,
  and reports `not_modified` on a 304 (no body downloaded);
- times out (`timeout`), retries timeouts, connection errors, 429 and 5xx with exponential back-off;
- stops reading past `max_bytes`, follows at most `max_redirects` and names a redirect loop;
- refuses a body of the wrong kind (an article that is a PDF or an image).

Every failure is a `FetchError` whose message says what went wrong at which URL, so the collector
can record it and go on with the next page.
"""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "kehoach-press/0.1 (press coverage of provincial plans; +https://github.com/kehoach)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom", "text/plain", "text/html")  # feeds are often served as text/html


class FetchError(Exception):
    """A page that could not be fetched; `kind` is a short code (http_404, timeout, too_large, …)."""

    def __init__(self, url: str, kind: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url, self.kind, self.message = url, kind, message


@dataclass
class FetchResult:
    url: str  # after redirects
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None  # from the Content-Type header, when it names one
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    elapsed: float = 0.0
    redirects: list[str] = field(default_factory=list)
    location: str = ""  # of a redirect


class Fetcher:
    def __init__(self, *, user_agent: str = USER_AGENT, min_interval: float = 1.0, timeout: float = 10.0,
                 retries: int = 2, backoff: float = 1.0, max_bytes: int = 5 * 1024 * 1024, max_redirects: int = 5,
                 respect_robots: bool = True, transport: httpx.BaseTransport | None = None):
        self.user_agent = user_agent
        self.min_interval = min_interval
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.respect_robots = respect_robots
        self.client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Language": "vi,en;q=0.8"},
            timeout=httpx.Timeout(timeout), follow_redirects=False, transport=transport,
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._intervals: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0  # counted for the tests and the benchmark

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ politeness

    def _host(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _wait_turn(self, host: str) -> None:
        interval = max(self.min_interval, self._intervals.get(host, 0.0)) if self.min_interval > 0 else 0.0
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + interval
            self._last[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url` (fetched once per host and kept)."""
        if not self.respect_robots:
            return True
        host = self._host(url)
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        parser = self._robots[host]
        return True if parser is None else parser.can_fetch(self.user_agent, url)

    def _load_robots(self, host: str):
        parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            self._wait_turn(host)
            self.requests += 1
            response = self.client.get(host + "/robots.txt")
        except httpx.HTTPError:
            return None  # unreachable robots.txt: the page request will tell what is wrong
        if response.status_code in (401, 403):
            parser.disallow_all = True
        elif response.status_code >= 400:
            parser.allow_all = True
        else:
            parser.parse(response.text[:500_000].splitlines())
            delay = parser.crawl_delay(self.user_agent)
            if delay:
                self._intervals[host] = min(float(delay), 60.0)
        return parser

    # ------------------------------------------------------------------ fetching

    def fetch(self, url: str, *, etag: str = "", last_modified: str = "", expect: str = "html") -> FetchResult:
        """GET `url` politely. `expect` is "html", "feed" or "any" (the kinds of body accepted)."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "bad_url", "not an http(s) address")
        if not self.allowed(url):
            raise FetchError(url, "robots", "robots.txt does not allow kehoach to fetch this page")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        started = time.monotonic()
        while True:
            result = self._get_with_retries(current, headers)
            if result.status in (301, 302, 303, 307, 308):
                target = urljoin(current, result.location)
                if target in seen:
                    raise FetchError(url, "redirect_loop", f"redirect loop ({' → '.join(seen + [target])})")
                if len(seen) > self.max_redirects:
                    raise FetchError(url, "too_many_redirects", f"more than {self.max_redirects} redirects")
                if not self.allowed(target):
                    raise FetchError(url, "robots", f"redirected to {target}, which robots.txt does not allow")
                seen.append(target)
                current = target
                continue
            break
        result.redirects = seen[1:]
        result.elapsed = time.monotonic() - started
        if result.status == 304:
            result.not_modified = True
            return result
        if result.status >= 400:
            raise FetchError(url, f"http_{result.status}", f"the server answered {result.status}")
        self._check_kind(url, result, expect)
        return result

    def _check_kind(self, url: str, result: FetchResult, expect: str) -> None:
        kind = result.content_type
        if expect == "html" and kind and not kind.startswith(HTML_TYPES):
            raise FetchError(url, "not_html", f"not an HTML page (Content-Type: {kind})")
        if expect == "feed" and kind and not any(t in kind for t in FEED_TYPES):
            raise FetchError(url, "not_feed", f"not a feed or sitemap (Content-Type: {kind})")

    def _get_with_retries(self, url: str, headers: dict) -> FetchResult:
        host = self._host(url)
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                return self._get_once(url, headers)
            except _Retryable as error:
                if attempt >= self.retries:
                    raise FetchError(url, error.kind, error.message) from None
                pause = error.retry_after if error.retry_after is not None else self.backoff * (2 ** attempt)
                time.sleep(min(pause, 30.0))
                attempt += 1

    def _get_once(self, url: str, headers: dict) -> FetchResult:
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, "bad_redirect", f"redirect {status} with no Location")
                    return FetchResult(url=url, status=status, location=location)
                if status == 429 or status >= 500:
                    raise _Retryable(f"http_{status}", f"the server answered {status}",
                                     _retry_after(response.headers.get("retry-after")))
                if status == 304 or status >= 400:
                    return FetchResult(url=url, status=status, etag=response.headers.get("etag", ""),
                                       last_modified=response.headers.get("last-modified", ""))
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(url, "too_large", f"the page is {int(declared) / 1048576:.1f} MB, over the "
                                                       f"{self.max_bytes / 1048576:.1f} MB limit")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(url, "too_large", f"the page is over the {self.max_bytes / 1048576:.1f} MB limit")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
                return FetchResult(
                    url=url, status=status, content=b"".join(chunks),
                    content_type=content_type.split(";")[0].strip().lower(),
                    charset=response.charset_encoding,
                    etag=response.headers.get("etag", ""), last_modified=response.headers.get("last-modified", ""),
                )
        except httpx.TimeoutException:
            raise _Retryable("timeout", f"no answer within {self.timeout:g} s") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise _Retryable("connection", f"connection failed ({type(error).__name__})") from None
        except httpx.HTTPError as error:
            raise FetchError(url, "http_error", f"{type(error).__name__}: {error}") from None


class _Retryable(Exception):
    def __init__(self, kind: str, message: str, retry_after: float | None = None):
        self.kind, self.message, self.retry_after = kind, message, retry_after


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None
