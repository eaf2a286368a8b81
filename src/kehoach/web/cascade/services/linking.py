"""Linking plans by the documents they cite.

Each `plans.Reference` gets a `Citation`, matched to a plan in the database:

1. by number-and-symbol: `normalise_number` of both ("Kế hoạch số 37-KH/TU" and "37 -KH/TU"
   meet), compared without slashes so "37/KH-TU" typed for "37-KH/TU" still meets; where
   several plans carry the number (numbering restarts every term), the one with the cited date,
   else the cited year, is taken; a plan of another year is never taken;
2. by title where the plan has no number (the reader found none, or a draft): the words the
   citing text gives after "về …" against the plan's title, folded, with kind, date and issuer
   agreeing where both sides give them.

A citation matched to nothing is a placeholder; it links up when a matching plan is saved
(`signals.py` calls `plan_saved`).
"""
from __future__ import annotations

import logging
import re

from kehoach.reader.references import normalise_number
from kehoach.text import fold

log = logging.getLogger("kehoach.cascade")

# Title matching: rapidfuzz token_sort_ratio on folded titles, at least this (lower when the
# dates agree too); titles shorter than MIN_TITLE_WORDS words are too vague to match on.
TITLE_MATCH = 88
TITLE_MATCH_SAME_DATE = 78
MIN_TITLE_WORDS = 4

_TITLE_END = re.compile(
    r"\s*(?:[;:(“\"]|\.\s|\.$|,\s+(?:Sở|Ủy ban|UBND|Ban|Tỉnh|Thực hiện|Căn cứ|Theo|Nhằm|Để|xây dựng|ban hành)\b)"
)


def number_key(number: str | None) -> str:
    return normalise_number(number or "")[:100] if number else ""


def loose_key(number: str | None) -> str:
    return number_key(number).replace("/", "")


def _leading_digits(number: str) -> str:
    m = re.match(r"\D*(\d+)", number or "")
    return m.group(1) if m else ""


def cited_title(source_text: str, number: str) -> str:
    """What the citing text says the cited document is about: the words after "về" that follow
    its number ("… 37-KH/TU ngày 29/9/2025 của Ban Thường vụ Tỉnh ủy về triển khai …")."""
    if not source_text or not number:
        return ""
    chars = [re.escape(c) for c in re.sub(r"\s+", "", number)]
    if not chars:
        return ""
    pattern = re.compile(r"\s*-?\s*".join(chars), re.I)
    m = pattern.search(source_text)
    if not m:
        return ""
    tail = " ".join(source_text[m.end(): m.end() + 500].split())
    about = re.search(r"\b(?:về việc|v/v|về)\s+", tail[:160], re.I)
    if not about:
        return ""
    title = tail[about.end():]
    end = _TITLE_END.search(title)
    if end:
        title = title[: end.start()]
    return title.strip(" ,.")[:300]


def _plan_key_fields():
    return ("pk", "number", "date", "title", "doc_type", "issuer")


def _dates_agree(a, b) -> bool:
    return a is None or b is None or a == b


def _issuers_agree(a: str, b: str) -> bool:
    if not a or not b:
        return True
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(fold(a), fold(b)) >= 80


def _kinds_agree(a: str, b: str) -> bool:
    return not a or not b or fold(a) == fold(b)


def match_by_number(citation, candidates):
    """(plan, matched_by) among `candidates` (plans carrying a number) for `citation`."""
    ref = citation.reference
    same = [p for p in candidates if p.pk != citation.plan_id and loose_key(p.number) == citation.match_key]
    if not same:
        return None, ""
    if ref.date:
        exact = [p for p in same if p.date == ref.date]
        if exact:
            return _best(exact, ref), "number_date"
        # A date misread by OCR keeps its year; a plan of another year is another document.
        same = [p for p in same if p.date is None or p.date.year == ref.date.year]
        if not same:
            return None, ""
    return _best(same, ref), "number"


def _best(plans, ref):
    """Same kind of document first, then the same issuer, then the newest row."""
    return max(plans, key=lambda p: (_kinds_agree(ref.kind, p.doc_type), _issuers_agree(ref.issuer, p.issuer), p.pk))


def title_score(citation, plan) -> float:
    """How well `plan` fits a citation by title (0 when kind, date or issuer disagree)."""
    from rapidfuzz import fuzz

    ref = citation.reference
    if plan.pk == citation.plan_id or not citation.title or not plan.title:
        return 0.0
    a, b = fold(citation.title), fold(plan.title)
    if len(a.split()) < MIN_TITLE_WORDS or len(b.split()) < MIN_TITLE_WORDS:
        return 0.0
    if not (_kinds_agree(ref.kind, plan.doc_type) and _dates_agree(ref.date, plan.date) and _issuers_agree(ref.issuer, plan.issuer)):
        return 0.0
    score = fuzz.token_sort_ratio(a, b)
    needed = TITLE_MATCH_SAME_DATE if ref.date and plan.date == ref.date else TITLE_MATCH
    return float(score) if score >= needed else 0.0


def resolve(citation, numbered=None, unnumbered=None) -> bool:
    """Match one citation; True when its target changed. `numbered`/`unnumbered`: candidate plans
    (fetched here when not given)."""
    from kehoach.web.plans.models import Plan

    fields = _plan_key_fields()
    target, how, score = None, "", 0.0
    if citation.match_key:
        if numbered is None:
            digits = _leading_digits(citation.reference.number)
            numbered = Plan.objects.exclude(number="").filter(number__contains=digits).only(*fields[1:])
        target, how = match_by_number(citation, numbered)
    if target is None and citation.title:
        if unnumbered is None:
            unnumbered = Plan.objects.filter(number="").only(*fields[1:])
        scored = [(title_score(citation, p), p) for p in unnumbered]
        scored = [(s, p) for s, p in scored if s > 0]
        if scored:
            score, target = max(scored, key=lambda sp: (sp[0], sp[1].pk))
            how = "title"
    new_id = target.pk if target else None
    if (citation.target_id, citation.matched_by, citation.score) == (new_id, how, score):
        return False
    citation.target_id, citation.matched_by, citation.score = new_id, how, score
    if citation.pk:
        citation.save(update_fields=["target", "matched_by", "score", "updated_at"])
    return True


def sync_plan(plan) -> int:
    """Make sure every reference of `plan` has a citation, matched; the number created."""
    from ..models import Citation

    missing = list(plan.references.filter(citation__isnull=True).order_by("position"))
    if not missing:
        return 0
    source = plan.source_text if "source_text" not in plan.get_deferred_fields() else type(plan).objects.filter(
        pk=plan.pk).values_list("source_text", flat=True).first() or ""
    created = []
    for ref in missing:
        citation = Citation(reference=ref, plan_id=plan.pk, key=number_key(ref.number), match_key=loose_key(ref.number),
                            title=cited_title(source, ref.number))
        resolve(citation)
        created.append(citation)
    Citation.objects.bulk_create(created, ignore_conflicts=True)  # a concurrent request may have made them
    return len(created)


def sync_missing() -> int:
    """Citations for every reference that has none yet (references are written after their plan)."""
    from kehoach.web.plans.models import Plan, Reference

    # From the references' side: a plan citing nothing has nothing to make.
    plan_ids = set(Reference.objects.filter(citation__isnull=True).values_list("plan_id", flat=True))
    if not plan_ids:
        return 0
    total = 0
    for plan in Plan.objects.filter(pk__in=plan_ids).only("pk", "source_text"):
        total += sync_plan(plan)
    return total


def plan_saved(plan) -> None:
    """A plan arrived or changed: placeholders that name it link up, links to it that no longer
    fit are undone (and matched again), and references written since get their citations."""
    from ..models import Citation

    sync_missing()
    key = loose_key(plan.number)
    others = Citation.objects.exclude(plan_id=plan.pk).select_related("reference")
    if key:
        # Placeholders with its number, and links to another plan of that number it may fit better.
        candidates = others.filter(match_key=key)
    else:
        candidates = others.filter(target__isnull=True).exclude(title="")
    for citation in candidates:
        resolve(citation)
    for citation in Citation.objects.filter(target_id=plan.pk).select_related("reference"):
        resolve(citation)


def plan_deleted(plan_id) -> None:
    """The plan's citers became placeholders (SET_NULL); another plan may now fit them."""
    from ..models import Citation

    for citation in Citation.objects.filter(target__isnull=True, matched_by__gt="").select_related("reference"):
        citation.matched_by, citation.score = "", 0.0
        citation.save(update_fields=["matched_by", "score", "updated_at"])
        resolve(citation)
