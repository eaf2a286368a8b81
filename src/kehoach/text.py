"""Small text helpers shared by every stage: Vietnamese folding and normalising."""
from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold_slow(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate(_D).lower())
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


# One table for every Latin letter with marks (and loose combining marks): folding is on the hot
# path of every stage, and str.translate is many times faster than normalising each string.
_FOLD_TABLE = {cp: _fold_slow(chr(cp)) for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))}
_FOLD_TABLE.update({cp: None for cp in range(0x300, 0x370)})


def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Đồng Nai" -> "dong nai"), for matching only."""
    return text.translate(_FOLD_TABLE).lower()


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
