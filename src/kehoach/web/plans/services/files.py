"""What an upload is, checked before the reader sees it: size, type, zip bombs, PDF text layers."""
from __future__ import annotations

from pathlib import PurePath

from django.conf import settings

from kehoach.errors import KehoachError

ACCEPTED = ("TXT", "MD", "DOCX", "PDF")
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
# A Word file unpacks to a few MB; these bound what a hostile archive may ask us to inflate.

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\xd0\xcf\x11\xe0": "an old Word (.doc) or Excel (.xls) file: save it as .docx",
}


class UploadError(KehoachError):
    """An upload we refuse; the message names the file and says why (and what to do)."""

    field = "file"


class NoTextLayer(UploadError):
    """A PDF of scanned pages: readable only after OCR."""


def safe_name(filename: str) -> str:
    name = PurePath(filename.replace("\\", "/")).name.strip() or "plan"
    return "".join(c if c.isalnum() or c in "._- " else "_" for c in name)[:120]


def check_size(size: int, filename: str) -> None:
    limit = settings.KEHOACH_MAX_UPLOAD_BYTES
    if size > limit:
        raise UploadError(f"{filename}: too large ({size / 1048576:.1f} MB; the limit is {limit / 1048576:.0f} MB)")
    if size == 0:
        raise UploadError(f"{filename}: the file is empty")


def sniff(data: bytes, filename: str) -> str:
    """"docx", "pdf" or "text"; anything else is refused with a reason."""
    check_size(len(data), filename)
    if data[:4] == b"PK\x03\x04":
        check_docx(data, filename)
        return "docx"
    if data[:5] == b"%PDF-":
        return "pdf"
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UploadError(f"{filename}: {what}, not a plan document (accepted: {', '.join(ACCEPTED)})")
    suffix = PurePath(filename).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise UploadError(f"{filename}: unsupported file type “{suffix}” (accepted: {', '.join(ACCEPTED)})")
    return "text"


def check_docx(data: bytes, filename: str) -> None:
    from kehoach.errors import ReadError
    from kehoach.reader.read_docx import check_archive

    try:
        check_archive(data, filename)
    except ReadError as e:
        raise UploadError(f"{e} (accepted: {', '.join(ACCEPTED)})") from None


def decode_text(data: bytes, filename: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            raise UploadError(f"{filename}: not a text document (binary content)") from None


def pdf_text(data: bytes, filename: str) -> tuple[str, int]:
    """The text layer of a PDF, page by page; NoTextLayer when the pages are pictures."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UploadError(f"{filename}: not a readable PDF ({error})") from None
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\n".join(p.replace("\r\n", "\n").replace("\r", "\n") for p in pages)
    letters = sum(c.isalpha() for c in text)
    if letters < 50 * max(len(pages), 1) / 2:
        raise NoTextLayer(
            f"{filename}: the PDF has no text layer ({len(pages)} scanned page(s)); run OCR on it, "
            f"or upload the Word or text version"
        )
    return text, len(pages)
