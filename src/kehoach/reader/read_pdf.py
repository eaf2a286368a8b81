"""Read a PDF into a `Document`: its text layer with pypdfium2, or OCR where a page has none.

pypdfium2 is used because it keeps Vietnamese diacritics whole (pypdf and pdfminer lose some
stacked marks), and because its text page gives a box for every character. Those boxes are
what this module works from, not the order in which the file happens to store its text:

* characters are put together into runs of text and runs into the lines a reader sees, top
  to bottom;
* where lines stand in two columns — the letterhead (issuing body and number on the left,
  motto and date on the right) and the closing block ("Nơi nhận" beside the signature) — the
  region becomes a `Table` of two cells, left column first, as the Word reader gives it;
* page numbers and running headers or footers in the page margins are left out;
* every other line becomes one soft `Paragraph`: the clean stage joins broken sentences.

The OCR reader (read_image.py) hands its words to the same layout code, so a scan comes out
in the same shape as the PDF it was printed from.
"""
from __future__ import annotations

import ctypes
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError
from ..text import nfc, squash
from .document import Block, Document, Paragraph, Table

# A page with fewer letters than this in its text layer is taken for a scan (the odd stray
# character of a stamp or a scanned page's invisible page number does not make a text layer).
MIN_PAGE_LETTERS = 25
MAX_OCR_PAGES = 300
# Two runs on one line further apart than this many character heights stand in separate
# columns (a word space is about a quarter of one; a letterhead's gutter several).
COLUMN_GAP = 1.5
# A vertical gap wider than this many line heights ends a two-column region.
REGION_BREAK = 3.5
# The page's top and bottom bands (share of its height) where running headers, footers and
# page numbers stand.
MARGIN_BAND = 0.1

_PAGE_NUMBER = re.compile(r"^[-–—]?\s*(?:Trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*[-–—]?$", re.I)
# Characters a Vietnamese text layer never has but a legacy-font (TCVN3, VNI) one is full of,
# besides private-use code points and U+FFFD: such a text layer is read by OCR instead.
_LEGACY_FONT_CHARS = set("ª¹µ¶·¸»¼½¾¿ÆÇËÎÏÑÖ×ØÜÞßæçëîïñöøüþ®¬«¡¢£¤¥¦§¨©±²³´")


@dataclass
class Run:
    """Text that stands together on one line, with its box in points (or pixels), y downwards."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PageText:
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)


@dataclass
class _Line:
    groups: list[Run]  # left to right, each a column's part of the line

    @property
    def top(self) -> float:
        return min(g.top for g in self.groups)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.groups)

    @property
    def height(self) -> float:
        return statistics.median(g.height for g in self.groups)

    @property
    def text(self) -> str:
        return " ".join(g.text for g in self.groups)


# --------------------------------------------------------------------------- public API


def read_pdf(path: Path) -> Document:
    """Read a PDF; pages without a text layer are OCR'd (Tesseract), or a `ReadError` says
    which packages that needs."""
    import pypdfium2 as pdfium

    path = Path(path)
    pdf = _open(path)
    try:
        pages: list[PageText | None] = []
        scanned: list[int] = []
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as error:
                raise ReadError(f"{path.name}: page {index + 1} cannot be read ({error})") from None
            try:
                text = _page_text(page)
                if _letters(text) < MIN_PAGE_LETTERS or _garbled(text):
                    text = None
                    if _has_images(page):
                        scanned.append(index)
                pages.append(text)
            finally:
                page.close()
        has_text = any(p is not None for p in pages)
        if scanned:
            from .read_image import ocr_available, ocr_pdf_pages

            problem = ocr_available()
            if problem is None:
                if len(scanned) > MAX_OCR_PAGES:
                    raise ReadError(f"{path.name}: {len(scanned)} scanned pages; at most {MAX_OCR_PAGES} are read by OCR")
                for index, text in zip(scanned, ocr_pdf_pages(pdf, scanned, name=path.name)):
                    pages[index] = text
            elif not has_text:
                raise ReadError(f"{path.name}: a scan with no text layer, and OCR is not available ({problem})")
            # else: a text PDF with a scanned page (a signed last page, say) and no OCR here:
            # the text pages are still worth reading.
    finally:
        pdf.close()
    letters = sum(_letters(p) for p in pages)
    if letters < MIN_PAGE_LETTERS:
        if scanned:
            raise ReadError(f"{path.name}: no text found (OCR read {letters} letters on {len(scanned)} scanned page(s))")
        raise ReadError(f"{path.name}: no text found (the PDF has no text layer and no scanned pages)")
    blocks = layout_blocks([p for p in pages if p is not None])
    read_by_ocr = len(scanned) / max(1, sum(p is not None for p in pages))
    return Document(source=path.name, blocks=blocks, format="ocr" if read_by_ocr > 0.5 else "pdf")


def _open(path: Path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError(f"{path.name}: the PDF is encrypted (it needs a password to open)") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError(f"{path.name}: the PDF is encrypted with an unsupported security handler") from None
        raise ReadError(f"{path.name}: not a readable PDF (damaged or incomplete)") from None
    except OSError as error:
        raise ReadError(f"{path.name}: cannot be read ({error.strerror or error})") from None


# --------------------------------------------------------------------------- text layer


def _page_text(page) -> PageText:
    """The page's characters as runs, in the page's displayed orientation."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    rotation = page.get_rotation() % 360

    def visual(x: float, y: float) -> tuple[float, float]:
        x, y = x - left, y - bottom
        if rotation == 90:
            return y, x
        if rotation == 180:
            return width - x, y
        if rotation == 270:
            return height - y, width - x
        return x, height - y

    shown_w, shown_h = (height, width) if rotation in (90, 270) else (width, height)
    result = PageText(shown_w, shown_h)
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        rect = pdfium_c.FS_RECTF()
        builder = _RunBuilder()
        for index in range(count):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            char = chr(code) if 0 < code < 0x110000 else " "
            if char.isspace() or unicodedata.category(char) == "Cc" or code in (0xFFFE, 0xFFFF):
                builder.space()
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect):
                builder.space()
                continue
            (ax, ay), (bx, by) = visual(rect.left, rect.top), visual(rect.right, rect.bottom)
            builder.add(char, min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))
        result.runs = builder.finish()
    finally:
        textpage.close()
    return result


class _RunBuilder:
    """Characters in the file's order into runs: a run ends where the next character is on
    another line, goes back to the left, or stands a column's gutter away."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.current: Run | None = None
        self.pending_space = False

    def space(self) -> None:
        self.pending_space = self.current is not None

    def add(self, char: str, x0: float, x1: float, top: float, bottom: float) -> None:
        run = self.current
        h = max(bottom - top, 1e-6)
        if run is not None and abs((top + bottom) / 2 - run.middle) < 0.5 * max(h, run.height):
            gap = x0 - run.x1
            if unicodedata.combining(char) or (-0.5 * h <= gap <= COLUMN_GAP * h):
                if not unicodedata.combining(char) and (self.pending_space or gap > 0.2 * h):
                    run.text += " "
                run.text += char
                run.x1 = max(run.x1, x1)
                run.top, run.bottom = min(run.top, top), max(run.bottom, bottom)
                self.pending_space = False
                return
        self._close()
        self.current = Run(x0, x1, top, bottom, char)
        self.pending_space = False

    def _close(self) -> None:
        if self.current is not None:
            self.current.text = nfc(self.current.text).strip()
            if self.current.text:
                self.runs.append(self.current)
        self.current = None

    def finish(self) -> list[Run]:
        self._close()
        return self.runs


def _letters(page: PageText | None) -> int:
    if page is None:
        return 0
    return sum(1 for run in page.runs for c in run.text if c.isalpha())


def _garbled(page: PageText) -> bool:
    """A text layer written in a legacy Vietnamese font encoding, or without a Unicode map."""
    chars = [c for run in page.runs for c in run.text if not c.isspace()]
    if not chars:
        return False
    bad = sum(1 for c in chars if c in _LEGACY_FONT_CHARS or c == "\ufffd" or "\ue000" <= c <= "\uf8ff")
    return bad > 0.05 * len(chars)


def _has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=3))


# --------------------------------------------------------------------------- layout


def layout_blocks(pages: list[PageText]) -> list[Block]:
    """Runs of every page into blocks: lines top to bottom, two-column regions as tables,
    page numbers and running headers/footers left out."""
    page_lines = [_lines(page) for page in pages]
    furniture = _furniture(pages, page_lines)
    blocks: list[Block] = []
    open_region: _Region | None = None  # a two-column region that reached the page's foot
    for page, lines in zip(pages, page_lines):
        lines = [
            line for line in lines
            if not (_in_margin(page, line) and (_PAGE_NUMBER.match(line.text) or _key(line.text) in furniture))
        ]
        page_blocks, open_region = _page_blocks(page, lines, open_region)
        blocks.extend(page_blocks)
    return [r.table() if isinstance(r, _Region) else r for r in blocks]


def _lines(page: PageText) -> list[_Line]:
    """Runs into visual lines (by their vertical middle), each line's runs into column groups."""
    rows: list[list[Run]] = []
    for run in sorted(page.runs, key=lambda r: (r.middle, r.x0)):
        row = rows[-1] if rows else None
        if row is not None:
            middle = statistics.median(r.middle for r in row)
            height = statistics.median(r.height for r in row)
            overlaps = any(r.x0 < run.x1 and run.x0 < r.x1 for r in row)
            if abs(run.middle - middle) < 0.45 * max(height, run.height) and not overlaps:
                row.append(run)
                continue
        rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        height = statistics.median(r.height for r in row)
        groups: list[Run] = []
        for run in row:
            last = groups[-1] if groups else None
            if last is not None and run.x0 - last.x1 <= COLUMN_GAP * height:
                glue = " " if run.x0 - last.x1 > 0.15 * height else ""
                groups[-1] = Run(last.x0, max(last.x1, run.x1), min(last.top, run.top),
                                 max(last.bottom, run.bottom), last.text + glue + run.text)
            else:
                groups.append(Run(run.x0, run.x1, run.top, run.bottom, run.text))
        for group in groups:
            group.text = squash(group.text)
        lines.append(_Line([g for g in groups if g.text]))
    return [line for line in lines if line.groups]


def _in_margin(page: PageText, line: _Line) -> bool:
    return line.bottom < page.height * MARGIN_BAND or line.top > page.height * (1 - MARGIN_BAND)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", squash(text).lower())


def _furniture(pages: list[PageText], page_lines: list[list[_Line]]) -> set[str]:
    """Texts (digits aside) in the margin bands of at least half the pages, two at least."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page, lines in zip(pages, page_lines):
        counts.update({_key(line.text) for line in lines if _in_margin(page, line)})
    return {text for text, n in counts.items() if n >= max(2, len(pages) / 2)}


@dataclass
class _Region:
    """Lines in two columns (a letterhead, a closing block), read as a two-cell table."""

    gutter: tuple[float, float]
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)

    def add(self, line: _Line) -> None:
        split = sum(self.gutter) / 2
        for group in line.groups:
            (self.left if group.x1 <= split else self.right).append(group.text)

    def table(self) -> Table:
        return Table([["\n".join(self.left), "\n".join(self.right)]])


def _page_blocks(page: PageText, lines: list[_Line], carried: _Region | None) -> tuple[list, _Region | None]:
    """One page's lines into paragraphs and regions; a region still open at the page's foot
    is returned, and the next page's first lines continue it while they keep its gutter (a
    Nơi nhận list runs on over the page break)."""
    blocks: list = []
    index = 0
    if carried is not None:
        while index < len(lines) and _keeps_gutter(page, lines[index], carried.gutter, lines[index].height):
            carried.add(lines[index])
            index += 1
    region = None
    while index < len(lines):
        region, end = _two_column_region(page, lines, index)
        if region is not None:
            blocks.append(region)
            index = end
            continue
        blocks.append(Paragraph(lines[index].text))
        index += 1
    last = blocks[-1] if blocks else None
    if isinstance(last, _Region) or (not blocks and carried is not None):
        return blocks, last if isinstance(last, _Region) else carried
    return blocks, None


def _keeps_gutter(page: PageText, line: _Line, gutter: tuple[float, float], height: float) -> bool:
    return bool(_subtract([gutter], [(g.x0, g.x1) for g in line.groups], 0.5 * COLUMN_GAP * height)) and not _centred(page, line)


def _centred(page: PageText, line: _Line) -> bool:
    """A single centred line (the document type, a title) is never part of a column."""
    if len(line.groups) != 1:
        return False
    return abs((line.groups[0].x0 + line.groups[0].x1) / 2 - page.width / 2) < 0.04 * page.width


def _two_column_region(page: PageText, lines: list[_Line], start: int) -> tuple[_Region | None, int]:
    """The two-column region (letterhead, closing block) that starts at `start`, if one does:
    the lines below keep a gutter clear, as a table's two cells do, until a line crosses it,
    a centred line comes, or a wide vertical space opens. At least two of its lines must have
    text on both sides."""
    first = lines[start]
    if len(first.groups) != 2:
        return None, start
    height = first.height
    gutters = [(first.groups[0].x1, first.groups[1].x0)]
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.top - lines[end - 1].bottom > REGION_BREAK * max(line.height, height) or _centred(page, line):
            break
        kept = _subtract(gutters, [(g.x0, g.x1) for g in line.groups], COLUMN_GAP * height)
        if not kept:
            break
        gutters = kept
        end += 1
    if len(gutters) != 1:
        return None, start  # three columns or more: a data table, not a layout
    split = sum(gutters[0]) / 2
    both_sides = sum(
        1 for line in lines[start:end]
        if any(g.x1 <= split for g in line.groups) and any(g.x0 >= split for g in line.groups)
    )
    if both_sides < 2:
        return None, start
    region = _Region(gutters[0])
    for line in lines[start:end]:
        region.add(line)
    return region, end


def _subtract(free: list[tuple[float, float]], used: list[tuple[float, float]], min_width: float) -> list[tuple[float, float]]:
    """The parts of the free intervals that no used interval covers, at least `min_width` wide."""
    for u0, u1 in used:
        parts = []
        for f0, f1 in free:
            if u1 <= f0 or u0 >= f1:
                parts.append((f0, f1))
                continue
            if u0 > f0:
                parts.append((f0, u0))
            if u1 < f1:
                parts.append((u1, f1))
        free = parts
    return [(a, b) for a, b in free if b - a >= min_width]
