"""Interpret stage: the cleaned document and its outline into a `Plan`."""
from __future__ import annotations

import re

from ..models import Plan
from .document import Document, Paragraph, Table
from .header import read_meta
from .outline import outline
from .recipients import read_recipients
from .references import find_references
from .reports import find_reports
from .tasks import extract_tasks
from .zones import find_zones, table_lines


def interpret(doc: Document) -> Plan:
    blocks = doc.blocks
    zones = find_zones(blocks)
    all_lines: list[str] = []
    for b in blocks:
        all_lines.extend(table_lines(b) if isinstance(b, Table) else [b.text])
    text = "\n".join(all_lines)
    meta = read_meta(zones, text)
    year = _plan_year(meta.title, meta.date, text)

    tasks = extract_tasks(outline(zones.body), year)
    for appendix in zones.appendices:
        tasks.extend(extract_tasks(outline(appendix), year, id_prefix="PL."))
    tasks = [t for t in tasks if t.text.strip()]

    notes = [n for b in blocks if isinstance(b, Paragraph) for n in b.notes]
    references = find_references(all_lines + notes + list(doc.footnotes.values()), own_number=meta.number)
    body_text = [b.text for b in zones.body if isinstance(b, Paragraph)] + [
        line for section in zones.appendices for b in section if isinstance(b, Paragraph) for line in [b.text]
    ]
    reports = find_reports(body_text, year)
    recipients = read_recipients(zones.closings[0]) if zones.closings else []
    plan = Plan(source=doc.source, meta=meta, references=references, tasks=tasks, reports=reports,
                recipients=recipients)
    if not tasks:
        plan.warnings.append(f"{doc.source}: no task found")
    return plan


def _plan_year(title: str | None, date: str | None, text: str) -> int | None:
    """The year a plan's undated items belong to.

    The year its title names ("… năm 2026"), else the year of its date, or the next year for a
    plan signed in the last quarter (a plan of 19/11/2025 reports "before 20/11 every year" from
    2026 on).
    """
    m = re.search(r"(?<!đến )(?<!giai đoạn )năm\s+((?:19|20)\d{2})\b(?!\s*[-–])", title or "", re.I)
    if m:
        return int(m.group(1))
    if date:
        return int(date[:4]) + (1 if int(date[5:7]) >= 10 else 0)
    years = re.findall(r"(?:trong\s+)?năm\s+((?:19|20)\d{2})", text)
    return int(max(set(years), key=years.count)) if years else None
