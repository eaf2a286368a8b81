"""Where things are in a plan: letterhead, title, body, closing block, appendices.

A plan is: letterhead (issuing body, number, place and date), the document type ("KẾ HOẠCH")
and its title, the body, the closing block (Nơi nhận and the signature), and appendices
(PHỤ LỤC). A decision that issues a plan ("QUYẾT ĐỊNH ... Ban hành kèm theo ... Kế hoạch")
comes first with its own closing block, then the plan itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold, squash
from .document import Paragraph, Table

_DOC_TYPES = {
    "ke hoach": "Kế hoạch", "quyet dinh": "Quyết định", "chuong trinh": "Chương trình",
    "chuong trinh hanh dong": "Chương trình hành động", "huong dan": "Hướng dẫn", "chi thi": "Chỉ thị",
    "nghi quyet": "Nghị quyết", "ket luan": "Kết luận", "thong bao": "Thông báo", "de an": "Đề án",
    "cong van": "Công văn", "bao cao": "Báo cáo",
}
# "Nơi nhận:" opens the closing block (the OCR may read it "Noi nhan").
CLOSING_START = re.compile(r"^\W*n[oơ]i\s*nh[aậ]n\b\s*:?\s*", re.I)
_CLOSING_FORMULA = re.compile(r"^Trên đây là\b|^Tren day la\b", re.I)


def doc_type_of(text: str) -> str | None:
    """ "KẾ HOẠCH" (or the OCR's "KE HOACH") -> "Kế hoạch"; None for any other line."""
    words = fold(text).strip(" .:*").split()
    if not words or len(words) > 4 or not text.strip(" *").replace(" ", "").isupper():
        return None
    return _DOC_TYPES.get(" ".join(words))


def is_appendix_heading(text: str) -> bool:
    f = fold(text).strip(" .:*")
    return bool(re.match(r"^phu luc(?:\s+(?:so\s+)?[ivx\d]+)?$", f)) and text.strip(" *")[:1].isupper()


def table_lines(table: Table) -> list[str]:
    """A layout table (letterhead, signature) read row by row, cell by cell, line by line."""
    lines = []
    for row in table.rows:
        for cell in row:
            lines.extend(squash(part) for part in cell.split("\n") if part.strip())
    return lines


@dataclass
class Zones:
    header: list[str] = field(default_factory=list)  # letterhead lines before the document type
    doc_type: str | None = None
    title_lines: list[str] = field(default_factory=list)
    preamble_index: int = 0  # index in blocks where the plan's text starts (after the title)
    body: list[Paragraph | Table] = field(default_factory=list)  # the plan's body
    closings: list[list[str]] = field(default_factory=list)  # each Nơi nhận + signature block
    appendices: list[list[Paragraph | Table]] = field(default_factory=list)
    preface: list[Paragraph | Table] = field(default_factory=list)  # a decision before the plan
    all_text: list[str] = field(default_factory=list)


def find_zones(blocks: list[Paragraph | Table]) -> Zones:
    z = Zones()
    types = [(i, doc_type_of(b.text)) for i, b in enumerate(blocks) if isinstance(b, Paragraph)]
    types = [(i, t) for i, t in types if t]
    plan_at = next((i for i, t in types if t == "Kế hoạch"), None)
    first_at = types[0][0] if types else None
    if plan_at is None:
        plan_at = first_at
    for b in blocks[: first_at if first_at is not None else 0]:
        z.header.extend(table_lines(b) if isinstance(b, Table) else [b.text])
    if plan_at is None:
        start = 0
    else:
        z.doc_type = doc_type_of(blocks[plan_at].text)
        z.preface = blocks[(first_at or 0) + 1: plan_at] if first_at is not None and first_at < plan_at else []
        start = plan_at + 1
        title_end = _title_end(blocks, start)
        z.title_lines = [b.text for b in blocks[start:title_end]]
        start = title_end
    z.preamble_index = start
    section: list[Paragraph | Table] = z.body
    closing: list[str] | None = None
    for b in blocks[start:]:
        lines = table_lines(b) if isinstance(b, Table) else [b.text]
        text = lines[0] if lines else ""
        if isinstance(b, Paragraph) and is_appendix_heading(b.text):
            closing = None
            section = []
            z.appendices.append(section)
            continue
        if any(CLOSING_START.match(line) for line in lines[:3]) and (isinstance(b, Table) or CLOSING_START.match(text)):
            closing = []
            z.closings.append(closing)
        if closing is not None:
            if isinstance(b, Table) and not any(CLOSING_START.match(line) for line in lines[:3]) and len(b.rows) > 2:
                closing = None  # a real table after the signature: back to content
            else:
                closing.extend(lines)
                continue
        if isinstance(b, Paragraph) and _CLOSING_FORMULA.match(b.text):
            continue
        section.append(b)
    # The closing block of a decision that precedes the plan belongs to the preface.
    for b in z.preface:
        if isinstance(b, Table) and any(CLOSING_START.match(x) for x in table_lines(b)[:3]):
            z.closings.insert(0, table_lines(b))
    return z


_PREAMBLE = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo đề nghị|Theo|Nhằm|Để|Trên cơ sở|Triển khai|Nhận thức|Năm \d{4}|"
    r"Ngày \d|Qua|Sau khi|Trong những năm|Thời gian qua|Luật |Hiện nay|\(?Ban hành kèm|\(?Kèm theo|I\.)",
)


def _title_end(blocks: list[Paragraph | Table], start: int) -> int:
    """The title is the run of lines after the document type, up to the preamble."""
    i = start
    first_upper = None
    while i < len(blocks) and i - start < 8:
        b = blocks[i]
        if isinstance(b, Table):
            break
        text = b.text.strip()
        letters = [c for c in text if c.isalpha()]
        upper = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        if first_upper is None:
            first_upper = upper
        elif first_upper and not upper:
            break
        elif not first_upper and (_PREAMBLE.match(text) or len(text) > 300):
            break
        if i > start and (re.match(r"^[IVX]+\.\s", text) or text.startswith(("-", "(", "*"))):
            break
        i += 1
    return max(i, start + 1) if start < len(blocks) else start
