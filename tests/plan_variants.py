"""Build the same plan as DOCX, as a PDF with a text layer, and as a scanned PDF, for tests.

The PDF is written with pypdfium2 (already a dependency of the reader), laid out as plans
are printed: A4, the letterhead in two columns (issuing body and number on the left, motto
and date on the right), the body line by line, "Nơi nhận" beside the signature, and a page
number at each page's foot. The scan renders those pages to images, adds a little noise,
and saves them as an image-only PDF (Pillow).

Used by tests/test_read_pdf.py, tests/test_formats.py and benchmarks/bench_ocr.py.
"""
from __future__ import annotations

import ctypes
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core
A4 = (595.28, 841.89)  # points
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 60.0, 40.0, 50.0, 60.0

_DOC_TYPE = re.compile(r"^\s*(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|HƯỚNG DẪN)\s*$")
_RIGHT_OF_LETTERHEAD = re.compile(r"CỘNG HÒA|Độc lập|ngày\b.*\btháng\b|^-{3,}$")
_CLOSING = re.compile(r"^\W*Nơi nhận", re.I)
_SIGNER = re.compile(r"^(?:KT|TM|T/M|Q|TL|TUQ)\.\s")
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+$")


# --------------------------------------------------------------------------- plain lines


def plain_lines(text: str) -> list[str]:
    """The plan's lines without Markdown markup, footnotes and blank lines.

    A seed may be Markdown (bold, headings, ``<sup>`` marks and footnote texts); a Word or
    PDF copy of the same plan shows none of that markup, and its footnotes sit at the page
    foot, which these variants leave out.
    """
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.replace("\u00a0", " ")
        if re.match(r"^\s*<sup>\s*\w+\s*</sup>", line) or re.match(r"^\s*-{3,}\s*$", line):
            continue
        line = re.sub(r"<sup>\s*\w+\s*</sup>", "", line)
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"<(https?://[^>\s]+)>", r"\1", line)
        line = line.replace("**", "").replace("***", "")
        line = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", line)
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return lines


@dataclass
class PlanParts:
    """A plan's lines split where their printed layout differs."""

    left_head: list[str] = field(default_factory=list)  # issuing body, "Số: …"
    right_head: list[str] = field(default_factory=list)  # motto, "X, ngày … tháng … năm …"
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận:" and its list
    signature: list[str] = field(default_factory=list)  # "KT. CHỦ TỊCH", title, name


def split_plan(lines: list[str]) -> PlanParts:
    parts = PlanParts()
    start = next((i for i, line in enumerate(lines) if _DOC_TYPE.match(line)), 0)
    for line in lines[:start]:
        (parts.right_head if _RIGHT_OF_LETTERHEAD.search(line) else parts.left_head).append(line)
    closing = next((i for i in range(len(lines) - 1, start - 1, -1) if _CLOSING.match(lines[i])), len(lines))
    parts.body = lines[start:closing]
    for line in lines[closing:]:
        signing = bool(_SIGNER.match(line)) or (line.isupper() and not re.search(r"[;:,]", line))
        if parts.signature or signing or line is lines[-1] and _NAME.match(line):
            parts.signature.append(line)
        else:
            parts.recipients.append(line)
    return parts


# --------------------------------------------------------------------------- PDF


class PdfWriter:
    """Text on A4 pages with one embedded TrueType font, through PDFium's editing API."""

    def __init__(self, font_path: Path = FONT) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
        from PIL import ImageFont

        self._raw = raw
        self.pdf = pdfium.PdfDocument.new()
        data = font_path.read_bytes()
        self._font_data = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)  # PDFium keeps a pointer
        self._font = raw.FPDFText_LoadFont(self.pdf.raw, self._font_data, len(data), raw.FPDF_FONT_TRUETYPE, True)
        if not self._font:
            raise RuntimeError(f"PDFium could not load {font_path}")
        self._measure = ImageFont.truetype(str(font_path), 100)
        self.page = None

    def new_page(self) -> None:
        self._finish_page()
        self.page = self.pdf.new_page(*A4)

    def width(self, text: str, size: float) -> float:
        return self._measure.getlength(text) * size / 100

    def text(self, x: float, y: float, text: str, size: float) -> None:
        """Draw `text` with its baseline at (x, y), y counted from the page top."""
        raw = self._raw
        obj = raw.FPDFPageObj_CreateTextObj(self.pdf.raw, self._font, size)
        encoded = (text + "\0").encode("utf-16-le")  # FPDF_WIDESTRING is UTF-16, NUL-ended
        buffer = ctypes.create_string_buffer(encoded, len(encoded))
        raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, A4[1] - y)
        raw.FPDFPage_InsertObject(self.page.raw, obj)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6) -> None:
        """A stroked straight line (a table border), y counted from the page top."""
        raw = self._raw
        path = raw.FPDFPageObj_CreateNewPath(x0, A4[1] - y0)
        raw.FPDFPath_LineTo(path, x1, A4[1] - y1)
        raw.FPDFPath_SetDrawMode(path, raw.FPDF_FILLMODE_NONE, True)
        raw.FPDFPageObj_SetStrokeWidth(path, width)
        raw.FPDFPage_InsertObject(self.page.raw, path)

    def _finish_page(self) -> None:
        if self.page is not None:
            self._raw.FPDFPage_GenerateContent(self.page.raw)
            self.page = None

    def save(self, path: Path) -> Path:
        self._finish_page()
        self.pdf.save(str(path))
        self.pdf.close()
        return path


def wrap(writer: PdfWriter, line: str, size: float, width: float) -> list[str]:
    """Greedy word wrap of one line to `width` points."""
    out, current = [], ""
    for word in line.split():
        candidate = f"{current} {word}" if current else word
        if current and writer.width(candidate, size) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    return out + [current] if current else out


def write_pdf(lines: list[str], path: Path, *, size: float = 10.0, page_numbers: bool = True,
              two_columns: bool = True, running_header: str | None = None) -> Path:
    """Lay a plan's lines out on A4 pages and save a PDF with a text layer.

    Each body line keeps its own line (wrapped only where it is wider than the page), so
    the PDF says exactly what the text file says.
    """
    writer = PdfWriter()
    parts = split_plan(lines) if two_columns else PlanParts(body=list(lines))
    lead = size * 1.45
    body_width = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
    half = body_width / 2
    state = {"y": 0.0, "page": 0}

    def new_page() -> None:
        writer.new_page()
        state["page"] += 1
        state["y"] = MARGIN_TOP + size
        if running_header:
            writer.text(A4[0] - MARGIN_RIGHT - writer.width(running_header, size - 2), MARGIN_TOP - 18,
                        running_header, size - 2)
        if page_numbers:
            label = str(state["page"])
            writer.text((A4[0] - writer.width(label, size)) / 2, A4[1] - MARGIN_BOTTOM / 2, label, size)

    def room(lines_needed: int = 1) -> None:
        if state["y"] + lead * (lines_needed - 1) > A4[1] - MARGIN_BOTTOM:
            new_page()

    def centred_column(texts: list[str], left: float, width: float, y: float, font: float) -> float:
        for text in texts:
            for piece in wrap(writer, text, font, width - 6):
                writer.text(left + (width - writer.width(piece, font)) / 2, y, piece, font)
                y += font * 1.35
        return y

    new_page()
    if parts.left_head or parts.right_head:
        font = size - 0.5
        numbers = [x for x in parts.left_head if x.startswith(("Số", "So"))]
        dates = [x for x in parts.right_head if re.search(r"ngày\b.*\btháng\b", x)]
        top = state["y"]
        y_left = centred_column([x for x in parts.left_head if x not in numbers], MARGIN_LEFT, half * 0.85, top, font)
        y_right = centred_column([x for x in parts.right_head if x not in dates], MARGIN_LEFT + half * 0.85,
                                 body_width - half * 0.85, top, font)
        row = max(y_left, y_right) + font * 0.6
        centred_column(numbers, MARGIN_LEFT, half * 0.85, row, font)
        y_end = centred_column(dates, MARGIN_LEFT + half * 0.85, body_width - half * 0.85, row, font)
        state["y"] = max(y_end, row + font * 1.35) + lead
    for line in parts.body:
        centred = bool(_DOC_TYPE.match(line))
        for piece in wrap(writer, line, size, body_width):
            room()
            x = (A4[0] - writer.width(piece, size)) / 2 if centred else MARGIN_LEFT
            writer.text(x, state["y"], piece, size)
            state["y"] += lead
    if parts.recipients or parts.signature:
        small = size - 1.5
        left_width = half * 1.05
        left_pieces = [p for line in parts.recipients for p in wrap(writer, line, small, left_width - 4)]
        room(min(len(left_pieces), 6) + 1)
        state["y"] += lead * 0.5
        top = state["y"]
        # The signature: its authority and title at the top, the name below the space for signing.
        heads, name = parts.signature[:-1], parts.signature[-1:]
        y_sig = centred_column(heads, MARGIN_LEFT + left_width, body_width - left_width, top, size)
        if name:
            centred_column(name, MARGIN_LEFT + left_width, body_width - left_width, y_sig + lead * 3, size)
        y = top
        for piece in left_pieces:
            if y > A4[1] - MARGIN_BOTTOM:
                new_page()
                y = state["y"]
            writer.text(MARGIN_LEFT, y, piece, small)
            y += small * 1.35
    return writer.save(path)


def render_pages(pdf_path: Path, *, dpi: int = 300, noise: bool = True, seed: int = 7) -> list:
    """A PDF's pages as greyscale Pillow images, as a scanner gives them: with noise, a slight
    skew, a little dust and blur."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    images = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for page in pdf:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if noise:
                image = image.rotate(rng.uniform(-0.4, 0.4), resample=Image.BILINEAR, fillcolor=255)
                pixels = image.load()
                w, h = image.size
                for _ in range(w * h // 2000):  # scattered dust
                    pixels[rng.randrange(w), rng.randrange(h)] = rng.randrange(0, 120)
                image = image.filter(ImageFilter.GaussianBlur(0.6))
            images.append(image)
    finally:
        pdf.close()
    return images


def write_scan(pdf_path: Path, out_path: Path, *, dpi: int = 300, noise: bool = True, seed: int = 7) -> Path:
    """The PDF's pages as a scanner would give them, saved as an image-only PDF."""
    images = render_pages(pdf_path, dpi=dpi, noise=noise, seed=seed)
    images[0].save(out_path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out_path


# --------------------------------------------------------------------------- DOCX


def write_docx(lines: list[str], path: Path) -> Path:
    """The plan as Word lays a plan out, on an A4 page: the letterhead and the closing block as
    two-cell tables, the body one Word paragraph per paragraph.

    A text file's lines are wrapped; a Word file's paragraphs are not. The body's lines are
    put together into paragraphs by kehoach's clean stage, as the text reading does, so that
    the Word copy holds the same paragraphs the text copy is read into.
    """
    import docx
    from docx.shared import Mm

    from kehoach.reader.clean import clean
    from kehoach.reader.document import Paragraph, Table
    from kehoach.reader.read import read_text

    parts = split_plan(lines)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)

    def two_cells(left: list[str], right: list[str]) -> None:
        table = document.add_table(rows=1, cols=2)
        for cell, texts in zip(table.rows[0].cells, (left, right)):
            cell.text = "\n".join(texts)  # python-docx makes each "\n" a line break

    if parts.left_head or parts.right_head:
        two_cells(parts.left_head, parts.right_head)
    for block in clean(read_text("\n".join(parts.body))).blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Table):
            table = document.add_table(rows=len(block.rows), cols=block.width)
            for row, cells in zip(table.rows, block.rows):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
    if parts.recipients or parts.signature:
        two_cells(parts.recipients, parts.signature)
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- encrypted PDF

_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def write_encrypted_pdf(path: Path, text: str, password: str) -> Path:
    """A one-page PDF that needs `password` to open (standard security handler, revision 2,
    40-bit RC4: the PDF specification's algorithms 3.1-3.4, written out here so that no
    encryption library is needed)."""
    import hashlib

    def pad(pw: str) -> bytes:
        return (pw.encode("latin-1") + _PASSWORD_PAD)[:32]

    file_id = hashlib.md5(path.name.encode()).digest()
    permissions = -4
    owner = _rc4(hashlib.md5(pad(password + "-owner")).digest()[:5], pad(password))
    key = hashlib.md5(pad(password) + owner + permissions.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    user = _rc4(key, _PASSWORD_PAD)

    def object_key(number: int) -> bytes:
        return hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]

    content = _rc4(object_key(4), f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <" + user.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, file_id.hex().encode(), file_id.hex().encode(), xref)
    path.write_bytes(bytes(out))
    return path
