"""Run a benchmark's inner part in a fresh process on a throw-away database (SQLite or PostgreSQL)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile


def run_inner(script: str, db: str, args: list[str], extra_env: dict | None = None, label: str = "benchmark") -> dict:
    """`python SCRIPT --inner DB ARGS…` with its own data folder and database; its last stdout line is JSON."""
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        env = {**os.environ, "KEHOACH_DATA_DIR": tmp, "KEHOACH_SECRET_KEY": "bench", "KEHOACH_JOBS_INLINE": "eager",
               "DJANGO_SETTINGS_MODULE": "kehoach.web.settings", **(extra_env or {})}
        env.pop("CELERY_BROKER_URL", None)
        name = f"kehoach_bench_{os.getpid()}"
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
        quiet = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
        if db == "postgres":
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
            subprocess.run(psql + [f"DROP DATABASE IF EXISTS {name}"], check=True, env=quiet)
            subprocess.run(psql + [f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"], check=True, env=quiet)
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        try:
            done = subprocess.run([sys.executable, script, "--inner", db, *args], env=env,
                                  capture_output=True, text=True, timeout=1800)
        finally:
            if db == "postgres":
                subprocess.run(psql + [f"DROP DATABASE IF EXISTS {name}"], check=False, env=quiet)
        if done.returncode != 0:
            raise SystemExit(f"{db}: the {label} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])
