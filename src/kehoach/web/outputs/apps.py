from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutputsConfig(AppConfig):
    name = "kehoach.web.outputs"
    label = "outputs"
    verbose_name = _("Outputs and press coverage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks

        hooks.register_reporting_sources()
        hooks.register_calendar()
