"""A small press website on 127.0.0.1 for the collector's tests (http.server in a thread).

It serves an RSS 2.0 feed, an Atom feed and a broken feed; articles in Vietnamese (one with no
date) and English in the outlets' templates; a syndicated copy of one article at another address;
and the failures the collector must record and survive: a 404, a page slower than the timeout, a
redirect loop, a page over the size limit, a PDF where a page was expected, a page robots.txt
forbids. Feeds answer If-None-Match with 304. Every request is counted per path.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kehoach.press.samples import Story, render

SLOW_SECONDS = 1.5
HUGE_BYTES = 3 * 1024 * 1024

VI = Story(
    slug="vi-dated", title="Lâm Viên khai mạc triển lãm ảnh “Hợp tác và phát triển”",
    sapo="Sáng 24/11, tại Phường Hồ Sen, tỉnh Lâm Viên khai mạc triển lãm ảnh về quan hệ hợp tác quốc tế của tỉnh với hơn 150 bức ảnh.",
    paras=["Các bức ảnh ghi lại những dấu mốc trong quan hệ giữa tỉnh với các địa phương kết nghĩa của Hàn Quốc và Nhật Bản.",
           "Triển lãm thu hút đông đảo người dân và du khách đến tham quan ngay trong buổi sáng khai mạc.",
           "Ban tổ chức cho biết triển lãm sẽ tiếp tục được đưa đến các xã vùng cao trong tháng tới.",
           "Triển lãm mở cửa miễn phí đến hết ngày 30/11."],
    date=dt.datetime(2025, 11, 24, 8, 30), author="Thu Hà", related=["Festival hoa thu hút du khách"])
VI_UNDATED = Story(
    slug="vi-undated", title="Người dân Xã Đá Bàn học cách làm du lịch cộng đồng",
    sapo="Nhiều hộ dân ở Xã Đá Bàn, tỉnh Lâm Viên đã mạnh dạn chuyển đổi nhà ở thành homestay, đón khách du lịch trải nghiệm văn hóa bản địa.",
    paras=["Chính quyền xã tổ chức các lớp tập huấn kỹ năng đón tiếp khách và giới thiệu văn hóa truyền thống.",
           "Thu nhập từ du lịch giúp nhiều gia đình có cuộc sống ổn định hơn.",
           "Mô hình đang được nhân rộng ra các thôn lân cận trong xã."],
    date=None, author="Minh Khang")
EN = Story(
    slug="en-article", title="Lam Vien courts Korean investors in high-tech farming",
    sapo="Officials of Lam Vien province met a delegation of thirty South Korean companies on Monday to present investment opportunities.",
    paras=["The chairman of the provincial People's Committee promised the most favourable conditions for foreign investors.",
           "The province has a cool climate all year round and a young, well-trained workforce.",
           "The two sides agreed to hold an investment conference in Seoul next year."],
    date=dt.datetime(2025, 11, 25, 14, 0), author="Staff reporter", lang="en")
EN_ATOM = Story(
    slug="en-atom", title="Flower festival draws record crowds to Lam Vien",
    sapo="More than 200,000 visitors came to the Lam Vien flower festival this year, organisers said on Sunday.",
    paras=["A parade of flower floats crossed the centre of Ho Sen ward.", "Art troupes from Japan and Thailand performed.",
           "Tourism revenue rose by a fifth on last year."],
    date=dt.datetime(2025, 12, 1, 9, 0), author="Staff reporter", lang="en")


class Site:
    def __init__(self):
        self.hits: Counter = Counter()
        self.downloads: Counter = Counter()  # full (200) answers
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def pages(self) -> dict[str, tuple[int, str, bytes, dict]]:
        b = self.base
        vi = render("vnexpress", Story(**{**VI.__dict__, "url": b + "/tin/vi-dated.html"}))
        copy = render("vietnamplus", Story(**{**VI.__dict__, "url": b + "/syndicated/copy.html", "author": "TTXVN"}))
        rss_items = [
            (VI.title, "/tin/vi-dated.html"), (VI_UNDATED.title, "/tin/vi-undated.html"), (EN.title, "/en/en-article.html"),
            ("Bản sao", "/syndicated/copy.html"), ("Không còn", "/tin/missing.html"), ("Chậm", "/slow.html"),
            ("Vòng lặp", "/loop/a"), ("Rất lớn", "/huge.html"), ("Tệp PDF", "/doc.pdf"), ("Riêng tư", "/private/secret.html"),
        ]
        rss = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Thử</title><link>/</link>'
               + "".join(f"<item><title>{t}</title><link>{b}{p}</link><pubDate>Mon, 24 Nov 2025 08:30:00 +0700</pubDate></item>"
                         for t, p in rss_items) + "</channel></rss>")
        atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Daily</title><id>x</id>'
                f'<updated>2025-12-01T09:00:00Z</updated><entry><title>{EN_ATOM.title}</title><link href="{b}/en/en-atom.html"/>'
                '<id>y</id><updated>2025-12-01T09:00:00Z</updated></entry></feed>')
        html = {"Content-Type": "text/html"}  # no charset in the header: the page declares it after <title>
        return {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n", {}),
            "/feed.rss": (200, "application/rss+xml", rss.encode(), {}),
            "/feed.atom": (200, "application/atom+xml", atom.encode(), {}),
            "/broken.xml": (200, "application/xml", b"<rss><channel><item><title>half a feed", {}),
            "/tin/vi-dated.html": (200, "", vi.encode(), html),
            "/tin/vi-undated.html": (200, "", render("baolamvien", VI_UNDATED).encode(), html),
            "/en/en-article.html": (200, "", render("english", EN).encode(), html),
            "/en/en-atom.html": (200, "", render("english", EN_ATOM).encode(), html),
            "/syndicated/copy.html": (200, "", copy.encode(), html),
            "/doc.pdf": (200, "application/pdf", b"%PDF-1.4 not a page", {}),
            "/private/secret.html": (200, "", b"<html><title>secret</title><p>never fetched</p></html>", html),
        }

    def _handler(site):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?")[0]
                site.hits[path] += 1
                if path == "/slow.html":
                    time.sleep(SLOW_SECONDS)
                    return self._send(200, "text/html", b"<html><title>slow</title></html>")
                if path == "/loop/a":
                    return self._redirect("/loop/b")
                if path == "/loop/b":
                    return self._redirect("/loop/a")
                if path == "/huge.html":
                    body = b"<html><body>" + b"<p>x</p>" * (HUGE_BYTES // 8) + b"</body></html>"
                    return self._send(200, "text/html", body)
                page = site.pages().get(path)
                if page is None:
                    return self._send(404, "text/plain", b"not found")
                status, kind, body, headers = page
                etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                if path.startswith("/feed") and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                extra = dict(headers)
                if path.startswith("/feed"):
                    extra["ETag"] = etag
                self._send(status, kind or extra.pop("Content-Type", "text/html"), body, extra)

            def _redirect(self, target):
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _send(self, status, kind, body, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    if key != "Content-Type":
                        self.send_header(key, value)
                self.end_headers()
                if status == 200:
                    site.downloads[self.path.split("?")[0]] += 1
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
