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
# The number: digits, then symbol parts joined by "-", "/" or "." ("10- CTr/TU" lost a space).
_NUMBER = r"(\d{1,5}(?:\.\d)?(?:[-/.]\s?[0-9A-Za-zĐđ&]+)+)"
# "Kết luận số 57-KL/TW", "Nghị quyết 47/NQ-CP", or a kind named some words before its number:
# "Luật Tổ chức chính quyền địa phương số 72/2025/QH15".
_REF = re.compile(rf"(?<!\w)(?:({_KIND_RE})\s*(?:số|Số)?\s*:?\s*|(?:số|Số)\s*:?\s*){_NUMBER}", re.I)
_KIND_BEFORE = re.compile(rf"(?<!\w)({_KIND_RE})\b", re.I)
_ISSUER = re.compile(
    r"^\s*,?\s*(?:ngày[^,;()]{4,24}?)?\s*,?\s*(?:của|do)\s+(.{3,120}?)(?=\s+(?:về|hướng dẫn|quy định|phê duyệt|ban hành|"
    r"thực hiện|triển khai|về việc|v/v|đến năm|giai đoạn)\b|[,;:()“\"]|\.\s|$)"
)


def find_references(texts: list[str], own_number: str | None = None) -> list[Reference]:
    """Every distinct numbered document cited in `texts` (body paragraphs and footnotes)."""
    own = normalise_number(own_number) if own_number else None
    found: dict[str, Reference] = {}
    for text in texts:
        for m in _REF.finditer(text):
            number = _tidy_number(m.group(2))
            if "/" not in number or not re.search(r"[A-Za-zĐđ]", number):
                continue  # "số 15/2023" is a date or a count, not a document symbol
            key = normalise_number(number)
            if key == own:
                continue
            kind = m.group(1)
            if not kind:
                before = list(_KIND_BEFORE.finditer(text[max(0, m.start() - 160): m.start()]))
                if not before:
                    continue  # "Số: 12/KH-UBND" of a letterhead, or a phone number
                kind = before[-1].group(1)
            if key in found:
                if found[key].number.isupper() and not number.isupper():
                    found[key].number = number  # prefer the spelling of the body to a title in capitals
                continue
            tail = text[m.end(): m.end() + 220]
            date_m = re.match(r"^\s*,?\s*((?:ban hành )?ngày\s*[^;()]{4,30})", tail)
            issuer_m = _ISSUER.match(tail)
            found[key] = Reference(
                kind=_canonical_kind(kind), number=number,
                date=parse_date(date_m.group(1)) if date_m else None,
                issuer=squash(issuer_m.group(1)) if issuer_m else None,
            )
    return list(found.values())


def normalise_number(number: str) -> str:
    """ "Số 57-KL/TW" and "57 -KL/TW" meet: lower-case, folded, only letters, digits and slashes."""
    return re.sub(r"^so", "", re.sub(r"[^a-z0-9/]", "", fold(number)))


def _tidy_number(number: str) -> str:
    number = re.sub(r"\s+", "", number)
    return number.rstrip(".,;-")


def _canonical_kind(kind: str) -> str:
    for k in KINDS:
        if fold(k) == fold(kind):
            return k
    return kind
