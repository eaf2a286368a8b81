"""Who may see and decide what in the cascade; the pages and the API ask these same functions.

- a chain or graph shows the plans the user may see (`plans.permissions.plans_for`), and the
  documents they cite; nothing else;
- a coverage (upper plan, lower plan, unit) needs both plans visible; an officer sees it for
  their own unit or a unit under it (a phòng of their Sở), since it is about that unit's work;
- confirming, rejecting or adding links: administrators, and officers of the unit (or above it);
- a unit's group memberships: administrators, who keep the unit registry.
Objects a user may not see are 404; visible things they may not change are 403.
"""
from __future__ import annotations

from kehoach.web.plans.permissions import ADMIN, OFFICER, VIEWER, can_manage_units, plans_for, role_of, unit_of


def _within(unit, ancestor) -> bool:
    node, hops = unit, 0
    while node is not None and hops < 10:
        if node.pk == ancestor.pk:
            return True
        node, hops = node.parent, hops + 1
    return False


def _officer_of(user, unit) -> bool:
    mine = unit_of(user)
    return mine is not None and unit is not None and _within(unit, mine)


def visible_plan(user, pk):
    """The plan, when the user may see it; None otherwise."""
    return plans_for(user).filter(pk=pk).select_related("issuer_unit", "owner_unit").first()


def can_view_coverage(user, unit) -> bool:
    role = role_of(user)
    if role in (ADMIN, VIEWER):
        return True
    return role == OFFICER and _officer_of(user, unit)


def can_decide(user, unit) -> bool:
    role = role_of(user)
    return role == ADMIN or (role == OFFICER and _officer_of(user, unit))


def can_edit_groups(user) -> bool:
    return can_manage_units(user)
