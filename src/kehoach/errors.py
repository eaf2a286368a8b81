class KehoachError(Exception):
    """An error to show the user as one line (no traceback)."""


class ReadError(KehoachError):
    """The input cannot be read as a plan document."""
