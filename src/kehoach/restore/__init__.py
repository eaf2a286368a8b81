"""Restore Vietnamese text that lost its diacritics or went through an English OCR model.

    from kehoach.restore import needs_restoring, restore

    if needs_restoring(text):
        result = restore(text, corpus=Path("archive/"))   # corpus: optional clean plans
        result.text      # the repaired text, same layout
        result.words     # RepairedWord(start, end, original, repaired, confidence)

A pure library (no web imports). The language model is built on first use (about a second of
work, once per process) from the packaged word lists and, with ``corpus``, from every
``*.txt``/``*.md`` file under that folder.
"""
from __future__ import annotations

from .api import load_model, needs_restoring, restore
from .restorer import RepairedWord, Restoration

__all__ = ["RepairedWord", "Restoration", "load_model", "needs_restoring", "restore"]
