"""The cascade's own data, beside the plans app's tables (which this app never changes).

- `Citation`: one per `plans.Reference`: the document a plan cites, matched to a plan in the
  database (by number-and-symbol and date, or by title where the plan has no number), or left
  as a placeholder until such a plan arrives.
- `GroupMembership`: the groups a unit belongs to ("các sở, ban, ngành", "các cơ quan thành
  viên Ban Chỉ đạo …"), so that a task addressed to a group binds each member.
- `LinkDecision`: an officer's word on a link between an upper and a lower task, for one unit:
  confirmed links are kept whatever the model says next time, rejected ones never come back.
- `CoverageCache`: the model's alignment of two plans for a unit, kept until either plan's
  tasks, the unit's groups or the alignment code change.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.web.plans.models import Plan, Reference, Task, Unit


class MatchedBy(models.TextChoices):
    NUMBER_DATE = "number_date", _("number and date")
    NUMBER = "number", _("number")
    TITLE = "title", _("title")


class Citation(models.Model):
    reference = models.OneToOneField(Reference, on_delete=models.CASCADE, related_name="citation")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="citations")  # the citing plan
    # normalise_number() of the reference's number ("37kh/tu"), and the same without slashes, which
    # is what plans are matched on ("37/KH-TU" typed for "37-KH/TU" still meets).
    key = models.CharField(max_length=100, blank=True)
    match_key = models.CharField(max_length=100, blank=True, db_index=True)
    # What the citing text says the document is about ("về triển khai công tác …"): the title
    # used to match a plan that has no number, and the placeholder's label.
    title = models.TextField(blank=True)
    target = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="cascade_cited_by")
    matched_by = models.CharField(max_length=12, choices=MatchedBy.choices, blank=True)
    score = models.FloatField(default=0.0)  # title similarity (0–100) for title matches
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "reference__position"]
        indexes = [models.Index(fields=["target"], name="citation_target")]

    def __str__(self) -> str:
        return f"{self.reference.kind} {self.reference.number}".strip()

    @property
    def is_placeholder(self) -> bool:
        return self.target_id is None


class GroupMembership(models.Model):
    """`unit` belongs to the group plans call `name`; `group` is the registry's group unit, if any."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="cascade_groups")
    name = models.CharField(_("group"), max_length=300)
    group = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="cascade_members")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="cascade_group_unique_name")]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.name}"


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class LinkDecision(models.Model):
    upper_task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    lower_task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    # Whether the model proposed the link when the officer decided (False: the officer added it).
    proposed = models.BooleanField(default=True)
    score = models.FloatField(default=0.0)
    shared = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["upper_task", "lower_task", "unit"], name="cascade_decision_unique_link"),
        ]

    def __str__(self) -> str:
        return f"{self.upper_task_id} ← {self.lower_task_id}: {self.verdict}"


class CoverageCache(models.Model):
    upper = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    lower = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    result = models.JSONField(default=dict)  # Coverage.to_json_dict(), task ids = database ids
    computed_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0.0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["upper", "lower", "unit"], name="cascade_cache_unique_triple")]
