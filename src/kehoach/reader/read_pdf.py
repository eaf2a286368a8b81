"""Read a PDF into a `Document`: its text layer with pypdfium2, or OCR where a page has none.

pypdfium2 is used because its text page gives a box, a baseline and a size for every
character, and it keeps letters with stacked marks whole (pdfminer splits "ặ" drawn as a
base and two marks). Those positions are what this module works from, not the order in which
the file happens to draw its text (a Word export draws the letters its font lacks last, in a
fallback font, at their places):

* characters are put into the lines a reader sees, top to bottom, and words by their gaps;
* a table drawn with ruled lines becomes a `Table` of its cells (merged cells as the Word
  reader gives them; a table running on over a page break stays one);
* where lines stand in two columns — the letterhead (issuing body and number on the left,
  motto and date on the right) and the closing block ("Nơi nhận" beside the signature) — the
  region becomes a `Table` of two cells, left column first, as the Word reader gives it;
* page numbers and running headers or footers in the page margins are left out; footnote
  marks and texts are written "<sup>1</sup>", which the clean stage turns into footnotes;
* in justified text the lines of a paragraph are put back together (a line reaching the
  right margin goes on); every other line becomes one soft `Paragraph` for the clean stage.

The OCR reader (read_image.py) hands its words to the same layout code, so a scan comes out
in the same shape as the PDF it was printed from (except ruled tables: OCR gives no lines).
"""
from __future__ import annotations

import bisect
import math
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError
from ..text import is_upper_line, nfc, squash
from .document import Block, Document, Paragraph, Table

# A page with fewer letters than this in its text layer is taken for a scan (the odd stray
# character of a stamp or a scanned page's invisible page number does not make a text layer).
MIN_PAGE_LETTERS = 25
MAX_OCR_PAGES = 300
# Text on one line further apart than this many ems stands in separate columns (a word
# space is a quarter of one; a letterhead's gutter several).
COLUMN_GAP = 1.6
# Pieces of text closer than this many ems are one word; further apart, a space between.
SPACE_GAP = 0.12
# A line this many ems or more below the one before ends a two-column region.
REGION_BREAK = 4.0
# The page's top and bottom bands (share of its height) where running headers, footers and
# page numbers stand.
MARGIN_BAND = 0.1

_NUMBERED = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zđ])\s*[.)]\s")  # "100.", "2.1)", "IV.", "đ)"
_PAGE_NUMBER = re.compile(r"^[-–—]?\s*(?:Trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*[-–—]?$", re.I)
# Characters a Vietnamese text layer never has but a legacy-font (TCVN3, VNI) one is full of,
# besides private-use code points and U+FFFD: such a text layer is read by OCR instead.
_LEGACY_FONT_CHARS = set("ª¹µ¶·¸»¼½¾¿ÆÇËÎÏÑÖ×ØÜÞßæçëîïñöøüþ®¬«¡¢£¤¥¦§¨©±²³´")


@dataclass
class Run:
    """A piece of text on one line — a character of a text layer with its marks, a word of
    OCR, or a column's part of a line — with its box in points (or pixels), y downwards."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    baseline: float  # y of the line it stands on
    size: float  # its em: the font size; for OCR, the height of its line

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PageText:
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    # Straight lines drawn on the page (table borders): horizontal (y, x0, x1), vertical (x, y0, y1).
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass
class _Line:
    groups: list[Run]  # left to right, each a column's part of the line
    baseline: float
    size: float

    @property
    def top(self) -> float:
        return min(g.top for g in self.groups)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.groups)

    @property
    def text(self) -> str:
        return " ".join(g.text for g in self.groups)


# --------------------------------------------------------------------------- public API


def read_pdf(path: Path) -> Document:
    """Read a PDF. Pages with nothing in their text layer but something drawn (a scan, text
    turned into outlines) and pages whose text layer is in a legacy Vietnamese font encoding
    are read by OCR; without Tesseract a `ReadError` names the packages it needs."""
    import pypdfium2 as pdfium

    path = Path(path)
    pdf = _open(path)
    try:
        pages: list[PageText | None] = []
        to_ocr: list[int] = []
        garbled = 0
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as error:
                raise ReadError(f"{path.name}: page {index + 1} cannot be read ({error})") from None
            try:
                text = _page_text(page)
                if _garbled(text):
                    garbled += 1
                    to_ocr.append(index)
                    text = None
                elif _letters(text) < MIN_PAGE_LETTERS:
                    if _has_drawing(page):
                        to_ocr.append(index)
                    text = None
                pages.append(text)
            finally:
                page.close()
        has_text = any(p is not None for p in pages)
        if to_ocr:
            from .read_image import ocr_available, ocr_pdf_pages

            problem = ocr_available()
            if problem is None:
                if len(to_ocr) > MAX_OCR_PAGES:
                    raise ReadError(f"{path.name}: {len(to_ocr)} pages to read by OCR; the limit is {MAX_OCR_PAGES}")
                for index, text in zip(to_ocr, ocr_pdf_pages(pdf, to_ocr, name=path.name)):
                    pages[index] = text
            elif not has_text:
                what = ("its text is in a legacy font encoding (TCVN3/VNI) that only OCR reads" if garbled
                        else "a scan with no text layer")
                raise ReadError(f"{path.name}: {what}, and OCR is not available ({problem})")
            # else: a text PDF with a scanned page (a signed last page, say) and no OCR here:
            # the text pages are still worth reading.
    finally:
        pdf.close()
    letters = sum(_letters(p) for p in pages)
    if letters < MIN_PAGE_LETTERS:
        if to_ocr:
            raise ReadError(f"{path.name}: no text found (OCR read {letters} letters on {len(to_ocr)} page(s))")
        raise ReadError(f"{path.name}: no text found (no text layer and nothing drawn on its pages)")
    blocks = layout_blocks([p for p in pages if p is not None])
    read_by_ocr = len(to_ocr) / max(1, sum(p is not None for p in pages))
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
    """The page's characters (each with its combining marks) with their boxes, turned so that
    the text runs left to right.

    The order the file draws them in is not kept: a Word export draws the letters its font
    lacks ("ỉ", "ồ") after the line, in a fallback font, at their places. The page's own
    rotation is not what counts either: a landscape table may be drawn sideways on a portrait
    page and turned by /Rotate, or drawn upright on a page rotated for display. The direction
    most characters' baselines run in is turned to the horizontal.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        rect, ox, oy = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
        get_origin, get_size = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetFontSize
        chars: list[list] = []  # [text, left, bottom, right, top, origin x, origin y, size]
        after_char = False
        angles: Counter[int] = Counter()
        for index in range(pdfium_c.FPDFText_CountChars(raw)):
            code = get_unicode(raw, index)
            char = chr(code) if 32 < code < 0x110000 and code not in (0xFFFE, 0xFFFF) else " "
            if char.isspace():
                after_char = False
                continue
            if after_char and unicodedata.combining(char):
                chars[-1][0] += char  # a mark drawn as its own glyph stays with its letter
                continue
            if not get_box(raw, index, rect) or not get_origin(raw, index, ox, oy):
                after_char = False
                continue
            chars.append([char, rect.left, rect.bottom, rect.right, rect.top, ox.value, oy.value,
                          get_size(raw, index)])
            after_char = True
            if len(chars) % 8 == 1:  # a sample of the characters is enough for the direction
                angle = pdfium_c.FPDFText_GetCharAngle(raw, index)
                if angle >= 0:  # PDFium measures it clockwise; quarters here count anticlockwise
                    angles[-round(math.degrees(angle) / 90) % 4] += 1
    finally:
        textpage.close()
    quarter = angles.most_common(1)[0][0] if angles else 0
    left, bottom, right, top = page.get_mediabox()
    corners = [_turn(x, y, quarter) for x in (left, right) for y in (bottom, top)]
    x_min, x_max = min(c[0] for c in corners), max(c[0] for c in corners)
    y_min, y_max = min(c[1] for c in corners), max(c[1] for c in corners)
    result = PageText(x_max - x_min, y_max - y_min)
    for text, x0, y0, x1, y1, origin_x, origin_y, size in chars:
        (ax, ay), (bx, by) = _turn(x0, y0, quarter), _turn(x1, y1, quarter)
        baseline = _turn(origin_x, origin_y, quarter)[1]
        # PDF y runs upwards; the layout's y runs down the page.
        result.runs.append(Run(min(ax, bx) - x_min, max(ax, bx) - x_min, y_max - max(ay, by), y_max - min(ay, by),
                               text, y_max - baseline, size if size > 0.5 else abs(ay - by)))
    for (ax, ay), (bx, by) in _segments(page):
        (ax, ay), (bx, by) = _turn(ax, ay, quarter), _turn(bx, by, quarter)
        ax, bx, ay, by = ax - x_min, bx - x_min, y_max - ay, y_max - by
        if abs(ay - by) < 1.0 and abs(ax - bx) > 4.0:
            result.horizontal.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) < 1.0 and abs(ay - by) > 4.0:
            result.vertical.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
    return result


def _segments(page) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of the lines drawn on the page (stroked paths, and filled ones
    too thin to be anything but a line), in PDF coordinates."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    segments = []
    for obj in page.get_objects(max_depth=1):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke):
            continue
        left, bottom, right, top = obj.get_bounds()
        if not stroke.value and min(right - left, top - bottom) > 2.5:
            continue  # a filled area (shading, a background), not a border
        a, b, c, d, e, f = obj.get_matrix().get()
        start = previous = None
        for index in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
            if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = previous = point
                continue
            if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
                segments.append((previous, point))
            previous = point
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                segments.append((point, start))
                previous = start
    return segments


def _turn(x: float, y: float, quarter: int) -> tuple[float, float]:
    """(x, y) turned clockwise by `quarter` quarter turns: text whose baseline runs at that
    many quarter turns anticlockwise comes out horizontal."""
    for _ in range(quarter):
        x, y = y, -x
    return x, y


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


def _has_drawing(page) -> bool:
    """Whether anything is drawn on the page: an image (a scan) or paths (text as outlines)."""
    import pypdfium2.raw as pdfium_c

    kinds = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING)
    return any(obj.type in kinds for obj in page.get_objects(max_depth=3))


# --------------------------------------------------------------------------- layout


def layout_blocks(pages: list[PageText]) -> list[Block]:
    """Runs of every page into blocks: ruled tables as tables, lines top to bottom,
    two-column regions as tables, page numbers and running headers/footers left out, and the
    lines of a justified paragraph put back together (the clean stage joins what is left)."""
    grids = [_grids(page) for page in pages]
    page_lines = [_lines(_outside(page, page_grids)) for page, page_grids in zip(pages, grids)]
    furniture = _furniture(pages, page_lines)
    items: list = []  # _Grid, _Region, or (_Line, its page's _Margins)
    open_region: _Region | None = None  # a two-column region that reached the page's foot
    for page, lines, page_grids in zip(pages, page_lines, grids):
        lines = [
            line for line in lines
            if not (_in_margin(page, line) and (_PAGE_NUMBER.match(line.text) or line.text in furniture))
        ]
        page_items, open_region = _page_blocks(page, lines, open_region)
        margins = _margins([x for x in page_items if isinstance(x, _Line)])
        page_items = sorted(page_items + page_grids, key=lambda x: x.top)
        items.extend(x if isinstance(x, (_Region, _Grid)) else (x, margins) for x in page_items)
    blocks: list[Block] = []
    previous: tuple[_Line, _Margins | None] | None = None
    for item in items:
        if isinstance(item, _Grid):
            rows = item.rows()
            last = blocks[-1] if blocks else None
            if isinstance(last, _GridTable) and last.width == len(rows[0]):
                # The table goes on from the page before; a repeated header row is left out.
                last.rows.extend(rows[1:] if rows[0] == last.rows[0] else rows)
            else:
                blocks.append(_GridTable(rows))
            previous = None
        elif isinstance(item, _Region):
            blocks.append(item.table())
            previous = None
        elif previous is not None and _runs_on(previous, item):
            glue = "" if re.search(r"\w-$", blocks[-1].text) and re.match(r"[A-ZĐ0-9]", item[0].text) else " "
            blocks[-1] = Paragraph(blocks[-1].text + glue + item[0].text)  # "88/NQ-" + "CP"
            previous = item
        else:
            blocks.append(Paragraph(item[0].text))
            previous = item
    return [Table(b.rows) if isinstance(b, _GridTable) else b for b in blocks]


class _GridTable(Table):
    """A ruled table while it is being read: a table that runs on over a page break is one."""


@dataclass
class _Grid:
    """A table drawn with ruled lines: its column and row lines and the text in its cells."""

    xs: list[float]  # column lines, left to right
    ys: list[float]  # row lines, top to bottom
    owner: list[list[tuple[int, int]]]  # each cell's merged cell (its top-left cell)
    runs: dict[tuple[int, int], list[Run]] = field(default_factory=dict)

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, run: Run) -> tuple[int, int] | None:
        x, y = (run.x0 + run.x1) / 2, run.middle
        if not (self.xs[0] < x < self.xs[-1] and self.ys[0] < y < self.ys[-1]):
            return None
        column = bisect.bisect(self.xs, x) - 1
        row = bisect.bisect(self.ys, y) - 1
        return self.owner[row][column]

    def rows(self) -> list[list[str]]:
        """Cell texts as the Word reader gives them: a merged cell's text in its first cell,
        "" in the others; a cell's wrapped lines joined, its list items on lines of their own."""
        from .clean import MARKER

        table = []
        for r in range(len(self.ys) - 1):
            row = []
            for c in range(len(self.xs) - 1):
                if self.owner[r][c] != (r, c):
                    row.append("")
                    continue
                text = ""
                for line in _lines(PageText(0.0, 0.0, self.runs.get((r, c), []))):
                    glue = "\n" if MARKER.match(line.text) else " "
                    text = f"{text}{glue}{line.text}" if text else line.text
                row.append(text)
            table.append(row)
        return table


def _grids(page: PageText) -> list[_Grid]:
    """Tables drawn with ruled lines: the horizontal and vertical lines that meet, at least
    two columns wide; the text inside each becomes its cells'."""
    tolerance = 2.0
    lines = [("h", *h) for h in page.horizontal] + [("v", *v) for v in page.vertical]
    parent = list(range(len(lines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (kind, pos, lo, hi) in enumerate(lines):
        if kind != "h":
            continue
        for j, (kind2, pos2, lo2, hi2) in enumerate(lines):
            if kind2 == "v" and lo - tolerance <= pos2 <= hi + tolerance and lo2 - tolerance <= pos <= hi2 + tolerance:
                parent[find(i)] = find(j)
    components: dict[int, list[tuple]] = {}
    for i, line in enumerate(lines):
        components.setdefault(find(i), []).append(line)
    grids = []
    for members in components.values():
        horizontal = [m[1:] for m in members if m[0] == "h"]
        vertical = [m[1:] for m in members if m[0] == "v"]
        xs, ys = _distinct(v[0] for v in vertical), _distinct(h[0] for h in horizontal)
        if len(xs) < 3 or len(ys) < 2:
            continue  # a frame or an underline, not a table
        grids.append(_Grid(xs, ys, _owners(xs, ys, horizontal, vertical)))
    for run in page.runs:
        for grid in grids:
            cell = grid.contains(run)
            if cell is not None:
                grid.runs.setdefault(cell, []).append(run)
                break
    return grids


def _distinct(values, tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _owners(xs: list[float], ys: list[float], horizontal: list[tuple], vertical: list[tuple]) -> list[list[tuple[int, int]]]:
    """For each cell of the grid, the top-left cell of the merged cell it belongs to: where a
    cell has no line on its left (or top) side, it is part of its neighbour."""
    def ruled(lines: list[tuple], pos: float, across: float) -> bool:
        return any(abs(p - pos) <= 2.0 and lo - 2.0 <= across <= hi + 2.0 for p, lo, hi in lines)

    owner = [[(r, c) for c in range(len(xs) - 1)] for r in range(len(ys) - 1)]
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            middle_y, middle_x = (ys[r] + ys[r + 1]) / 2, (xs[c] + xs[c + 1]) / 2
            if c > 0 and not ruled(vertical, xs[c], middle_y):
                owner[r][c] = owner[r][c - 1]
            elif r > 0 and not ruled(horizontal, ys[r], middle_x):
                owner[r][c] = owner[r - 1][c]
    return owner


def _outside(page: PageText, grids: list[_Grid]) -> PageText:
    """The page without the text that stands in its tables."""
    if not grids:
        return page
    inside = {id(run) for grid in grids for runs in grid.runs.values() for run in runs}
    return PageText(page.width, page.height, [r for r in page.runs if id(r) not in inside])


@dataclass
class _Margins:
    """Where a page's text lines start and end, and whether its paragraphs are justified."""

    left: float
    right: float
    justified: bool


def _margins(lines: list[_Line]) -> _Margins | None:
    single = [line for line in lines if len(line.groups) == 1]
    if len(single) < 5:
        return None
    em = statistics.median(line.size for line in single)
    rights = sorted(line.groups[0].x1 for line in single)
    right = rights[int(len(rights) * 0.9)]
    starts = Counter(round(line.groups[0].x0 / (em / 2)) for line in single)
    bucket = starts.most_common(1)[0][0]
    left = min(line.groups[0].x0 for line in single if round(line.groups[0].x0 / (em / 2)) == bucket)
    # Justified text: most lines end at the right margin (a paragraph's last line does not).
    justified = sum(1 for x in rights if x >= right - em) >= 0.5 * len(rights)
    return _Margins(left, right, justified)


def _runs_on(previous: tuple[_Line, _Margins | None], current: tuple[_Line, _Margins | None]) -> bool:
    """Whether `current` goes on with the paragraph of `previous`, by how they stand: in
    justified text a line that reaches the right margin does not end its paragraph (even after
    a full stop: "... công vụ. Trên cơ sở ..."), unless the next line is indented, starts a
    list item or a heading, or is set in another size."""
    from .clean import MARKER

    line, margins = previous
    following, next_margins = current
    if margins is None or next_margins is None or not margins.justified:
        return False
    em = line.size
    if len(line.groups) != 1 or len(following.groups) != 1 or abs(following.size - em) > 0.15 * em:
        return False
    if line.groups[0].x1 < margins.right - em or abs(following.groups[0].x0 - next_margins.left) > 0.5 * em:
        return False
    same_page = margins is next_margins
    if same_page and not 0 < following.baseline - line.baseline < 2.2 * em:
        return False
    text = following.text
    return not (MARKER.match(text) or _NUMBERED.match(text) or is_upper_line(text) or is_upper_line(line.text))


def _lines(page: PageText) -> list[_Line]:
    """Runs into the lines a reader sees, top to bottom: runs whose baselines are within half
    an em of each other stand on one line (a superscript a third of an em up included). On a
    line, runs left to right make words, and a gap of a column's gutter starts a new group."""
    rows: list[list[Run]] = []
    reference = (0.0, 0.0)  # baseline and em of the line being filled
    for run in sorted(page.runs, key=lambda r: (r.baseline, r.x0)):
        if rows and abs(run.baseline - reference[0]) < 0.45 * max(run.size, reference[1]):
            rows[-1].append(run)
        else:
            rows.append([run])
            reference = (run.baseline, run.size)
    lines = []
    for row in rows:
        size = statistics.median(r.size for r in row)
        baseline = statistics.median(r.baseline for r in row)
        groups: list[Run] = []
        last: Run | None = None
        for run in sorted(row, key=lambda r: r.x0):
            if last is not None and run.text == last.text and run.x0 - last.x0 < 0.5 * (last.x1 - last.x0):
                continue  # the same glyph struck again a little to the side: a printer's fake bold
            text = run.text
            if _is_superscript(run, baseline, size):
                # A footnote mark, written as the Markdown reader knows it: the clean stage
                # takes "<sup>1</sup> text" at a page's foot for the footnote and the marks
                # in the text for references to it.
                text = f"<sup>{text}</sup>"
            group = groups[-1] if groups else None
            gap = run.x0 - group.x1 if group else 0.0
            if group is not None and gap <= COLUMN_GAP * size:
                group.text += (" " if gap > SPACE_GAP * size else "") + text
                group.x1 = max(group.x1, run.x1)
                group.top, group.bottom = min(group.top, run.top), max(group.bottom, run.bottom)
            else:
                groups.append(Run(run.x0, run.x1, run.top, run.bottom, text, run.baseline, size))
            last = run
        for group in groups:
            group.text = nfc(squash(group.text.replace("</sup><sup>", "")))
        lines.append(_Line(groups, baseline, size))
    return lines


def _is_superscript(run: Run, baseline: float, size: float) -> bool:
    """A digit set smaller and raised above its line (OCR gives no sizes: never there)."""
    return run.text.isdigit() and run.size < 0.85 * size and baseline - run.baseline > 0.2 * size


def _in_margin(page: PageText, line: _Line) -> bool:
    return line.bottom < page.height * MARGIN_BAND or line.top > page.height * (1 - MARGIN_BAND)


def _furniture(pages: list[PageText], page_lines: list[list[_Line]]) -> set[str]:
    """Lines that stand in the margin bands of at least half the pages (two at least), word
    for word: a running header or footer. Body lines that happen to reach into a band differ
    from page to page."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page, lines in zip(pages, page_lines):
        counts.update({line.text for line in lines if _in_margin(page, line)})
    return {text for text, n in counts.items() if n >= max(2, len(pages) / 2)}


@dataclass
class _Region:
    """Lines in two columns (a letterhead, a closing block), read as a two-cell table."""

    gutter: tuple[float, float]
    top: float
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)

    def add(self, line: _Line) -> None:
        """A line's text on each side of the gutter: blanks left to fill in ("Số:      /KH-UBND",
        "ngày    tháng    năm 2026") keep a side's pieces on one line."""
        split = sum(self.gutter) / 2
        left = [g.text for g in line.groups if g.x1 <= split]
        right = [g.text for g in line.groups if g.x1 > split]
        if left:
            self.left.append(" ".join(left))
        if right:
            self.right.append(" ".join(right))

    def table(self) -> Table:
        return Table([["\n".join(self.left), "\n".join(self.right)]])


def _page_blocks(page: PageText, lines: list[_Line], carried: _Region | None) -> tuple[list, _Region | None]:
    """One page's lines, two-column regions taken out of them; a region still open at the page's foot
    is returned, and the next page's first lines continue it while they keep its gutter (a
    Nơi nhận list runs on over the page break)."""
    blocks: list = []
    index = 0
    if carried is not None:
        while index < len(lines) and _keeps_gutter(page, lines[index], carried.gutter, lines[index].size):
            carried.add(lines[index])
            index += 1
    region = None
    while index < len(lines):
        region, end = _two_column_region(page, lines, index)
        if region is not None:
            blocks.append(region)
            index = end
            continue
        blocks.append(lines[index])
        index += 1
    last = blocks[-1] if blocks else None
    if isinstance(last, _Region) or (not blocks and carried is not None):
        return blocks, last if isinstance(last, _Region) else carried
    return blocks, None


def _keeps_gutter(page: PageText, line: _Line, gutter: tuple[float, float], size: float) -> bool:
    """Whether a line at the top of a page goes on with the column region the page before
    ended in: it stands on one side of the gutter only (a line with text on both sides
    begins something new, such as the next document's letterhead)."""
    split = sum(gutter) / 2
    one_side = all(g.x1 <= split for g in line.groups) or all(g.x0 >= split for g in line.groups)
    clear = bool(_subtract([gutter], [(g.x0, g.x1) for g in line.groups], 0.5 * COLUMN_GAP * size))
    return one_side and clear and not _centred(page, line)


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
    size = first.size
    gutters = [(first.groups[0].x1, first.groups[1].x0)]
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.baseline - lines[end - 1].baseline >= REGION_BREAK * max(line.size, size) or _centred(page, line):
            break
        kept = _subtract(gutters, [(g.x0, g.x1) for g in line.groups], COLUMN_GAP * size)
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
    region = _Region(gutters[0], first.top)
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
