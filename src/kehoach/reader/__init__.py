"""The plan reader: read -> clean -> outline -> interpret.

Each stage is a module with a plain function:

* `read.read(path_or_text) -> Document` — paragraphs and tables from text, Markdown or Word;
* `clean.clean(Document) -> Document` — markup and page furniture out, broken lines joined;
* `outline.outline(blocks) -> Node` — the numbered tree (``I.``, ``1.``, ``a)``, ``-``, ``+``);
* `interpret.interpret(Document) -> Plan` — header, references, tasks, reports, recipients.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from ..models import Plan


def extract(source: str | Path) -> Plan:
    """Read a plan document (a path, or its text as a string) into a `Plan`."""
    from .clean import clean
    from .interpret import interpret
    from .read import read
    from .zones import doc_type_of

    doc = clean(read(source))
    if not _looks_like_plan(doc, doc_type_of):
        raise ReadError(f"{doc.source}: not a plan (no document type such as “KẾ HOẠCH” and no numbered sections)")
    return interpret(doc)


def _looks_like_plan(doc, doc_type_of) -> bool:
    from .document import Paragraph, Table
    from .outline import split_marker

    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    if any(doc_type_of(t) for t in paragraphs[:400]):
        return True
    tables = sum(isinstance(b, Table) for b in doc.blocks)
    romans = sum(1 for t in paragraphs if split_marker(t)[0] == "roman")
    return romans >= 2 or tables >= 1 and romans >= 1
