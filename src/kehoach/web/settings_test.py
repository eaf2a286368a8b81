"""Settings for the test suite: the real settings, with a throw-away data folder and a fixed key.

pytest-django imports this before any conftest runs, so the environment is prepared here.
"""
import atexit
import os
import shutil
import tempfile

if not os.environ.get("KEHOACH_DATA_DIR"):
    os.environ["KEHOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="kehoach-test-")
    atexit.register(shutil.rmtree, os.environ["KEHOACH_DATA_DIR"], True)
os.environ.setdefault("KEHOACH_SECRET_KEY", "kehoach-tests-only-not-secret")
os.environ.setdefault("KEHOACH_JOBS_INLINE", "eager")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + ORM + Playwright together

from .settings import *  # noqa: E402,F401,F403
from .settings import DATABASES  # noqa: E402

# Fast hashing: the tests create many users; production keeps Django's PBKDF2 default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: the concurrency, browser and worker tests use several connections at once.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["KEHOACH_DATA_DIR"], "test.sqlite3")}
