"""Press coverage in the database: the collector over a local site, the charts and the articles
behind every bar, exports, manual entry, and officers confirming articles as evidence."""
from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from kehoach.web.outputs.collector import run_collector
from kehoach.web.outputs.models import Article, ArticleTask, FetchFailure, LinkStatus, ProvinceProfile, Source, Topic
from kehoach.web.outputs.services import delivered_articles

from press_site import EN, EN_ATOM, VI, Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(province):
    ProvinceProfile.objects.create(names="Lâm Viên\nLam Vien")
    Topic.objects.create(name="Du lịch", keywords="du lịch\ntourism\nfestival")
    Topic.objects.create(name="Văn hóa", keywords="triển lãm\nexhibition")


def test_the_collector_stores_articles_once_records_failures_and_skips_unchanged_feeds(profile):
    with Site() as site:
        Source.objects.create(name="Báo Thử", url=site.url("/feed.rss"), language="vi")
        Source.objects.create(name="Daily", url=site.url("/feed.atom"), language="en", scope="foreign")
        Source.objects.create(name="Hỏng", url=site.url("/broken.xml"))
        report = run_collector(min_interval=0, timeout=0.5, retries=0, max_bytes=1024 * 1024)
        assert report.articles == 5
        titles = set(Article.objects.values_list("title", flat=True))
        assert {VI.title, EN.title} <= titles
        copy = Article.objects.get(fetched_url=site.url("/syndicated/copy.html"))
        assert copy.duplicate_of.title == VI.title and copy.similarity >= 0.7
        original = Article.objects.get(title=VI.title, duplicate_of__isnull=True)
        assert original.published_at.isoformat() == "2025-11-24T01:30:00+00:00" and original.week.isoformat() == "2025-11-24"
        assert original.relevant and list(original.topics.values_list("name", flat=True)) == ["Văn hóa"]
        assert Article.objects.get(title=EN_ATOM.title).scope == "foreign"
        kinds = set(FetchFailure.objects.values_list("kind", flat=True))
        assert kinds == {"http_404", "timeout", "redirect_loop", "too_large", "not_html", "robots", "bad_feed"}
        assert "not a readable RSS/Atom feed" in Source.objects.get(name="Hỏng").last_error
        assert Source.objects.get(name="Báo Thử").etag

        again = run_collector(min_interval=0, timeout=0.5, retries=0, max_bytes=1024 * 1024)
        assert again.not_modified == 2 and again.articles == 0
        assert site.downloads["/feed.rss"] == 1
    assert Article.objects.count() == 5


def _articles(profile_ready=True):
    import datetime as dt

    from django.utils import timezone

    tz = timezone.get_current_timezone()
    rows = [("Báo Lâm Viên", "vi", "domestic", dt.datetime(2026, 3, 2, 9, tzinfo=tz)),
            ("Báo Lâm Viên", "vi", "domestic", dt.datetime(2026, 3, 20, 9, tzinfo=tz)),
            ("VnExpress", "vi", "domestic", dt.datetime(2026, 4, 8, 9, tzinfo=tz)),
            ("Asia Daily", "en", "foreign", dt.datetime(2026, 4, 9, 9, tzinfo=tz))]
    made = []
    for n, (outlet, lang, scope, when) in enumerate(rows):
        made.append(Article.objects.create(outlet=outlet, url=f"https://x.example/{n}", title=f"Lâm Viên tin {n}",
                                           published_at=when, lang=lang, scope=scope, relevant=True, text="Lâm Viên"))
    Article.objects.create(outlet="Khác", url="https://x.example/off", title="Giá vàng", published_at=rows[0][3],
                           relevant=False)
    return made


def test_coverage_charts_count_by_month_and_week_and_every_bar_opens_its_articles(admin_client, province):
    _articles()
    page = admin_client.get(reverse("outputs:coverage") + "?from=2026-01-01&to=2026-06-30").content.decode()
    assert '<svg class="chart"' in page and "cdn" not in page.lower()
    assert re.search(r'<span class="big">4</span>', page)
    # The March bar links to March's two articles; the foreign bar to the foreign one.
    march = re.search(r'href="([^"]*month=2026-03-01[^"]*)"', page).group(1).replace("&amp;", "&")
    listing = admin_client.get(march).content.decode()
    assert "Lâm Viên tin 0" in listing and "Lâm Viên tin 1" in listing and "Lâm Viên tin 2" not in listing
    foreign = re.search(r'href="([^"]*scope=foreign[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "Lâm Viên tin 3" in admin_client.get(foreign).content.decode()
    weekly = admin_client.get(reverse("outputs:coverage") + "?from=2026-03-01&to=2026-04-30&by=week").content.decode()
    assert "week=2026-03-02" in weekly and "week=2026-04-06" in weekly
    # Not about the province: not counted.
    assert "Giá vàng" not in admin_client.get(reverse("outputs:article_list")).content.decode()


def test_exports_csv_and_xlsx(viewer_client, province):
    _articles()
    response = viewer_client.get(reverse("outputs:article_list") + "?lang=en&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1] == "Outlet" or rows[0][1] == "Cơ quan báo chí"
    assert [r[1] for r in rows[1:]] == ["Asia Daily"]
    xlsx = viewer_client.get(reverse("outputs:article_list") + "?format=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 5


def test_officers_confirm_articles_as_evidence_and_confirmed_ones_count(admin_client, published_sample, viewer_client):
    article = _articles()[0]
    task = published_sample.tasks.get(ref="II.4")
    link = ArticleTask.objects.create(article=article, task=task, score=0.4)
    assert viewer_client.post(reverse("outputs:article_link", args=[article.pk, link.pk]), {"status": "confirmed"}).status_code == 403
    import datetime as dt

    assert delivered_articles(task, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == []
    response = admin_client.post(reverse("outputs:article_link", args=[article.pk, link.pk]), {"status": "confirmed"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED and link.decided_by.username == "admin"
    assert [r["kind"] for r in delivered_articles(task, dt.date(2026, 1, 1), dt.date(2026, 12, 31))] == ["article"]


def test_manual_entry_of_an_html_clipping_is_read_like_a_collected_page(admin_client, profile):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kehoach.press.samples import render

    page = render("tuoitre", VI).encode()
    response = admin_client.post(reverse("outputs:article_new"), {
        "outlet": "Báo giấy", "scope": "domestic", "title": "", "published": "",
        "clipping": SimpleUploadedFile("bai.html", page, content_type="text/html")})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.title == VI.title and article.relevant and article.text.startswith(VI.sapo)
    again = admin_client.post(reverse("outputs:article_new"), {
        "outlet": "Báo giấy", "scope": "domestic", "clipping": SimpleUploadedFile("bai.html", page, content_type="text/html")})
    assert again.status_code == 400 and Article.objects.count() == 1
    assert admin_client.post(reverse("outputs:article_new"), {"outlet": "x", "scope": "domestic"}).status_code == 400


def test_the_demo_archive_is_served_collected_and_charted(admin_client, transactional_db=None):
    from kehoach.web.outputs.demo import load_demo
    from kehoach.web.plans.services.demo import load_demo as load_plans

    load_plans(out=lambda *a: None)
    load_demo(base_url="http://127.0.0.1:8000", out=lambda *a: None, schedule_minutes=0)
    assert Article.objects.count() == 33
    assert Article.objects.filter(relevant=True, duplicate_of__isnull=True).count() == 29
    assert Article.objects.filter(duplicate_of__isnull=False).count() == 1
    assert set(Article.objects.values_list("lang", flat=True)) == {"vi", "en", "ko"}
    assert FetchFailure.objects.count() == 0
    page = admin_client.get(reverse("outputs:coverage") + "?from=2026-01-01&to=2026-12-31").content.decode()
    assert '<span class="big">29</span>' in page
    feed = admin_client.get("/outputs/archive/vietnamplus/feed.atom")
    assert feed.status_code == 200 and feed["Content-Type"] == "application/atom+xml"
    assert admin_client.get("/outputs/archive/../settings.py").status_code == 404
