"""The web app's commands: `kehoach units`, `ingest`, `createuser`, and a light `extract` start-up."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.fixture
def env(tmp_path):
    return {
        **os.environ,
        "KEHOACH_DATA_DIR": str(tmp_path / "data"),
        "KEHOACH_SECRET_KEY": "cli-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kehoach.web.settings",
    }


def kehoach(env, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "kehoach", *args], env=env, capture_output=True, text=True,
                          input=stdin, timeout=180)


def test_units_load_creates_every_commune_of_the_province(env):
    done = kehoach(env, "units", "load", "--province", "Đồng Nai")
    assert done.returncode == 0, done.stderr
    assert "95 communes and wards" in done.stdout
    again = kehoach(env, "units", "load", "--province", "dong nai")  # idempotent, any spelling
    assert again.returncode == 0 and "0 units created" in again.stdout
    listing = kehoach(env, "units", "list", "--kind", "commune").stdout.splitlines()
    assert len(listing) == 95 and any("UBND phường Biên Hòa" in line for line in listing)
    missing = kehoach(env, "units", "load", "--province", "Atlantis")
    assert missing.returncode == 2 and "Atlantis" in missing.stderr and "Traceback" not in missing.stderr


def test_ingest_prints_a_line_per_file_and_fails_on_bad_ones(env, sample_plan, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("shopping list\nmilk\n")
    done = kehoach(env, "ingest", str(sample_plan), str(junk), str(tmp_path / "missing.txt"))
    lines = done.stdout.splitlines()
    assert done.returncode == 2
    assert lines[0].startswith("✓ sample_plan.txt: draft #1, 21 tasks")
    assert lines[1].startswith("✗ junk.txt: not a plan")
    assert lines[2].startswith("✗") and "missing.txt" in lines[2]
    assert lines[-1] == "1 read, 2 failed"
    again = kehoach(env, "ingest", str(sample_plan))
    assert again.returncode == 0 and again.stdout.startswith("= sample_plan.txt: already uploaded as plan #1")


def test_createuser_generates_a_password_shown_once(env):
    kehoach(env, "units", "load", "--province", "Đồng Nai", "--no-communes")
    done = kehoach(env, "createuser", "ngoaivu", "--role", "officer", "--unit", "Sở Ngoại vụ", "--token")
    assert done.returncode == 0, done.stderr
    assert "officer of Sở Ngoại vụ" in done.stdout
    assert "password (shown once): " in done.stdout and "API token (shown once): kh_" in done.stdout
    twice = kehoach(env, "createuser", "ngoaivu", "--role", "viewer")
    assert twice.returncode == 2 and "exists" in twice.stderr
    no_unit = kehoach(env, "createuser", "x", "--role", "officer")
    assert no_unit.returncode == 2 and "--unit" in no_unit.stderr
    weak = kehoach(env, "createuser", "y", "--password-stdin", stdin="123\n")
    assert weak.returncode == 2 and "password refused" in weak.stderr


def test_extract_does_not_load_django():
    code = "import sys, kehoach.cli as c; c.build_parser(); print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
