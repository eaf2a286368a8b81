"""Shared fixtures: where the repository and the shared material (../shared) are.

The real plans, their gold answers and the scorer live in ../shared, beside the repository,
and never enter it. Set KEHOACH_SHARED to use another copy. Without it, the tests that need
it are skipped on a developer machine and fail under CI (CI=true).
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KEHOACH_SHARED") or REPO_ROOT.parent / "shared")
SAMPLE_PLAN = REPO_ROOT / "src" / "kehoach" / "data" / "sample_plan.txt"
SAMPLE_GOLD = REPO_ROOT / "tests" / "data" / "sample_plan.gold.json"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared material; its scorer marks a usable copy."""
    if not (SHARED / "eval" / "score.py").is_file():
        why = f"shared material not found at {SHARED} (set KEHOACH_SHARED)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return SHARED


@pytest.fixture(scope="session")
def scorer(shared: Path) -> ModuleType:
    """../shared/eval/score.py, imported from its path (it is not a package)."""
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("kehoach_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample_plan() -> Path:
    return SAMPLE_PLAN


@pytest.fixture(scope="session")
def sample_gold() -> Path:
    return SAMPLE_GOLD
