"""Coverage of an upper plan by a lower plan, for one unit, with the officers' decisions.

The alignment itself is the library's (`kehoach.cascade.cover`), run on the reviewed tasks in
the database. This module is the thin layer around it that the library does not have:

- the unit's group memberships from the registry are passed as `member_of`;
- the model's result is cached until the tasks, the groups or the alignment code change;
- officers' decisions are applied on top: a confirmed link is kept (and added if the model did
  not propose it), a rejected one is dropped and stays dropped; statuses, gaps and the lower
  plan's own initiatives are recomputed from the links that remain.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kehoach import cascade as lib
from kehoach.errors import KehoachError
from kehoach.models import Plan as ReaderPlan
from kehoach.models import Task as ReaderTask
from kehoach.similarity import Index, shared_phrases
from kehoach.text import fold

STATUSES = ("covered", "partly", "not_taken_up")


class CoverageError(KehoachError):
    """Input we refuse; `field` names it (upper, lower, unit, upper_task, lower_task, action)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the alignment code: a new version of it recomputes every cached coverage."""
    import kehoach.cascade
    import kehoach.similarity

    digest = hashlib.sha256()
    for module in (kehoach.cascade, kehoach.similarity):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- units and groups


def member_of(unit) -> tuple[str, ...]:
    """The groups `unit` belongs to, as plans may name them: each membership's name, and the
    registry group's name and other names where the membership points at a group unit."""
    from ..models import GroupMembership

    names: list[str] = []
    for membership in GroupMembership.objects.filter(unit=unit).select_related("group"):
        names.append(membership.name)
        if membership.group is not None:
            names.extend([membership.group.name, *membership.group.aliases])
    seen, out = set(), []
    for name in names:
        key = fold(name).strip()
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


def plan_unit(plan, matcher=None):
    """The unit a plan is issued by (or for): the resolved issuer, the owner, else the registry's
    unit the issuer's name matches (`matcher`: a `Matcher` to reuse over many plans)."""
    from kehoach.web.plans.models import Unit
    from kehoach.web.plans.services.units import Matcher

    if plan.issuer_unit_id:
        return plan.issuer_unit
    if plan.owner_unit_id:
        return plan.owner_unit
    if not plan.issuer:
        return None
    matcher = matcher or Matcher()
    # A commune's plan is issued by its People's Committee; the registry names the commune.
    bare = re.sub(r"^\s*(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?=(?:xã|phường|đặc khu)\b)", "", plan.issuer, flags=re.I)
    unit = matcher.exact(plan.issuer) or (matcher.exact(bare) if bare != plan.issuer else None)
    if unit is not None:
        return unit
    wanted = lib.normalise_unit(plan.issuer)
    if not wanted:
        return None
    for candidate in Unit.objects.filter(active=True).only("pk", "name", "kind"):
        if lib.same_unit(candidate.name, plan.issuer):
            return candidate
    return None


# --------------------------------------------------------------------------- plans as the library sees them


def db_tasks(plan) -> list:
    from kehoach.web.plans.models import Assignment

    assignments = Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("role", "position", "pk"))
    return list(plan.tasks.prefetch_related(assignments).order_by("position", "pk"))


def _names(task, role: str) -> list[str]:
    """The task's units in one role: as the document wrote them (the library strips these from
    the text), then the registry's name where it differs."""
    written, registry = [], []
    for a in task.assignments.all():
        if a.role != role:
            continue
        if a.name and a.name not in written:
            written.append(a.name)
        if a.unit is not None and a.unit.name not in written and a.unit.name not in registry:
            registry.append(a.unit.name)
    return written + registry


def reader_task(task) -> ReaderTask:
    return ReaderTask(id=str(task.pk), text=task.text, lead=_names(task, "lead"), co_lead=_names(task, "co_lead"),
                      partners=_names(task, "partner"))


def fingerprint(upper_tasks, lower_tasks, unit, groups) -> str:
    def shape(tasks):
        return [[t.pk, t.text, [[a.role, a.name, a.unit_id] for a in t.assignments.all()]] for t in tasks]

    data = json.dumps([code_version(), shape(upper_tasks), shape(lower_tasks), unit.name, list(groups)], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def model_coverage(upper, lower, unit, upper_tasks=None, lower_tasks=None, groups=None) -> tuple[dict, bool, float]:
    """The library's coverage as JSON (task ids are database ids): (result, from cache, seconds)."""
    from ..models import CoverageCache

    upper_tasks = db_tasks(upper) if upper_tasks is None else upper_tasks
    lower_tasks = db_tasks(lower) if lower_tasks is None else lower_tasks
    groups = member_of(unit) if groups is None else groups
    digest = fingerprint(upper_tasks, lower_tasks, unit, groups)
    cached = CoverageCache.objects.filter(upper=upper, lower=lower, unit=unit).first()
    if cached is not None and cached.fingerprint == digest:
        return cached.result, True, cached.seconds
    started = time.perf_counter()
    result = lib.cover(
        ReaderPlan(tasks=[reader_task(t) for t in upper_tasks]),
        ReaderPlan(tasks=[reader_task(t) for t in lower_tasks]),
        unit.name,
        groups,
    ).to_json_dict()
    seconds = time.perf_counter() - started
    CoverageCache.objects.update_or_create(
        upper=upper, lower=lower, unit=unit,
        defaults={"fingerprint": digest, "result": result, "seconds": seconds},
    )
    return result, False, seconds


# --------------------------------------------------------------------------- coverage with decisions


@dataclass
class LowerLink:
    task: object
    score: float
    shared: list[str]
    verdict: str = ""  # "", "confirmed", "rejected"
    proposed: bool = True
    decision_id: int | None = None


@dataclass
class Row:
    task: object
    binding: str
    lower: list[LowerLink] = field(default_factory=list)
    rejected: list[LowerLink] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.lower:
            return "not_taken_up"
        if any(link.verdict == "confirmed" for link in self.lower):
            return "covered"
        return "covered" if max(link.score for link in self.lower) >= lib.FULL else "partly"

    @property
    def is_gap(self) -> bool:
        """Bound explicitly and carried out by no lower task: what an inspector reports."""
        return self.binding == "explicit" and not self.lower


@dataclass
class CoverageView:
    upper: object
    lower: object
    unit: object
    member_of: tuple[str, ...]
    rows: list[Row]
    own_lower: list
    upper_tasks: list
    lower_tasks: list
    cached: bool
    seconds: float

    @property
    def gaps(self) -> list[Row]:
        return [r for r in self.rows if r.is_gap]

    def counts(self) -> dict:
        counts = {s: 0 for s in STATUSES}
        for row in self.rows:
            if row.lower or row.is_gap:
                counts[row.status] += 1
        counts["gaps"] = len(self.gaps)
        counts["own"] = len(self.own_lower)
        return counts

    def to_json_dict(self) -> dict:
        """The `kehoach cover` JSON, with the database's ids and the officers' decisions beside."""
        def brief(task) -> dict:
            return {"id": task.ref or str(task.pk), "task_id": task.pk, "text": task.text, "lead": _names(task, "lead")}

        def low(link: LowerLink) -> dict:
            return {**brief(link.task), "score": round(link.score, 3), "shared": link.shared,
                    "decision": link.verdict or None, "proposed": link.proposed}

        return {
            "unit": self.unit.name,
            "unit_id": self.unit.pk,
            "member_of": list(self.member_of),
            "upper": {"id": self.upper.pk, "label": self.upper.label()},
            "lower": {"id": self.lower.pk, "label": self.lower.label()},
            "links": [
                {"upper": brief(row.task), "binding": row.binding, "status": row.status,
                 "lower": [low(link) for link in row.lower], "rejected": [low(link) for link in row.rejected]}
                for row in self.rows
            ],
            "own_lower": [brief(t) for t in self.own_lower],
        }


class _PairScores:
    """Scores for links the model did not propose, on the same features as the model's."""

    def __init__(self, upper_tasks, lower_tasks):
        self.upper = {t.pk: i for i, t in enumerate(upper_tasks)}
        self.lower = {t.pk: len(upper_tasks) + i for i, t in enumerate(lower_tasks)}
        self.index = Index.build([lib._content(reader_task(t)) for t in [*upper_tasks, *lower_tasks]])

    def score(self, upper_pk: int, lower_pk: int) -> float:
        return self.index.cosine(self.upper[upper_pk], self.lower[lower_pk])


def coverage_for(upper, lower, unit) -> CoverageView:
    from ..models import LinkDecision

    upper_tasks, lower_tasks = db_tasks(upper), db_tasks(lower)
    groups = member_of(unit)
    result, cached, seconds = model_coverage(upper, lower, unit, upper_tasks, lower_tasks, groups)
    uppers = {t.pk: t for t in upper_tasks}
    lowers = {t.pk: t for t in lower_tasks}

    rows: dict[int, Row] = {}
    for item in result.get("links", []):
        task = uppers.get(int(item["upper"]["id"]))
        if task is None:
            continue
        row = Row(task, item.get("binding") or "")
        for low in item.get("lower", []):
            lower_task = lowers.get(int(low["id"]))
            if lower_task is not None:
                row.lower.append(LowerLink(lower_task, float(low.get("score") or 0), list(low.get("shared") or [])))
        rows[task.pk] = row

    decisions = LinkDecision.objects.filter(unit=unit, upper_task__in=list(uppers), lower_task__in=list(lowers))
    pair_scores = None
    for decision in decisions.order_by("decided_at", "pk"):
        row = rows.get(decision.upper_task_id)
        if row is None:
            bound = lib.binding(reader_task(uppers[decision.upper_task_id]), unit.name, groups)
            row = rows[decision.upper_task_id] = Row(uppers[decision.upper_task_id], bound or "officer")
        link = next((x for x in row.lower if x.task.pk == decision.lower_task_id), None)
        if link is None:
            if pair_scores is None:
                pair_scores = _PairScores(upper_tasks, lower_tasks)
            lower_task = lowers[decision.lower_task_id]
            link = LowerLink(lower_task, pair_scores.score(decision.upper_task_id, decision.lower_task_id),
                             shared_phrases(lower_task.text, row.task.text), proposed=False)
            row.lower.append(link)
        link.verdict, link.decision_id = decision.verdict, decision.pk
        if decision.verdict == "rejected":
            row.lower.remove(link)
            row.rejected.append(link)

    kept = []
    for task in upper_tasks:  # in the upper plan's order
        row = rows.get(task.pk)
        if row is None:
            continue
        row.lower.sort(key=lambda x: (x.verdict != "confirmed", -x.score))
        # As the library does: a group or open task appears where something carries it out.
        if row.lower or row.binding == "explicit" or row.rejected:
            kept.append(row)
    linked = {link.task.pk for row in kept for link in row.lower}
    own = [t for t in lower_tasks if t.pk not in linked and t.text.strip()]
    return CoverageView(upper, lower, unit, groups, kept, own, upper_tasks, lower_tasks, cached, seconds)


# --------------------------------------------------------------------------- decisions


ACTIONS = {"confirm": "confirmed", "add": "confirmed", "reject": "rejected"}


def decide(user, upper, lower, unit, upper_task_id, lower_task_id, action: str):
    """Confirm, add or reject the link upper task ← lower task for `unit`, or undo a decision
    ("undo"); one transaction with its audit entry. Returns the decision (None after undo)."""
    from kehoach.web.plans.models import Task
    from kehoach.web.plans.services.audit import record

    from ..models import LinkDecision

    if action not in (*ACTIONS, "undo"):
        raise CoverageError(_("Unknown action “%(action)s”.") % {"action": action}, "action")
    upper_task = Task.objects.filter(pk=_int(upper_task_id, "upper_task"), plan=upper).first()
    if upper_task is None:
        raise CoverageError(_("upper_task: no such task in the upper plan."), "upper_task")
    lower_task = Task.objects.filter(pk=_int(lower_task_id, "lower_task"), plan=lower).first()
    if lower_task is None:
        raise CoverageError(_("lower_task: no such task in the lower plan."), "lower_task")

    view = coverage_for(upper, lower, unit)
    proposed = {(row.task.pk, link.task.pk): link for row in view.rows for link in [*row.lower, *row.rejected]}
    current = proposed.get((upper_task.pk, lower_task.pk))
    with transaction.atomic():
        existing = LinkDecision.objects.select_for_update().filter(
            upper_task=upper_task, lower_task=lower_task, unit=unit).first()
        before = _snapshot(existing)
        if action == "undo":
            if existing is None:
                raise CoverageError(_("This link has no decision to undo."), "action")
            record(user, "undo_link", existing, before=before, plan=lower)
            existing.delete()
            return None
        decision = existing or LinkDecision(upper_task=upper_task, lower_task=lower_task, unit=unit)
        decision.verdict = ACTIONS[action]
        if existing is None:
            decision.proposed = current is not None and current.proposed
        if current is not None:
            decision.score, decision.shared = round(current.score, 3), current.shared
        else:
            scores = _PairScores(view.upper_tasks, view.lower_tasks)
            decision.score = round(scores.score(upper_task.pk, lower_task.pk), 3)
            decision.shared = shared_phrases(lower_task.text, upper_task.text)
        decision.decided_by = user if getattr(user, "is_authenticated", False) else None
        from django.utils import timezone

        decision.decided_at = timezone.now()
        decision.save()
        verb = {"confirmed": "confirm_link", "rejected": "reject_link"}[decision.verdict]
        if decision.verdict == "confirmed" and not decision.proposed:
            verb = "add_link"
        record(user, verb, decision, before=before, after=_snapshot(decision), plan=lower)
    return decision


def _int(value, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CoverageError(_("%(field)s: a task id is required.") % {"field": name}, name) from None


def _snapshot(decision) -> dict | None:
    if decision is None:
        return None
    return {"upper_task": decision.upper_task_id, "lower_task": decision.lower_task_id, "unit": decision.unit_id,
            "verdict": decision.verdict, "proposed": decision.proposed, "score": decision.score}
