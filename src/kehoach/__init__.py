"""kehoach: turn Vietnamese provincial plans ("Kế hoạch") into tracked, measurable work."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["extract", "__version__"]


def extract(source):
    """Read a plan (a file path, or the document's text) into a `kehoach.models.Plan`."""
    from .reader import extract as _extract

    return _extract(source)
