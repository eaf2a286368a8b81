"""Two uploads at the same moment: the same file gives one plan; different files give two."""
from __future__ import annotations

import threading

import pytest

from kehoach.web.plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)


def _in_threads(*calls):
    from django.db import connection

    results, errors = [None] * len(calls), []
    barrier = threading.Barrier(len(calls))

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


def test_the_same_file_uploaded_twice_at_once_gives_one_plan(admin_user, sample_bytes):
    from kehoach.web.plans.services.ingest import ingest

    results = _in_threads(lambda: ingest(sample_bytes, "a.txt", admin_user), lambda: ingest(sample_bytes, "b.txt", admin_user))
    assert Plan.objects.count() == 1
    assert {r.plan.pk for r in results} == {Plan.objects.get().pk}
    assert sorted(r.created for r in results) == [False, True]
    assert Plan.objects.get().tasks.count() == 21  # the winner's rows, whole


def test_different_files_at_once_both_land(admin_user, sample_bytes):
    from kehoach.web.plans.services.ingest import ingest

    other = sample_bytes.replace(b"45/KH-SVHTTDL", b"46/KH-SVHTTDL")
    results = _in_threads(lambda: ingest(sample_bytes, "a.txt", admin_user), lambda: ingest(other, "b.txt", admin_user))
    assert all(r.created for r in results)
    assert Plan.objects.count() == 2


def test_two_reviewers_resolving_the_same_name_at_once(admin_user, sample_bytes, unit):
    from kehoach.web.plans.models import Assignment
    from kehoach.web.plans.services.ingest import ingest
    from kehoach.web.plans.services.review import resolve_name

    plan = ingest(sample_bytes, "a.txt", admin_user).plan
    name = "Báo Lâm Viên"
    target = unit("Báo và Phát thanh, Truyền hình Thử Nghiệm")
    counts = _in_threads(lambda: resolve_name(plan, name, target, admin_user),
                         lambda: resolve_name(plan, name, target, admin_user))
    assert sum(counts) >= 1
    assert not Assignment.objects.filter(task__plan=plan, name=name, unit__isnull=True).exists()
    assert Assignment.objects.filter(task__plan=plan, unit=target).count() == Assignment.objects.filter(
        task__plan=plan, unit=target).values("task", "role").distinct().count()
