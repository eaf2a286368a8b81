"""Our own sample plan, written in the standard layouts, against our hand-made gold answer.

Scored with ../shared/eval/score.py, the scorer the real material is judged by.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

BAR = {"task_f1": 0.9, "attribution": 0.9, "refs_f1": 0.9, "reports_f1": 0.9, "meta": 0.9, "recipients_f1": 0.9}


@pytest.fixture(scope="module")
def predicted(sample_plan: Path) -> dict:
    import kehoach  # here, not at the top, so that a broken package fails these tests only

    return kehoach.extract(sample_plan).model_dump(mode="json")


@pytest.fixture(scope="module")
def scores(scorer, sample_gold: Path, predicted: dict) -> dict:
    gold = json.loads(sample_gold.read_text(encoding="utf-8"))
    return scorer.score_doc(gold, predicted)


@pytest.mark.parametrize("metric", BAR)
def test_sample_plan_meets_bar(scores: dict, metric: str) -> None:
    shown = " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items())
    assert scores[metric] is not None and scores[metric] >= BAR[metric], shown


def test_schema(predicted: dict) -> None:
    assert predicted["schema"] == "kehoach.plan/1"


def test_text_and_path_give_the_same_plan(sample_plan: Path, predicted: dict) -> None:
    import kehoach

    from_text = kehoach.extract(sample_plan.read_text(encoding="utf-8")).model_dump(mode="json")
    for key in ("meta", "references", "tasks", "reports", "recipients"):
        assert from_text[key] == predicted[key], key
