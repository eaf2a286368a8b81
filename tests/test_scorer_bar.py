"""The reader issue's bar, measured on the real material in ../shared with its scorer.

Averages are taken as score.py's TOTAL line takes them: over the documents, skipping a
document whose figure is None.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS = ("000", "001", "002", "004")
SEED_BAR = {"task_f1": 0.85, "attribution": 0.85, "refs_f1": 0.90, "reports_f1": 0.95,
            "meta": 0.85, "dates": 0.80, "fields": 0.75, "recipients_f1": 0.90}
DEV = ("d01", "d02", "d03", "d04")
DEV_BAR = {"task_f1": 0.80, "attribution": 0.80, "meta": 0.80}


def score_set(scorer, gold_dir: Path, docs_dir: Path, prefixes: tuple[str, ...]) -> dict:
    """Extract each document whose gold file starts with one of prefixes; score; average."""
    import kehoach

    gold_files = sorted(f for f in gold_dir.glob("*.json") if f.name.startswith(prefixes))
    assert [p for p in prefixes if not any(f.name.startswith(p) for f in gold_files)] == [], gold_dir
    documents = {}
    for gold_file in gold_files:
        name = gold_file.name[: -len(".json")]
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pred = kehoach.extract(docs_dir / name).model_dump(mode="json")
        documents[name] = scorer.score_doc(gold, pred)
    total = {}
    for key in scorer.KEYS:
        values = [d[key] for d in documents.values() if d[key] is not None]
        total[key] = sum(values) / len(values) if values else None
    return {"documents": documents, "total": total}


def explain(result: dict) -> str:
    def row(scores: dict) -> str:
        return " ".join(f"{k}={scores[k]:.3f}" if scores.get(k) is not None else f"{k}=-" for k in result["total"])
    lines = [f"{name}: {row(s)}" for name, s in result["documents"].items()]
    return "\n".join(lines + [f"TOTAL: {row(result['total'])}"])


@pytest.fixture(scope="module")
def seed_result(scorer, shared: Path) -> dict:
    return score_set(scorer, shared / "gold", shared / "seeds", SEEDS)


@pytest.fixture(scope="module")
def dev_result(scorer, shared: Path) -> dict:
    return score_set(scorer, shared / "dev" / "gold", shared / "dev" / "docs", DEV)


@pytest.mark.parametrize("metric", SEED_BAR)
def test_seeds_meet_bar(seed_result: dict, metric: str) -> None:
    value = seed_result["total"][metric]
    assert value is not None and value >= SEED_BAR[metric], f"{metric} < {SEED_BAR[metric]}\n{explain(seed_result)}"


@pytest.mark.parametrize("metric", DEV_BAR)
def test_dev_set_meets_bar(dev_result: dict, metric: str) -> None:
    value = dev_result["total"][metric]
    assert value is not None and value >= DEV_BAR[metric], f"{metric} < {DEV_BAR[metric]}\n{explain(dev_result)}"
