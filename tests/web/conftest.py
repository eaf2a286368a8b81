"""Fixtures of the web app's tests: a small province, one user per role, clients logged in.

The province is invented ("Tỉnh Thử Nghiệm"), loaded with the default list of provincial bodies
and two communes; the plans are our own sample plan and, where a test says so, the seeds read
from ../shared at run time.
"""
from __future__ import annotations

import os
import shutil

import pytest

CI = os.environ.get("CI") == "true"


def need(condition: bool, why: str) -> None:
    """Skip on a developer machine when a service is missing; fail under CI."""
    if condition:
        return
    if CI:
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture
def require():
    """`require(condition, why)`: a missing service skips here and fails under CI=true."""
    return need


@pytest.fixture
def province(db):
    from kehoach.web.plans.services.units import load_units

    return load_units("Tỉnh Thử Nghiệm", "", [("Phường Một", "900001"), ("Xã Hai", "900002")]).province


@pytest.fixture
def unit(province):
    from kehoach.web.plans.models import Unit

    def get(name):
        return Unit.objects.get(name=name)

    return get


def _user(username, role, unit=None):
    from kehoach.web.plans.services.users import create_user

    user, _ = create_user(username, role, unit=unit, password="correct-horse-42")
    return user


@pytest.fixture
def admin_user(province, unit):
    return _user("admin", "admin", unit("Sở Văn hóa, Thể thao và Du lịch"))


@pytest.fixture
def officer(province, unit):
    """An officer of the Sở Ngoại vụ, which leads and supports tasks of the sample plan."""
    return _user("ngoaivu", "officer", unit("Sở Ngoại vụ"))


@pytest.fixture
def other_officer(province, unit):
    """An officer of the Công an tỉnh: other tasks of the sample plan."""
    return _user("congan", "officer", unit("Công an tỉnh"))


@pytest.fixture
def viewer(province):
    return _user("xem", "viewer")


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(admin_user):
    return _client(admin_user)


@pytest.fixture
def officer_client(officer):
    return _client(officer)


@pytest.fixture
def other_client(other_officer):
    return _client(other_officer)


@pytest.fixture
def viewer_client(viewer):
    return _client(viewer)


@pytest.fixture
def sample_bytes(sample_plan):
    return sample_plan.read_bytes()


@pytest.fixture
def published_sample(admin_user, sample_bytes):
    """The sample plan, ingested by the admin and published (names left over resolved by hand)."""
    from kehoach.web.plans.models import Unit
    from kehoach.web.plans.services.ingest import ingest
    from kehoach.web.plans.services.review import drop_name, publish, resolve_name, unresolved_names

    plan = ingest(sample_bytes, "sample_plan.txt", admin_user).plan
    for name in unresolved_names(plan):
        if name.startswith("Sở Văn hóa"):
            resolve_name(plan, name, Unit.objects.get(name="Sở Văn hóa, Thể thao và Du lịch"), admin_user, remember=False)
        else:
            drop_name(plan, name, admin_user)
    return publish(plan, admin_user)


@pytest.fixture
def seed_001(shared):
    return shared / "seeds" / "001_2e409d9e756cecef.txt"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    need(shutil.which("chromium") is not None or os.path.exists("/usr/bin/chromium"),
         "Debian's chromium is not installed (apt-get install chromium; `make test` does it)")
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium"}
