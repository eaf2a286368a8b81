"""A plan's task table (usually in a Phụ lục): one `TableTask` per row that assigns work.

The columns are told by their header words (case and diacritics ignored): "STT", "Nội dung",
"Cơ quan chủ trì", "Phối hợp", "Thời gian thực hiện" ... A table is a task table when it has
a content column and a lead column. Rows are read in order:

* the header row(s) and a column-numbering row ("(1) (2) (3)") are skipped;
* a group-heading row ("I | NHÓM NHIỆM VỤ CHUNG", or one cell across the
  row) is a section, not a task: it names the group and prefixes the ids of the rows below;
* a row without a number continues the row above: cells it leaves empty were merged with
  the cells above, so it inherits them;
* a lead or time written once for a group (first row only) holds for the group's rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold, is_upper_line, squash
from .document import Table

NUMBER, CONTENT, LEAD, PARTNERS, TIME, PRODUCT, NOTES = (
    "number", "content", "lead", "partners", "time", "product", "notes",
)
# Cells that a row without its own text takes over from the row above (merged cells).
_MERGEABLE = (LEAD, PARTNERS, TIME, PRODUCT)
_MAX_HEADER_WORDS = 10
_HEADER_ROWS_SEARCHED = 4

_NUMBER_HEADERS = {"stt", "tt", "so tt", "so thu tu", "thu tu"}
_ROMAN = re.compile(r"^[IVXLC]{1,6}$")
_NUMBER_TOKEN = re.compile(r"^\(?(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Za-zđĐ])\s*[.):]?$")
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[IVX]{1,4})\)?$")
_LEADING_NUMBER = re.compile(r"^(\(?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Za-zđĐ])\s*[.)])\s+(?=\S)")
_HAS_WORD = re.compile(r"\w")


@dataclass
class TableTask:
    id: str  # section path from the number column ("I.1", "III.2.a"); "" if none
    text: str  # the content cell, white space normalised, lines kept
    lead: str  # the lead cell as printed
    partners: str
    timeframe: str
    product: str
    group: str  # the group-heading row it sits under; "" if none


def read_task_table(table: Table) -> list[TableTask] | None:
    """The task rows of ``table``, or None when it is not a task table (no content + lead columns)."""
    rows = [[_clean_cell(c) for c in row] for row in table.rows]
    found = _find_header(rows)
    if found is None:
        return None
    first_body_row, columns = found
    width = max(table.width, max(columns.values()) + 1)
    reader = _RowReader(columns, width)
    body = [r for r in rows[first_body_row:] if not _is_skippable(r, rows[:first_body_row])]
    for index, row in enumerate(body):
        if not any(_HAS_WORD.search(c) for c in row):
            reader.mark_gap()  # "….." where the source left rows out
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        reader.read(row, following)
    return reader.finish()


# -- the header ------------------------------------------------------------------------


def column_role(header: str) -> str | None:
    """The role a header cell gives its column ("Cơ quan chủ trì" -> "lead"), or None."""
    words = re.sub(r"[^\w\s]", " ", fold(header)).split()
    if not words or len(words) > _MAX_HEADER_WORDS:
        return None
    text = " ".join(words)
    if text in _NUMBER_HEADERS:
        return NUMBER
    if _has_any(words, "phoi hop"):
        return PARTNERS
    if _has_any(words, "chu tri") or (
        _has_any(words, "thuc hien") and _has_any(words, "co quan", "don vi", "trach nhiem")
    ):
        return LEAD
    if _has_any(words, "thoi gian", "thoi han", "tien do", "moc thoi gian"):
        return TIME
    if _has_any(words, "san pham", "ket qua"):
        return PRODUCT
    if _has_any(words, "ghi chu", "kinh phi"):
        return NOTES
    if _has_any(words, "noi dung", "nhiem vu", "giai phap", "cong viec", "hoat dong"):
        return CONTENT
    return None


def _has_any(words: list[str], *phrases: str) -> bool:
    text = f" {' '.join(words)} "
    return any(f" {p} " in text for p in phrases)


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """(index of the first body row, role -> column) from the header row(s), or None."""
    for start in range(min(len(rows), _HEADER_ROWS_SEARCHED)):
        roles = _row_roles(rows[start])
        if CONTENT not in roles.values() or LEAD not in roles.values():
            continue
        end = start + 1
        # A second header row splits a spanning heading ("Cơ quan thực hiện" -> Chủ trì | Phối hợp).
        while end < len(rows) and _is_sub_header(rows[end], rows[end - 1]):
            roles.update(_row_roles(rows[end]))
            end += 1
        columns: dict[str, int] = {}
        for col in sorted(roles):
            columns.setdefault(roles[col], col)
        return end, columns
    return None


def _row_roles(row: list[str]) -> dict[int, str]:
    return {col: role for col, cell in enumerate(row) if (role := column_role(cell))}


def _is_sub_header(row: list[str], above: list[str]) -> bool:
    """A row under the header that names the parts of a spanning heading cell: each of its
    role cells sits under an empty cell or under a cell that spans to the right."""
    roles = _row_roles(row)
    if not roles:
        return False
    for col, cell in enumerate(row):
        over = above[col] if col < len(above) else ""
        if not cell or cell == over:
            continue  # empty, or the heading above repeated (merged down)
        spans_right = col + 1 < len(above) and not above[col + 1] and bool(over)
        spanned = not over or (col > 0 and over == above[col - 1])
        if col not in roles or not (spans_right or spanned):
            return False
    return True


def _is_skippable(row: list[str], header_rows: list[list[str]]) -> bool:
    """Empty rows, the column-numbering row and a header repeated on a new page."""
    if not any(c.strip() for c in row):
        return True
    filled = [c for c in row if c]
    if len(filled) >= 2 and all(_COLUMN_NUMBER.match(c) for c in filled):
        return True
    return row in header_rows


# -- the rows --------------------------------------------------------------------------


@dataclass
class _Number:
    token: str  # "II", "3", "1.2", "a"
    level: int  # 0 section (I, A), 1 item (1, 1.2), 2 sub-item (a)

    @classmethod
    def parse(cls, cell: str) -> _Number | None:
        m = _NUMBER_TOKEN.match(cell.strip())
        if not m:
            return None
        token = m.group(1)
        if _ROMAN.match(token) or (len(token) == 1 and token.isupper()):
            return cls(token, 0)
        if token[0].isdigit():
            return cls(token, 1)
        return cls(token, 2)


class _RowReader:
    def __init__(self, columns: dict[str, int], width: int) -> None:
        self.columns = columns
        self.width = width
        self.tasks: list[TableTask] = []
        self.path: dict[int, str] = {}  # level -> number of the section or item above
        self.group = ""
        self.previous: TableTask | None = None  # the task row above, in the current group
        self.previous_number: _Number | None = None
        self.last_section = ""
        self.after_cut: list[TableTask] | None = None  # rows after lost rows, group unknown
        self.gap = False  # a "….." row since the last task row

    def mark_gap(self) -> None:
        self.gap = True

    def read(self, row: list[str], following: list[str] | None) -> None:
        cells = self._cells(row)
        number = _Number.parse(cells[NUMBER]) if NUMBER in self.columns else None
        if self._is_group_heading(row, cells, number, following):
            self._open_group(row, cells, number)
            return
        if not cells[CONTENT] and not cells[LEAD]:
            return
        gap, self.gap = self.gap, False
        if number is not None and not gap and self.previous_number and number.token == self.previous_number.token:
            number = None  # a number merged over two rows: the second row continues the first
        if number is None and NUMBER in self.columns and self.previous is not None:
            self._inherit(cells, (CONTENT, *_MERGEABLE))
            self._add(self._task("", cells))
            return
        if number is not None:
            self._check_restart(number)
        self._inherit(cells, (LEAD, TIME))
        task = self._task(self._id(number), cells)
        self._add(task)
        if number is not None:
            self.previous_number = number
            self.path = {lv: tok for lv, tok in self.path.items() if lv < number.level}
            self.path[number.level] = number.token

    def finish(self) -> list[TableTask]:
        return self.tasks

    def _add(self, task: TableTask) -> None:
        self.tasks.append(task)
        self.previous = task
        if self.after_cut is not None:
            self.after_cut.append(task)

    # -- row shape

    def _cells(self, row: list[str]) -> dict[str, str]:
        """The row's cells by role. A short row (a web copy leaves out the cells merged with
        the row above) without a number of its own starts at the content column."""
        numbered = bool(row) and NUMBER in self.columns and _Number.parse(row[0]) is not None
        offset = self.columns.get(CONTENT, 0)
        if len(row) < self.width and not numbered and len(row) + offset <= self.width:
            row = [""] * offset + row
        cells = {role: row[col] if col < len(row) else "" for role, col in self.columns.items()}
        for role in (NUMBER, CONTENT, *_MERGEABLE):
            cells.setdefault(role, "")
        for role in _MERGEABLE:  # a heading spanning the row may repeat its text in every cell
            if cells[role] and cells[role] == cells[CONTENT]:
                cells[role] = ""
        return cells

    def _is_group_heading(
        self, row: list[str], cells: dict[str, str], number: _Number | None, following: list[str] | None
    ) -> bool:
        if self._is_spanning_heading(row, cells):
            return True
        if number is None or any(cells[role] for role in (LEAD, PARTNERS, TIME)):
            return False
        if number.level == 0:
            return True
        # "1. Tuyên truyền" over rows "a)", "b)": a sub-section, not a task without a lead.
        below = _Number.parse(self._cells(following)[NUMBER]) if following and NUMBER in self.columns else None
        return number.level == 1 and below is not None and below.level > 1

    def _is_spanning_heading(self, row: list[str], cells: dict[str, str]) -> bool:
        """One text across the row. A full-width row whose only text is in the content column
        is a continuation of the task above instead (its other cells merged with the row
        above), unless it is written in capitals or opens the table."""
        texts = {c for c in row if c}
        if len(texts) != 1 or len(self.columns) < 2:
            return False
        if len(row) == 1 or cells[CONTENT] not in texts or self.previous is None:
            return True
        return is_upper_line(cells[CONTENT])

    def _open_group(self, row: list[str], cells: dict[str, str], number: _Number | None) -> None:
        text = cells[CONTENT] or next((c for c in row if c and _Number.parse(c) is None), "")
        if number is None:  # a spanning heading with its number inside: "II. NHÓM HAI"
            m = _LEADING_NUMBER.match(text)
            if m and (number := _Number.parse(m.group(1))) is not None:
                text = text[m.end():]
        level = number.level if number else 0
        if level == 0:
            self._place_rows_after_cut(number.token if number else "")
            self.last_section = number.token if number else self.last_section
        self.path = {lv: tok for lv, tok in self.path.items() if lv < level}
        if number is not None:
            self.path[level] = number.token
        self.group = text
        self.previous = None
        self.previous_number = None

    def _inherit(self, cells: dict[str, str], roles: tuple[str, ...]) -> None:
        if self.previous is None:
            return
        above = {
            CONTENT: self.previous.text, LEAD: self.previous.lead, PARTNERS: self.previous.partners,
            TIME: self.previous.timeframe, PRODUCT: self.previous.product,
        }
        for role in roles:
            if not cells[role]:
                cells[role] = above[role]

    def _task(self, task_id: str, cells: dict[str, str]) -> TableTask:
        return TableTask(
            id=task_id, text=cells[CONTENT], lead=cells[LEAD], partners=cells[PARTNERS],
            timeframe=cells[TIME], product=cells[PRODUCT], group=self.group,
        )

    # -- ids

    def _id(self, number: _Number | None) -> str:
        if number is None:
            return ""
        parts = [self.path[lv] for lv in sorted(self.path) if lv < number.level]
        return ".".join([*parts, number.token])

    def _check_restart(self, number: _Number) -> None:
        """Numbering that starts again without a heading: the source lost rows (and the
        heading) in between, so the rows that follow belong to a section not yet known."""
        before = self.previous_number
        if before is None or number.level != 1 or before.level != 1:
            return
        if _number_key(number.token) <= _number_key(before.token):
            self.path = {}
            self.group = ""
            self.previous = None
            self.after_cut = []

    def _place_rows_after_cut(self, next_section: str) -> None:
        """Rows after a cut sit in the section just before the next heading ("VII" -> "VI"),
        when that section lies after the last one seen; otherwise their ids stay bare."""
        rows, self.after_cut = self.after_cut, None
        if not rows or not _ROMAN.match(next_section):
            return
        guess = _roman_to_int(next_section) - 1
        seen = _roman_to_int(self.last_section) if _ROMAN.match(self.last_section) else 0
        if guess <= seen:
            return
        prefix = _int_to_roman(guess)
        for task in rows:
            if task.id:
                task.id = f"{prefix}.{task.id}"


def _clean_cell(cell: str) -> str:
    lines = (squash(line) for line in (cell or "").replace("\u00a0", " ").split("\n"))
    return "\n".join(line for line in lines if line)


def _number_key(token: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", token))


_ROMAN_VALUES = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
                 ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def _roman_to_int(token: str) -> int:
    value, i = 0, 0
    for symbol, amount in _ROMAN_VALUES:
        while token.startswith(symbol, i):
            value += amount
            i += len(symbol)
    return value if i == len(token) else 0


def _int_to_roman(value: int) -> str:
    out = []
    for symbol, amount in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        out.append(symbol * count)
    return "".join(out)
