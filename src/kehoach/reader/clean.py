"""Clean stage: markup out, page furniture out, broken sentences joined again.

PDF and web conversions wrap every line and often put blank lines between the pieces of one
sentence; Markdown adds emphasis, headings and ``<sup>`` footnote marks. What comes out is one
`Paragraph` per logical paragraph (heading, list item, field line), footnotes attached to the
paragraph that cites them.
"""
from __future__ import annotations

import html
import re
from collections import Counter

from ..text import is_upper_line, squash
from .document import Document, Paragraph, Table

# A list marker at the start of a paragraph: "I.", "1.", "1.1.", "2.1", "a)", "-", "+", "•".
MARKER = re.compile(
    r"^(?:[IVXLC]{1,6}\s*[.)]|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]|\d{1,2}(?:\.\d{1,2}){1,3}(?=\s)"
    r"|[a-zđ]\s?\)|[-–—+•·▪●○*](?=\s|[A-ZĐÀ-Ỹa-zđ]))",
)
BULLET = re.compile(r"^[-–—+•·▪●○*]\s*")
DOC_TYPE_LINE = re.compile(
    r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|HƯỚNG DẪN|CHỈ THỊ|NGHỊ QUYẾT|KẾT LUẬN|"
    r"THÔNG BÁO|CÔNG VĂN|BÁO CÁO|PHỤ LỤC(?:\s+[IVX\d]+)?)[:.]?$"
)
_CLOSING_LABEL = re.compile(r"^(Nơi nhận|KT\.|K/T|TM\.|T/M|Q\.|TL\.|TUQ\.)", re.I)
_TERMINAL = tuple(".;:!?")
# A line that ends on one of these words stopped in the middle of a phrase.
_OPEN_ENDINGS = {
    "của", "và", "với", "về", "các", "những", "cho", "trong", "tại", "theo", "để", "là", "có", "được",
    "đến", "từ", "số", "ngày", "tháng", "năm", "trên", "đối", "hoặc", "như", "nhằm", "bằng", "do",
    "thuộc", "gồm", "cùng", "vào", "ra", "khi", "mà", "vì", "nhưng", "sự", "việc", "công", "tác",
}

_OPENER = re.compile(r"^(?:Căn cứ|Thực hiện|Theo đề nghị|Trên cơ sở|Nhằm|Để|Trên đây|\(?Ban hành kèm|\(?Kèm theo)\s")
# Lines of the letterhead that stand alone whatever their length.
_STANDALONE = re.compile(r"(?i)độc lập\s*[-–]\s*tự do|cộng hòa xã hội chủ nghĩa|đảng cộng sản việt nam")
_PLACE_DATE = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+){0,5}\.?,\s*ngày\b")
_UNIT_HEADS = {"Sở", "Ban", "Bộ", "Phòng", "Ủy", "Uỷ", "Văn", "Trung", "Nhà", "Liên", "Viện", "Cục", "Đài", "Báo", "Hội"}
_SUP = re.compile(r"<sup>\s*([^<]{1,4}?)\s*</sup>", re.I)
_FOOTNOTE_DEF = re.compile(r"^(?:<sup>\s*(\w{1,4})\s*</sup>|\[\^(\w{1,4})\]:|\^(\d{1,3}))\s*(.+)$", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|br|p|div|a)(?:\s[^>]*)?/?>", re.I)
_PAGE_NUMBER = re.compile(r"^(?:[-–]?\s*\d{1,3}\s*[-–]?|Trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.I)
_RULE = re.compile(r"^[-_=*~.\s]{3,}$")


def clean(doc: Document) -> Document:
    """Return a new `Document` whose paragraphs are whole, marked-up text removed."""
    footnotes = dict(doc.footnotes)
    lines: list[Paragraph | Table] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            lines.append(Table([[_clean_cell(c) for c in row] for row in block.rows]))
            continue
        text, heading, refs = strip_markup(block.text)
        heading = heading or block.heading
        found = _FOOTNOTE_DEF.match(block.text.strip())
        if found and block.soft:
            label = next(g for g in found.groups()[:3] if g)
            footnotes[label] = strip_markup(found.group(4))[0]
            continue
        if not text or (block.soft and (_PAGE_NUMBER.match(text) or _RULE.match(text))):
            lines.append(Paragraph("", soft=block.soft))  # keeps the blank as a hint
            continue
        para = Paragraph(text, soft=block.soft, heading=heading, notes=list(block.notes))
        para.notes.extend(f"\x00{r}" for r in refs)  # resolved once all footnotes are known
        lines.append(para)
    lines = _drop_running_headers(lines)
    joined = _join_broken_lines(lines)
    for block in joined:
        if isinstance(block, Paragraph) and block.notes:
            block.notes = [footnotes.get(n[1:], "") if n.startswith("\x00") else n for n in block.notes]
            block.notes = [n for n in block.notes if n]
    return Document(source=doc.source, blocks=joined, footnotes=footnotes, format=doc.format)


def _clean_cell(text: str) -> str:
    """A table cell keeps its line breaks: a signature or Nơi nhận cell is a list of lines."""
    return "\n".join(t for t in (strip_markup(line)[0] for line in text.split("\n")) if t)


def strip_markup(text: str) -> tuple[str, bool, list[str]]:
    """Markdown and stray HTML out of one line: (text, was a heading, footnote labels cited)."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    heading = False
    m = _MD_HEADING.match(text)
    if m:
        heading, text = True, text[m.end():]
    refs = _SUP.findall(text)
    text = _SUP.sub("", text)
    text = re.sub(r"\[\^(\w{1,4})\](?!:)", lambda m: (refs.append(m.group(1)), "")[1], text)
    text = _AUTOLINK.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text).replace("\u00a0", " ")  # "Sở KH&amp;CN", "&nbsp;" of web copies
    text = _TAG.sub(" ", text)
    text = re.sub(r"(\*\*|__)", "", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)  # *italic*
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)  # Markdown escapes
    text = text.replace("*", "") if text.strip() in {"*", "**"} else text
    return squash(text), heading, refs


def _drop_running_headers(blocks: list[Paragraph | Table]) -> list[Paragraph | Table]:
    """Short lines repeated on many pages (a running header) are page furniture."""
    counts = Counter(
        b.text for b in blocks
        if isinstance(b, Paragraph) and b.soft and b.text and len(b.text) < 80
        and not MARKER.match(b.text) and not b.text.endswith(_TERMINAL)
        and not _OPENER.match(b.text) and b.text.split()[-1].lower() not in _OPEN_ENDINGS
        and ":" not in b.text  # "Đơn vị chủ trì: Sở Tư pháp" repeats in a plan; a page header does not
    )
    repeated = {t for t, n in counts.items() if n >= 3 and not DOC_TYPE_LINE.match(t)}
    if not repeated:
        return blocks
    return [b for b in blocks if not (isinstance(b, Paragraph) and b.soft and b.text in repeated)]


def _line_width(blocks: list[Paragraph | Table]) -> int:
    lengths = sorted(len(b.text) for b in blocks if isinstance(b, Paragraph) and b.soft and b.text)
    if not lengths:
        return 80
    return min(lengths[int(len(lengths) * 0.9)], 100)


def _join_broken_lines(blocks: list[Paragraph | Table]) -> list[Paragraph | Table]:
    width = _line_width(blocks)
    out: list[Paragraph | Table] = []
    current: Paragraph | None = None
    last_line = ""  # the last physical line of `current`: its length tells a wrap from an end
    blank = False
    for block in blocks:
        if isinstance(block, Table):
            if current:
                out.append(current)
                current = None
            out.append(block)
            continue
        if not block.text:
            blank = True
            continue
        if (current is not None and block.soft and current.soft
                and _continues(current, block, width, last_line=last_line, after_blank=blank)):
            current = _join(current, block)
        else:
            if current:
                out.append(current)
            current = Paragraph(block.text, soft=block.soft, heading=block.heading, notes=list(block.notes))
        last_line, blank = block.text, False
    if current:
        out.append(current)
    return out


def _join(a: Paragraph, b: Paragraph) -> Paragraph:
    glue = "" if re.search(r"\w-$", a.text) and re.match(r"[A-ZĐ0-9]", b.text) else " "
    return Paragraph(a.text + glue + b.text, soft=True, heading=a.heading, notes=a.notes + b.notes)


def _continues(prev: Paragraph, nxt: Paragraph, width: int, last_line: str | None = None,
               after_blank: bool = False) -> bool:
    """Whether `nxt` is the rest of the sentence `prev` broke off.

    Without a stronger sign (a lower-case start, a line ending on "của", a comma), a line runs on
    when it filled the width; after a blank line, only when it filled it nearly to the end.
    """
    a, b = prev.text, nxt.text
    line = last_line if last_line is not None else a
    if prev.heading or nxt.heading or DOC_TYPE_LINE.match(a) or DOC_TYPE_LINE.match(b):
        return False
    if _CLOSING_LABEL.match(b) or _STANDALONE.search(a) or _STANDALONE.search(b) or _PLACE_DATE.match(b):
        return False
    if MARKER.fullmatch(a.strip()) or re.fullmatch(r"[IVXLC]{1,6}\s*[.)]|\d{1,2}(?:\.\d{1,2})*\.?", a.strip()):
        return not MARKER.match(b)  # a marker alone on its line ("III." then "NHIỆM VỤ …")
    first = b[:1]
    if a.endswith((":", ".", "!", "?")):
        return False
    if a.endswith(";") and not first.islower():
        # In a wrapped text a full line ending in ";" is a list that runs on ("…; các Sở, ban, ngành;").
        if not (width < 90 and len(line) >= 0.85 * width and not MARKER.match(b)):
            return False
    if MARKER.match(b):
        # "kinh tế" / "- xã hội", "2025" / "- 2030": a dash before a lower-case word or a number
        # continues the sentence.
        rest = BULLET.sub("", b) if BULLET.match(b) else ""
        return bool(rest) and (rest[:1].islower() or rest[:1].isdigit()) and b[:1] in "-–" and not a.endswith(";")
    if is_upper_line(a):
        return is_upper_line(b) and bool(MARKER.match(a))
    if a.split() and a.split()[-1] in _UNIT_HEADS:
        return True  # "1. Sở" / "Khoa học và Công nghệ": a unit's name broken after its head word
    last_word = a.rsplit(None, 1)[-1].lower() if a.split() else ""
    if _OPENER.match(b) and not a.endswith(",") and last_word not in _OPEN_ENDINGS:
        return False  # "Căn cứ …", "Thực hiện …", "(Ban hành kèm theo …)" open a new part after a title
    if first.islower() or first.isdigit() or first in "(“\"'":
        return True
    if a.endswith((",", "-", "–")) or last_word in _OPEN_ENDINGS:
        return True
    return len(line) >= (0.9 if after_blank else 0.75) * width
