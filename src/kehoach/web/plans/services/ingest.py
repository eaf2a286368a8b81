"""Ingestion: one uploaded file becomes one draft plan, in one transaction.

The file is checked (services.files), read by `kehoach.extract` outside the transaction (it is
the slow part and touches no table), then the plan, its references, tasks, assignments and
report deadlines are written together with the stored file and an audit entry. If anything
fails, nothing stays: no rows, no file. The same bytes uploaded again are recognised by their
SHA-256 and lead to the plan already there.
"""
from __future__ import annotations

import hashlib
import logging
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

import kehoach
from kehoach.errors import ReadError

from .search import number_key
from .files import UploadError, decode_text, pdf_text, safe_name, sniff
from .source import document_text, locate, section_of, section_titles

log = logging.getLogger("kehoach.ingest")

RECURRENCES = {"monthly", "quarterly", "yearly", "continuous"}


@dataclass
class IngestResult:
    plan: object
    created: bool

    @property
    def message(self) -> str:
        plan = self.plan
        if self.created:
            return f"{plan.source_name}: draft #{plan.pk}, {plan.tasks.count()} tasks"
        return f"{plan.source_name}: already uploaded as plan #{plan.pk} ({plan.get_status_display()})"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read_upload(data: bytes, filename: str, *, ocr_text: str | None = None):
    """(plan model, source text, format) for an upload; UploadError when it cannot be read."""
    fmt = "ocr" if ocr_text is not None else sniff(data, filename)
    with tempfile.TemporaryDirectory(prefix="kehoach-") as tmp:
        path = Path(tmp) / safe_name(filename)
        if fmt == "docx" and path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        path.write_bytes(data)
        try:
            if fmt == "ocr":
                if len(ocr_text.split()) < 5:
                    raise UploadError(f"{filename}: OCR found no text on the scanned pages")
                # A newline marks it as text for the reader (a short string could be taken for a path).
                source, plan = ocr_text, kehoach.extract(ocr_text + "\n")
            elif fmt == "pdf":
                source, _pages = pdf_text(data, filename)
                try:
                    plan = kehoach.extract(path)  # the reader's own PDF support, where it has it
                except ReadError:
                    plan = kehoach.extract(source + "\n")
            elif fmt == "docx":
                plan = kehoach.extract(path)
                source = document_text(path)
            else:
                source = decode_text(data, filename)
                plan = kehoach.extract(path)
                fmt = plan.model_extra.get("format") or ("markdown" if _looks_markdown(source) else "text")
        except ReadError as error:
            message = str(error).replace(path.name, filename, 1) if path.name != filename else str(error)
            raise UploadError(message) from None
        except RecursionError:
            raise UploadError(f"{filename}: too deeply nested to read") from None
    plan.source = filename
    return plan, source, fmt


def _looks_markdown(text: str) -> bool:
    from kehoach.reader.read import is_markdown

    return is_markdown(text)


def ingest(data: bytes, filename: str, user=None, *, ocr_text: str | None = None, publish: bool = False) -> IngestResult:
    """Read `data` (the file's bytes) into a draft plan; the existing plan when already uploaded."""
    from ..models import Plan

    digest = sha256(data)
    existing = Plan.objects.filter(sha256=digest).first()
    if existing:
        return IngestResult(existing, False)
    extracted, source_text, fmt = read_upload(data, filename, ocr_text=ocr_text)
    from django.core.files.storage import default_storage

    # The file first; the rows in one transaction; on any failure the file goes again.
    folder = timezone.now().strftime("plans/%Y/%m")
    stored_name = default_storage.save(f"{folder}/{digest[:16]}-{safe_name(filename)}", ContentFile(data))
    try:
        with transaction.atomic():
            plan = _create(extracted, source_text, fmt, stored_name, len(data), digest, filename, user)
            if publish:
                from .review import publish as publish_plan

                publish_plan(plan, user, force=True)
    except IntegrityError:
        _delete_file(stored_name)
        existing = Plan.objects.filter(sha256=digest).first()
        if existing:  # the same file, uploaded at the same moment by someone else
            return IngestResult(existing, False)
        raise
    except BaseException:
        _delete_file(stored_name)
        raise
    return IngestResult(plan, True)


def _delete_file(name: str | None) -> None:
    if name:
        from django.core.files.storage import default_storage

        try:
            default_storage.delete(name)
        except OSError:
            log.warning("could not remove %s after a failed ingestion", name)


def _create(extracted, source_text: str, fmt: str, stored_name: str, size: int, digest: str, filename: str, user):
    from ..models import Assignment, Plan, Reference, ReportDeadline, Task
    from ..permissions import unit_of
    from .audit import record
    from .units import Matcher

    matcher = Matcher()
    meta = extracted.meta
    signer = meta.signer
    plan = Plan(
        title=meta.title or "",
        doc_type=meta.doc_type or "",
        number=meta.number or "",
        issuer=meta.issuer or "",
        issuer_unit=matcher.exact(meta.issuer) if meta.issuer else None,
        place=meta.place or "",
        date=parse_date(meta.date),
        signer_name=signer.name or "",
        signer_title=signer.title or "",
        signer_authority=signer.authority or "",
        recipients=list(extracted.recipients),
        warnings=list(extracted.warnings),
        sections=section_titles(source_text),
        extracted=extracted.to_json_dict(),
        source_name=filename[:255],
        sha256=digest,
        size=size,
        file_format=fmt,
        source_text=source_text,
        owner_unit=unit_of(user),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    plan.file.name = stored_name
    plan.save()

    Reference.objects.bulk_create(
        Reference(
            plan=plan,
            position=i,
            kind=(ref.kind or "")[:100],
            number=(ref.number or "")[:100],
            number_key=number_key(ref.number)[:100],
            date=parse_date(ref.date),
            issuer=(ref.issuer or "")[:300],
        )
        for i, ref in enumerate(extracted.references)
    )
    link_references(plan)

    spans = locate(source_text, [t.text for t in extracted.tasks])
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            position=i,
            ref=(t.id or "")[:60],
            section=section_of(t.id),
            text=t.text,
            timeframe=(t.timeframe or "")[:300],
            start=parse_date(t.start),
            end=parse_date(t.end),
            recurrence=t.recurrence if t.recurrence in RECURRENCES else "",
            outputs=[o.model_dump(mode="json") for o in t.outputs],
            source_start=span[0] if span else None,
            source_end=span[1] if span else None,
        )
        for i, (t, span) in enumerate(zip(extracted.tasks, spans))
    )
    assignments = []
    for task, item in zip(tasks, extracted.tasks):
        assignments.extend(_assignments(task, item, matcher))
    Assignment.objects.bulk_create(assignments)

    ReportDeadline.objects.bulk_create(
        ReportDeadline(
            plan=plan,
            position=i,
            period=(r.period or "")[:100],
            due=parse_date(r.due),
            to=(r.to or "")[:300],
            to_unit=matcher.exact(r.to) if r.to else None,
        )
        for i, r in enumerate(extracted.reports)
    )
    record(
        user,
        "ingest",
        plan,
        after={"file": filename, "sha256": digest, "format": fmt, "tasks": len(tasks), "status": plan.status},
    )
    return plan


def _assignments(task, item, matcher) -> list:
    from ..models import Assignment, Role

    rows, seen = [], set()
    for role, names in ((Role.LEAD, item.lead), (Role.CO_LEAD, item.co_lead), (Role.PARTNER, item.partners)):
        for position, name in enumerate(names):
            name = (name or "").strip()[:300]
            if not name:
                continue
            unit = matcher.exact(name)
            if unit is not None:
                if (unit.pk, role) in seen:  # two spellings of one unit in one role: one assignment
                    continue
                seen.add((unit.pk, role))
            rows.append(Assignment(task=task, unit=unit, name=name, role=role, position=position))
    return rows


def link_references(plan) -> None:
    """Link this plan's references to plans in the database, and references to this plan."""
    from ..models import Plan, Reference

    keys = {r.number_key for r in plan.references.all() if r.number_key}
    targets = {p.number_key: p for p in Plan.objects.filter(number_key__in=keys).exclude(pk=plan.pk)}
    for ref in plan.references.all():
        target = targets.get(ref.number_key)
        if ref.target_id != (target.pk if target else None):
            ref.target = target
            ref.save(update_fields=["target"])
    Reference.objects.filter(target=plan).exclude(number_key=plan.number_key or "-").update(target=None)
    if plan.number_key:
        Reference.objects.filter(number_key=plan.number_key).exclude(plan=plan).update(target=plan)
