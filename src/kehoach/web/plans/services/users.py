"""Users of the web app and their kehoach role (admin, officer of a unit, viewer)."""
from __future__ import annotations

import secrets

from django.db import transaction

from kehoach.errors import KehoachError

from .audit import record


def generate_password() -> str:
    # Readable and strong: four groups of five, no look-alike characters.
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def find_unit(name: str):
    from ..models import Unit
    from .units import Matcher

    unit = Unit.objects.filter(name=name).first() or Matcher().exact(name)
    if unit is None:
        raise KehoachError(f"unit {name!r} not found in the registry (load it with `kehoach units load` or add it)")
    return unit


def create_user(username: str, role: str, *, unit=None, password: str | None = None, email: str = "",
                update: bool = False, actor=None):
    """Create (or with `update`, change) a user; returns (user, password or None when unchanged)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from ..models import Profile, UserRole

    User = get_user_model()
    if role not in UserRole.values:
        raise KehoachError(f"role must be one of {', '.join(UserRole.values)}, not {role!r}")
    if role == UserRole.OFFICER and unit is None:
        raise KehoachError("a unit officer needs --unit")
    if not username or len(username) > 150:
        raise KehoachError("a user name of 1 to 150 characters is needed")
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is not None and not update:
            raise KehoachError(f"user {username!r} exists (use --update to change their role, unit or password)")
        new_password = password
        if user is None:
            user = User(username=username, email=email)
            new_password = password or generate_password()
        if new_password:
            try:
                validate_password(new_password, user)
            except ValidationError as error:
                raise KehoachError("password refused: " + " ".join(error.messages)) from None
            user.set_password(new_password)
        if email:
            user.email = email
        # Admins of the lead agency get Django's admin too, for users and the unit registry.
        user.is_staff = user.is_superuser = role == UserRole.ADMIN
        created = user.pk is None
        user.save()
        profile, _ = Profile.objects.get_or_create(user=user)
        before = {"role": profile.role, "unit": profile.unit_id}
        profile.role, profile.unit = role, unit
        profile.save()
        record(actor, "create" if created else "update", profile, before=None if created else before,
               after={"user": username, "role": role, "unit": unit.pk if unit else None})
    return user, new_password
