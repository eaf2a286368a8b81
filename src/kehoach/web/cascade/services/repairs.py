"""The review page's source panel for a plan the reader repaired (OCR damage, lost diacritics).

The reader lists each repaired word in the plan JSON (`extracted["reader"]["repairs"]`: line =
the read stage's paragraph, i.e. the line of a text file, counted from 0; start/end = offsets in
that original line). Here each one becomes a mark in the source text, the repaired word shown
with the original and the confidence in its title, and a list for the reviewer, least sure first.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

LOW_CONFIDENCE = 0.8  # below this a repaired word is marked in a stronger colour


@dataclass
class Repair:
    index: int
    line: int
    original: str
    repaired: str
    confidence: float
    start: int | None = None  # absolute offsets in the plan's source text, when found there
    end: int | None = None

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    @property
    def placed(self) -> bool:
        return self.start is not None


def reader_info(plan) -> dict:
    extracted = plan.extracted if isinstance(plan.extracted, dict) else {}
    reader = extracted.get("reader")
    return reader if isinstance(reader, dict) else {}


def repairs_of(plan) -> list[Repair]:
    """The plan's repaired words, placed in its source text where the original is found."""
    raw = reader_info(plan).get("repairs") or []
    if not raw:
        return []
    source = plan.source_text or ""
    lines = source.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    repairs = []
    for i, item in enumerate(raw):
        try:
            line = int(item.get("line", -1))
            start, end = int(item.get("start", -1)), int(item.get("end", -1))
            original, repaired = str(item.get("original", "")), str(item.get("repaired", ""))
            confidence = float(item.get("confidence") or 0.0)
        except (TypeError, ValueError, AttributeError):
            continue  # a malformed entry is skipped, not fatal to the page
        repair = Repair(i, line, original, repaired, confidence)
        if 0 <= line < len(lines) and original:
            text = lines[line]
            if 0 <= start <= end <= len(text) and text[start:end] == original:
                repair.start, repair.end = starts[line] + start, starts[line] + end
            else:  # offsets of another rendering of the line (Word, PDF): find the word near there
                found = text.find(original, max(0, start - 20))
                if found < 0:
                    found = text.find(original)
                if found >= 0:
                    repair.start, repair.end = starts[line] + found, starts[line] + found + len(original)
        repairs.append(repair)
    return repairs


def repair_title(repair: Repair) -> str:
    return _("Original: %(original)s — %(confidence)s") % {
        "original": repair.original, "confidence": number_format(repair.confidence, 2)}


def marked_source(segments: list[dict], repairs: list[Repair]) -> SafeString:
    """The review page's source (`segments`: the text cut at task passages, in order, as the plans
    app makes them) with each placed repair shown repaired and marked. Task passages keep their
    marks (`#src-<task>`), so selecting a task still highlights its passage."""
    placed = sorted((r for r in repairs if r.placed), key=lambda r: r.start)
    out, offset, k = [], 0, 0
    for seg in segments:
        text = seg["text"]
        seg_start, seg_end = offset, offset + len(text)
        task = seg.get("task")
        pieces, cursor = [], seg_start
        while k < len(placed) and placed[k].start < seg_end:
            repair = placed[k]
            if repair.start < cursor:  # overlapping repairs: keep the first
                k += 1
                continue
            if repair.end > seg_end:  # a word across a passage boundary: leave it unmarked
                break
            pieces.append(escape(text[cursor - seg_start: repair.start - seg_start]))
            pieces.append(
                '<mark class="repair%s" id="rep-%d"%s title="%s">%s</mark>' % (
                    " low" if repair.low else "", repair.index,
                    f' data-task="{int(task)}"' if task else "",
                    escape(repair_title(repair)), escape(repair.repaired))
            )
            cursor = repair.end
            k += 1
        pieces.append(escape(text[cursor - seg_start:]))
        body = "".join(pieces)
        if task:
            out.append(f'<mark id="src-{int(task)}" data-task="{int(task)}">{body}</mark>')
        else:
            out.append(body)
        offset = seg_end
    return mark_safe("".join(out))
