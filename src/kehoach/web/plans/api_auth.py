"""API tokens: `Authorization: Bearer <token>`. Only a hash is stored; the token is shown once."""
from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user, name: str = "") -> str:
    from .models import ApiToken

    token = "kh_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=token[:10], key_hash=_hash(token))
    return token


def user_for_token(token: str):
    from .models import ApiToken

    if not token:
        return None
    row = ApiToken.objects.select_related("user").filter(key_hash=_hash(token)).first()
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)  # at most one write a minute
    return row.user
