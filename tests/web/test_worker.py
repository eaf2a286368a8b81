"""A real Celery worker (`celery -A kehoach.web worker --pool=solo`) against the local Redis runs
an ingestion job submitted by another process; both see one SQLite file."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.worker

DRIVER = r"""
import json, os, shutil, sys, time
import django
django.setup()
from django.conf import settings
from kehoach.web.jobs import submit
from kehoach.web.plans.models import Plan

folder = settings.MEDIA_ROOT / "incoming" / "worker-test"
folder.mkdir(parents=True, exist_ok=True)
shutil.copy(sys.argv[1], folder / "sample_plan.txt")
job = submit("ingest_files", {"files": [{"path": str(folder / "sample_plan.txt"), "name": "sample_plan.txt"}]})
deadline = time.time() + 90
while time.time() < deadline:
    job.refresh_from_db()
    if job.finished:
        break
    time.sleep(0.3)
plan = Plan.objects.filter(pk=(job.result.get("files") or [{}])[0].get("plan") or 0).first()
print(json.dumps({"status": job.status, "message": job.message, "result": job.result,
                  "tasks": plan.tasks.count() if plan else 0, "started": job.started_at is not None}))
"""


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_a_real_worker_runs_an_ingestion_job(tmp_path, sample_plan, require):
    require(_redis_up(), "Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    queue = f"kehoach-test-{uuid.uuid4().hex[:8]}"  # no other worker takes our job
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kehoach.web.settings",
        "KEHOACH_DATA_DIR": str(tmp_path),
        "KEHOACH_SECRET_KEY": "worker-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kehoach.sqlite3'}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/15",
        "KEHOACH_CELERY_QUEUE": queue,
    }
    python = sys.executable
    celery = str(Path(python).with_name("celery"))
    setup = subprocess.run([python, "-m", "kehoach", "units", "load", "--province", "Đồng Nai", "--no-communes"],
                           env=env, capture_output=True, text=True, timeout=120)
    assert setup.returncode == 0, setup.stderr
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(
            [celery, "-A", "kehoach.web", "worker", "--pool=solo", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-Q", queue, "--loglevel=INFO"],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        driver = subprocess.run([python, "-c", DRIVER, str(sample_plan)], env=env, capture_output=True, text=True,
                                timeout=150)
        assert driver.returncode == 0, driver.stderr
        job = json.loads(driver.stdout.strip().splitlines()[-1])
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    worker_log = log.read_text()
    assert job["status"] == "done", (job, worker_log[-2000:])
    assert job["result"]["files"][0]["ok"] and job["tasks"] == 21
    # The worker ran it: its log shows the task received and succeeded.
    assert "kehoach.run_job" in worker_log and "succeeded" in worker_log
