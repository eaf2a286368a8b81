"""Template hooks into the plans app's pages (each added there with a one-line include).

- `{% cascade_panel plan %}`: the plan page's chain up, the plans implementing it, and links to
  the coverage pages (`cascade/_plan_panel.html`);
- `{% repaired_source plan segments as source %}`: the review page's source text with the
  reader's repairs marked (`cascade/_review_source.html`).
"""
from __future__ import annotations

import logging

from django import template

register = template.Library()
log = logging.getLogger("kehoach.cascade")


@register.inclusion_tag("cascade/_plan_panel.html", takes_context=True)
def cascade_panel(context, plan):
    from ..services.graph import Cascade

    request = context.get("request")
    user = getattr(request, "user", None)
    try:
        cascade = Cascade(user)
        # Two levels each way here; the cascade page shows the whole chain.
        up, down = cascade.up(plan, depth=2), cascade.down(plan, depth=2)
    except Exception:  # noqa: BLE001 - the plan page must show even if the cascade cannot
        log.exception("cascade: panel of plan %s", plan.pk)
        return {"plan": plan, "failed": True}
    return {"plan": plan, "up": up, "down": down, "request": request}


@register.simple_tag
def repaired_source(plan, segments):
    from ..services.repairs import marked_source, reader_info, repairs_of

    repairs = repairs_of(plan)
    return {
        "html": marked_source(segments, repairs) if repairs else None,
        "repairs": sorted(repairs, key=lambda r: (r.confidence, r.index)),
        "count": len(repairs),
        "low": sum(1 for r in repairs if r.low),
        "unplaced": sum(1 for r in repairs if not r.placed),
        "format": reader_info(plan).get("format", ""),
    }


@register.filter
def progress_label(status) -> str:
    """A progress status in words (the reporting app's labels where it is installed)."""
    from ..services.rollup import status_label

    return status_label(status)
