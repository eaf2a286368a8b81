"""Read stage: a file (or a string) into a `Document` of paragraphs and tables.

The format is recognised from the content, not the file name: Word files are zip archives,
PDF files start with ``%PDF``, and Markdown is told from plain text by its markup (a seed
arrives as Markdown inside a ``.txt`` file).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError
from ..text import nfc
from .document import Document, Paragraph, Table

MAX_BYTES = 50 * 1024 * 1024
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF

_MARKDOWN_HINTS = (
    re.compile(r"^\s{0,3}#{1,6}\s", re.M),  # headings
    re.compile(r"\*\*[^*\n]+\*\*"),  # bold
    re.compile(r"<sup>\s*\w+\s*</sup>"),  # footnote marks
    re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|", re.M),  # pipe-table rule
    re.compile(r"^\s*\|\s*$", re.M),  # one-cell-per-line tables of web copies
)


def read(source: str | Path) -> Document:
    """Read a path, or a document's text given as a string, into a `Document`."""
    if isinstance(source, str) and ("\n" in source or len(source) > 4096):
        return read_text(source, name="<text>")
    path = Path(source)
    data = _read_bytes(path)
    if data[:4] == b"PK\x03\x04":
        from .read_docx import read_docx

        return read_docx(path)
    if data[:5] == b"%PDF-":
        from .read_pdf import read_pdf

        return read_pdf(path)
    if data.startswith(_IMAGE_MAGIC):
        from .read_image import read_image

        return read_image(path)
    if path.suffix.lower() in {".doc", ".odt", ".rtf"}:
        from .read_docx import convert_with_libreoffice, read_docx

        return read_docx(convert_with_libreoffice(path))
    return read_text(_decode(data, path.name), name=path.name)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except OSError as e:
        raise ReadError(f"{path}: cannot be read ({e.strerror or e})") from None
    if path.is_dir():
        raise ReadError(f"{path}: is a folder, not a document")
    if size > MAX_BYTES:
        raise ReadError(f"{path.name}: too large ({size / 1048576:.0f} MB; the limit is {MAX_BYTES // 1048576} MB)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: cannot be read ({e.strerror or e})") from None
    if not data.strip():
        raise ReadError(f"{path.name}: the file is empty")
    return data


def _decode(data: bytes, name: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="strict")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Old Windows exports: cp1258 is Vietnamese, but only accept it when the result is text.
            try:
                text = data.decode("cp1258")
            except UnicodeDecodeError:
                raise ReadError(f"{name}: not a text document (binary content)") from None
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in text or controls > len(text[:20000]) * 0.01:
        raise ReadError(f"{name}: not a text document (binary content)")
    return text


def is_markdown(text: str) -> bool:
    return sum(1 for hint in _MARKDOWN_HINTS if hint.search(text)) >= 1


def read_text(text: str, name: str = "<text>") -> Document:
    """Plain text or Markdown into one soft `Paragraph` a line (tables found and kept whole)."""
    from .tables import split_tables

    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    fmt = "markdown" if is_markdown(text) else "text"
    blocks: list[Paragraph | Table] = []
    for item in split_tables(text.split("\n")):
        if isinstance(item, Table):
            blocks.append(item)
        else:
            blocks.append(Paragraph(item))
    return Document(source=name, blocks=blocks, format=fmt)
