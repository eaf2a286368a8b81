"""The "Nơi nhận" list: one recipient a line, in order, cleaned of "-", ";" and "(b/c)"."""
from __future__ import annotations

import re

from ..text import is_upper_line, squash
from .zones import CLOSING_START

_NOTE = re.compile(
    r"\s*\((?:để\s+)?(?:b/c|báo cáo|t/h|thực hiện|để biết|p/h|ph/h|phối hợp|chỉ đạo|theo dõi|đăng tải|biết|"
    r"(?-i:[a-z]{1,3}/[a-z]{1,3}))[^)]*\)", re.I)
_AUTHORITY = re.compile(r"^(?:(?:KT|TM|Q|TL|TUQ)\s*[./]|K/T|T/M)\s*\S", re.I)


def read_recipients(closing: list[str]) -> list[str]:
    """Recipients from a closing block (the lines from "Nơi nhận" to the signature)."""
    items: list[str] = []
    started = False
    for raw in closing:
        line = squash(raw)
        if not started:
            m = CLOSING_START.match(line)
            if not m:
                continue
            started = True
            line = line[m.end():]
            if not line or _AUTHORITY.match(line) or is_upper_line(line):
                continue
        if not line:
            continue
        runs_on = bool(items) and items[-1].rstrip().endswith(",")  # "- VPUB: CVP, các PCVP," / "P. KGVX"
        if not runs_on and (_AUTHORITY.match(line) or (is_upper_line(line) and not line.startswith(("-", "+", "•")))):
            if items and items[-1].lower().startswith("lưu"):
                break
            continue
        if re.match(r"^[-+•]\s*", line) or not items:
            items.append(re.sub(r"^[-+•]\s*", "", line))
        elif items and not items[-1].rstrip().endswith((";", ".")) and not items[-1].lower().startswith("lưu"):
            items[-1] = f"{items[-1]} {line}"  # a recipient wrapped onto the next line
        else:
            break  # the signer's name and title follow the list
        if items[-1].lower().startswith("lưu"):
            break
    return [r for r in (_clean(i) for i in items) if r]


def _trim_right_column(item: str) -> str:
    """An OCR copy runs the signature column and stamp specks into the list: "Ban …, PHÓ BÍ THƯ",
    "Báo …, 2\\ e vụ v", "Tạp chí …, : :". Drop such tails after the last comma."""
    while "," in item and not item.lower().startswith("lưu"):
        head, tail = item.rsplit(",", 1)
        tail = tail.strip()
        letters = re.sub(r"[^\w]", "", tail)
        if (is_upper_line(tail) and len(tail.split()) >= 2 and not re.search(r"\d", tail)) or len(letters) <= 1 \
                or re.search(r"[\\|{}<>]", tail) or sum(len(w) == 1 for w in tail.split()) >= 2:
            item = head
            continue
        break
    return item


def _clean(item: str) -> str:
    item = _trim_right_column(item.rstrip(" ;,."))
    item = _NOTE.sub("", item)
    item = squash(item).rstrip(" ;,.")
    return item.strip()
