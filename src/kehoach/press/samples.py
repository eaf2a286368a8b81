"""Article pages in the templates of the major Vietnamese outlets, for the demo archive and tests.

Each template reproduces what makes real pages hard for a generic extractor: the charset declared
after <title>, Vietnamese date lines ("Thứ Hai, 24/11/2025, 08:30 (GMT+7)"), the sapo (the bold
summary under the headline) in its own element outside the body, related-story boxes, bylines and
share widgets inside the body, menus and footers around it. The markup is written from the
outlets' public page structure; the text is ours (the fictional tỉnh Lâm Viên).
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


@dataclass
class Story:
    slug: str
    title: str
    sapo: str
    paras: list[str]
    date: dt.datetime | None
    author: str = ""
    lang: str = "vi"
    related: list[str] = field(default_factory=list)
    url: str = ""
    canonical: str = ""  # rel=canonical, when the page declares one (a syndicated copy points home)


def e(text: str) -> str:
    return html.escape(text, quote=True)


def _paras(story: Story, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{attr}>{e(p)}</p>" for p in story.paras)


def _split(story: Story) -> tuple[str, str]:
    """The body in two halves, so a related box can sit in the middle as on the real pages."""
    half = max(1, len(story.paras) // 2)
    return (story.paras[:half], story.paras[half:])


def _menu(items: list[str]) -> str:
    return "<nav class=\"main-nav\"><ul>" + "".join(f"<li><a href=\"/{i.lower().replace(' ', '-')}\">{e(i)}</a></li>" for i in items) + "</ul></nav>"


MENU_VI = ["Thời sự", "Góc nhìn", "Thế giới", "Kinh doanh", "Khoa học", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục", "Sức khỏe", "Đời sống", "Du lịch"]
SHARE_VI = '<div class="social-share"><span>Chia sẻ</span> <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">Sao chép liên kết</a></div>'
FOOTER_VI = "<footer><p>Giấy phép số 548/GP-BTTTT. Tổng biên tập: (hư cấu). Địa chỉ: tầng 5, tòa nhà mẫu. Điện thoại: 000 0000. © Bản quyền thuộc về tòa soạn.</p><p>Không được sao chép nội dung khi chưa có sự đồng ý bằng văn bản.</p></footer>"


def _head(story: Story, site: str, *, charset_first: bool = False, meta_date: bool = True, extra: str = "") -> str:
    charset = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    parts = ["<head>"]
    if charset_first:
        parts.append(charset)
    parts.append(f"<title>{e(story.title)} - {e(site)}</title>")
    if not charset_first:
        parts.append(charset)  # after <title>, as several outlets print it
    parts.append(f'<meta name="description" content="{e(story.sapo)}">')
    parts.append(f'<meta property="og:title" content="{e(story.title)}">')
    if story.url:
        parts.append(f'<meta property="og:url" content="{e(story.canonical or story.url)}">')
    if story.canonical:
        parts.append(f'<link rel="canonical" href="{e(story.canonical)}">')
    if meta_date and story.date:
        parts.append(f'<meta property="article:published_time" content="{story.date.isoformat()}">')
    parts.append(extra)
    parts.append('<script>window.dataLayer=[];function track(){}</script><style>.x{color:red}</style>')
    parts.append("</head>")
    return "\n".join(parts)


def _weekday(d: dt.datetime) -> str:
    return WEEKDAYS[d.weekday()]


# --------------------------------------------------------------------------- the outlets


def vnexpress(story: Story) -> str:
    first, second = _split(story)
    date = f"{_weekday(story.date)}, {story.date:%d/%m/%Y, %H:%M} (GMT+7)" if story.date else ""
    related = "".join(f'<article class="item-news"><h4 class="title-news"><a href="/r{i}.html">{e(t)}</a></h4></article>'
                      for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="vi">{_head(story, "VnExpress", meta_date=False)}
<body><header class="header">{_menu(MENU_VI)}</header>
<section class="section page-detail top-detail"><div class="container"><div class="sidebar-1">
<div class="header-content width_common"><ul class="breadcrumb"><li><a href="/thoi-su">Thời sự</a></li></ul>
<span class="date">{date}</span></div>
<h1 class="title-detail">{e(story.title)}</h1>
<p class="description">{e(story.sapo)}</p>
<article class="fck_detail ">
{''.join(f'<p class="Normal">{e(p)}</p>' for p in first)}
<div class="box-tinlienquanv2">{related}</div>
{''.join(f'<p class="Normal">{e(p)}</p>' for p in second)}
<p class="Normal" style="text-align:right;"><strong>{e(story.author)}</strong></p>
</article>
<div class="footer-content"><div class="box-tag"><h4>Tags</h4><a href="/tag/lam-vien">Lâm Viên</a></div>{SHARE_VI}</div>
</div><div class="sidebar-2"><div class="box-category"><h3>Xem nhiều</h3><ul><li><a href="/x1">Giá vàng hôm nay tăng mạnh</a></li><li><a href="/x2">Dự báo thời tiết cuối tuần</a></li></ul></div></div></div></section>
{FOOTER_VI}</body></html>"""


def tuoitre(story: Story) -> str:
    first, second = _split(story)
    date = f"{story.date:%d/%m/%Y %H:%M} GMT+7" if story.date else ""
    related = "".join(f'<a class="link-callout" href="/r{i}.htm">{e(t)}</a>' for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="vi">{_head(story, "Tuổi Trẻ Online")}
<body><div class="header">{_menu(MENU_VI)}</div>
<div class="detail-container"><div class="detail-cate"><a href="/thoi-su.htm">Thời sự</a></div>
<h1 class="detail-title article-title" data-role="title">{e(story.title)}</h1>
<div class="detail-top"><div class="detail-time"><div data-role="publishdate">{date}</div></div>
<div class="detail-author"><a class="name" href="/tac-gia/x.htm">{e(story.author)}</a></div>{SHARE_VI}</div>
<div class="detail-cmain"><h2 class="detail-sapo" data-role="sapo">{e(story.sapo)}</h2>
<div class="detail-content afcbc-body" data-role="content">
{''.join(f'<p>{e(p)}</p>' for p in first)}
<div type="RelatedOneNews" class="VCSortableInPreviewMode"><div class="kbwscwl-relatedbox">{related}</div></div>
{''.join(f'<p>{e(p)}</p>' for p in second)}
</div>
<div class="detail-tab"><div class="detail-tags"><a href="/lam-vien.html">Lâm Viên</a></div></div>
<div class="box-comment"><h3>Bình luận (0)</h3><p>Hãy là người đầu tiên bình luận.</p></div></div></div>
{FOOTER_VI}</body></html>"""


def thanhnien(story: Story) -> str:
    first, second = _split(story)
    date = f"{story.date:%d/%m/%Y %H:%M} GMT+7" if story.date else ""
    related = "".join(f'<li><a href="/r{i}.htm">{e(t)}</a></li>' for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="vi">{_head(story, "Báo Thanh Niên", meta_date=False)}
<body><header><h1 class="logo"><a href="/">Báo Thanh Niên</a></h1>{_menu(MENU_VI)}</header>
<div class="detail__header"><h1 class="detail-title"><span data-role="title">{e(story.title)}</span></h1>
<div class="detail-info"><div class="detail-author"><a class="name">{e(story.author)}</a></div>
<div class="detail-time"><div data-role="publishdate">{date}</div></div></div>{SHARE_VI}</div>
<div class="detail-cmain">
<h2 class="detail-sapo" data-role="sapo">{e(story.sapo)}</h2>
<div class="detail-content afcbc-body" data-role="content">
{''.join(f'<p>{e(p)}</p>' for p in first)}
<div class="VCSortableInPreviewMode" type="RelatedNewsBox"><div class="box-title">Tin liên quan</div><ul>{related}</ul></div>
{''.join(f'<p>{e(p)}</p>' for p in second)}
</div>
<div class="detail-tags"><a href="/tag/lam-vien">Lâm Viên</a><a href="/tag/doi-ngoai">Đối ngoại</a></div></div>
{FOOTER_VI}</body></html>"""


def dantri(story: Story) -> str:
    first, second = _split(story)
    date = f"{_weekday(story.date).replace('Thứ H', 'Thứ h').replace('Thứ B', 'Thứ b').replace('Thứ T', 'Thứ t').replace('Thứ N', 'Thứ n').replace('Thứ S', 'Thứ s')}, {story.date:%d/%m/%Y - %H:%M}" if story.date else ""
    related = "".join(f'<article class="article-related"><div class="article-content"><h3 class="article-title"><a href="/r{i}.htm">{e(t)}</a></h3></div></article>'
                      for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="vi">{_head(story, "Báo Dân trí", meta_date=False)}
<body><header>{_menu(MENU_VI)}</header><main>
<article class="singular-container">
<h1 class="title-page detail">{e(story.title)}</h1>
<div class="author-wrap"><div class="author-name"><a href="/tac-gia/x.htm"><b>{e(story.author)}</b></a></div>
<time class="author-time">{date}</time></div>
<h2 class="singular-sapo"><span class="dt-text">(Dân trí)</span> - {e(story.sapo)}</h2>
<div class="singular-content">
{''.join(f'<p>{e(p)}</p>' for p in first)}
{related}
{''.join(f'<p>{e(p)}</p>' for p in second)}
</div>
<div class="author-wrap"><div class="author-name"><b>{e(story.author)}</b></div></div>
{SHARE_VI}<div class="tags-wrap"><span>Tags:</span><a href="/tag/x">Lâm Viên</a></div>
</article></main>
{FOOTER_VI}</body></html>"""


def vietnamplus(story: Story) -> str:
    first, second = _split(story)
    date = f"{_weekday(story.date)}, {story.date:%d/%m/%Y %H:%M} (GMT+7)" if story.date else ""
    related = "".join(f'<a href="/r{i}.vnp">{e(t)}</a>' for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="vi">{_head(story, "Vietnam+ (VietnamPlus)")}
<body>{_menu(MENU_VI)}
<div class="article"><div class="article__header">
<h1 class="article__title cms-title">{e(story.title)}</h1>
<div class="article__meta"><time class="time">{date}</time></div>{SHARE_VI}</div>
<h2 class="article__sapo cms-desc">{e(story.sapo)}</h2>
<div class="article__body zce-content-body cms-body" itemprop="articleBody">
{''.join(f'<p>{e(p)}</p>' for p in first)}
<div class="article__relate"><h3>Đọc thêm</h3>{related}</div>
{''.join(f'<p>{e(p)}</p>' for p in second)}
<p style="text-align:right"><strong>({e(story.author or "TTXVN/Vietnam+")})</strong></p>
</div>
<div class="article__tag"><a href="/tag/lam-vien">Lâm Viên</a></div></div>
{FOOTER_VI}</body></html>"""


def nhandan(story: Story) -> str:
    first, second = _split(story)
    date = f"{_weekday(story.date)}, {story.date:%d-%m-%Y, %H:%M}" if story.date else ""
    related = "".join(f'<li><a href="/r{i}.html">{e(t)}</a></li>' for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="vi">{_head(story, "Báo Nhân Dân điện tử", meta_date=False)}
<body>{_menu(MENU_VI)}
<div class="article"><h1 class="article__title cms-title">{e(story.title)}</h1>
<div class="article__meta"><span class="author">{e(story.author)}</span> <time class="time">{date}</time></div>
<div class="article__sapo cms-desc"><p>{e(story.sapo)}</p></div>
<div class="article__body cms-body">
{''.join(f'<p>{e(p)}</p>' for p in first)}
<div class="box-related"><h3 class="box-heading">Tin liên quan</h3><ul>{related}</ul></div>
{''.join(f'<p>{e(p)}</p>' for p in second)}
</div>{SHARE_VI}</div>
{FOOTER_VI}</body></html>"""


def baolamvien(story: Story) -> str:
    """A provincial paper's CMS: a plain layout, the sapo bold in its own block."""
    first, second = _split(story)
    date = f"{story.date:%d/%m/%Y | %H:%M}" if story.date else ""
    related = "".join(f'<li><a href="/r{i}">{e(t)}</a></li>' for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="vi">{_head(story, "Báo Lâm Viên điện tử")}
<body><div id="menu">{_menu(["Chính trị", "Kinh tế", "Xã hội", "Văn hóa", "Du lịch"])}</div>
<div class="news-detail"><h1 class="news-title">{e(story.title)}</h1>
<div class="news-date">{date}</div>
<div class="news-sapo"><strong>{e(story.sapo)}</strong></div>
<div class="news-content">
{''.join(f'<p>{e(p)}</p>' for p in first)}
<div class="tinlienquan"><b>Tin liên quan:</b><ul>{related}</ul></div>
{''.join(f'<p>{e(p)}</p>' for p in second)}
<p class="news-author" style="text-align:right"><strong>{e(story.author)}</strong></p>
</div>{SHARE_VI}</div>
{FOOTER_VI}</body></html>"""


def english(story: Story, site: str = "Viet Nam News") -> str:
    """An English-language page (Viet Nam News style: sapo as the lead paragraph)."""
    first, second = _split(story)
    date = f"{story.date:%B %d, %Y - %H:%M}" if story.date else ""
    related = "".join(f'<li><a href="/r{i}">{e(t)}</a></li>' for i, t in enumerate(story.related))
    return f"""<!DOCTYPE html><html lang="en">{_head(story, site)}
<body>{_menu(["Politics & Law", "Society", "Economy", "Life & Style", "Sports", "Environment"])}
<div class="detail"><h1 class="headline">{e(story.title)}</h1>
<div class="datetime">{date}</div><div class="byline">By {e(story.author)}</div>
<div class="lead">{e(story.sapo)}</div>
<div class="article-body">
{''.join(f'<p>{e(p)}</p>' for p in first)}
<div class="related-news"><h4>Related news</h4><ul>{related}</ul></div>
{''.join(f'<p>{e(p)}</p>' for p in second)}
</div>
<div class="share-tools">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div></div>
<footer><p>Copyright by the publisher. All rights reserved.</p></footer></body></html>"""


OUTLETS = {
    "vnexpress": vnexpress, "tuoitre": tuoitre, "thanhnien": thanhnien, "dantri": dantri,
    "vietnamplus": vietnamplus, "nhandan": nhandan, "baolamvien": baolamvien, "english": english,
}


def render(outlet: str, story: Story) -> str:
    return OUTLETS[outlet](story)


# --------------------------------------------------------------------------- an extraction test set

def _pad_head(page: str) -> str:
    """Push the charset declaration past the first 2 KB, where naive sniffers stop looking."""
    return page.replace("<head>", "<head><!-- " + "x" * 2100 + " -->", 1)


def extraction_pages() -> list[tuple[str, Story, bytes]]:
    """(outlet, story, page bytes): every Vietnamese template twice and the English one, with
    related boxes, bylines and share widgets; half of the pages have the charset after 2 KB."""
    topics = [
        ("Lâm Viên đón đoàn doanh nghiệp Hàn Quốc tìm hiểu cơ hội đầu tư",
         "Ngày 24/11, UBND tỉnh Lâm Viên tiếp đoàn 30 doanh nghiệp Hàn Quốc đến tìm hiểu cơ hội hợp tác trong lĩnh vực nông nghiệp công nghệ cao và du lịch.",
         ["Phát biểu tại buổi tiếp, Chủ tịch UBND tỉnh cho biết tỉnh luôn tạo điều kiện thuận lợi cho nhà đầu tư nước ngoài.",
          "Tỉnh có nhiều lợi thế về khí hậu, đất đai và nguồn nhân lực để phát triển nông nghiệp ứng dụng công nghệ cao.",
          "Đại diện đoàn doanh nghiệp bày tỏ ấn tượng với cảnh quan thiên nhiên và tiềm năng du lịch của địa phương.",
          "Hai bên thống nhất sẽ tổ chức hội nghị xúc tiến đầu tư tại Seoul vào quý II năm 2026."]),
        ("Khai giảng lớp bồi dưỡng kỹ năng thông tin đối ngoại cho cán bộ cấp xã",
         "Sáng nay, Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Viên khai giảng lớp bồi dưỡng kiến thức, kỹ năng thông tin đối ngoại cho 90 cán bộ cấp xã.",
         ["Học viên được nghe giới thiệu về tình hình thế giới, khu vực và chính sách đối ngoại của Đảng, Nhà nước.",
          "Nội dung thực hành tập trung vào cách viết tin, bài giới thiệu hình ảnh địa phương bằng tiếng Anh.",
          "Lớp học kéo dài ba ngày tại hội trường Ủy ban nhân dân Phường Hồ Sen.",
          "Kết thúc khóa học, học viên được cấp giấy chứng nhận."]),
    ]
    english_story = Story(
        slug="en", title="Lam Vien province hosts Korean investment delegation",
        sapo="Lam Vien province on Monday received a delegation of thirty South Korean companies exploring investment in high-tech farming.",
        paras=["The provincial chairman pledged favourable conditions for foreign investors.",
               "The province offers a cool climate, available land and a young workforce.",
               "Both sides agreed to hold an investment forum in Seoul next year."],
        date=dt.datetime(2025, 11, 24, 8, 30), author="Staff reporter", lang="en",
        related=["Vietnam's coffee exports hit record", "Tourism rebounds in the Central Highlands"])
    pages = []
    n = 0
    for outlet in ("vnexpress", "tuoitre", "thanhnien", "dantri", "vietnamplus", "nhandan", "baolamvien"):
        for title, sapo, paras in topics:
            n += 1
            story = Story(slug=f"{outlet}-{n}", title=title, sapo=sapo, paras=paras,
                          date=dt.datetime(2025, 11, 24 - n % 7, 8 + n % 9, 30), author="Minh Anh" if n % 2 else "Thu Trang",
                          related=["Lâm Viên thu hút 12 dự án FDI trong năm 2025", "Phát triển du lịch xanh ở vùng cao"],
                          url=f"https://{outlet}.example/{n}.html")
            page = render(outlet, story)
            pages.append((outlet, story, (_pad_head(page) if n % 2 else page).encode("utf-8")))
    english_story.url = "https://english.example/en.html"
    pages.append(("english", english_story, render("english", english_story).encode("utf-8")))
    return pages


def score(extract, pages=None) -> dict:
    """Share of pages on which `extract(bytes, url) -> Extracted` gets each thing right."""
    from kehoach.text import fold

    pages = pages or extraction_pages()
    checks = {"title": 0, "day": 0, "date": 0, "sapo": 0, "first": 0, "last": 0, "no_related": 0, "no_byline": 0, "no_share": 0}
    for _outlet, story, page in pages:
        result = extract(page, story.url)
        text = result.text or ""
        lines = [line.strip() for line in text.splitlines()]
        date = result.date
        iso = date.isoformat() if date else ""
        checks["title"] += result.title == story.title
        checks["day"] += iso.startswith(story.date.strftime("%Y-%m-%d"))
        checks["date"] += iso.startswith(story.date.strftime("%Y-%m-%dT%H:%M"))  # with the time
        checks["sapo"] += story.sapo in text
        checks["first"] += story.paras[0] in text
        checks["last"] += story.paras[-1] in text
        checks["no_related"] += not any(r in text for r in story.related)
        checks["no_byline"] += not any(fold(line.strip("() ")) == fold(story.author) for line in lines)
        checks["no_share"] += not any(w in text for w in ("Chia sẻ", "Zalo", "Sao chép liên kết", "Share:"))
    return {k: v / len(pages) for k, v in checks.items()} | {"pages": len(pages)}
