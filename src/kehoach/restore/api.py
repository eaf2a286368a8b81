"""The plain function API, and the per-process cache of models (built once, on first use)."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

from ..errors import ReadError
from .model import CORPUS_WEIGHT, Model, corpus_files, packaged_model
from .restorer import Restoration, Restorer, measure, needs_restoring

__all__ = ["load_model", "needs_restoring", "restore"]

_packaged: Model | None = None
_restorers: dict[tuple, Restorer] = {}


def _base() -> Model:
    global _packaged
    if _packaged is None:
        _packaged = packaged_model()
    return _packaged


def _corpus_key(corpus: Path) -> tuple:
    if not corpus.is_dir():
        raise ReadError(f"{corpus.name or corpus}: corpus folder not found")
    files = corpus_files(corpus)
    if not files:
        raise ReadError(f"{corpus.name or corpus}: corpus folder has no .txt or .md file")
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def load_model(corpus: Path | None = None) -> Model:
    """The packaged model, plus the n-grams of every clean text file under `corpus`.

    Training on a few plans takes a fraction of a second, so corpus models are kept in memory
    for the process only, not cached on disk.
    """
    base = _base()
    if corpus is None:
        if not base._compiled:
            base.compile()
        return base
    from ..reader.read import _decode, _read_bytes

    model = copy.copy(base)
    model.uni, model.bi, model.tri = base.uni.copy(), base.bi.copy(), base.tri.copy()
    model._compiled = False
    for path in corpus_files(Path(corpus)):
        try:
            text = _decode(_read_bytes(path), path.name)
        except ReadError as e:
            print(f"kehoach: warning: corpus file skipped: {e}", file=sys.stderr)
            continue
        d = measure(text)
        if d.stripped or d.ocr:
            # a damaged file would teach the damage; it needs restoring itself
            print(f"kehoach: warning: corpus file skipped: {path.name}: text without its diacritics",
                  file=sys.stderr)
            continue
        model.add_text(text, CORPUS_WEIGHT)
    model.compile()
    return model


def _restorer(corpus: Path | None) -> Restorer:
    key = _corpus_key(Path(corpus)) if corpus is not None else ()
    r = _restorers.get(key)
    if r is None:
        if len(_restorers) > 8:
            _restorers.clear()  # a long-running server: keep memory bounded
        r = _restorers[key] = Restorer(load_model(Path(corpus) if corpus is not None else None))
    return r


def restore(text: str, corpus: Path | None = None) -> Restoration:
    """Repair a damaged Vietnamese text; `corpus` is a folder of clean plans to learn from."""
    if not isinstance(text, str):
        raise TypeError("restore() takes the text as a str")
    return _restorer(corpus).restore(text)
