"""The consolidated report ("BÁO CÁO Kết quả thực hiện Kế hoạch …") of one period.

`build(period)` drafts it from the units' reports as plain data (header, numbered sections of
paragraphs, Nơi nhận, signature, annex rows) that the lead agency edits on a page before export;
`render_docx` lays that data out as Nghị định 30/2020/NĐ-CP (state bodies) or Hướng dẫn
36-HD/VPTW (Party bodies) prescribe; `render_xlsx` writes the annex table; `to_pdf` converts
through LibreOffice headless when it is installed.

Section II's paragraphs use the numbering of real reports: a line starting "1." is a heading
(bold), "a)" a task (italic label), "-" a unit's part; every other line a body paragraph.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from django.utils import timezone

from kehoach.text import fold

from .outputs import _declared_from, from_sources, tally
from .periods import is_continuous, plan_span, task_dates
from .progress import DONE_LATE, DONE_ON_TIME, FOUR_WAY, FOUR_WAY_LABELS, LABELS, NOT_DONE, status_of, progress_many
from .scope import GroupExpander, covered_tasks, lead_units
from .stats import pct, period_figures, plan_tasks

LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
SECTION_HEADINGS = (
    "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
)
ANNEX_COLUMNS = ("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Kết quả", "Tiến độ", "Sản phẩm")


# --------------------------------------------------------------------------- small helpers


def vn_date(day: dt.date, party: bool = False) -> str:
    """"ngày 05 tháng 01 năm 2026" (Nghị định 30: days below 10 and months 1–2 padded);
    Party documents print "ngày 5 tháng 1 năm 2026"."""
    if party:
        return f"ngày {day.day} tháng {day.month} năm {day.year}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def letter(n: int) -> str:
    return LETTERS[n] if n < len(LETTERS) else f"{LETTERS[n % len(LETTERS)]}{n // len(LETTERS)}"


def _letterhead(plan) -> list[str]:
    """The issuing body's letterhead lines as the reader found them ("UBND TỈNH X", "SỞ …")."""
    return list(((plan.extracted or {}).get("meta") or {}).get("letterhead") or [])


def header_names(plan, party: bool) -> tuple[str, str]:
    """(superior body, issuing body) in capitals for the header's left block."""
    lines = _letterhead(plan)
    if len(lines) >= 2:
        return "\n".join(lines[:-1]), lines[-1]
    issuer = plan.issuer or (plan.issuer_unit.name if plan.issuer_unit_id else "")
    if lines:
        return "", lines[0]
    match = re.match(r"^(.*?)\s+(tỉnh|thành phố)\s+(.+)$", issuer, re.I)
    if match and not party:
        return f"UBND {match.group(2)} {match.group(3)}".upper(), match.group(1).upper()
    return "", issuer.upper()


def number_line(plan, party: bool) -> str:
    """"Số:      /BC-SVHTTDL" (state) or "Số      -BC/TU" (Party): the number is left for the
    clerk (văn thư), the symbol taken from the plan's own number."""
    number = plan.number or ""
    if party:
        match = re.search(r"-[A-ZĐ]+/([A-ZĐ0-9-]+)", number)
        return f"Số      -BC/{match.group(1) if match else ''}".rstrip("/")
    match = re.search(r"/[A-ZĐ]+-([A-ZĐ0-9-]+)", number)
    return f"Số:      /BC-{match.group(1)}" if match else "Số:      /BC"


def plan_reference(plan, party: bool) -> str:
    parts = [f"{plan.doc_type or 'Kế hoạch'}"]
    if plan.number:
        parts.append(f"số {plan.number}")
    if plan.date:
        parts.append(f"ngày {plan.date:%d/%m/%Y}")
    if plan.issuer:
        parts.append(f"của {plan.issuer}")
    text = " ".join(parts)
    if plan.title:
        title = plan.title[0].lower() + plan.title[1:]
        text += f" về {title}" if not fold(title).startswith("ve ") else f" {title}"
    return text


_SUPERIOR = ("bo ", "uy ban nhan dan tinh", "ubnd tinh", "thuong truc tinh uy", "ban thuong vu tinh uy", "tinh uy ",
             "hoi dong nhan dan tinh", "thuong truc hoi dong nhan dan", "van phong chinh phu", "thu tuong", "ban chi dao")


def _superiors(plan) -> list[str]:
    """The plan's recipients it reports to: marked "(b/c)", or (the reader drops the mark) the
    superior bodies a provincial plan sends to: ministries, the People's Committee, the Party
    committee's standing board."""
    out = []
    for line in plan.recipients:
        name = re.sub(r"\s*\(b/c\)\s*[;.]?$", "", line).strip(" -;.")
        folded = fold(name) + " "
        if "(b/c)" in line or (folded.startswith(_SUPERIOR) and fold(name) != fold(plan.issuer or "")):
            out.append(name)
    return out


def _clip(text: str, limit: int) -> str:
    """`text` cut at a word boundary before `limit` characters, with "…" when cut."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _storage_line(plan) -> str:
    for line in plan.recipients:
        if fold(line).strip(" -").startswith("luu"):
            return "- " + line.strip(" -").rstrip(";.") + "."
    return "- Lưu: VT."


# --------------------------------------------------------------------------- the draft


def _lead_names(task) -> str:
    """The lead units as the plan assigns them (a group by its name, not its members)."""
    names = [a.unit.name if a.unit else a.name for a in task.assignments.all() if a.role in ("lead", "co_lead")]
    return ", ".join(dict.fromkeys(names)) or "—"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _this_period_items(period):
    """{task id: lead item} from this period's submitted or accepted reports (accepted wins),
    and every item by task for the partners' contributions."""
    from .models import ReportItem, ReportStatus

    items = (
        ReportItem.objects.filter(report__period=period, report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
        .select_related("report__unit", "report__period").order_by("report__unit__folded", "position")
    )
    leads, contributions, by_task = {}, {}, {}
    for item in items:
        by_task.setdefault(item.task_id, []).append(item)
        if item.role in ("lead", "co_lead"):
            best = leads.get(item.task_id)
            rank = (item.role == "lead", item.report.status == ReportStatus.ACCEPTED)
            if item.status and (best is None or rank > (best.role == "lead", best.report.status == ReportStatus.ACCEPTED)):
                leads[item.task_id] = item
        elif item.narrative or item.deliveries:
            contributions.setdefault(item.task_id, []).append(item)
    return leads, contributions, by_task


def build(period, *, today: dt.date | None = None, report_date: dt.date | None = None) -> dict:
    """The consolidated report's draft of `period`, from its units' reports."""
    from .periods import settings_for

    today = today or timezone.localdate()
    report_date = report_date or today
    plan = period.plan
    config = settings_for(plan)
    party = config.doc_format == "party"
    span = plan_span(plan)
    expander = GroupExpander()
    tasks = plan_tasks(plan)
    covered = [t for t in covered_tasks(period, tasks) if any(a.role in ("lead", "co_lead") for a in t.assignments.all())]
    figures = period_figures(period, tasks, today, expander)
    leads, contributions, by_task = _this_period_items(period)
    fallback = progress_many([t for t in covered if t.pk not in leads], today)

    issuer_name = plan.issuer or "cơ quan chủ trì"
    superior, issuing = header_names(plan, party)
    as_of = min(report_date, period.window_end)

    # Per task: status, percent, outputs.
    rows = []
    counts = {k: 0 for k in FOUR_WAY_LABELS}
    planned_total = delivered_total = 0
    for task in covered:
        item = leads.get(task.pk)
        if item is not None:
            status = status_of(item.status, item.completed_on, task, today, span)
            percent = item.percent if item.percent is not None else (100 if status in (DONE_ON_TIME, DONE_LATE) else None)
        else:
            info = fallback[task.pk]
            status, percent = info["status"], info["percent"]
        start, end = task_dates(task, span)
        entries = from_sources(task, start, period.window_end) + _declared_from(by_task.get(task.pk, []), start, period.window_end)
        tallies = tally(task, period.window_start, period.window_end, entries=entries, as_of=as_of, span=span)
        for t in tallies:
            planned_total += t.planned
            delivered_total += t.delivered
        counts[FOUR_WAY[status]] += 1
        rows.append({"task": task, "item": item, "status": status, "percent": percent, "tallies": tallies,
                     "leads": lead_units(task, expander), "lead_names": _lead_names(task), "end": end,
                     "continuous": is_continuous(task), "reported": item is not None})
    total = len(rows)

    # I. Chỉ đạo, triển khai: the documents the units issued.
    directives = []
    for row in figures.rows:
        if row.report and row.report.first_submitted_at and row.report.directives.strip():
            for line in row.report.directives.strip().splitlines():
                if line.strip():
                    directives.append(f"- {row.unit.name}: {line.strip().lstrip('-–• ').rstrip('.;')}.")
    section1 = [
        f"Sau khi {plan_reference(plan, party)} được ban hành, {issuer_name} đã triển khai đến các cơ quan, đơn vị, "
        f"địa phương được giao nhiệm vụ; theo dõi, đôn đốc việc thực hiện và tổng hợp báo cáo định kỳ.",
    ]
    section1 += directives or ["- Các đơn vị chưa báo cáo văn bản chỉ đạo, triển khai trong kỳ."]

    # II. Kết quả thực hiện.
    def share(key):
        return f"{counts[key]}/{total} nhiệm vụ ({pct(counts[key], total)}%)"

    summary = (f"Trong kỳ báo cáo, Kế hoạch có {total} nhiệm vụ được giao chủ trì thực hiện; trong đó: "
               f"hoàn thành đúng hạn {share('done_on_time')}; hoàn thành quá hạn {share('done_late')}; "
               f"đang thực hiện trong hạn {share('in_time')}; quá hạn chưa hoàn thành {share('overdue')}")
    summary += f"; không thực hiện {share('not_done')}." if counts["not_done"] else "."
    reporting = (f"Tình hình gửi báo cáo: {figures.received}/{figures.expected} đơn vị đã gửi báo cáo "
                 f"({figures.received_rate}%), trong đó {figures.on_time}/{figures.expected} đơn vị gửi đúng hạn "
                 f"({figures.on_time_rate}%)")
    late, missing = figures.names("late"), figures.names("missing") + figures.names("draft") + figures.names("pending")
    reporting += f"; {len(late)} đơn vị gửi chậm: {', '.join(late)}" if late else ""
    reporting += f"; {len(missing)} đơn vị chưa gửi báo cáo: {', '.join(missing)}" if missing else ""
    reporting += "."
    section2 = ["1. Kết quả chung", summary, reporting]
    if planned_total:
        section2.append(f"Sản phẩm: đã thực hiện {delivered_total:02d}/{planned_total:02d} sản phẩm theo kế hoạch trong kỳ "
                        f"({pct(delivered_total, planned_total)}%).")
    if period.needs_estimate:
        section2.append(f"Số liệu tính đến ngày {short_date(as_of)}; ước thực hiện đến ngày {short_date(period.window_end)} "
                        f"(ước thực hiện cả năm) theo báo cáo của các đơn vị.")
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row["task"].section or "", []).append(row)
    number = 1
    for section, items in groups.items():
        number += 1
        title = plan.sections.get(section, "") if section else ""
        if title and len(groups) > 1:
            title = title[0].upper() + title[1:].lower() if title.isupper() else title
            section2.append(f"{number}. Kết quả thực hiện mục {section}. {title} của Kế hoạch")
        else:
            section2.append(f"{number}. Kết quả thực hiện các nhiệm vụ")
        for n, row in enumerate(items):
            task = row["task"]
            lead_names = row["lead_names"]
            head = _clip(task.text, 220).rstrip(".;:")
            line = f"{letter(n)}) {head} ({'chủ trì: ' + lead_names}): {LABELS[row['status']]}"
            if row["percent"] is not None and row["status"] not in (DONE_ON_TIME, DONE_LATE, NOT_DONE):
                line += f", đạt {row['percent']}%"
            line += "."
            item = row["item"]
            reporters = {i.report.unit_id for i in by_task.get(task.pk, []) if i.role in ("lead", "co_lead") and i.status}
            if len(row["leads"]) > 1:
                line += f" ({len(reporters)}/{len(row['leads'])} đơn vị chủ trì đã báo cáo)."
            if item is not None and item.narrative.strip():
                line += f" {item.report.unit.name}: {item.narrative.strip().rstrip('.')}."
            elif item is None:
                line += " Đơn vị chủ trì chưa báo cáo kết quả trong kỳ."
            if item is not None and item.status == NOT_DONE and item.reason:
                line += f" Lý do: {item.reason.strip().rstrip('.')}."
            for t in row["tallies"]:
                line += f" Sản phẩm: {t.text()}."
            if period.needs_estimate and item is not None and item.estimate.strip():
                line += f" Ước thực hiện cả năm: {item.estimate.strip().rstrip('.')}."
            section2.append(line)
            for contribution in contributions.get(task.pk, []):
                text = contribution.narrative.strip().rstrip(".") or "đã phối hợp thực hiện"
                section2.append(f"- {contribution.report.unit.name} (phối hợp): {text}.")

    # III. Tồn tại, hạn chế và nguyên nhân.
    section3 = []
    overdue = [r for r in rows if r["status"] == "qua_han"]
    if overdue:
        section3.append(f"- Còn {len(overdue)}/{total} nhiệm vụ quá hạn chưa hoàn thành: "
                        + "; ".join(f"{r['task'].ref or r['task'].pk} ({r['lead_names']})" for r in overdue) + ".")
    if late or missing:
        section3.append(f"- Việc chấp hành chế độ báo cáo chưa nghiêm: {len(late)} đơn vị gửi chậm, {len(missing)} đơn vị "
                        f"chưa gửi báo cáo.")
    for row in figures.rows:
        if row.report and row.report.first_submitted_at and row.report.difficulties.strip():
            section3.append(f"- {row.unit.name}: {row.report.difficulties.strip().rstrip('.')}.")
    section3.append("- Nguyên nhân: (khách quan, chủ quan) …")

    # IV. Phương hướng, nhiệm vụ thời gian tới.
    later = [r for r in rows if r["status"] in ("dang_thuc_hien", "chua_trien_khai", "qua_han")]
    section4 = [f"- Tiếp tục triển khai {len(later)} nhiệm vụ chưa hoàn thành; tập trung các nhiệm vụ quá hạn và các "
                f"nhiệm vụ đến hạn trong thời gian tới."]
    for row in sorted(later, key=lambda r: r["end"])[:15]:
        task = row["task"]
        due_text = "thường xuyên" if row["continuous"] else f"hạn {short_date(row['end'])}"
        section4.append(f"- {task.ref + ': ' if task.ref else ''}{_clip(task.text, 160).rstrip('.;:')} ({due_text}).")
    from .models import Period

    following = Period.objects.filter(plan=plan, expects_reports=True, due__gt=period.due).order_by("due").first()
    if following:
        section4.append(f"- Các đơn vị báo cáo {following.label} trước ngày {short_date(following.due)}.")

    # V. Đề xuất, kiến nghị.
    section5 = []
    for row in figures.rows:
        if row.report and row.report.first_submitted_at and row.report.proposals.strip():
            section5.append(f"- {row.unit.name}: {row.report.proposals.strip().rstrip('.')}.")
    if not section5:
        section5 = ["Không có đề xuất, kiến nghị."]

    superiors = _superiors(plan)
    to_lines = [s for s in superiors if not (not party and fold(s).startswith(("thuong truc tinh uy", "ban thuong vu")))]
    recipients = ["Nơi nhận:"]
    recipients += ["- Như trên;"] if to_lines else []
    recipients += [f"- {s} (b/c);" for s in superiors if s not in to_lines]
    recipients += ["- Các cơ quan, đơn vị thực hiện Kế hoạch;", _storage_line(plan)]
    authority = (plan.signer_authority or ("T/M BAN THƯỜNG VỤ" if party else "GIÁM ĐỐC")).upper()
    signer_title = (plan.signer_title or "").upper()
    place = plan.place or (plan.issuer_unit.name if plan.issuer_unit_id else "")
    subject = f"Kết quả thực hiện {plan_reference(plan, party)}, {period.label}"
    annex = []
    for n, row in enumerate(rows, start=1):
        task = row["task"]
        annex.append([
            str(n), f"{task.ref + '. ' if task.ref else ''}{_one_line(task.text)}",
            row["lead_names"],
            LABELS[row["status"]] + (f" ({row['item'].report.unit.name} báo cáo)" if row["item"] is not None else " (chưa báo cáo)"),
            ("thường xuyên" if row["continuous"] else f"hạn {short_date(row['end'])}")
            + (f"; {row['percent']}%" if row["percent"] is not None else ""),
            "; ".join(t.text() for t in row["tallies"]),
        ])
    return {
        "format": "party" if party else "state",
        "superior": superior,
        "issuer": issuing,
        "number": number_line(plan, party),
        "place_date": f"{place}, {vn_date(report_date, party)}" if place else vn_date(report_date, party),
        "title": "BÁO CÁO",
        "subject": subject,
        "to": to_lines,
        "opening": (f"Thực hiện {plan_reference(plan, party)}; trên cơ sở báo cáo của các cơ quan, đơn vị, địa phương, "
                    f"{issuer_name} báo cáo kết quả thực hiện {period.label} như sau (số liệu từ ngày "
                    f"{short_date(period.window_start)} đến ngày {short_date(min(period.window_end, as_of))}):"),
        "sections": [{"heading": h, "text": "\n".join(body)} for h, body in
                     zip(SECTION_HEADINGS, (section1, section2, section3, section4, section5))],
        "closing": f"Trên đây là báo cáo kết quả thực hiện {plan.doc_type or 'Kế hoạch'} "
                   f"{('số ' + plan.number + ' ') if plan.number else ''}{period.label} của {issuer_name}./.",
        "recipients": "\n".join(recipients),
        "authority": authority + ("\n" + signer_title if signer_title else ""),
        "signer": plan.signer_name or "",
        "annex": annex,
        "figures": {
            "tasks": total, **counts, "expected_units": figures.expected, "received": figures.received,
            "on_time": figures.on_time, "late_units": late, "missing_units": missing,
            "outputs_planned": planned_total, "outputs_delivered": delivered_total,
        },
    }


# --------------------------------------------------------------------------- DOCX


def _docx_helpers():
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def font(run, size, bold=False, italic=False, underline=False):
        run.font.name = "Times New Roman"
        run.font.size = Pt(size)
        run.font.bold, run.font.italic, run.font.underline = bold, italic, underline
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), "Times New Roman")
        return run

    def para(container, text="", size=14, bold=False, italic=False, underline=False, align="justify", indent=None,
             after=6, before=0, line=1.15):
        paragraph = container.add_paragraph()
        paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.space_before, fmt.line_spacing = Pt(after), Pt(before), line
        if indent is not None:
            from docx.shared import Cm

            fmt.first_line_indent = Cm(indent)
        if text:
            font(paragraph.add_run(text), size, bold, italic, underline)
        return paragraph

    def rule_below(paragraph, width_share=0.4):
        """A short rule under a header line: a bottom border on an empty paragraph narrowed by indents."""
        p_pr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        p_pr.append(borders)
        return paragraph

    def page_number(paragraph):
        run = paragraph.add_run()
        font(run, 13)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def no_borders(table):
        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        tbl_pr.append(borders)

    return font, para, rule_below, page_number, no_borders


def _widths(table, widths_cm) -> None:
    """Column widths that both Word (cell widths) and LibreOffice (the grid) honour."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(int(sum(widths_cm) / 2.54 * 1440)))
    total.set(qn("w:type"), "dxa")
    tbl_pr.append(total)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def render_docx(data: dict) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    font, para, rule_below, page_number, no_borders = _docx_helpers()
    party = data.get("format") == "party"
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    from docx.oxml.ns import qn

    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.header_distance = Cm(1.0)
    # Page numbers centred in the top margin, none on the first page.
    section.different_first_page_header_footer = True
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.alignment = 1
    page_number(header_paragraph)
    text_width = 16.5

    # Header: two columns, the issuing body on the left, the motto (or the Party's name) on the right.
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    _widths(table, (7.0, 10.0))
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    first = True
    for line in [s for s in (data.get("superior") or "").splitlines() if s.strip()]:
        target = left.paragraphs[0] if first else left.add_paragraph()
        target.alignment = 1
        target.paragraph_format.space_after = Pt(0)
        font(target.add_run(line.strip()), 12, bold=party)
        first = False
    target = left.paragraphs[0] if first else left.add_paragraph()
    target.alignment = 1
    target.paragraph_format.space_after = Pt(0)
    font(target.add_run(data.get("issuer") or ""), 12, bold=True)
    if party:
        para(left, "*", 13, align="center", after=0)
    else:
        rule = para(left, "", 6, align="center", after=2)
        rule.paragraph_format.left_indent, rule.paragraph_format.right_indent = Cm(2.0), Cm(2.0)
        rule_below(rule)
    para(left, data.get("number") or "", 13, align="center", after=0, before=4)
    right.paragraphs[0].alignment = 1
    right.paragraphs[0].paragraph_format.space_after = Pt(0)
    if party:
        font(right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM"), 14, bold=True, underline=True)
        para(right, "", 8, align="center", after=0)
    else:
        font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
        motto = para(right, "", 14, align="center", after=0)
        font(motto.add_run("Độc lập - Tự do - Hạnh phúc"), 14, bold=True, underline=True)
        para(right, "", 8, align="center", after=0)
    para(right, data.get("place_date") or "", 14, italic=True, align="center", after=0, before=4)

    # Title, subject, Kính gửi.
    para(document, data.get("title") or "BÁO CÁO", 14, bold=True, align="center", before=18, after=0)
    subject = para(document, data.get("subject") or "", 14, bold=True, align="center", after=0)
    subject.paragraph_format.left_indent = subject.paragraph_format.right_indent = Cm(0.5)
    rule = para(document, "", 6, align="center", after=12)
    rule.paragraph_format.left_indent, rule.paragraph_format.right_indent = Cm(6.0), Cm(6.0)
    rule_below(rule)
    to = [t for t in data.get("to") or [] if t.strip()]
    if len(to) == 1:
        para(document, f"Kính gửi: {to[0]}.", 14, align="center", after=12)
    elif to:
        para(document, "Kính gửi:", 14, align="center", after=0)
        for n, name in enumerate(to):
            p = para(document, f"- {name}{'.' if n == len(to) - 1 else ';'}", 14, align="left", after=0)
            p.paragraph_format.left_indent = Cm(6.0)
        para(document, "", 6, after=6)

    para(document, data.get("opening") or "", 14, indent=1.27)
    for block in data.get("sections") or []:
        para(document, block.get("heading") or "", 14, bold=True, indent=1.27, before=6)
        for line in (block.get("text") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            if re.match(r"^\d+\.\s", line):
                para(document, line, 14, bold=True, indent=1.27)
            elif re.match(r"^[a-zđ]\d*\)\s", line):
                label, _, rest = line.partition(") ")
                p = para(document, "", 14, indent=1.27)
                font(p.add_run(label + ") "), 14, italic=True, bold=True)
                font(p.add_run(rest), 14)
            else:
                para(document, line, 14, indent=1.27)
    para(document, data.get("closing") or "", 14, indent=1.27, before=6)

    # Nơi nhận (left) and the signature (right).
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    _widths(table, (8.0, text_width - 8.0))
    left, right = table.rows[0].cells
    lines = (data.get("recipients") or "").splitlines()
    left.paragraphs[0].paragraph_format.space_after = Pt(0)
    if lines:
        font(left.paragraphs[0].add_run(lines[0]), 12, bold=True, italic=True)
    for line in lines[1:]:
        para(left, line, 11, align="left", after=0, line=1.0)
    authority = [a for a in (data.get("authority") or "").splitlines() if a.strip()]
    right.paragraphs[0].alignment = 1
    right.paragraphs[0].paragraph_format.space_after = Pt(0)
    if authority:
        font(right.paragraphs[0].add_run(authority[0]), 14, bold=True)
    for line in authority[1:]:
        para(right, line, 14, bold=True, align="center", after=0)
    for _ in range(4):
        para(right, "", 14, align="center", after=0)
    para(right, data.get("signer") or "", 14, bold=True, align="center", after=0)

    # The annex: one row per task, its totals equal to the body's figures.
    annex = data.get("annex") or []
    if annex:
        from docx.enum.section import WD_SECTION

        landscape = document.add_section(WD_SECTION.NEW_PAGE)
        landscape.orientation = WD_ORIENT.LANDSCAPE
        landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
        landscape.left_margin, landscape.right_margin = Cm(2.0), Cm(1.5)
        landscape.top_margin, landscape.bottom_margin = Cm(2.0), Cm(2.0)
        landscape.different_first_page_header_footer = False
        para(document, "PHỤ LỤC", 14, bold=True, align="center", after=0)
        para(document, "Kết quả thực hiện các nhiệm vụ", 14, bold=True, align="center", after=0)
        para(document, f"(Kèm theo báo cáo {data.get('subject', '')[:1].lower() + data.get('subject', '')[1:]})", 13,
             italic=True, align="center", after=8)
        table = document.add_table(rows=2, cols=len(ANNEX_COLUMNS))
        table.style = "Table Grid"
        widths = (1.2, 9.7, 4.2, 4.5, 3.2, 3.4)
        for row_index, values in enumerate((ANNEX_COLUMNS, [f"({n})" for n in range(1, len(ANNEX_COLUMNS) + 1)])):
            for cell, value in zip(table.rows[row_index].cells, values):
                cell.paragraphs[0].alignment = 1
                font(cell.paragraphs[0].add_run(value), 12 if row_index == 0 else 11, bold=row_index == 0,
                     italic=row_index == 1)
        for values in annex:
            cells = table.add_row().cells
            for n, (cell, value) in enumerate(zip(cells, values)):
                if n == 0:
                    cell.paragraphs[0].alignment = 1
                font(cell.paragraphs[0].add_run(value), 12)
        figures = data.get("figures") or {}
        cells = table.add_row().cells
        font(cells[1].paragraphs[0].add_run(f"Tổng cộng: {figures.get('tasks', len(annex))} nhiệm vụ"), 12, bold=True)
        done = figures.get("done_on_time", 0) + figures.get("done_late", 0)
        font(cells[3].paragraphs[0].add_run(f"Hoàn thành {done}/{figures.get('tasks', len(annex))}"), 12, bold=True)
        if figures.get("outputs_planned"):
            font(cells[5].paragraphs[0].add_run(f"{figures['outputs_delivered']:02d}/{figures['outputs_planned']:02d}"), 12,
                 bold=True)
        _widths(table, widths)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- XLSX and PDF


def render_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(["PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"])
    sheet.append([data.get("subject", "")])
    sheet.append([])
    sheet.append(list(ANNEX_COLUMNS))
    sheet.append([f"({n})" for n in range(1, len(ANNEX_COLUMNS) + 1)])
    for row in data.get("annex") or []:
        sheet.append(row)
    figures = data.get("figures") or {}
    done = figures.get("done_on_time", 0) + figures.get("done_late", 0)
    sheet.append(["", f"Tổng cộng: {figures.get('tasks', 0)} nhiệm vụ", "", f"Hoàn thành {done}/{figures.get('tasks', 0)}", "",
                  f"{figures.get('outputs_delivered', 0):02d}/{figures.get('outputs_planned', 0):02d}"
                  if figures.get("outputs_planned") else ""])
    for column, width in zip("ABCDEF", (6, 70, 30, 30, 20, 30)):
        sheet.column_dimensions[column].width = width
    sheet["A1"].font = Font(name="Times New Roman", bold=True, size=13)
    sheet["A2"].font = Font(name="Times New Roman", italic=True, size=12)
    for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row):
        for cell in row:
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if cell.column == 1 else "left")
            cell.font = Font(name="Times New Roman", size=12, bold=cell.row in (4, sheet.max_row), italic=cell.row == 5)
    sheet.freeze_panes = "A6"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, timeout: int = 120) -> bytes:
    """The DOCX through LibreOffice headless; one profile per conversion (two conversions sharing
    a profile fail silently)."""
    from kehoach.errors import KehoachError

    binary = soffice()
    if binary is None:
        raise KehoachError("PDF needs LibreOffice (soffice), which is not installed; download the DOCX instead")
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(docx)
        profile = folder / f"profile-{uuid.uuid4().hex}"
        try:
            subprocess.run(
                [binary, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                 "--outdir", str(folder), str(source)],
                check=True, capture_output=True, timeout=timeout,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise KehoachError(f"LibreOffice could not convert the report ({type(error).__name__})") from None
        pdf = folder / "bao-cao.pdf"
        if not pdf.is_file():
            raise KehoachError("LibreOffice made no PDF of the report")
        return pdf.read_bytes()


def draft_for(period, user=None, *, regenerate: bool = False):
    """The saved draft of the period's consolidated report, built on first use."""
    from django.db import IntegrityError, transaction

    from .models import ConsolidatedDraft

    draft = ConsolidatedDraft.objects.filter(period=period).first()
    if draft is not None and not regenerate:
        return draft
    data = build(period)
    if draft is None:
        try:
            with transaction.atomic():
                return ConsolidatedDraft.objects.create(period=period, data=_jsonable(data), updated_by=user)
        except IntegrityError:
            draft = ConsolidatedDraft.objects.get(period=period)
    draft.data = _jsonable(data)
    draft.version += 1
    draft.generated_at = draft.updated_at = timezone.now()
    draft.updated_by = user
    draft.save()
    return draft


def _jsonable(data: dict) -> dict:
    import json

    return json.loads(json.dumps(data, default=str))
