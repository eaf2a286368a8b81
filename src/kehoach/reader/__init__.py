"""The plan reader: read -> clean -> outline -> interpret.

Each stage is a module with a plain function:

* `read.read(path_or_text) -> Document` — paragraphs and tables from text, Markdown or Word;
* `clean.clean(Document) -> Document` — markup and page furniture out, broken lines joined;
* `outline.outline(blocks) -> Node` — the numbered tree (``I.``, ``1.``, ``a)``, ``-``, ``+``);
* `interpret.interpret(Document) -> Plan` — header, references, tasks, reports, recipients.
"""
from __future__ import annotations

import bisect
from pathlib import Path

from ..errors import ReadError
from ..models import Plan


def extract(source: str | Path, corpus: Path | None = None) -> Plan:
    """Read a plan document (a path, or its text as a string) into a `Plan`.

    Text that lost its diacritics (OCR with an English model, copies typed without accents) is
    repaired first; `corpus` is a folder of clean plans that makes the repair better.
    """
    from .clean import clean
    from .interpret import interpret
    from .read import read

    doc = read(source)
    repairs = _restore(doc, corpus)
    doc = clean(doc)
    if not _looks_like_plan(doc):
        raise ReadError(f"{doc.source}: not a plan (no document type such as “KẾ HOẠCH” and no numbered sections)")
    plan = interpret(doc)
    # Which reader and which repairs: an officer reviewing a repaired plan sees every changed word
    # with the original beside it ("line" counts the paragraphs of the read stage, from 0).
    plan.reader = {"format": doc.format, "restored": repairs is not None, "repairs": repairs or []}
    return plan


def _restore(doc, corpus: Path | None) -> list[dict] | None:
    """Repair damaged text in place, paragraph by paragraph; the repairs made, or None."""
    from .document import Paragraph

    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    text = "\n".join(p.text for p in paragraphs)
    try:
        from ..restore import needs_restoring, restore
    except ImportError:  # an installation without the restorer reads clean text only
        return None
    if not needs_restoring(text):
        return None
    result = restore(text, corpus=corpus)
    lines = result.text.split("\n")
    if len(lines) != len(paragraphs):
        return None  # the repair must keep the layout; if it did not, keep the original
    starts = [0]
    for p in paragraphs:
        starts.append(starts[-1] + len(p.text) + 1)
    repairs = []
    for w in result.words:
        line = bisect.bisect_right(starts, w.start) - 1
        repairs.append({"line": line, "start": w.start - starts[line], "end": w.end - starts[line],
                        "original": w.original, "repaired": w.repaired, "confidence": round(w.confidence, 3)})
    for p, line in zip(paragraphs, lines):
        p.text = line
    doc.format = f"{doc.format}+restored"
    return repairs


def _looks_like_plan(doc) -> bool:
    """A document type heading ("KẾ HOẠCH"), or numbered sections like a plan's."""
    from .document import Paragraph, Table
    from .outline import split_marker
    from .zones import doc_type_of

    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    if any(doc_type_of(t) for t in paragraphs[:400]):
        return True
    tables = sum(isinstance(b, Table) for b in doc.blocks)
    romans = sum(1 for t in paragraphs if split_marker(t)[0] == "roman")
    return romans >= 2 or tables >= 1 and romans >= 1
