"""The report workflow: draft → submit → (return → resubmit) → accept, each step one transaction
with its audit entry, and nothing half-written.

- Every save names the version it was made from; a report saved meanwhile by someone else is a
  `Conflict` (optimistic locking), never a silent overwrite.
- Submitting checks the whole report first: any error and nothing is written.
- Each submission, return and acceptance freezes a `ReportVersion`, so versions can be compared.
"""
from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from kehoach.errors import KehoachError
from kehoach.text import fold
from kehoach.web.plans.services.audit import record

from .models import ItemRole, ItemStatus, ReportItem, ReportStatus, ReportVersion, UnitReport

MAX_TEXT = 20000
REPORT_FIELDS = ("directives", "difficulties", "proposals")
ITEM_TEXT_FIELDS = ("reason", "narrative", "estimate", "links")
DONE = (ItemStatus.DONE, ItemStatus.DONE_LATE)


class ReportingError(KehoachError):
    """A change we refuse; `field` names the input at fault where there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class Invalid(ReportingError):
    """The form has errors ({field name: message}); nothing was saved."""

    def __init__(self, errors: dict[str, str]):
        first = next(iter(errors.items()))
        super().__init__(f"{first[0]}: {first[1]}", first[0])
        self.errors = errors


class Conflict(ReportingError):
    def __init__(self, report):
        who = report.updated_by.get_username() if report.updated_by_id and report.updated_by else "?"
        when = timezone.localtime(report.updated_at).strftime("%H:%M:%S %d/%m/%Y")
        super().__init__(
            f"Báo cáo này vừa được {who} lưu lúc {when} (phiên bản {report.version}); thay đổi của bạn chưa được lưu. "
            f"Hãy tải lại trang để xem bản mới nhất rồi nhập lại phần của bạn."
        )
        self.report = report


# --------------------------------------------------------------------------- reports and their items


def ensure_report(period, unit, parts=None, user=None) -> UnitReport:
    """The unit's report for the period (made, with one item per task of its part, if missing);
    items are added for tasks that joined the period since."""
    from .scope import parts_for_unit

    if parts is None:
        parts = parts_for_unit(period, unit)
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    if report is None:
        try:
            with transaction.atomic():
                report = UnitReport.objects.create(period=period, unit=unit, updated_by=user)
                ReportItem.objects.bulk_create(
                    ReportItem(report=report, task=part.task, role=part.role, position=n) for n, part in enumerate(parts)
                )
            return report
        except IntegrityError:  # opened at the same moment in another tab or by a colleague
            report = UnitReport.objects.get(period=period, unit=unit)
    have = set(report.items.values_list("task_id", flat=True))
    missing = [p for p in parts if p.task.pk not in have]
    if missing and report.editable_status:
        start = len(have)
        ReportItem.objects.bulk_create(
            [ReportItem(report=report, task=p.task, role=p.role, position=start + n) for n, p in enumerate(missing)],
            ignore_conflicts=True,
        )
    return report


# --------------------------------------------------------------------------- reading the form

_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_URL = re.compile(r"https?://\S+")


def parse_deliveries(text: str, output: int) -> list[dict]:
    """Lines "20/03/2026 – Bản tin số 1 – https://…" into deliveries (date and link optional)."""
    out = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        day = None
        match = _DATE.search(line)
        if match:
            d, m, y = (int(g) for g in match.groups())
            try:
                day = dt.date(y, m, d)
            except ValueError:
                raise ValueError(f"“{match.group(0)}” is not a date") from None
            line = line[: match.start()] + line[match.end():]
        url = ""
        link = _URL.search(line)
        if link:
            url = link.group(0)
            line = line[: link.start()] + line[link.end():]
        label = re.sub(r"\s+", " ", line).strip(" -–—;,:|")
        out.append({"output": output, "label": label[:300] or "(không tên)", "date": day.isoformat() if day else None,
                    "url": url[:500]})
    return out


def deliveries_text(deliveries: list[dict], output: int) -> str:
    lines = []
    for line in deliveries or []:
        if line.get("output") != output:
            continue
        parts = []
        if line.get("date"):
            parts.append(dt.date.fromisoformat(line["date"]).strftime("%d/%m/%Y"))
        parts.append(line.get("label") or "")
        if line.get("url"):
            parts.append(line["url"])
        lines.append(" – ".join(p for p in parts if p))
    return "\n".join(lines)


def _item_values(item, data, errors: dict, strict: bool, period) -> dict:
    prefix = f"i{item.pk}-"
    values: dict = {}
    if prefix + "status" in data:
        status = data.get(prefix + "status", "")
        if status and status not in ItemStatus.values:
            errors[prefix + "status"] = "chọn một tình trạng trong danh sách"
        else:
            values["status"] = status
    if prefix + "percent" in data:
        raw = (data.get(prefix + "percent") or "").strip().rstrip("%").strip()
        if raw == "":
            values["percent"] = None
        elif not raw.isdigit() or int(raw) > 100:
            errors[prefix + "percent"] = "tiến độ là một số từ 0 đến 100"
        else:
            values["percent"] = int(raw)
    if prefix + "completed_on" in data:
        raw = (data.get(prefix + "completed_on") or "").strip()
        if raw == "":
            values["completed_on"] = None
        else:
            try:
                values["completed_on"] = dt.date.fromisoformat(raw)
            except ValueError:
                match = _DATE.fullmatch(raw)
                try:
                    values["completed_on"] = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else None
                except ValueError:
                    values["completed_on"] = None
                if values["completed_on"] is None:
                    errors[prefix + "completed_on"] = "ngày không hợp lệ (dd/mm/yyyy)"
                    values.pop("completed_on")
    for name in ITEM_TEXT_FIELDS:
        if prefix + name in data:
            text = data.get(prefix + name, "")
            if len(text) > MAX_TEXT:
                errors[prefix + name] = f"quá dài (tối đa {MAX_TEXT} ký tự)"
            else:
                values[name] = text.strip()
    if any(f"{prefix}out{k}" in data for k in range(len(item.task.outputs or []))):
        deliveries = []
        for k in range(len(item.task.outputs or [])):
            try:
                deliveries.extend(parse_deliveries(data.get(f"{prefix}out{k}", ""), k))
            except ValueError as error:
                errors[f"{prefix}out{k}"] = str(error)
        values["deliveries"] = deliveries
    if strict:
        merged = {f: values.get(f, getattr(item, f)) for f in ("status", "percent", "completed_on", "reason", "narrative")}
        is_lead = item.role in (ItemRole.LEAD, ItemRole.CO_LEAD)
        if is_lead and not merged["status"]:
            errors.setdefault(prefix + "status", "chọn tình trạng thực hiện nhiệm vụ")
        if merged["status"] == ItemStatus.NOT_DONE and not merged["reason"]:
            errors.setdefault(prefix + "reason", "nêu lý do không thực hiện")
        if merged["status"] in DONE and not merged["completed_on"] and item.task.recurrence != "continuous":
            errors.setdefault(prefix + "completed_on", "nhập ngày hoàn thành")
        if merged["completed_on"] and merged["completed_on"] > timezone.localdate():
            errors.setdefault(prefix + "completed_on", "ngày hoàn thành ở tương lai")
        if is_lead and merged["status"] and merged["status"] != ItemStatus.NOT_STARTED and not merged["narrative"]:
            errors.setdefault(prefix + "narrative", "nêu kết quả thực hiện")
        if merged["status"] in DONE and merged["percent"] is None:
            values["percent"] = 100
    return values


def _report_values(data, errors: dict) -> dict:
    values = {}
    for name in REPORT_FIELDS:
        key = f"r-{name}"
        if key in data:
            text = data.get(key, "")
            if len(text) > MAX_TEXT:
                errors[key] = f"quá dài (tối đa {MAX_TEXT} ký tự)"
            else:
                values[name] = text.strip()
    return values


def _version(data) -> int:
    try:
        return int(data.get("version", ""))
    except (TypeError, ValueError):
        raise ReportingError("version: the form is missing its version number; reload the page", "version") from None


def snapshot(report) -> dict:
    items = report.items.select_related("task").order_by("position")
    return {
        "status": report.status,
        "version": report.version,
        **{f: getattr(report, f) for f in REPORT_FIELDS},
        "evidence": [e.name for e in report.evidence.all()],
        "items": [
            {
                "task": item.task_id, "ref": item.task.ref, "text": item.task.text[:300], "role": item.role,
                "status": item.status, "percent": item.percent,
                "completed_on": item.completed_on.isoformat() if item.completed_on else None,
                "reason": item.reason, "narrative": item.narrative, "estimate": item.estimate,
                "deliveries": item.deliveries, "links": item.links,
            }
            for item in items
        ],
    }


def _freeze(report, action: str, user, comment: str = "") -> ReportVersion:
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ReportVersion.objects.create(report=report, number=number, action=action, status=report.status,
                                        snapshot=snapshot(report), comment=comment, created_by=user)


# --------------------------------------------------------------------------- saving and submitting


def save(report, data, user, *, submit: bool = False, today: dt.date | None = None) -> tuple[UnitReport, dict]:
    """Save the posted form into the report (and submit it with `submit`).

    Returns (report, errors): on autosave, fields with errors are left as they were and the
    rest is saved; on submit, any error raises `Invalid` and nothing is written.
    """
    expected = _version(data)
    today = today or timezone.localdate()
    with transaction.atomic():
        current = UnitReport.objects.select_for_update(of=("self",)).select_related("period__plan", "unit", "updated_by").get(pk=report.pk)
        if current.version != expected:
            raise Conflict(current)
        if not current.editable_status:
            raise ReportingError(f"status: the report is {current.get_status_display()}; it cannot be changed now", "status")
        if current.period.is_locked(current.unit, today):
            raise ReportingError(
                f"period: the period locked on {current.period.locks_on():%d/%m/%Y}; ask the lead agency to reopen it "
                f"for your unit", "period")
        errors: dict[str, str] = {}
        items = list(current.items.select_related("task").order_by("position"))
        report_values = _report_values(data, errors)
        item_values = {item.pk: _item_values(item, data, errors, submit, current.period) for item in items}
        if submit and errors:
            raise Invalid(errors)
        before = {"status": current.status, "version": current.version}
        for name, value in report_values.items():
            setattr(current, name, value)
        changed_items = []
        for item in items:
            values = item_values[item.pk]
            if values:
                for name, value in values.items():
                    setattr(item, name, value)
                changed_items.append(item)
        if changed_items:
            ReportItem.objects.bulk_update(
                changed_items, ["status", "percent", "completed_on", "reason", "narrative", "estimate", "deliveries", "links"]
            )
        now = timezone.now()
        current.version += 1
        current.updated_at, current.updated_by = now, user
        fields = [*REPORT_FIELDS, "version", "updated_at", "updated_by"]
        if submit:
            current.status = ReportStatus.SUBMITTED
            current.submitted_at, current.submitted_by = now, user
            current.first_submitted_at = current.first_submitted_at or now
            fields += ["status", "submitted_at", "submitted_by", "first_submitted_at"]
        current.save(update_fields=fields)
        if submit:
            version = _freeze(current, "submit", user)
            record(user, "submit", current, plan=current.period.plan, before=before,
                   after={"status": current.status, "version": current.version, "frozen": version.number})
        elif changed_items or report_values:
            record(user, "save_draft", current, plan=current.period.plan, before=before,
                   after={"version": current.version, "items": len(changed_items)})
    return current, errors


def review(report, action: str, user, comment: str = "") -> UnitReport:
    """The lead agency accepts a submitted report, or returns it with a comment."""
    if action not in ("accept", "return"):
        raise ReportingError("action: accept or return", "action")
    comment = (comment or "").strip()
    if action == "return" and not comment:
        raise ReportingError("comment: say what the unit should revise", "comment")
    with transaction.atomic():
        current = UnitReport.objects.select_for_update(of=("self",)).select_related("period__plan", "unit").get(pk=report.pk)
        if current.status != ReportStatus.SUBMITTED:
            raise ReportingError(f"status: only a submitted report can be reviewed (this one is {current.get_status_display()})",
                                 "status")
        before = {"status": current.status}
        current.status = ReportStatus.ACCEPTED if action == "accept" else ReportStatus.RETURNED
        current.reviewed_at, current.reviewed_by, current.review_comment = timezone.now(), user, comment[:MAX_TEXT]
        current.version += 1
        current.updated_at, current.updated_by = timezone.now(), user
        current.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "version", "updated_at",
                                    "updated_by"])
        _freeze(current, action, user, comment)
        record(user, action, current, plan=current.period.plan, before=before,
               after={"status": current.status, "comment": comment})
    # After the commit: the notice and the mail tell of a change that is there to see.
    from .reminders import notify_unit

    verb = "đã được tiếp nhận" if action == "accept" else "được trả lại để chỉnh sửa"
    message = f"Báo cáo {current.period.label} ({current.period.plan.label()}) {verb}"
    if comment:
        message += f": {comment[:300]}"
    notify_unit(current, action, message)
    return current


def grant_exception(period, unit, until: dt.date, user, reason: str = ""):
    from .models import LockException

    if until < timezone.localdate():
        raise ReportingError("until: the date is already past", "until")
    with transaction.atomic():
        row, _ = LockException.objects.update_or_create(
            period=period, unit=unit, defaults={"until": until, "reason": reason[:300], "granted_by": user,
                                                "granted_at": timezone.now()})
        record(user, "unlock", period, plan=period.plan, after={"unit": unit.pk, "until": until, "reason": reason})
    return row


def update_period(period, values: dict, user):
    before = {k: getattr(period, k) for k in values}
    if values.get("window_start") and values.get("window_end") and values["window_start"] > values["window_end"]:
        raise ReportingError("window_end: the data window ends before it starts", "window_end")
    with transaction.atomic():
        for k, v in values.items():
            setattr(period, k, v)
        period.edited = True
        period.save()
        record(user, "update", period, plan=period.plan, before=before, after=values)
    return period


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "=", "-" or "+", word by word, for the version comparison."""
    import difflib

    a, b = (old or "").split(" "), (new or "").split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return out


def compare(old: dict, new: dict) -> list[dict]:
    """The fields that differ between two snapshots, with word-level changes."""
    rows = []
    labels = {"directives": "Công tác chỉ đạo, triển khai", "difficulties": "Khó khăn, vướng mắc",
              "proposals": "Đề xuất, kiến nghị"}
    for name, title in labels.items():
        if (old.get(name) or "") != (new.get(name) or ""):
            rows.append({"title": title, "diff": word_diff(old.get(name) or "", new.get(name) or "")})
    old_items = {i["task"]: i for i in old.get("items", [])}
    for item in new.get("items", []):
        before = old_items.get(item["task"], {})
        for name, title in (("status", "Tình trạng"), ("percent", "Tiến độ (%)"), ("completed_on", "Ngày hoàn thành"),
                            ("reason", "Lý do"), ("narrative", "Kết quả"), ("estimate", "Ước thực hiện"),
                            ("links", "Minh chứng"), ("deliveries", "Sản phẩm")):
            a, b = before.get(name), item.get(name)
            if name == "deliveries":
                a = "; ".join(f"{d.get('label')} {d.get('date') or ''}".strip() for d in a or [])
                b = "; ".join(f"{d.get('label')} {d.get('date') or ''}".strip() for d in b or [])
            a, b = "" if a is None else str(a), "" if b is None else str(b)
            if a != b:
                rows.append({"title": f"[{item.get('ref') or item['task']}] {title}", "diff": word_diff(a, b)})
    return rows

