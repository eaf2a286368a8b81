"""A plan as a readable text: the header, then tasks grouped by lead unit."""
from __future__ import annotations

from .models import Plan, Task


def summary(plan: Plan) -> str:
    m = plan.meta
    out = [f"{(m.doc_type or 'Văn bản').upper()} {m.number or ''}".rstrip(), m.title or "(không có tiêu đề)"]
    facts = [
        ("Cơ quan ban hành", m.issuer),
        ("Nơi, ngày", ", ".join(x for x in (m.place, m.date) if x) or None),
        ("Người ký", " — ".join(x for x in (m.signer.authority, m.signer.title, m.signer.name) if x) or None),
    ]
    out += [f"{k}: {v}" for k, v in facts if v]
    if plan.references:
        out.append("")
        out.append(f"Căn cứ ({len(plan.references)}):")
        out += [f"  - {r.kind or ''} {r.number or ''}{' ngày ' + r.date if r.date else ''}".rstrip() for r in plan.references]
    groups: dict[str, list[Task]] = {}
    for task in plan.tasks:
        groups.setdefault("; ".join(task.lead) or "(chưa giao đơn vị)", []).append(task)
    out.append("")
    out.append(f"Nhiệm vụ ({len(plan.tasks)}):")
    for lead, tasks in sorted(groups.items(), key=lambda kv: (kv[0].startswith("("), kv[0])):
        out.append(f"* {lead}")
        for t in tasks:
            line = t.text.split("\n", 1)[0]
            line = line if len(line) <= 110 else line[:107] + "…"
            when = t.timeframe or (f"đến {t.end}" if t.end else "")
            extras = [x for x in (when, ", ".join(f"{o.quantity:02d} {o.unit}{'/' + o.per if o.per else ''}" for o in t.outputs)) if x]
            out.append(f"    [{t.id}] {line}" + (f"  ({'; '.join(extras)})" if extras else ""))
            if t.partners:
                out.append(f"        phối hợp: {'; '.join(t.partners)}")
    if plan.reports:
        out.append("")
        out.append("Báo cáo:")
        out += [f"  - {r.period or 'báo cáo'}: trước {r.due or '?'}{' → ' + r.to if r.to else ''}" for r in plan.reports]
    if plan.recipients:
        out.append("")
        out.append(f"Nơi nhận ({len(plan.recipients)}): " + "; ".join(plan.recipients))
    return "\n".join(out) + "\n"
