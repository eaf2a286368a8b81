from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CascadeConfig(AppConfig):
    name = "kehoach.web.cascade"
    label = "cascade"
    verbose_name = _("Plan cascade")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Plans arriving or changing link up the references waiting for them (signals.py).
        from . import signals  # noqa: F401
