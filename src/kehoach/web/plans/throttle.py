"""Login throttling: after too many failures for a user name or from an address, refuse for a while.

Failures are rows in the database (not a per-process cache) so that every worker process of
the server counts the same failures.
"""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import LoginFailure


def _keys(request, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    return [f"user:{(username or '').strip().lower()}", f"addr:{address}"]


def is_throttled(request, username: str) -> bool:
    since = timezone.now() - timedelta(seconds=settings.KEHOACH_LOGIN_WINDOW_SECONDS)
    limit = settings.KEHOACH_LOGIN_MAX_FAILURES
    for key in _keys(request, username):
        # An address is allowed more failures than one name: an office shares one address.
        allowed = limit if key.startswith("user:") else limit * 4
        if LoginFailure.objects.filter(key=key, at__gte=since).count() >= allowed:
            return True
    return False


def note_failure(request, username: str) -> None:
    LoginFailure.objects.bulk_create(LoginFailure(key=key) for key in _keys(request, username))
    cutoff = timezone.now() - timedelta(days=1)
    LoginFailure.objects.filter(at__lt=cutoff).delete()


def clear_failures(request, username: str) -> None:
    LoginFailure.objects.filter(key=_keys(request, username)[0]).delete()


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed log-ins. Wait %(minutes)d minutes and try again."),
    }

    def clean(self):
        username = self.data.get("username", "")
        if is_throttled(self.request, username):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, settings.KEHOACH_LOGIN_WINDOW_SECONDS // 60)},
            )
        try:
            data = super().clean()
        except ValidationError:
            note_failure(self.request, username)
            raise
        clear_failures(self.request, username)
        return data


class ThrottledLoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True
