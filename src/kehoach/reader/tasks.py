"""Tasks: every piece of work the plan assigns, with who leads it, when, and what it delivers.

Real plans use four layouts, often mixed in one document:
- per-task fields: an item, then "Đơn vị chủ trì: …", "Đơn vị phối hợp: …", "Thời gian thực hiện: …";
- per-unit sections: "1. Sở Ngoại vụ" (or "Đề nghị Ban Tuyên giáo …:") then bullets or paragraphs;
- paragraphs whose subject is the actor: "Sở Tài chính tham mưu bố trí kinh phí …";
- task tables, usually in an appendix (handled by `task_table`).
A lead or timeframe stated once for a group applies to each item under it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..models import Output, Task
from ..text import fold, squash
from .dates import parse_outputs, parse_timeframe, recurrence_of
from .outline import Node
from .task_table import read_task_table
from .units import cut_predicate, partners_in, split_units, starts_with_unit, subject_of

_FIELD = (
    ("co_lead", re.compile(r"^(?:(?:Đơn vị|Cơ quan|Bộ phận)\s+)?đồng chủ trì(?:\s+thực hiện)?\s*:\s*", re.I)),
    ("lead", re.compile(
        r"^(?:(?:Đơn vị|Cơ quan|Bộ phận|Sở, ngành|Sở, ban, ngành)\s+)?(?:chủ trì(?:\s+(?:thực hiện|tham mưu))?|thực hiện|"
        r"được giao|tham mưu)\s*:\s*", re.I)),
    ("partners", re.compile(r"^(?:(?:Đơn vị|Cơ quan|Bộ phận)\s+)?phối hợp(?:\s+thực hiện)?\s*:\s*", re.I)),
    ("time", re.compile(
        r"^(?:Thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai))?(?:\s+dự kiến)?|Thời hạn(?:\s+(?:hoàn thành|ban hành|"
        r"thực hiện))?|Tiến độ(?:\s+thực hiện)?|Thời điểm)\s*:\s*", re.I)),
    ("content", re.compile(r"^(?:Nội dung(?:\s+(?:thực hiện|công việc|truyền thông|chính|cụ thể))?|Nhiệm vụ)\s*:\s*", re.I)),
    ("product", re.compile(r"^(?:Sản phẩm(?:\s+dự kiến)?|Kết quả(?:\s+dự kiến)?|Chỉ tiêu)\s*:\s*", re.I)),
)
# Sections that assign no work.
_NOT_WORK = re.compile(r"^(?:muc dich|yeu cau|muc tieu|quan diem|y nghia|ket qua dat duoc|tinh hinh|danh gia ket qua)")
# Sections of rules and lists (who competes, standards, files to send): their items assign no
# work, but a sentence in them whose subject is an actor still does.
_LISTS = re.compile(r"^(?:doi tuong|pham vi|nguyen tac|chi tieu|tieu chuan|ho so|thanh phan|co cau|hinh thuc khen|tieu chi)")
_ASSIGNING = re.compile(r"^(?:to chuc thuc hien|phan cong|trach nhiem|nhiem vu cu the|giao nhiem vu)")
_FUNDING = re.compile(r"^(?:kinh phi|nguon kinh phi|du toan)")
_GENERIC_ACTOR = re.compile(r"^(?:các|những)\s+(?:cơ quan|đơn vị|tổ chức|bộ|sở|ngành|địa phương)\b", re.I)


@dataclass
class Context:
    lead: list[str] = field(default_factory=list)
    timeframe: str | None = None
    funding: bool = False
    rules: bool = False  # inside a section of rules and lists: only actor sentences are tasks
    assigning: bool = False  # inside "Tổ chức thực hiện" / "Phân công nhiệm vụ"


def field_of(text: str) -> tuple[str, str] | None:
    """ "Đơn vị chủ trì: Sở Ngoại vụ." -> ("lead", "Sở Ngoại vụ.")"""
    for role, pattern in _FIELD:
        m = pattern.match(text)
        if m:
            return role, text[m.end():].strip()
    return None


def extract_tasks(root: Node, default_year: int | None = None, id_prefix: str = "") -> list[Task]:
    tasks: list[Task] = []
    started = any(c.kind != "text" for c in root.children)
    _walk(root, Context(), tasks, top=started)
    for t in tasks:
        t.id = f"{id_prefix}{t.id}"
        _fill_dates(t, default_year)
    return tasks


def _walk(node: Node, ctx: Context, out: list[Task], top: bool = False) -> None:
    seen_marker = False
    for child in node.children:
        if child.kind == "table":
            out.extend(_table_tasks(child))
            continue
        if top and child.kind == "text" and not seen_marker:
            continue  # the preamble ("Căn cứ …, Ủy ban nhân dân tỉnh ban hành Kế hoạch …")
        seen_marker = seen_marker or child.kind != "text"
        heading = fold(child.text)
        if _NOT_WORK.match(heading) and (child.children or child.kind != "text"):
            continue
        sub = replace(ctx, funding=ctx.funding or bool(_FUNDING.match(heading) and child.kind in {"roman", "num"}),
                      rules=ctx.rules or bool(_LISTS.match(heading) and child.children),
                      assigning=ctx.assigning or bool(_ASSIGNING.match(heading) and child.children))
        _visit(child, sub, out)


def _visit(node: Node, ctx: Context, out: list[Task]) -> None:
    if _fields_close_the_list(node, ctx, out):
        return
    fields = [(c, field_of(c.text)) for c in node.children]
    own = [(c, f) for c, f in fields if f]
    content = [c for c, f in fields if not f]
    if own:
        if any(_has_fields(c) for c in content):
            # Fields here apply to every item below ("Thời gian thực hiện" stated once for a group).
            group = replace(ctx)
            for _, (role, value) in own:
                if role == "time":
                    group.timeframe = value.rstrip(" .;")
                elif role == "lead":
                    group.lead = _units(value)
            _walk(node, group, out)
            return
        out.append(_task_from_fields(node, own, content, ctx))
        return
    if node.children and any(_has_fields(c) for c in node.children):
        _walk(node, ctx, out)
        return
    inline = field_of(node.text)
    if inline and inline[0] in {"lead", "time", "partners", "co_lead"}:
        return  # a stray field line is read by its parent
    heading_units = _unit_heading(node) or (_named_unit_heading(node) if ctx.assigning else None)
    if heading_units is not None:
        units, rest = heading_units
        if node.children:
            unit_ctx = replace(ctx, lead=units)
            if rest and not rest.endswith(":") and len(rest.split()) > 4:
                out.append(_task(node, node.text, units, ctx))
            for child in node.children:
                _visit_in_unit(child, unit_ctx, out)
            return
        if rest:
            if not (ctx.funding and _GENERIC_ACTOR.match(node.text)):
                out.append(_task(node, node.text, units, ctx))
        return
    if node.children:
        when = parse_timeframe(node.text)
        if len(node.text.split()) <= 8 and (when.end or when.recurrence):
            ctx = replace(ctx, timeframe=node.text.rstrip(" :"))  # "Giai đoạn 2025 - 2030" heads its items
        if ctx.lead and node.kind in {"dash", "plus", "text"}:
            out.append(_task(node, node.full_text, ctx.lead, ctx))
            return
        _walk(node, ctx, out)
        return
    # A leaf: a bullet or paragraph. Its lead is the section's unit, or the sentence's subject.
    if ctx.lead:
        out.append(_task(node, node.text, ctx.lead, ctx))
        return
    subject = subject_of(node.text)
    if subject:
        if ctx.funding and _GENERIC_ACTOR.match(node.text):
            return  # "Các cơ quan, đơn vị … lập dự toán": the funding rule, not an assignment
        out.append(_task(node, node.text, subject[0], ctx))
        return
    if not ctx.rules and (node.kind != "text" or node.text.endswith((".", ";"))):
        out.append(_task(node, node.text, [], ctx))


def _fields_close_the_list(node: Node, ctx: Context, out: list[Task]) -> bool:
    """ "a) … b) … c) …" then "- Đơn vị chủ trì: …" once: the fields, printed under the last item,
    are the whole list's (items that had their own would each carry them)."""
    items = [c for c in node.children if c.kind in {"letter", "num", "num2"}]
    if len(items) < 2 or items[-1] is not node.children[-1] or any(i.children for i in items[:-1]):
        return False
    fields = [(c, field_of(c.text)) for c in items[-1].children]
    if not fields or not all(f for _, f in fields) or not any(f[0] == "lead" for _, f in fields):
        return False
    shared = _task_from_fields(items[-1], fields, [], ctx)
    group = replace(ctx, lead=shared.lead, timeframe=shared.timeframe)
    for item in items[:-1]:
        task = _task(item, item.text, shared.lead, group)
        task.co_lead, task.partners = list(shared.co_lead), task.partners + [p for p in shared.partners if p not in task.partners]
        out.append(task)
    out.append(shared)
    return True


def _visit_in_unit(node: Node, ctx: Context, out: list[Task]) -> None:
    """Inside a unit's section every item is that unit's task."""
    if field_of(node.text) or _NOT_WORK.match(fold(node.text)):
        return
    if node.children and node.kind in {"num", "num2", "num3", "letter"}:
        # "3. Đảng ủy UBND tỉnh chỉ đạo" over "3.1. Sở Ngoại vụ": the sub-section names its own unit.
        named = _unit_heading(node) or _named_unit_heading(node)
        if named and named[0] and not named[1]:
            for child in node.children:
                _visit_in_unit(child, replace(ctx, lead=named[0]), out)
            return
    if node.children and node.kind in {"roman", "num", "num2", "num3", "letter"}:
        if node.text.endswith(":") or len(node.text.split()) < 12:
            for child in node.children:
                _visit_in_unit(child, ctx, out)
            return
    if node.text.endswith(":") and node.children:
        for child in node.children:
            _visit_in_unit(child, ctx, out)
        return
    out.append(_task(node, node.full_text, ctx.lead, ctx))


def _has_fields(node: Node) -> bool:
    return any(field_of(n.text) and field_of(n.text)[0] in {"lead", "co_lead", "partners"} for n in node.walk() if n is not node)


def _unit_heading(node: Node) -> tuple[list[str], str] | None:
    """A heading that names a unit ("2. Công an tỉnh", "Đề nghị UBND các xã, phường phối hợp chỉ đạo:")."""
    text = node.text
    if not starts_with_unit(text):
        return None
    subject = subject_of(text)
    if subject:
        return subject
    if len(text.split()) <= 25 and not text.endswith((".", ";")):
        return split_units(text), ""
    return None


def _named_unit_heading(node: Node) -> tuple[list[str], str] | None:
    """Under "Tổ chức thực hiện" a short numbered heading over bullets names a unit ("4. Thuế tỉnh")."""
    text = node.text.strip()
    if node.kind not in {"num", "num2", "letter"} or not node.children or text.endswith((".", ";", ":")):
        return None
    # (an OCR copy may open the name with digits: "86 Văn hóa, Thể thao và Du lịch" for "Sở …")
    if len(text.split()) > 10 or cut_predicate(text)[1] or not re.match(r"^(?:\d{1,3}\s+)?[A-ZĐÀ-Ỹ]", text):
        return None
    return split_units(text), ""


def _units(value: str) -> list[str]:
    """Units a field names. The field may run on into what they do ("Báo X bố trí thời lượng …"),
    but a short tail is part of the name ("Trung tâm Dịch vụ tổng hợp xã")."""
    head, rest = cut_predicate(value)
    if rest and len(rest.strip(" .;").split()) <= 3:
        head = value
    return split_units(head)


def _task_from_fields(node: Node, own: list, content: list[Node], ctx: Context) -> Task:
    lead: list[str] = []
    co_lead: list[str] = []
    partners: list[str] = []
    timeframe = ctx.timeframe
    products: list[str] = []
    parts = [node.text]
    for child, (role, value) in own:
        if role == "lead":
            # "Đơn vị thực hiện: X; phối hợp: Y" on one line
            also = re.search(r"[;,.]\s*phối hợp\s*:\s*", value, re.I)
            if also:
                value, joint = value[:also.start()], value[also.end():]
                partners.extend(u for u in _units(joint) if u not in partners)
            lead.extend(u for u in _units(value) if u not in lead)
        elif role == "co_lead":
            co_lead.extend(u for u in _units(value) if u not in co_lead)
        elif role == "partners":
            partners.extend(u for u in _units(value) if u not in partners)
        elif role == "time":
            timeframe = value.rstrip(" .;")
        elif role == "content":
            parts.append("\n".join(x for x in [value] + [n.full_text for n in child.children] if x))
        elif role == "product":
            products.append(value)
    for child in content:
        parts.append(child.full_text)
    if not lead:
        for child in content:
            subject = subject_of(child.text)
            if subject:
                lead = subject[0]
                break
    lead = lead or list(ctx.lead)
    text = "\n".join(p for p in parts if p)
    mentioned = [p for p in partners_in(text) if p not in partners and p not in lead]
    partners = mentioned + partners
    task = Task(id=node.id, text=text, lead=lead, co_lead=co_lead, partners=partners, timeframe=timeframe)
    task.outputs = _outputs(text, timeframe, products)
    return task


def _task(node: Node, text: str, lead: list[str], ctx: Context) -> Task:
    partners = [p for p in partners_in(text) if p not in lead]
    task = Task(id=node.id, text=text, lead=list(lead), partners=partners, timeframe=ctx.timeframe)
    task.outputs = _outputs(text, ctx.timeframe, [])
    return task


def _outputs(text: str, timeframe: str | None, products: list[str]) -> list[Output]:
    found: list[dict] = []
    for source, whole in [(text, False), (timeframe or "", True)] + [(p, True) for p in products]:
        for o in parse_outputs(source, whole_field=whole):
            if all((o["quantity"], o["unit"]) != (x["quantity"], x["unit"]) for x in found):
                found.append(o)
    return [Output(**o) for o in found]


def _table_tasks(node: Node) -> list[Task]:
    rows = read_task_table(node.table) if node.table else None
    tasks = []
    for row in rows or []:
        lead = _units(row.lead) if row.lead else []
        partners = _units(row.partners) if row.partners else []
        timeframe = squash(row.timeframe) or None
        text = squash(row.text)
        section = node.parent.id if node.parent is not None else ""
        row_id = ".".join(x for x in (section, row.id) if x)
        task = Task(id=row_id, text=text, lead=lead, partners=partners, timeframe=timeframe)
        task.outputs = _outputs(text, timeframe, [row.product] if row.product else [])
        tasks.append(task)
    return tasks


_TEXT_DEADLINE = re.compile(r"(trước ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?)", re.I)
_TEXT_QUARTER = re.compile(r"((?:trong\s+)?quý\s+[IVX\d]+(?:\s*(?:,|-|và)\s*[IVX\d]+)*\s*(?:/|năm)\s*\d{4})", re.I)
_TEXT_YEAR = re.compile(r"((?:trong\s+)?năm\s+(?:19|20)\d{2})\s*[.;]?\s*$", re.I)


def _fill_dates(task: Task, default_year: int | None) -> None:
    """Start, end and recurrence from the timeframe, or from what the text itself says."""
    timeframe = task.timeframe
    if not timeframe:
        deadlines = _TEXT_DEADLINE.findall(task.text)
        m = None if deadlines else (_TEXT_QUARTER.search(task.text) or _TEXT_YEAR.search(task.text))
        if deadlines or m:
            # "Báo cáo 06 tháng trước ngày 15/6/2026; báo cáo năm trước ngày 25/11/2026": every deadline.
            timeframe = "; ".join(deadlines) if deadlines else m.group(1).strip()
            task.timeframe = timeframe
    tf = parse_timeframe(timeframe, default_year)
    task.start, task.end = tf.start, tf.end
    task.recurrence = tf.recurrence
    if not task.recurrence and not task.timeframe:
        # "Thường xuyên rà soát …", "… định kỳ hằng năm báo cáo …": the rhythm the sentence states.
        # ("kiểm tra thường xuyên và đột xuất", "chi thường xuyên" say how, not how often.)
        words = task.text.split()
        if fold(" ".join(words[:3])).find("thuong xuyen") != -1:
            task.recurrence = "continuous"
        else:
            m = re.search(r"\b(?:định kỳ\s*\(?\s*)?(?:hằng|hàng)\s+(tháng|quý|năm)\b", " ".join(words[:25]), re.I)
            if m:
                task.recurrence = {"tháng": "monthly", "quý": "quarterly", "năm": "yearly"}[m.group(1).lower()]
