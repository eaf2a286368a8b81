"""``kehoach restore FILE``: print a damaged text (no diacritics, OCR confusions) repaired."""
from __future__ import annotations

import sys


def add_arguments(parser) -> None:
    parser.add_argument("file", help="a text or Markdown file that lost its diacritics (OCR output, unaccented copy)")
    parser.add_argument("--corpus", metavar="DIR",
                        help="a folder of clean plans (*.txt, *.md) whose wording the model learns first")
    parser.add_argument("--show-repairs", action="store_true",
                        help="print a table of the repaired words and their confidence on stderr")


def run(args) -> int:
    # imported here: `kehoach --help` and the other commands must not pay for the model
    from pathlib import Path

    from ..reader.read import _decode, _read_bytes
    from ..restore import restore

    path = Path(args.file)
    text = _decode(_read_bytes(path), path.name)
    result = restore(text, corpus=Path(args.corpus) if args.corpus else None)
    sys.stdout.write(result.text)
    if args.show_repairs:
        err = sys.stderr
        err.write(f"{'line':>5}  {'original':<16} {'repaired':<16} confidence\n")
        for w in result.words:
            line = text.count("\n", 0, w.start) + 1
            err.write(f"{line:>5}  {w.original:<16} {w.repaired:<16} {w.confidence:.2f}\n")
        err.write(f"{len(result.words)} words repaired or uncertain\n")
    return 0
