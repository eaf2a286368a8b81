"""Fixtures of the cascade tests (plans in cascade_plans.py)."""
from __future__ import annotations

import pytest
from cascade_plans import SO, UPPER, lower_text


@pytest.fixture
def ingest_text(admin_user):
    """`ingest_text(text, name)`: the plan read from `text`, as a draft of the admin."""
    from kehoach.web.plans.services.ingest import ingest

    def run(text: str, name: str, user=None, publish: bool = False):
        return ingest(text.encode("utf-8"), name, user or admin_user, publish=publish).plan

    return run


@pytest.fixture
def upper_plan(ingest_text):
    return ingest_text(UPPER, "37-KH-TU.txt")


@pytest.fixture
def lower_plan(ingest_text, upper_plan):
    return ingest_text(lower_text(), "12-KH-SVHTTDL.txt")


@pytest.fixture
def so(unit):
    return unit(SO)
