"""Jobs: work slower than a page view, with progress the page can show.

`submit(kind, params, user)` records a `Job` and runs it
- on a Celery worker when CELERY_BROKER_URL is set (`celery -A kehoach.web worker`);
- otherwise in this process: in a background thread (`KEHOACH_JOBS_INLINE=thread`, the default,
  so `kehoach serve --demo` needs no broker) or inside the caller (`eager`, used by the tests).

A handler gets the job and a `progress(done, total, message)` callback, and returns the result
(a JSON-able dict). An exception fails the job with a one-line message; never a traceback.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task

log = logging.getLogger("kehoach.jobs")
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _ingest_files(job, progress) -> dict:
    """Bulk ingestion: the files were stored under DATA_DIR/incoming/<job id>/ by the caller."""
    from pathlib import Path

    from django.contrib.auth import get_user_model

    from .plans.services.files import UploadError
    from .plans.services.ingest import ingest

    user = get_user_model().objects.filter(pk=job.params.get("user")).first()
    lines = []
    files = job.params["files"]
    for number, item in enumerate(files, start=1):
        path = Path(item["path"])
        try:
            result = ingest(path.read_bytes(), item["name"], user, publish=job.params.get("publish", False))
            lines.append({"name": item["name"], "ok": True, "plan": result.plan.pk, "created": result.created,
                          "message": result.message})
        except UploadError as error:
            lines.append({"name": item["name"], "ok": False, "message": str(error)})
        except Exception as error:  # one bad file must not stop the others
            log.exception("ingesting %s", item["name"])
            lines.append({"name": item["name"], "ok": False, "message": f"{item['name']}: internal error ({type(error).__name__})"})
        finally:
            path.unlink(missing_ok=True)
        progress(number, len(files), lines[-1]["message"])
    return {"files": lines}


def _ocr(job, progress) -> dict:
    from pathlib import Path

    from django.contrib.auth import get_user_model

    from .plans.services.ingest import ingest
    from .plans.services.ocr import ocr_pdf

    user = get_user_model().objects.filter(pk=job.params.get("user")).first()
    path = Path(job.params["path"])
    data = path.read_bytes()
    text = ocr_pdf(data, job.params["name"], progress)
    result = ingest(data, job.params["name"], user, ocr_text=text)
    path.unlink(missing_ok=True)
    return {"plan": result.plan.pk, "created": result.created, "message": result.message}


HANDLERS = {"ingest_files": _ingest_files, "ocr": _ocr}


def submit(kind: str, params: dict, user=None):
    from django.conf import settings
    from django.db import transaction

    from .plans.models import Job

    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, params=params, created_by=user if user and user.is_authenticated else None)
    job_id = str(job.id)
    if settings.CELERY_BROKER_URL:
        from .celery import app

        # After the commit, so the worker finds the job row.
        transaction.on_commit(lambda: app.send_task("kehoach.run_job", args=[job_id]))
    elif settings.KEHOACH_JOBS_INLINE == "eager":
        run_job(job_id)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: _thread_pool().submit(_run_in_thread, job_id))
    return job


def _thread_pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kehoach-job")
        return _executor


def _run_in_thread(job_id: str) -> None:
    from django.db import close_old_connections

    try:
        run_job(job_id)
    finally:
        close_old_connections()


def run_job(job_id: str) -> None:
    from django.utils import timezone

    from kehoach.errors import KehoachError

    from .plans.models import Job, JobStatus

    job = Job.objects.get(pk=job_id)
    if job.finished:
        return
    job.status, job.started_at = JobStatus.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])

    def progress(done: int, total: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(progress=done, total=total, message=message[:2000])

    try:
        result = HANDLERS[job.kind](job, progress)
    except KehoachError as error:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, message=str(error), finished_at=timezone.now())
        return
    except Exception as error:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=f"internal error ({type(error).__name__}: {error})", finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, result=result, finished_at=timezone.now())


@shared_task(name="kehoach.run_job")
def run_job_task(job_id: str) -> None:
    run_job(job_id)
