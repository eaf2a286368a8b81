"""Plans arriving, changing or going: the cascade's citations follow (no edit of the plans app).

Ingestion writes a plan, then its references in the same transaction; the citations of those
references are made once the transaction commits. Any failure here is logged and never breaks
the ingestion or the edit that saved the plan.
"""
from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kehoach.web.plans.models import Plan

log = logging.getLogger("kehoach.cascade")


def _safely(what, func, *args) -> None:
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's work intact
            func(*args)
    except Exception:  # noqa: BLE001 - linking is secondary to saving the plan
        log.exception("cascade: %s failed", what)


@receiver(post_save, sender=Plan, dispatch_uid="cascade_plan_saved")
def plan_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import linking

    _safely("linking plan %s" % instance.pk, linking.plan_saved, instance)
    plan_id = instance.pk

    def after_commit():
        plan = Plan.objects.filter(pk=plan_id).only("pk", "source_text").first()
        if plan is not None:
            _safely("citations of plan %s" % plan_id, linking.sync_plan, plan)

    transaction.on_commit(after_commit)


@receiver(post_delete, sender=Plan, dispatch_uid="cascade_plan_deleted")
def plan_deleted(sender, instance, **kwargs):
    from .services import linking

    _safely("unlinking plan %s" % instance.pk, linking.plan_deleted, instance.pk)
