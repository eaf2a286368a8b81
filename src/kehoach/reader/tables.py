"""Find the tables in the lines of a text or Markdown file.

Three spellings of a table reach the text reader:

* **one cell per line**, as legal-document web sites copy their tables: a line holding only
  ``|`` opens a cell, the lines up to the next ``|`` line are its text, and a row ends with
  one more ``|`` (so ``|`` ``|`` between two cells is a row break, or an empty cell);
* **Markdown pipe tables** (``| a | b |`` over a ``|---|---|`` rule);
* **HTML** ``<table>`` markup.

`split_tables` hands every other line on unchanged, in order, so the text reader can keep
one paragraph a line. Letterheads and Nơi nhận/signature blocks written as cells come out
as (small) tables like any other.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ..text import squash
from .document import Table

# A cell of more lines than this is the document's body, which a web copy left between
# two tables without a blank line, not a cell.
MAX_CELL_LINES = 60
MAX_HEADING_CELL_LINES = 4

_CELL_MARK = "|"
_MD_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_MD_SPLIT = re.compile(r"(?<!\\)\|")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
# Lines that only open a document or a section, never sit in a cell.
_TITLE_LINE = re.compile(
    r"^(KẾ HOẠCH|QUYẾT ĐỊNH|PHỤ LỤC(?:\s+[IVX\d]+)?|CHỈ THỊ|NGHỊ QUYẾT|THÔNG BÁO|TỜ TRÌNH|"
    r"CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?)$"
)
_BOLD_SECTION = re.compile(r"^\*\*\s*[IVX]{1,5}\.\s+\S")
_EMPHASIS = re.compile(r"(?:(?<=\s)|^)\*+|\*+(?=\s|$)")
_ITEM_START = re.compile(r"^(?:[-+•]\s|[-_=]{3,}\s*$)")
_RULER = re.compile(r"^[-_=]{3,}$")
# A first cell that starts a new row: "1", "12.", "II", "b)" (not a year such as "2026").
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6}|[A-Za-zđĐ])[.)]?$")
_HAS_WORD = re.compile(r"\w")
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)


def split_tables(lines: list[str]) -> list[str | Table]:
    """The lines with every table replaced by one `Table`; all other lines unchanged, in order."""
    out: list[str | Table] = []
    i = 0
    while i < len(lines):
        if _TABLE_OPEN.search(lines[i]):
            items, i = _read_html_region(lines, i)
        elif _is_markdown_table_start(lines, i):
            items, i = _read_markdown_table(lines, i)
        elif _is_cell_mark(lines[i]):
            items, i = _read_cell_region(lines, i)
        else:
            items, i = [lines[i]], i + 1
        out.extend(items)
    return out


# -- one cell per line -------------------------------------------------------------


def _is_cell_mark(line: str) -> bool:
    return line.strip() == _CELL_MARK


def _read_cell_region(lines: list[str], start: int) -> tuple[list[str | Table], int]:
    """Read cells from the ``|`` line at ``start``; return the items made and where reading stopped.

    The region ends at a blank line, at the end of the file, or before a chunk of text that
    is the document itself (a web copy without blank lines runs straight from the letterhead
    cells into the body and back into the signature cells).
    """
    chunks: list[list[str] | None] = []  # None: two "|" lines in a row (a row break or empty cell)
    i = start
    tail: list[str] = []  # text after the last "|", up to a blank line or the end
    outside: list[str] = []  # body text that ended the region before the next "|"
    while True:
        i += 1  # past the "|" line
        body: list[str] = []
        while i < len(lines) and lines[i].strip() and not _is_cell_mark(lines[i]):
            body.append(lines[i])
            i += 1
        if i < len(lines) and _is_cell_mark(lines[i]):
            if body and _is_outside_text(body):
                outside = body
                break
            chunks.append(body or None)
            continue
        tail = body
        break
    rows, open_row, width = _group_rows([None if c is None else _cell_text(c) for c in chunks])
    # Text after the last "|" is the last cell when the row still lacks cells (end of file).
    if tail and open_row and (width is None or len(open_row) < width) and not _is_outside_text(tail):
        open_row.append(_cell_text(tail))
        tail = []
    if open_row:
        rows.append(open_row)
    items: list[str | Table] = [Table(rows)] if rows else [lines[start]]
    items.extend(outside or tail)
    return items, i


def _is_outside_text(body: list[str]) -> bool:
    if len(body) > MAX_CELL_LINES:
        return True
    for line in body:
        if _MD_HEADING.match(line):
            return True
        # "**I. MỤC ĐÍCH**" opening a stretch of body text (a group cell holds it alone).
        if _BOLD_SECTION.match(line.strip()) and len(body) > MAX_HEADING_CELL_LINES:
            return True
        if _TITLE_LINE.match(squash(line.replace("*", " "))):
            return True
    return False


def _cell_text(body: list[str]) -> str:
    """A cell's lines as its text: hard wraps joined with a space, markup removed.

    A new line is kept where the source shows one for sure: before a list item or a ruler,
    and where a bold or italic run closes at the end of a line or opens at the start of the
    next (letterhead and signature cells: "**ỦY BAN NHÂN DÂN**" / "TỈNH BÌNH MINH").
    """
    out: list[str] = []
    stars = 0
    for line in body:
        line = line.strip()
        if not line:
            continue
        if out:
            balanced = stars % 2 == 0
            breaks = _ITEM_START.match(line) or _RULER.match(out[-1]) or (
                balanced and (out[-1].endswith("*") or line.startswith("*"))
            )
            if breaks:
                out.append(line)
            else:
                out[-1] += " " + line
        else:
            out.append(line)
        stars += line.count("*")
    return "\n".join(t for t in (squash(_EMPHASIS.sub(" ", t)) for t in out) if t)


def _group_rows(cells: list[str | None]) -> tuple[list[list[str]], list[str], int | None]:
    """Group the cells of a one-cell-per-line region into (closed rows, open row, width).

    Every row ends with a "|" line, so a gap (two "|" lines in a row, None here) between
    cells is a row break; but an empty cell looks the same. The header row's width decides:
    a gap is an empty cell when the cells around it still fit in one row and the next cell
    does not start a numbered row.
    """
    rows: list[list[str]] = []
    row: list[str] = []
    width: int | None = None
    i = 0
    while i < len(cells):
        cell = cells[i]
        if cell is not None:
            if width and len(row) >= width:  # the source lost the row break
                rows.append(row)
                row = []
            row.append(cell)
            if len(row) == 1 and width and not _HAS_WORD.search(cell):
                rows.append(row)  # a "….." line between two parts of a cut table
                row = []
            i += 1
            continue
        gap_end = i
        while gap_end < len(cells) and cells[gap_end] is None:
            gap_end += 1
        gaps, following = gap_end - i, _cells_until_gap(cells, gap_end)
        if width is None:  # the first row with two cells or more is the header
            if len(row) >= 2:
                width = len(row)
            if row:
                rows.append(row)
            row = []
        elif gap_end == len(cells):  # the last "|" closed the row: the gaps are empty cells
            row.extend([""] * max(0, min(gaps, width - len(row))))
        elif row and len(row) + gaps + len(following) <= width and not _ROW_NUMBER.match(following[0]):
            row.extend([""] * gaps)  # empty cells inside one row
        else:
            closed, row = _break_row(row, gaps, following, width)
            if closed:
                rows.append(closed)
        i = gap_end
    return rows, row, width


def _break_row(row: list[str], gaps: int, following: list[str], width: int) -> tuple[list[str], list[str]]:
    """End ``row`` at a run of gaps: one gap is the row break, the others are empty cells,
    first at the end of this row (up to the width), then at the start of the next."""
    trailing = max(0, min(gaps - 1, width - len(row))) if row else 0
    leading = gaps - 1 - trailing
    fits = 0 < leading and leading + len(following) <= width
    return (row + [""] * trailing if row else []), ([""] * leading if fits else [])


def _cells_until_gap(cells: list[str | None], start: int) -> list[str]:
    out: list[str] = []
    for cell in cells[start:]:
        if cell is None:
            break
        out.append(cell)
    return out


# -- Markdown pipe tables ----------------------------------------------------------


def _is_markdown_table_start(lines: list[str], i: int) -> bool:
    if i + 1 >= len(lines) or "|" not in lines[i] or _is_cell_mark(lines[i]):
        return False
    if "|" not in lines[i + 1]:
        return False
    rule = _split_pipe_row(lines[i + 1])
    return all(_MD_RULE_CELL.match(c) for c in rule)


def _read_markdown_table(lines: list[str], start: int) -> tuple[list[str | Table], int]:
    rows = [_markdown_cells(lines[start])]
    i = start + 2  # past the header and the rule
    while i < len(lines) and "|" in lines[i] and lines[i].strip() and not _is_cell_mark(lines[i]):
        rows.append(_markdown_cells(lines[i]))
        i += 1
    return [Table(rows)], i


def _split_pipe_row(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [c.replace("\\|", "|") for c in _MD_SPLIT.split(text)]


def _markdown_cells(line: str) -> list[str]:
    cells = []
    for cell in _split_pipe_row(line):
        parts = re.split(r"<br\s*/?>", cell, flags=re.I)
        cells.append("\n".join(t for t in (squash(_EMPHASIS.sub(" ", p)) for p in parts) if t))
    return cells


# -- HTML tables -------------------------------------------------------------------


def _read_html_region(lines: list[str], start: int) -> tuple[list[str | Table], int]:
    """From the line opening a ``<table>`` to the line closing it (nested tables counted)."""
    depth = 0
    i = start
    while i < len(lines):
        depth += len(_TABLE_OPEN.findall(lines[i])) - len(_TABLE_CLOSE.findall(lines[i]))
        i += 1
        if depth <= 0:
            break
    return _split_html("\n".join(lines[start:i])), i


def _split_html(text: str) -> list[str | Table]:
    """Text around the tables as lines, each outermost table as a `Table`."""
    items: list[str | Table] = []
    pos = 0
    for begin, end in _outer_tables(text):
        items.extend(line.strip() for line in text[pos:begin].split("\n") if line.strip())
        rows = _html_rows(text[begin:end])
        if rows:
            items.append(Table(rows))
        pos = end
    items.extend(line.strip() for line in text[pos:].split("\n") if line.strip())
    return items


def _outer_tables(text: str) -> list[tuple[int, int]]:
    marks = sorted(
        [(m.start(), m.end(), +1) for m in _TABLE_OPEN.finditer(text)]
        + [(m.start(), m.end(), -1) for m in _TABLE_CLOSE.finditer(text)]
    )
    spans: list[tuple[int, int]] = []
    depth, begin = 0, 0
    for s, e, step in marks:
        if step > 0 and depth == 0:
            begin = s
        depth = max(0, depth + step)
        if step < 0 and depth == 0:
            spans.append((begin, e))
    if depth > 0:  # an unclosed table runs to the end
        spans.append((begin, len(text)))
    return spans


def _html_rows(markup: str) -> list[list[str]]:
    parser = _HtmlTableParser()
    parser.feed(markup)
    parser.close()
    return _fill_spans(parser.rows)


class _HtmlTableParser(HTMLParser):
    """Rows of (text, rowspan, colspan) of the outermost table; an inner table's cells run on
    as lines of the outer cell that holds it."""

    _LINE_BREAKS = ("br", "p", "div", "li")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, int]]] = []
        self._depth = 0
        self._cell: list[str] | None = None
        self._spans = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth > 1:
                self._text("\n")
        elif self._depth > 1:
            self._text("\n" if tag in ("tr", *self._LINE_BREAKS) else " " if tag in ("td", "th") else "")
        elif tag == "tr":
            self._end_cell()
            self.rows.append([])
        elif tag in ("td", "th"):
            self._end_cell()
            if not self.rows:
                self.rows.append([])
            values = dict(attrs)
            self._spans = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self._cell = []
        elif tag in self._LINE_BREAKS:
            self._text("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
            if self._depth > 0:
                self._text("\n")
            else:
                self._end_cell()
        elif self._depth > 1:
            self._text("\n" if tag in ("tr", *self._LINE_BREAKS) else "")
        elif tag in ("td", "th", "tr"):
            self._end_cell()
        elif tag in self._LINE_BREAKS:
            self._text("\n")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def close(self) -> None:
        super().close()
        self._end_cell()

    def _text(self, text: str) -> None:
        if self._cell is not None and text:
            self._cell.append(text)

    def _end_cell(self) -> None:
        if self._cell is None:
            return
        lines = (squash(line) for line in "".join(self._cell).split("\n"))
        self.rows[-1].append(("\n".join(line for line in lines if line), *self._spans))
        self._cell = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _fill_spans(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Lay the cells on a grid: a row-spanned text repeats in each row it covers (as a merged
    Chủ trì or Thời gian cell applies to each of them); a column-spanned one fills its first
    column and leaves the others empty (as the Word reader does)."""
    grid: list[list[str]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    for cells in rows:
        row: list[str] = []

        def take_carried() -> None:
            while len(row) in carried:
                col = len(row)
                text, left = carried[col]
                row.append(text)
                if left > 1:
                    carried[col] = (text, left - 1)
                else:
                    del carried[col]

        for text, rowspan, colspan in cells:
            take_carried()
            col = len(row)
            row.extend([text] + [""] * (colspan - 1))
            if rowspan > 1:
                for c in range(col, col + colspan):
                    carried[c] = (text if c == col else "", rowspan - 1)
        while carried and len(row) <= max(carried):
            if len(row) in carried:
                take_carried()
            else:
                row.append("")
        if any(row) or cells:
            grid.append(row)
    return [r for r in grid if any(c.strip() for c in r)]
