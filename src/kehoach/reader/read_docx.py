"""Read a Word file (.docx; .doc/.odt/.rtf through LibreOffice) into a `Document`.

The body is walked as XML (``w:p`` and ``w:tbl`` children in document order) rather than
through python-docx's paragraph/table lists, because those lose the interleaving of the two
and know nothing of automatic numbering labels or footnotes, which plans rely on.
python-docx is only used to open the package and reach its parts; it is imported inside
the functions so that the CLI starts fast.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kehoach.errors import ReadError
from kehoach.reader.document import Block, Document, Paragraph, Table

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element as Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(local: str) -> str:
    return f"{{{W_NS}}}{local}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_VAL = _w("val")
W_TXBX_CONTENT, MC_FALLBACK = _w("txbxContent"), f"{{{MC_NS}}}Fallback"

LEGACY_SUFFIXES = {".doc", ".odt", ".rtf"}
LIBREOFFICE_TIMEOUT_S = 180

# Elements of a paragraph whose content is not the paragraph's visible text: tracked
# deletions, field instructions, properties, and drawings (text boxes are read separately).
_SKIPPED_INLINE = {
    _w(name)
    for name in (
        "pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "fldChar",
        "drawing", "pict", "object", "sdtPr", "sdtEndPr", "footnoteRef", "endnoteRef",
        "annotationRef", "commentReference",
    )
} | {f"{{{MC_NS}}}AlternateContent"}

# Anything Word draws as a blank: these count as spaces when measuring layout gaps.
_SPACE_CHARS = " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES_RE = re.compile(f"[{_SPACE_CHARS}\t\r\n]+")

# A layout gap inside a short paragraph: the typist aligned two columns with spaces or tabs
# ("ỦY BAN NHÂN DÂN" + 34 spaces + "TỈNH LÀO CAI").
_LAYOUT_GAP_RE = re.compile(f"[{_SPACE_CHARS}]*\t[{_SPACE_CHARS}\t]*|[{_SPACE_CHARS}]{{5,}}")
_LETTERHEAD_MAX_CHARS = 160
# Gaps that are blanks left to fill in ("ngày      tháng      năm 2026", "Số:      /KH-UBND").
_FILL_IN_BEFORE_RE = re.compile(r"(?:ngày|tháng|năm|số:?)$", re.IGNORECASE)
_FILL_IN_AFTER_RE = re.compile(r"^(?:tháng|năm|/)", re.IGNORECASE)
# A label ends the left side ("Điều 2.", "a)", "1.") : the tab only separates label and text.
_LABEL_END_RE = re.compile(r"(?:^|\s)(?:\d+(?:\.\d+)*|[IVXLCivxlc]+|[a-zđ])[.)]$")

_BULLET_PLUS = {"+"}
_BULLET_SUB = {"o", "◦", "○", "\uf06f"}  # hollow circles: Word's second-level bullet


# --------------------------------------------------------------------------- public API


def read_docx(path: Path) -> Document:
    """Read a Word document's body (paragraphs and tables in order) and its footnotes.

    .doc/.odt/.rtf files are converted to .docx with LibreOffice first.
    """
    path = Path(path)
    if path.suffix.lower() in LEGACY_SUFFIXES:
        converted = convert_with_libreoffice(path)
        try:
            document = _read_package(converted, shown_name=path.name)
        finally:
            shutil.rmtree(converted.parent, ignore_errors=True)
        return document
    return _read_package(path, shown_name=path.name)


def convert_with_libreoffice(path: Path) -> Path:
    """Convert a .doc/.odt/.rtf file to .docx in a new temporary directory and return it.

    The caller removes ``result.parent`` when done.
    """
    path = Path(path)
    soffice = shutil.which("soffice")
    if soffice is None:
        raise ReadError(
            f"{path.name}: .doc files need LibreOffice (Debian package "
            "libreoffice-writer-nogui), which is not installed"
        )
    out_dir = Path(tempfile.mkdtemp(prefix="kehoach_docx_"))
    # A private profile per run: two soffice processes sharing one profile block each other.
    profile_dir = Path(tempfile.mkdtemp(prefix="lo_"))
    command = [
        soffice, "--headless", "--norestore", f"-env:UserInstallation={profile_dir.as_uri()}",
        "--convert-to", "docx", "--outdir", str(out_dir), str(path.resolve()),
    ]
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=LIBREOFFICE_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        shutil.rmtree(out_dir, ignore_errors=True)
        raise ReadError(f"{path.name}: LibreOffice could not convert it ({error})") from error
    finally:
        shutil.rmtree(profile_dir, ignore_errors=True)
    converted = out_dir / f"{path.stem}.docx"
    if not converted.is_file():
        shutil.rmtree(out_dir, ignore_errors=True)
        detail = (completed.stderr or completed.stdout or "").strip().splitlines()
        reason = detail[-1] if detail else f"exit status {completed.returncode}"
        raise ReadError(f"{path.name}: LibreOffice could not convert it ({reason})")
    return converted


# --------------------------------------------------------------------------- package


# A Word file holds a few dozen parts of a few MB; anything far beyond is a zip bomb.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200


def check_archive(source: Path | bytes, shown_name: str) -> None:
    """Refuse an archive that is no Word file, or one that would unpack to far more than one."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ReadError(f"{shown_name}: not a readable Word document (a damaged zip archive)") from None
    if len(members) > ZIP_MAX_MEMBERS:
        raise ReadError(f"{shown_name}: refused: the archive holds {len(members)} files (a Word file holds a few dozen)")
    total = sum(m.file_size for m in members)
    if total > ZIP_MAX_TOTAL or any(
        m.file_size > 1024 * 1024 and m.file_size > ZIP_MAX_RATIO * max(m.compress_size, 1) for m in members
    ):
        raise ReadError(f"{shown_name}: refused: it would unpack to {total / 1048576:.0f} MB (a zip bomb, not a Word document)")
    if "word/document.xml" not in {m.filename for m in members}:
        raise ReadError(f"{shown_name}: not a readable Word document (a zip archive without word/document.xml)")


def _read_package(path: Path, shown_name: str) -> Document:
    check_archive(path, shown_name)
    word = _open_word(path, shown_name)
    styles = _Styles(word.styles.element)
    numbering = _Numbering(_related_element(word.part, "numbering"), styles)
    notes = _Notes(
        _related_element(word.part, "footnotes"), _related_element(word.part, "endnotes")
    )
    walker = _BodyWalker(styles, numbering, notes)
    blocks = list(walker.blocks(word.element.body))
    return Document(source=shown_name, blocks=blocks, footnotes=notes.cited, format="docx")


def _open_word(path: Path, shown_name: str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError,
            OSError) as error:
        reason = str(error).strip() or type(error).__name__
        raise ReadError(f"{shown_name}: not a readable Word document ({reason})") from error


def _related_element(document_part, kind: str) -> Element | None:
    """The root element of the document part's numbering/footnotes/endnotes part, if any."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    relationship = {"numbering": RT.NUMBERING, "footnotes": RT.FOOTNOTES, "endnotes": RT.ENDNOTES}
    try:
        part = document_part.part_related_by(relationship[kind])
    except KeyError:
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:
        return parse_xml(part.blob)
    except Exception:  # a broken auxiliary part should not cost us the body
        return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(element: Element | None, child: str) -> str | None:
    """The w:val of ``element``'s child ``w:<child>``, or None."""
    if element is None:
        return None
    found = element.find(_w(child))
    return None if found is None else found.get(W_VAL)


def _is_on(element: Element | None) -> bool:
    """A Word on/off property: present and not explicitly false."""
    return element is not None and element.get(W_VAL, "true") not in ("0", "false", "off")


# --------------------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: str | None


class _Styles:
    """Paragraph style names and the numbering they carry (through ``basedOn``)."""

    def __init__(self, styles_element: Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_id: str | None = None
        if styles_element is None:
            return
        for style in styles_element.iterchildren(_w("style")):
            if style.get(_w("type")) != "paragraph":
                continue
            style_id = style.get(_w("styleId"))
            if style_id is None:
                continue
            if _is_on_attr(style.get(_w("default"))):
                self.default_id = style_id
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            self.styles[style_id] = _Style(
                name=_val(style, "name") or style_id,
                based_on=_val(style, "basedOn"),
                num_id=_val(num_pr, "numId"),
                ilvl=_val(num_pr, "ilvl"),
            )

    def name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or self.default_id or "")
        return style.name if style else ""

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) inherited from the style chain; the nearest definition wins."""
        num_id = ilvl = None
        seen: set[str] = set()
        current = style_id or self.default_id
        while current and current not in seen and current in self.styles:
            seen.add(current)
            style = self.styles[current]
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
            current = style.based_on
        return num_id, ilvl


def _is_on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


# --------------------------------------------------------------------------- numbering


@dataclass
class _Level:
    start: int = 0  # the OOXML default when w:start is absent
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 0 = never restart
    legal: bool = False  # w:isLgl: show every level as decimal
    style_id: str | None = None


def _parse_level(lvl: Element, base: _Level | None = None) -> _Level:
    level = replace(base) if base else _Level()
    if (start := _val(lvl, "start")) is not None:
        level.start = _int(start, level.start)
    if (fmt := _val(lvl, "numFmt")) is not None:
        level.fmt = fmt
    if lvl.find(_w("lvlText")) is not None:
        level.text = _val(lvl, "lvlText") or ""
    if (restart := _val(lvl, "lvlRestart")) is not None:
        level.restart = int(restart) if restart.isdigit() else None
    if lvl.find(_w("isLgl")) is not None:
        level.legal = _is_on(lvl.find(_w("isLgl")))
    if (style_id := _val(lvl, "pStyle")) is not None:
        level.style_id = style_id
    return level


@dataclass
class _NumInstance:
    abstract_id: str
    level_overrides: dict[int, Element] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """Rebuilds the labels Word draws for automatically numbered paragraphs.

    Counters live per abstract list, as in Word: several w:num instances of one abstract
    list continue each other's numbering unless an instance overrides a start value, which
    restarts that level the first time the instance is used.
    """

    def __init__(self, numbering_element: Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.abstract_levels: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style
        self.instances: dict[str, _NumInstance] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used_instances: set[str] = set()
        if numbering_element is not None:
            self._parse(numbering_element)

    def _parse(self, root: Element) -> None:
        for abstract in root.iterchildren(_w("abstractNum")):
            abstract_id = abstract.get(_w("abstractNumId"))
            if abstract_id is None:
                continue
            self.abstract_levels[abstract_id] = {
                _int(lvl.get(_w("ilvl")), 0): _parse_level(lvl)
                for lvl in abstract.iterchildren(_w("lvl"))
            }
            if (link := _val(abstract, "numStyleLink")) is not None:
                self.abstract_style_link[abstract_id] = link
        for num in root.iterchildren(_w("num")):
            num_id, abstract_id = num.get(_w("numId")), _val(num, "abstractNumId")
            if num_id is None or abstract_id is None:
                continue
            instance = _NumInstance(abstract_id)
            for override in num.iterchildren(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")), 0)
                if (start := _val(override, "startOverride")) is not None:
                    instance.start_overrides[ilvl] = _int(start, 0)
                if (lvl := override.find(_w("lvl"))) is not None:
                    instance.level_overrides[ilvl] = lvl
            self.instances[num_id] = instance

    def _abstract_id(self, instance: _NumInstance) -> str:
        """Follow a numStyleLink (a list defined by a numbering style) to the real list."""
        abstract_id = instance.abstract_id
        link = self.abstract_style_link.get(abstract_id)
        if link:
            linked_num_id, _ = self.styles.numbering(link)
            linked = self.instances.get(linked_num_id or "")
            if linked is not None and linked.abstract_id in self.abstract_levels:
                return linked.abstract_id
        return abstract_id

    def _levels(self, instance: _NumInstance, abstract_id: str) -> dict[int, _Level]:
        levels = dict(self.abstract_levels.get(abstract_id, {}))
        for ilvl, lvl in instance.level_overrides.items():
            levels[ilvl] = _parse_level(lvl, levels.get(ilvl))
        for ilvl, start in instance.start_overrides.items():
            levels[ilvl] = replace(levels.get(ilvl, _Level()), start=start)
        return levels

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level whose w:pStyle names this style (styles that carry only a numId)."""
        instance = self.instances.get(num_id)
        if instance is None or style_id is None:
            return 0
        for ilvl, level in self.abstract_levels.get(self._abstract_id(instance), {}).items():
            if level.style_id == style_id:
                return ilvl
        return 0

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl`` and return the label Word shows ("" if none)."""
        instance = self.instances.get(num_id)
        if instance is None:
            return ""
        abstract_id = self._abstract_id(instance)
        levels = self._levels(instance, abstract_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used_instances:
            self.used_instances.add(num_id)
            for overridden in instance.start_overrides:
                counters.pop(overridden, None)
        current = counters.get(ilvl)
        counters[ilvl] = level.start if current is None else current + 1
        self._restart_deeper_levels(counters, levels, ilvl)
        return _render_label(level, levels, counters, ilvl)

    @staticmethod
    def _restart_deeper_levels(counters: dict[int, int], levels: dict[int, _Level], ilvl: int) -> None:
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]


def _render_label(level: _Level, levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> str:
    if level.fmt == "bullet":
        return _bullet_label(level.text)

    def substitute(match: re.Match[str]) -> str:
        referenced = int(match.group(1)) - 1
        referenced_level = levels.get(referenced, _Level())
        value = counters.get(referenced, referenced_level.start)
        fmt = "decimal" if level.legal and referenced < ilvl else referenced_level.fmt
        if referenced == ilvl:
            fmt = level.fmt
        return _format_number(value, fmt)

    return _collapse(re.sub(r"%([1-9])", substitute, level.text))


def _bullet_label(symbol: str) -> str:
    symbol = symbol.strip()
    if not symbol:
        return ""
    if symbol in _BULLET_PLUS or symbol in _BULLET_SUB:
        return "+"
    return "-"  # •, Symbol-font , -, –, squares, arrows: all a plain dash in plan text


def _format_number(value: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _letters(value)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return str(value)  # decimal and every format a plan does not use


def _letters(value: int) -> str:
    """a..z, then aa..zz, as Word counts."""
    if value <= 0:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for number, numeral in numerals:
        count, value = divmod(value, number)
        out.append(numeral * count)
    return "".join(out)


# --------------------------------------------------------------------------- footnotes


class _Notes:
    """Footnote and endnote texts, labelled in the order the body first cites them."""

    def __init__(self, footnotes_root: Element | None, endnotes_root: Element | None) -> None:
        self.texts = {
            "footnote": _note_texts(footnotes_root, "footnote"),
            "endnote": _note_texts(endnotes_root, "endnote"),
        }
        self.cited: dict[str, str] = {}  # label -> text, the Document.footnotes mapping
        self._labels: dict[tuple[str, str], str] = {}
        self._counts = {"footnote": 0, "endnote": 0}

    def cite(self, kind: str, note_id: str, custom_mark: str | None = None) -> str | None:
        """Label a citation (1, 2, … for footnotes; i, ii, … for endnotes) and return the note text."""
        text = self.texts[kind].get(note_id)
        if not text:
            return None
        key = (kind, note_id)
        if key not in self._labels:
            self._counts[kind] += 1
            label = custom_mark or (
                str(self._counts[kind]) if kind == "footnote" else _roman(self._counts[kind]).lower()
            )
            while label in self.cited:  # a custom mark may repeat ("*"); keep both notes
                label += "'"
            self._labels[key] = label
            self.cited[label] = text
        return text


def _note_texts(root: Element | None, kind: str) -> dict[str, str]:
    """note id -> its text, separators skipped; a note's paragraphs and line breaks become spaces."""
    if root is None:
        return {}
    texts = {}
    for note in root.iterchildren(_w(kind)):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        pieces = [_raw_inline_text(p, line_break=" ", on_note=None) for p in note.iter(W_P)]
        text = _clean(" ".join(pieces))
        if text:
            texts[note.get(_w("id"), "")] = text
    return texts


# --------------------------------------------------------------------------- text


def _raw_inline_text(paragraph: Element, line_break: str, on_note) -> str:
    """The visible text of a paragraph, tabs kept as "\\t", line breaks as ``line_break``.

    ``on_note(kind, id, custom_mark)`` is called for each footnote/endnote reference.
    """
    out: list[str] = []
    _collect_inline(paragraph, out, line_break, on_note)
    return "".join(out)


_NOTE_REFERENCES = {_w("footnoteReference"): "footnote", _w("endnoteReference"): "endnote"}


def _collect_inline(element: Element, out: list[str], line_break: str, on_note) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED_INLINE:
            continue  # comments/processing instructions, or not visible text
        if tag == W_T:
            out.append(child.text or "")
        elif tag == W_R:
            _collect_run(child, out, line_break, on_note)
        elif tag in (_w("tab"), _w("ptab")):
            out.append("\t")
        elif tag in (_w("br"), _w("cr")):
            out.append(line_break)
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag in _NOTE_REFERENCES:
            if on_note is not None:
                on_note(_NOTE_REFERENCES[tag], child.get(_w("id"), ""), None)
        else:  # hyperlink, ins, moveTo, smartTag, fldSimple, sdt/sdtContent, customXml, …
            _collect_inline(child, out, line_break, on_note)


def _collect_run(run: Element, out: list[str], line_break: str, on_note) -> None:
    if _is_on(run.find(f"{_w('rPr')}/{_w('vanish')}")):
        return  # hidden text
    reference = next((c for c in run if c.tag in _NOTE_REFERENCES), None)
    if reference is not None and _is_on_attr(reference.get(_w("customMarkFollows"))):
        # The run's own text is the note's mark ("*"), not body text.
        mark = _clean("".join(t.text or "" for t in run.iter(W_T))) or None
        if on_note is not None:
            on_note(_NOTE_REFERENCES[reference.tag], reference.get(_w("id"), ""), mark)
        return
    _collect_inline(run, out, line_break, on_note)


def _collapse(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", _collapse(text.translate(_INVISIBLE)))


def _split_layout_gaps(line: str) -> list[str]:
    """Split a short letterhead-like line where columns were aligned with spaces or tabs.

    "ỦY BAN NHÂN DÂN<34 spaces>TỈNH LÀO CAI" -> ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"], while
    blanks to fill in ("ngày      tháng") and "label<tab>text" stay one line.
    """
    line = line.translate(_INVISIBLE).strip(_SPACE_CHARS + "\t")
    if len(_collapse(line)) > _LETTERHEAD_MAX_CHARS or not _LAYOUT_GAP_RE.search(line):
        return [_clean(line)]
    pieces = [piece for piece in (_clean(p) for p in _LAYOUT_GAP_RE.split(line)) if piece]
    lines: list[str] = pieces[:1]
    for piece in pieces[1:]:
        if _is_column_gap(lines[-1], piece):
            lines.append(piece)
        else:
            lines[-1] = f"{lines[-1]} {piece}"
    return lines or [""]


def _is_column_gap(left: str, right: str) -> bool:
    return (
        len(left.split()) >= 2
        and len(right.split()) >= 2
        and not _FILL_IN_BEFORE_RE.search(left)
        and not _FILL_IN_AFTER_RE.search(right)
        and not _LABEL_END_RE.search(left)
    )


# --------------------------------------------------------------------------- body


class _BodyWalker:
    """Turns body XML into blocks, keeping numbering counters and note labels in document order."""

    def __init__(self, styles: _Styles, numbering: _Numbering, notes: _Notes) -> None:
        self.styles = styles
        self.numbering = numbering
        self.notes = notes

    def blocks(self, container: Element) -> Iterator[Block]:
        for child in _block_children(container):
            if child.tag == W_P:
                yield from self.paragraphs(child)
            else:
                yield Table(self.table_rows(child))

    # -- paragraphs

    def paragraphs(self, p: Element) -> Iterator[Paragraph]:
        """One Paragraph per Word paragraph (two for a space-aligned letterhead line),
        then the paragraphs of any text box anchored in it."""
        cited: list[str] = []
        lines = self._paragraph_lines(p, line_break=" ", cited=cited)
        heading = self.styles.name(_val(p.find(_w("pPr")), "pStyle")).lower().startswith(
            ("heading", "title")
        )
        for index, line in enumerate(lines):
            yield Paragraph(line, soft=False, heading=heading, notes=cited if index == 0 else [])
        for text_box in _text_boxes(p):
            yield from self.blocks(text_box)

    def _paragraph_lines(self, p: Element, line_break: str, cited: list[str]) -> list[str]:
        def on_note(kind: str, note_id: str, mark: str | None) -> None:
            text = self.notes.cite(kind, note_id, mark)
            if text:
                cited.append(text)

        raw = _raw_inline_text(p, line_break, on_note)
        label = self._numbering_label(p)
        lines = [
            piece
            for raw_line in raw.split("\n")
            for piece in _split_layout_gaps(raw_line)
            if piece
        ]
        if label and lines:
            lines[0] = f"{label} {lines[0]}"
        return lines

    def _numbering_label(self, p: Element) -> str:
        p_pr = p.find(_w("pPr"))
        num_pr = p_pr.find(_w("numPr")) if p_pr is not None else None
        style_id = _val(p_pr, "pStyle")
        style_num_id, style_ilvl = self.styles.numbering(style_id)
        num_id = _val(num_pr, "numId") or style_num_id
        if not num_id or num_id == "0":  # numId 0 switches inherited numbering off
            return ""
        ilvl_text = _val(num_pr, "ilvl") or style_ilvl
        if ilvl_text is not None:
            ilvl = _int(ilvl_text, 0)
        else:
            ilvl = self.numbering.level_for_style(num_id, style_id or self.styles.default_id)
        return self.numbering.next_label(num_id, ilvl)

    # -- tables

    def table_rows(self, tbl: Element) -> list[list[str]]:
        rows = []
        for tr in _children_through_wrappers(tbl, W_TR):
            tr_pr = tr.find(_w("trPr"))
            row = [""] * _int(_val(tr_pr, "gridBefore"), 0)
            for tc in _children_through_wrappers(tr, W_TC):
                row.extend(self._cell_columns(tc))
            row.extend([""] * _int(_val(tr_pr, "gridAfter"), 0))
            rows.append(row)
        return rows

    def _cell_columns(self, tc: Element) -> list[str]:
        """The cell's text in its first grid column, "" in the others it spans;
        a vertical-merge continuation is "" (readers inherit from the cell above)."""
        tc_pr = tc.find(_w("tcPr"))
        span = max(1, _int(_val(tc_pr, "gridSpan"), 1))
        v_merge = tc_pr.find(_w("vMerge")) if tc_pr is not None else None
        continues_above = v_merge is not None and v_merge.get(W_VAL, "continue") == "continue"
        h_merge = _val(tc_pr, "hMerge")
        continues_left = tc_pr is not None and tc_pr.find(_w("hMerge")) is not None and h_merge != "restart"
        text = "" if continues_above or continues_left else self.cell_text(tc)
        return [text] + [""] * (span - 1)

    def cell_text(self, container: Element) -> str:
        """A cell's paragraphs as lines; nested tables flattened row by row, left to right."""
        lines: list[str] = []
        for child in _block_children(container):
            if child.tag == W_P:
                # Inside a cell a manual line break is a line: letterhead and signature
                # cells use them ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH").
                lines.extend(self._paragraph_lines(child, line_break="\n", cited=[]))
                for text_box in _text_boxes(child):
                    lines.append(self.cell_text(text_box))
            else:
                for row in self.table_rows(child):
                    lines.extend(cell for cell in row if cell)
        return "\n".join(line for line in lines if line)


def _block_children(container: Element) -> Iterator[Element]:
    """w:p and w:tbl children in order, looking through content controls and custom XML."""
    for child in container:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag in (W_SDT, W_CUSTOM_XML, W_SDT_CONTENT):
            yield from _block_children(child)


def _children_through_wrappers(container: Element, tag: str) -> Iterator[Element]:
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in (W_SDT, W_CUSTOM_XML, W_SDT_CONTENT):
            yield from _children_through_wrappers(child, tag)


def _text_boxes(p: Element) -> list[Element]:
    """Text-box contents anchored in a paragraph (the mc:Fallback copy and boxes inside
    boxes skipped: the outer box's walk reads those)."""
    boxes = []
    for box in p.iter(W_TXBX_CONTENT):
        if not any(a.tag in (MC_FALLBACK, W_TXBX_CONTENT) for a in box.iterancestors()):
            boxes.append(box)
    return boxes
