"""Small text helpers shared by every stage: Vietnamese folding and normalising."""
from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Đồng Nai" -> "dong nai"), for matching only."""
    text = unicodedata.normalize("NFD", text.translate(_D).lower())
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def squash(text: str) -> str:
    """Collapse runs of white space to one space and trim."""
    return re.sub(r"\s+", " ", text).strip()


def is_upper_line(text: str) -> bool:
    """A line written in capitals (a heading, a letterhead line), ignoring digits and punctuation."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def sentence_case(text: str) -> str:
    """"TRIỂN KHAI CÔNG TÁC" -> "Triển khai công tác" (for titles printed in capitals)."""
    low = text.lower()
    return low[:1].upper() + low[1:]
