"""Outline stage: the numbered tree of a plan (``I.``, ``1.``, ``1.1.``, ``a)``, ``-``, ``+``).

Vietnamese plans nest by the kind of marker, not by indentation (which conversions lose), and
the order of kinds varies between documents ("a)" under "1." in one, "-" then "+" in another).
So the tree is built with a stack: a marker kind already open on the stack closes everything
below it and opens a sibling; a kind not yet open nests under the current item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Paragraph, Table

_KINDS = (
    ("roman", re.compile(r"^([IVXLC]{1,6})\s*[.)]\s*")),
    ("num3", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})\.?\)?\s+")),
    ("num2", re.compile(r"^(\d{1,2}\.\d{1,2})\.?\)?\s+")),
    ("num", re.compile(r"^(\d{1,2})\s*[.)]\s*(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])\s?\)\s*")),
    ("dash", re.compile(r"^([-–—•·▪●○*])\s*")),
    ("plus", re.compile(r"^(\+)\s*")),
)
_BULLETS = {"dash", "plus"}
_SECTIONS = {"roman", "num", "num2", "num3", "letter"}
_RANK = {"root": -1, "roman": 0, "num": 1, "num2": 2, "num3": 3, "letter": 4, "dash": 5, "plus": 6, "text": 7, "table": 8}


@dataclass(eq=False)
class Node:
    kind: str  # root | roman | num | num2 | num3 | letter | dash | plus | text | table
    label: str  # the marker as printed without punctuation ("II", "1", "a", "-")
    text: str  # the paragraph without its marker
    heading: bool = False
    table: Table | None = None
    notes: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)
    id: str = ""

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self):
        node = self.parent
        while node is not None and node.kind != "root":
            yield node
            node = node.parent

    @property
    def full_text(self) -> str:
        """The node's text with its sub-items, as one paragraph per line."""
        return "\n".join(n.text for n in self.walk() if n.text)


def split_marker(text: str) -> tuple[str, str, str]:
    """("II. NHIỆM VỤ") -> ("roman", "II", "NHIỆM VỤ"); unmarked text -> ("text", "", text)."""
    for kind, pattern in _KINDS:
        m = pattern.match(text)
        if m:
            rest = text[m.end():].strip()
            if kind == "roman" and not rest:
                continue
            if kind == "num" and re.match(r"\d", rest):  # "3. 000 đồng" is not a list item
                continue
            return kind, m.group(1), rest
    return "text", "", text


def outline(blocks: list[Paragraph | Table]) -> Node:
    """Build the tree of one part of a document (the body of a plan, or an appendix)."""
    root = Node("root", "", "")
    stack: list[Node] = [root]
    for block in blocks:
        if isinstance(block, Table):
            node = Node("table", "", "", table=block)
            _attach(_deepest_section(stack), node)
            continue
        kind, label, text = split_marker(block.text)
        node = Node(kind, label, text, heading=block.heading, notes=list(block.notes))
        if kind == "text":
            top = stack[-1]
            if top.kind in _BULLETS and not top.text.endswith((".", ":", "./.")) and not block.heading:
                top.text = f"{top.text} {text}"  # the rest of a bullet the clean stage could not join
                continue
            parent = _deepest_section(stack)
            _attach(parent, node)
            # Keep stack up to the parent; a lead-in ending in ":" opens a list of its own.
            del stack[stack.index(parent) + 1:]
            if text.endswith(":"):
                stack.append(node)
            continue
        open_kinds = [n.kind for n in stack]
        if kind in open_kinds:
            del stack[open_kinds.index(kind):]
        # A section number never nests under a bullet, nor under a lead-in ("… như sau:").
        if kind == "roman":
            del stack[1:]
        while len(stack) > 1 and _RANK[stack[-1].kind] > _RANK[kind] and kind in _SECTIONS:
            stack.pop()
        _attach(stack[-1], node)
        stack.append(node)
    _number(root)
    return root


def _deepest_section(stack: list[Node]) -> Node:
    """Unmarked paragraphs belong to the innermost numbered item, not to a bullet."""
    for node in reversed(stack):
        if node.kind not in _BULLETS and not (node.kind == "text" and not node.text.endswith(":")):
            return node
    return stack[0]


def _attach(parent: Node, node: Node) -> None:
    node.parent = parent
    parent.children.append(node)


def _number(root: Node) -> None:
    """Section paths such as "II.1.a" or "IV.2.3" (bullets and paragraphs counted in order).

    A printed "1.1.1." carries its parents' numbers already, so it hangs under the path of the
    section that printed "1.1." rather than repeating it. Printed numbers win: a bullet counted
    "1" beside a printed "1." under the same parent becomes "d1" (dash), "p1" (plus), "t1" (text).
    """
    for node in root.walk():
        def path(part: str) -> str:
            return f"{node.id}.{part}" if node.id else part

        printed: dict[int, str] = {}
        for i, child in enumerate(node.children):
            if child.kind in {"roman", "num", "letter"}:
                printed[i] = child.label
            elif child.kind in {"num2", "num3"}:
                parent_label = node.label if node.kind in {"num", "num2"} else ""
                part = child.label
                if parent_label and part.startswith(parent_label + "."):
                    part = part[len(parent_label) + 1:]
                printed[i] = part
        taken = {path(p) for p in printed.values()}
        counts: dict[str, int] = {}
        for i, child in enumerate(node.children):
            if i in printed:
                child.id = path(printed[i])
                continue
            counts[child.kind] = counts.get(child.kind, 0) + 1
            child.id = path(str(counts[child.kind]))
            if child.id in taken:
                child.id = path(f"{child.kind[0]}{counts[child.kind]}")
            taken.add(child.id)
