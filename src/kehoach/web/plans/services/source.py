"""The source text shown beside the tasks on the review page, and where each task sits in it.

The reader returns tasks without positions, so each task is found again in the source: its
first and last words, compared on letters and digits only, folded (so Markdown marks, line
breaks and a restored diacritic do not stop the match).
"""
from __future__ import annotations

import re
from pathlib import Path

from kehoach.text import fold, sentence_case, squash

PROBE = 40  # letters and digits taken from each end of a task's text


def document_text(path: Path) -> str:
    """A Word file's paragraphs and tables as plain lines (text files are shown as they are)."""
    from kehoach.reader.document import Table
    from kehoach.reader.read import read

    lines: list[str] = []
    for block in read(path).blocks:
        if isinstance(block, Table):
            for row in block.rows:
                lines.append(" | ".join(cell.replace("\n", " / ") for cell in row))
        else:
            lines.append(block.text)
    return "\n".join(lines)


class _Compact:
    """The source as folded letters and digits, with each one's position in the original."""

    def __init__(self, text: str):
        folded = fold(text)
        if len(folded) != len(text):  # a character folded to more or fewer: fold one at a time
            folded = "".join((fold(c) or " ")[0] for c in text)
        self.positions = [i for i, c in enumerate(folded) if c.isalnum()]
        self.text = "".join(folded[i] for i in self.positions)


def _compact(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def locate(source: str, texts: list[str]) -> list[tuple[int, int] | None]:
    """For each task text, its (start, end) in `source`, or None when it cannot be found."""
    compact = _Compact(source)
    found: list[tuple[int, int] | None] = []
    cursor = 0
    for text in texts:
        probe = _compact(text)
        lines = [c for c in (_compact(line) for line in text.splitlines()) if c]
        if len(probe) < 8:
            found.append(None)
            continue
        # Probe line by line: the reader joins lines that the source keeps apart ("a) Nội dung:").
        head, tail = lines[0][:PROBE], lines[-1][-PROBE:]
        start = compact.text.find(head, cursor)
        if start < 0:
            start = compact.text.find(head)
        if start < 0:
            found.append(None)
            continue
        # The tail after the head, not too far away (a task's text may gather a few lines).
        limit = start + len(probe) * 2 + 400
        end = compact.text.find(tail, start, limit)
        end = end + len(tail) if end >= 0 else min(start + len(probe), len(compact.text))
        cursor = start + 1
        found.append((compact.positions[start], compact.positions[end - 1] + 1))
    return found


_HEADING = re.compile(r"^[\s#*>|]*([IVXLC]{1,6})\s*[.)]\s*(.+?)[\s*|]*$")


def section_titles(source: str) -> dict[str, str]:
    """{"I": "Mục đích, yêu cầu", "II": "Nhiệm vụ", …}: the first heading of each Roman numeral."""
    titles: dict[str, str] = {}
    for line in source.splitlines():
        match = _HEADING.match(line)
        if not match or match.group(1) in titles:
            continue
        title = squash(match.group(2).replace("*", ""))
        if not title or len(title) > 200:
            continue
        titles[match.group(1)] = sentence_case(title) if title.isupper() else title
    return titles


def section_of(ref: str) -> str:
    head = (ref or "").split(".")[0]
    return head if re.fullmatch(r"[IVXLC]{1,6}", head) else ""
