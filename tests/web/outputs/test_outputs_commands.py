"""The collector's entry points: the management command for cron, and `kehoach press collect`."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from kehoach.web.outputs.models import Article, Source

from press_site import Site


@pytest.mark.django_db
def test_the_cron_command_collects_and_lists_the_errors(province):
    with Site() as site:
        Source.objects.create(name="Daily", url=site.url("/feed.atom"), language="en", min_interval=0)
        Source.objects.create(name="Hỏng", url=site.url("/broken.xml"), min_interval=0)
        out = io.StringIO()
        call_command("kehoach_collect", "--no-rate-limit", stdout=out)
    text = out.getvalue()
    assert "2 sources" in text and "1 new articles" in text and "1 errors" in text
    assert "not a readable RSS/Atom feed" in text
    assert Article.objects.count() == 1


def test_kehoach_press_collect_runs_once_on_an_empty_installation(tmp_path):
    env = {**os.environ, "KEHOACH_DATA_DIR": str(tmp_path), "KEHOACH_SECRET_KEY": "test"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "kehoach", "press", "collect"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "0 sources (0 unchanged), 0 entries" in done.stdout
