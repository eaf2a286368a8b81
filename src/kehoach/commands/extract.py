"""``kehoach extract FILE``: read a plan and print its data as JSON or as a readable summary."""
from __future__ import annotations

import json
import sys


def add_arguments(parser) -> None:
    parser.add_argument("file", help="the plan: text, Markdown or Word (.docx)")
    parser.add_argument("--format", choices=("json", "text"), default="json", help="JSON (default) or a readable summary")
    parser.add_argument("--corpus", metavar="DIR", help="a folder of clean plans that helps restore text that lost its diacritics")


def run(args) -> int:
    from pathlib import Path

    from ..reader import extract

    plan = extract(Path(args.file), corpus=Path(args.corpus) if args.corpus else None)
    for warning in plan.warnings:
        print(f"kehoach: warning: {warning}", file=sys.stderr)
    if args.format == "json":
        data = plan.to_json_dict()
        data.pop("warnings", None)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from ..summary import summary

        sys.stdout.write(summary(plan))
    return 0
