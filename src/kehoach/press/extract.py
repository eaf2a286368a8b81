"""Article extraction: title, date, author, language and main text, tuned for Vietnamese news.

trafilatura finds the main text of most pages, but on Vietnamese news templates it drops the
sapo (the bold summary under the headline, printed outside the body element), reads dates to the
day only, and a page whose charset is declared after <title> may reach it mis-decoded. So:

1. the bytes are decoded here (BOM, HTTP header, <meta charset> anywhere in <head>, UTF-8,
   then charset detection), and trafilatura gets text, not bytes;
2. headline, date (meta, JSON-LD, <time>, then Vietnamese date lines such as
   "Thứ Hai, 24/11/2025, 08:30 (GMT+7)" in the date elements), author and the sapo are read from
   the page structure first;
3. related-story boxes, bylines, share widgets, tags and comments are removed from the tree before
   trafilatura reads the body, and lines that are the byline or a related headline are dropped after;
4. the text is the sapo, then the body.

`extract_baseline` is trafilatura alone, for comparison (tests and benchmarks report both).
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from urllib.parse import urljoin

import lxml.html
import trafilatura
from lxml import etree

from .lang import detect_language

VN_TZ = dt.timezone(dt.timedelta(hours=7))


@dataclass
class Extracted:
    url: str = ""
    title: str = ""
    date: dt.datetime | dt.date | None = None
    author: str = ""
    lang: str = ""
    text: str = ""
    sapo: str = ""
    canonical: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return {k: data[k] for k in ("url", "title", "date", "author", "lang", "text")}


# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)


def decode(content: bytes | str, declared: str | None = None) -> str:
    """The page as text: BOM, then the HTTP header's charset, then <meta charset> anywhere in the
    first 64 KB (not only the first 1 KB: several outlets print it after <title>), then UTF-8, then
    detection."""
    if isinstance(content, str):
        return unicodedata.normalize("NFC", content)
    return unicodedata.normalize("NFC", _decode(content, declared))  # some pages print decomposed Vietnamese


def _decode(content: bytes, declared: str | None) -> str:
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if content.startswith(bom):
            return content[len(bom):].decode(name, errors="replace")
    candidates = []
    if declared:
        candidates.append(declared)
    match = _META_CHARSET.search(content[:65536])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec in ("iso8859-1", "ascii"):  # mislabelled pages are usually cp1252 or really UTF-8
            try:
                return content.decode("utf-8")
            except UnicodeDecodeError:
                codec = "cp1252"
        try:
            return content.decode(codec)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    return content.decode(best.encoding if best else "utf-8", errors="replace")


# --------------------------------------------------------------------------- dates

_NUMERIC_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})(?!\d)"
    r"(?:\s*(?:[,|\-–]|lúc)?\s*(\d{1,2})\s*[:hg]\s*(\d{2}))?"
)
_TIME_FIRST = re.compile(r"(?<!\d)(\d{1,2})\s*[:hg]\s*(\d{2})\s*(?:[,|\-–]|ngày)?\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_ENGLISH_DATE = re.compile(
    r"\b(" + "|".join(_MONTHS) + r")\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s*[-–,|]?\s*(\d{1,2}):(\d{2}))?", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|ngay|thoigian|datetime", re.I)


def parse_date_text(text: str):
    """A date (with its time when printed) from a Vietnamese or English date line; None if none."""
    text = " ".join(text.split())
    m = _TIME_FIRST.search(text)
    if m:
        hour, minute, day, month, year = (int(g) for g in m.groups())
        return _make(year, month, day, hour, minute)
    m = _NUMERIC_DATE.search(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        hour = int(m.group(4)) if m.group(4) else None
        minute = int(m.group(5)) if m.group(5) else 0
        return _make(year, month, day, hour, minute)
    m = _ENGLISH_DATE.search(text)
    if m:
        month = _MONTHS[m.group(1).lower()]
        hour = int(m.group(4)) if m.group(4) else None
        return _make(int(m.group(3)), month, int(m.group(2)), hour, int(m.group(5) or 0))
    return None


def _make(year, month, day, hour, minute):
    try:
        if hour is None:
            return dt.date(year, month, day)
        return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)
    except ValueError:
        return None


def _iso_date(value: str):
    value = (value or "").strip()
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return parse_date_text(value)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=VN_TZ)
    return stamp


# --------------------------------------------------------------------------- structure

_SAPO = re.compile(r"sapo|description|(?:^|[-_ ])lead(?:$|[-_ ])|summary|chap+eau|excerpt|cms-desc|(?:^|[-_])des?c?(?:$|[-_ ])|"
                   r"(?:^|[-_])sum(?:$|[-_ ])|teaser|intro|tomtat|tom-tat|abstract", re.I)
_JUNK = re.compile(
    r"related|relate|lienquan|lien-quan|tin-lien|xem-them|xemthem|doc-them|readmore|read-more|"
    r"share|social|sharing|(?:^|[-_ ])tags?(?:$|[-_ ])|tag-list|comment|binh-luan|byline|author|tac-gia|"
    r"breadcrumb|sidebar|box-category|advert|(?:^|[-_ ])ads?(?:$|[-_ ])|banner|newsletter|subscribe|"
    r"print|font-size|rating|vote|most-read|xem-nhieu|box-heading|callout|kbwscwl",
    re.I,
)
_JUNK_TYPES = re.compile(r"related|relate", re.I)
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "svg", "figure")
_SHARE_LINE = re.compile(r"^(?:chia sẻ|share|sao chép liên kết|copy link|facebook|zalo|twitter|x|email|in bài|print|tags?:?)"
                         r"(?:\s*[:|·]?\s*(?:facebook|zalo|twitter|x|email|sao chép liên kết|copy link))*\s*$", re.I)
_SOURCE_LINE = re.compile(r"^\(?\s*(?:theo\s+)?[A-ZĐ][\w+./ -]{1,40}\)?$")


def _classes(el) -> str:
    return " ".join(filter(None, (el.get("class"), el.get("id"), el.get("data-role"), el.get("itemprop"))))


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _meta(tree, *names: str) -> str:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            value = (el.get("content") or "").strip()
            if value:
                return value
    return ""


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(len(wa), len(wb), 1)


def _find_title(tree) -> tuple[str, object]:
    """The headline: the <h1> that agrees with og:title / <title> (a logo may be an <h1> too)."""
    declared = _meta(tree, "og:title", "twitter:title")
    if not declared:
        declared = re.split(r"\s+[-|–]\s+[^-|–]+$", (tree.findtext(".//title") or "").strip())[0]
    candidates = [(h1, _text(h1)) for h1 in tree.xpath("//h1") if len(_text(h1)) >= 8]
    if declared and candidates:
        h1, text = max(candidates, key=lambda c: _overlap(c[1], declared))
        if _overlap(text, declared) >= 0.5:
            return text, h1
        return declared, None
    if candidates:
        return max(candidates, key=lambda c: len(c[1]))[1], max(candidates, key=lambda c: len(c[1]))[0]
    return declared, None


def _json_ld(tree) -> dict:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and (item.get("datePublished") or item.get("headline")):
                return item
    return {}


def _find_date(tree, ld: dict):
    stamp = _iso_date(_meta(tree, "article:published_time", "datePublished", "pubdate", "publishdate", "date",
                            "dc.date.issued", "og:published_time"))
    if stamp:
        return stamp
    if ld.get("datePublished"):
        stamp = _iso_date(str(ld["datePublished"]))
        if stamp:
            return stamp
    for el in tree.xpath("//time[@datetime]"):
        stamp = _iso_date(el.get("datetime"))
        if stamp:
            return stamp
    # The printed date line: elements whose class names a date or time, headline area first.
    for el in tree.xpath("//time | //*[@class or @data-role]"):
        if el.tag == "time" or _DATE_CLASS.search(_classes(el)):
            if _in_side_box(el):
                continue
            text = _text(el)
            if 6 <= len(text) <= 120:
                stamp = parse_date_text(text)
                if stamp:
                    return stamp
    return None


_SIDE_BOX = re.compile(r"related|relate|lienquan|lien-quan|sidebar|xem-nhieu|most-read|box-category|comment", re.I)


def _in_side_box(el) -> bool:
    """Inside a related box, a sidebar or the footer: a date there belongs to another story."""
    for anc in el.iterancestors():
        if anc.tag in ("footer", "aside") or (_SIDE_BOX.search(_classes(anc)) and not _looks_like_body(anc)):
            return True
    return False


def _in_junk(el) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("footer", "aside", "nav"):
            return True
        if _JUNK.search(_classes(anc)) and not _looks_like_body(anc):
            return True
    return False


def _looks_like_body(el) -> bool:
    return len(el.xpath(".//p")) >= 3


def _find_sapo(tree, title_el, body_text_hint: str = ""):
    candidates = []
    for el in tree.xpath("//*[@class or @id or @data-role]"):
        if el.tag in ("meta", "body", "html", "article", "section", "main", "ul", "ol", "nav", "a", "span", "li"):
            continue
        if not _SAPO.search(_classes(el)) or _in_junk(el):
            continue
        if len(el.xpath(".//p")) > 2:  # a container of the whole body, not the summary
            continue
        text = _text(el)
        if 30 <= len(text) <= 1200:
            candidates.append((el, text))
    if candidates:
        return candidates[0]
    # No named element: a bold block, or an <h2>, right after the headline.
    if title_el is not None:
        following = title_el.getnext()
        for _ in range(4):
            if following is None:
                break
            text = _text(following)
            if following.tag in ("h2", "strong", "b") or (following.tag in ("p", "div") and len(following) == 1
                                                          and following[0].tag in ("strong", "b") and _text(following[0]) == text):
                if 30 <= len(text) <= 1200:
                    return following, text
            following = following.getnext()
    return None, ""


def _find_author(tree, ld: dict) -> str:
    return re.sub(r"^(?:by|bởi|theo)\s+", "", _author(tree, ld), flags=re.I).strip()


def _author(tree, ld: dict) -> str:
    author = _meta(tree, "author", "article:author", "dable:author")
    if author and not author.startswith("http"):
        return author
    value = ld.get("author")
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return value.strip()
    for el in tree.xpath("//*[@class]"):
        cls = el.get("class") or ""
        if re.search(r"author|byline|tac-gia", cls, re.I) and not re.search(r"time|date|wrap", cls, re.I):
            text = _text(el)
            if 2 <= len(text) <= 60:
                return text
    return ""


# --------------------------------------------------------------------------- the main text


def _clean_tree(tree, removed: list[str]) -> None:
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in _DROP_TAGS:
            el.drop_tree()
            continue
        classes = _classes(el)
        kind = el.get("type") or ""
        if (el.tag == "time" or (classes and _DATE_CLASS.search(classes))) and len(_text(el)) <= 80 \
                and parse_date_text(_text(el)):
            el.drop_tree()  # the date line, read already
            continue
        if (classes and _JUNK.search(classes) and not _looks_like_body(el)) or (kind and _JUNK_TYPES.search(kind)):
            text = _text(el)
            if text:
                removed.append(text)
                removed.extend(_text(a) for a in el.xpath(".//a|.//li|.//h3|.//h4") if _text(a))
            el.drop_tree()


def _is_byline(paragraph, author: str) -> bool:
    text = _text(paragraph)
    if not text or len(text) > 60 or len(text.split()) > 8:
        return False
    if author and text.strip("() ").lower() == author.lower():
        return True
    style = (paragraph.get("style") or "").replace(" ", "").lower()
    bold_only = len(paragraph) >= 1 and all(child.tag in ("strong", "b", "em", "i") for child in paragraph) and \
        not (paragraph.text or "").strip() and _text(paragraph) == " ".join(" ".join(_text(c) for c in paragraph).split())
    return "text-align:right" in style or bold_only or bool(_SOURCE_LINE.match(text) and text.startswith("("))


def extract_article(content: bytes | str, url: str = "", *, charset: str | None = None) -> Extracted:
    text = decode(content, charset)
    try:
        tree = lxml.html.fromstring(text)
    except (etree.ParserError, ValueError):
        return Extracted(url=url)
    ld = _json_ld(tree)
    title, title_el = _find_title(tree)
    date = _find_date(tree, ld)
    author = _find_author(tree, ld)
    sapo_el, sapo = _find_sapo(tree, title_el)
    canonical = ""
    for link in tree.xpath('//link[@rel="canonical"]'):
        canonical = (link.get("href") or "").strip()
        break
    canonical = canonical or _meta(tree, "og:url")
    if canonical and url:
        canonical = urljoin(url, canonical)
    html_lang = (tree.get("lang") or "").split("-")[0].lower()

    removed: list[str] = []
    if sapo_el is not None and sapo_el.getparent() is not None:
        sapo_el.drop_tree()
    if title_el is not None and title_el.getparent() is not None:
        title_el.drop_tree()
    _clean_tree(tree, removed)
    # Bylines: short bold or right-aligned lines at the end of the body, and the author's name.
    paragraphs = tree.xpath("//p")
    for paragraph in reversed(paragraphs[-4:]):
        if _is_byline(paragraph, author):
            if not author:
                author = _text(paragraph).strip("() ")
            paragraph.drop_tree()
    cleaned = lxml.html.tostring(tree, encoding="unicode")
    body = trafilatura.extract(cleaned, url=url or None, include_comments=False, include_tables=True,
                               favor_recall=True, deduplicate=False) or ""
    if not body.strip():
        body = "\n".join(_text(p) for p in tree.xpath("//p") if len(_text(p)) > 30)
    drop = {line.strip().lower() for line in removed if line.strip()}
    if author:
        drop.add(author.lower())
        drop.add(f"({author.lower()})")
    lines = []
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped or stripped.lower() in drop or _SHARE_LINE.match(stripped):
            continue
        if stripped.lstrip("- ").lower() in drop:
            continue
        lines.append(stripped)
    body = "\n".join(lines)
    if sapo and sapo[:60] not in body:
        body = f"{sapo}\n{body}" if body else sapo
    lang = detect_language(f"{title}\n{body}") or html_lang
    return Extracted(url=url, title=title, date=date, author=author, lang=lang, text=body.strip(),
                     sapo=sapo, canonical=canonical)


def extract_baseline(content: bytes | str, url: str = "") -> Extracted:
    """trafilatura alone (its own decoding, metadata and main text), to compare against."""
    result = trafilatura.bare_extraction(content, url=url or None, with_metadata=True, include_comments=False)
    if result is None:
        return Extracted(url=url)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    date = None
    if data.get("date"):
        try:
            date = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            date = None
    return Extracted(url=url, title=data.get("title") or "", date=date, author=data.get("author") or "",
                     lang=data.get("language") or "", text=data.get("text") or "")
