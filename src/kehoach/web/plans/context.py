"""Template context for every page: who the user is in kehoach (role and unit)."""
from __future__ import annotations

from django.conf import settings

from .permissions import can_upload, is_admin, role_of, unit_of


def kehoach(request):
    user = getattr(request, "user", None)
    return {
        "kh_role": role_of(user),
        "kh_unit": unit_of(user),
        "kh_is_admin": is_admin(user),
        "kh_can_upload": can_upload(user),
        "kh_max_upload_mb": settings.KEHOACH_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
