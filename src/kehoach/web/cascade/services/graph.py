"""The cascade as a graph: chains up and down from one plan, and the whole province's graph laid
out in layers (central documents on top, communes at the bottom) as server-drawn SVG.

Only plans the user may see appear as plans. A cited document that is not in the database, or
that the user may not see, appears as a placeholder labelled by the citing text (which the user
may see), so nothing about hidden plans is revealed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from kehoach.text import fold

MAX_DEPTH = 6
MAX_CHILDREN = 50  # a Sở plan implemented by a hundred communes lists the first ones, then a count


@dataclass
class Node:
    key: str
    label: str
    title: str = ""
    date: object = None
    plan: object = None  # a plan the user may see; None for a placeholder
    citation: object = None  # the citation that led here (chains)
    status: str = ""  # "published" | "draft" | "placeholder"
    children: list["Node"] = field(default_factory=list)
    more: int = 0  # children left out (beyond MAX_CHILDREN)
    repeated: bool = False  # shown further up the tree already: its own chain is not repeated

    @property
    def placeholder(self) -> bool:
        return self.plan is None


def placeholder_key(citation) -> str:
    if citation.match_key:
        return "x" + citation.match_key
    text = fold(f"{citation.reference.kind} {citation.title}")
    return "x" + hashlib.sha1(text.encode()).hexdigest()[:12]


def reference_label(ref) -> str:
    return f"{ref.kind or 'Văn bản'} {ref.number}".strip()


def plan_node(plan, citation=None) -> Node:
    return Node(f"p{plan.pk}", plan.label(), plan.title, plan.date, plan, citation, plan.status)


def citation_node(citation) -> Node:
    ref = citation.reference
    return Node(placeholder_key(citation), reference_label(ref), citation.title, ref.date, None, citation, "placeholder")


class Cascade:
    """Chains and graphs as one user may see them."""

    def __init__(self, user):
        from kehoach.web.plans.permissions import plans_for

        self.user = user
        self._plans = plans_for(user)
        self._visible: dict[int, bool] = {}

    def visible(self, ids) -> set[int]:
        wanted = {i for i in ids if i is not None and i not in self._visible}
        if wanted:
            found = set(self._plans.filter(pk__in=wanted).values_list("pk", flat=True))
            for i in wanted:
                self._visible[i] = i in found
        return {i for i in ids if i is not None and self._visible.get(i)}

    def _citations(self, **filters):
        from ..models import Citation

        return (Citation.objects.filter(**filters)
                .select_related("reference", "target", "plan")
                .defer("target__source_text", "target__extracted", "plan__source_text", "plan__extracted")
                .order_by("plan_id", "reference__position"))

    def up(self, plan, depth: int = MAX_DEPTH) -> list[Node]:
        """What `plan` implements, and what those implement, as nested nodes."""
        from .linking import sync_missing

        sync_missing()  # references written since the last look (normally done when ingestion commits)
        return self._up([plan.pk], {plan.pk}, depth).get(plan.pk, [])

    def _up(self, plan_ids, seen, depth) -> dict[int, list[Node]]:
        citations = list(self._citations(plan_id__in=plan_ids))
        visible = self.visible([c.target_id for c in citations])
        out: dict[int, list[Node]] = {}
        nxt = []
        for c in citations:
            if c.target_id in visible:
                node = plan_node(c.target, c)
                if c.target_id not in seen:
                    nxt.append(c.target_id)
            else:
                node = citation_node(c)
            out.setdefault(c.plan_id, []).append(node)
        if nxt and depth > 1:
            below = self._up(list(dict.fromkeys(nxt)), seen | set(nxt), depth - 1)
            _attach(out, below)
        return out

    def down(self, plan, depth: int = MAX_DEPTH) -> list[Node]:
        """The plans that implement `plan`, and the plans implementing those, as nested nodes."""
        from .linking import sync_missing

        sync_missing()
        return self._down([plan.pk], {plan.pk}, depth).get(plan.pk, [])

    def _down(self, plan_ids, seen, depth) -> dict[int, list[Node]]:
        citations = list(self._citations(target_id__in=plan_ids).order_by("plan__date", "plan_id"))
        visible = self.visible([c.plan_id for c in citations])
        out: dict[int, list[Node]] = {}
        nxt, taken = [], set()
        for c in citations:
            if c.plan_id not in visible or (c.target_id, c.plan_id) in taken:
                continue  # a plan citing the same plan twice is one child
            taken.add((c.target_id, c.plan_id))
            out.setdefault(c.target_id, []).append(plan_node(c.plan, c))
            if c.plan_id not in seen:
                nxt.append(c.plan_id)
        if nxt and depth > 1:
            below = self._down(list(dict.fromkeys(nxt)), seen | set(nxt), depth - 1)
            _attach(out, below)
        for nodes in out.values():
            if len(nodes) > MAX_CHILDREN:
                nodes[MAX_CHILDREN - 1].more = len(nodes) - MAX_CHILDREN
                del nodes[MAX_CHILDREN:]
        return out

    def graph(self, placeholders: bool = True) -> "Graph":
        """Every visible plan that cites or is cited, with the documents they cite."""
        from .linking import sync_missing

        sync_missing()
        plan_ids = set(self._plans.values_list("pk", flat=True))
        nodes: dict[str, Node] = {}
        edges: set[tuple[str, str]] = set()
        for c in self._citations(plan_id__in=plan_ids).defer("plan__source_text"):
            lower = nodes.setdefault(f"p{c.plan_id}", plan_node(c.plan))
            if c.target_id in plan_ids:
                upper = nodes.setdefault(f"p{c.target_id}", plan_node(c.target))
            elif placeholders:
                upper = nodes.setdefault(placeholder_key(c), citation_node(c))
            else:
                continue
            if upper.key != lower.key:
                edges.add((lower.key, upper.key))
        linked = {k for e in edges for k in e}
        nodes = {k: n for k, n in nodes.items() if k in linked}
        unlinked = list(self._plans.exclude(pk__in=[n.plan.pk for n in nodes.values() if n.plan is not None])
                        .defer("source_text", "extracted").order_by("-date", "pk")[:200])
        return Graph(list(nodes.values()), sorted(edges), unlinked)


def _attach(levels: dict[int, list[Node]], below: dict[int, list[Node]]) -> None:
    """Give each plan node its own chain, once: a plan met again is marked, not expanded again."""
    expanded: set[int] = set()
    for nodes in levels.values():
        for node in nodes:
            if node.plan is None:
                continue
            if node.plan.pk in expanded:
                node.repeated = bool(below.get(node.plan.pk))
                continue
            expanded.add(node.plan.pk)
            node.children = below.get(node.plan.pk, [])


# --------------------------------------------------------------------------- layout


NODE_W, NODE_H, GAP_X, GAP_Y, MARGIN = 214, 62, 22, 70, 16
DUMMY_W = 14  # the slot an edge takes where it crosses a layer on its way to a higher one


@dataclass
class Placed:
    node: Node
    x: int
    y: int
    level: int
    lines: list[str]


@dataclass
class _Slot:
    """One item of a layer: a node, or a point where a long edge crosses the layer."""

    key: str
    node: Node | None
    width: int
    x: int = 0
    y: int = 0


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[tuple[str, str]]  # (lower, upper): the lower implements the upper
    unlinked: list

    def levels(self) -> dict[str, int]:
        """Layers, from 0 at the top. A plan sits one layer below the lowest plan it cites (plans
        citing nothing in the database on top); a document not in the database sits just above
        the highest plan citing it, so it stays near the plans that name it."""
        plans = {n.key for n in self.nodes if n.plan is not None}
        cites: dict[str, list[str]] = {}
        cited_by: dict[str, list[str]] = {}
        for lower, upper in self.edges:
            cited_by.setdefault(upper, []).append(lower)
            if upper in plans:
                cites.setdefault(lower, []).append(upper)
        level: dict[str, int] = {}
        visiting: set[str] = set()

        def depth(key: str) -> int:
            if key in level:
                return level[key]
            if key in visiting:  # a cycle (two plans citing each other): cut it here
                return 0
            visiting.add(key)
            value = 1 + max((depth(u) for u in cites.get(key, [])), default=-1)
            visiting.discard(key)
            level[key] = value
            return value

        for key in plans:
            depth(key)
        for node in self.nodes:
            if node.plan is None:
                level[node.key] = min((level.get(k, 0) for k in cited_by.get(node.key, [])), default=0) - 1
        lowest = min(level.values(), default=0)
        return {k: v - lowest for k, v in level.items()}

    def layout(self) -> dict:
        level = self.levels()
        layers: dict[int, list[_Slot]] = {}
        for node in sorted(self.nodes, key=lambda n: (n.placeholder, fold(n.label))):
            layers.setdefault(level[node.key], []).append(_Slot(node.key, node, NODE_W))
        # Long edges get a slot in every layer they cross, so they run between nodes, not through them.
        chains: list[tuple[str, list[str], str]] = []
        for lower, upper in self.edges:
            span = level[lower] - level[upper]
            points = []
            for lvl in range(level[upper] + 1, level[lower]) if span > 1 else ():
                key = f"d{len(chains)}_{lvl}"
                layers.setdefault(lvl, []).append(_Slot(key, None, DUMMY_W))
                points.append(key)
            chains.append((lower, list(reversed(points)), upper))  # from the lower node upwards
        segments = []
        for lower, points, upper in chains:
            path = [lower, *points, upper]
            segments.extend(zip(path, path[1:]))
        order = _barycentre(layers, segments)

        width = MARGIN * 2 + max((sum(s.width for s in row) + GAP_X * (len(row) - 1) for row in order.values()), default=NODE_W)
        slots: dict[str, _Slot] = {}
        y = MARGIN
        for lvl in sorted(order):
            row = order[lvl]
            x = (width - (sum(s.width for s in row) + GAP_X * (len(row) - 1))) // 2
            for slot in row:
                slot.x, slot.y = x, y
                slots[slot.key] = slot
                x += slot.width + GAP_X
            y += NODE_H + GAP_Y
        height = y - GAP_Y + MARGIN

        def centre(slot: _Slot) -> int:
            return slot.x + slot.width // 2

        edges = []
        for lower, points, upper in chains:
            a, b = slots[lower], slots[upper]
            x, y = centre(a), a.y  # leave the lower node from its top
            d = [f"M{x},{y}"]
            for slot in [*(slots[p] for p in points), b]:
                nx, ny = centre(slot), slot.y + NODE_H  # arrive at the bottom of the slot above
                bend = max(20, (y - ny) // 2)
                d.append(f"C{x},{y - bend} {nx},{ny + bend} {nx},{ny}")
                x, y = nx, ny
                if slot is not b:  # through the layer, between its nodes
                    y = slot.y
                    d.append(f"L{x},{y}")
            edges.append({"d": " ".join(d), "lower": lower, "upper": upper})
        placed = [Placed(s.node, s.x, s.y, lvl, _lines(s.node)) for lvl, row in sorted(order.items()) for s in row if s.node]
        return {"width": width, "height": height, "nodes": placed, "edges": edges, "node_w": NODE_W, "node_h": NODE_H,
                "levels": [(lvl, [s.node for s in row if s.node]) for lvl, row in sorted(order.items())]}


def _barycentre(layers: dict[int, list[_Slot]], segments) -> dict[int, list[_Slot]]:
    """Order each layer by the mean position of its neighbours in the layers next to it, sweeping
    down then up a few times: it untangles most crossings in graphs this size."""
    neighbours: dict[str, list[str]] = {}
    for a, b in segments:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    order = {lvl: list(row) for lvl, row in layers.items()}
    levels = sorted(order)
    for _sweep in range(4):
        for direction in (levels[1:], list(reversed(levels[:-1]))):
            for lvl in direction:
                position = {s.key: (i + 0.5) / len(order[k]) for k in levels for i, s in enumerate(order[k])}

                def weight(slot, position=position):
                    near = [position[k] for k in neighbours.get(slot.key, []) if k in position]
                    return sum(near) / len(near) if near else position[slot.key]

                order[lvl].sort(key=weight)
    return order


def _lines(node: Node) -> list[str]:
    """The label and two lines of the title, cut to fit a node box."""
    lines = [_cut(node.label, 27)]
    words, current = (node.title or "").split(), ""
    for word in words:
        if len(current) + len(word) + 1 > 34:
            lines.append(current)
            current = word
            if len(lines) == 3:
                break
        else:
            current = f"{current} {word}".strip()
    if len(lines) < 3 and current:
        lines.append(current)
    if len(lines) == 3 and len(" ".join(words)) > sum(len(x) for x in lines[1:]) + 2:
        lines[2] = _cut(lines[2] + " …", 34)
    return lines


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
