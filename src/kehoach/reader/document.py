"""The document as the read stage hands it on: paragraphs and tables in reading order.

Every reader (plain text, Markdown, Word, PDF, OCR) produces this one shape, so the
later stages never need to know where a document came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One line of a text file, or one paragraph of a Word file.

    ``soft`` is true where the line break may be an accident of conversion (text and PDF
    output wrap sentences); the clean stage may join a soft line to the next one.
    ``heading`` is true where the source marked it as a heading (Markdown ``#``, a Word
    heading style).
    """

    text: str
    soft: bool = True
    heading: bool = False
    notes: list[str] = field(default_factory=list)  # footnote texts cited in this paragraph


@dataclass
class Table:
    """A table as rows of cell texts (merged cells repeat or stay empty, as the source has them)."""

    rows: list[list[str]]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


@dataclass
class Document:
    source: str
    blocks: list[Block]
    footnotes: dict[str, str] = field(default_factory=dict)  # label -> footnote text
    format: str = "text"  # text | markdown | docx | pdf | ocr
