"""Cited documents: "Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị" and the like.

A reference is a kind, a number-and-symbol with a slash ("57-KL/TW", "47/NQ-CP",
"6612/BVHTTDL-TTCSTTĐN"), usually a date and an issuer. Conversions break numbers at the
hyphen ("469-\\nKH/TU", "10- CTr/TU"); the number is read back without the break.
"""
from __future__ import annotations

import re

from ..models import Reference
from ..text import fold, squash
from .dates import parse_date

KINDS = (
    "Chương trình hành động", "Kế hoạch hành động", "Kết luận", "Nghị quyết liên tịch", "Nghị quyết",
    "Quyết định", "Kế hoạch", "Văn bản", "Công văn", "Hướng dẫn", "Chỉ thị", "Thông tư liên tịch",
    "Thông tư", "Nghị định", "Chương trình", "Thông báo", "Đề án", "Báo cáo", "Luật", "Pháp lệnh",
    "Thông báo kết luận", "Quy chế", "Quy định", "Tờ trình",
)
_KIND_RE = "|".join(sorted(map(re.escape, KINDS), key=len, reverse=True))
# The number: digits, then symbol parts joined by "-" or "/" (a space may follow a hyphen).
_NUMBER = r"(\d{1,5}(?:\s?[-/.]\s?[0-9A-Za-zĐđ&]+)*?/\s?[0-9A-Za-zĐđ&]+(?:[-/.][0-9A-Za-zĐđ&]+)*)"
_REF = re.compile(
    rf"(?<!\w)({_KIND_RE})(?:\s+(?:số|Số))?\s*[:]?\s*{_NUMBER}",
    re.I,
)
_AFTER = re.compile(
    r"^\s*,?\s*(?:ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]?\s*\d{2,4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?"
)
_ISSUER = re.compile(
    r"^\s*,?\s*(?:ngày[^,;()]{4,24}?)?\s*,?\s*(?:của|do)\s+(.{3,120}?)(?=\s+(?:về|hướng dẫn|quy định|phê duyệt|ban hành|"
    r"thực hiện|triển khai|về việc|v/v|đến năm|giai đoạn)\b|[,;:()“\"]|\.\s|$)"
)


def find_references(texts: list[str], own_number: str | None = None) -> list[Reference]:
    """Every distinct numbered document cited in `texts` (body paragraphs and footnotes)."""
    seen: set[str] = set()
    if own_number:
        seen.add(normalise_number(own_number))
    refs: list[Reference] = []
    for text in texts:
        for m in _REF.finditer(text):
            number = _tidy_number(m.group(2))
            if not re.search(r"[A-Za-zĐđ]", number):
                continue  # "số 15/2023" is a date or a count, not a document symbol
            key = normalise_number(number)
            if key in seen:
                continue
            seen.add(key)
            tail = text[m.end(): m.end() + 220]
            kind = _canonical_kind(m.group(1))
            date_m = re.match(r"^\s*,?\s*(?:ngày|ban hành ngày)\s*([^;()]{4,30})", tail)
            issuer_m = _ISSUER.match(tail)
            refs.append(Reference(
                kind=kind, number=number,
                date=parse_date(date_m.group(1)) if date_m else None,
                issuer=squash(issuer_m.group(1)) if issuer_m else None,
            ))
    return refs


def normalise_number(number: str) -> str:
    """ "Số 57-KL/TW" and "57 -KL/TW" meet: lower-case, folded, only letters, digits and slashes."""
    return re.sub(r"[^a-z0-9/]", "", fold(number)).replace("so", "", 1) if number.lower().startswith("s") else re.sub(r"[^a-z0-9/]", "", fold(number))


def _tidy_number(number: str) -> str:
    number = re.sub(r"\s+", "", number)
    return number.rstrip(".,;-")


def _canonical_kind(kind: str) -> str:
    for k in KINDS:
        if fold(k) == fold(kind):
            return k
    return kind
