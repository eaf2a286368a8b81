"""The Celery app: `celery -A kehoach.web worker` runs the jobs of `kehoach.web.jobs`."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.web.settings")

app = Celery("kehoach")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Celery's Django fix-up calls django.setup() in the worker, since DJANGO_SETTINGS_MODULE is set.
app.conf.imports = ("kehoach.web.jobs",)

