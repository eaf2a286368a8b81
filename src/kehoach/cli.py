"""The ``kehoach`` command line.

Errors a user can act on (a missing file, a file that is no plan) print one line on stderr
and exit with status 2; they never show a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys

from .errors import KehoachError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kehoach", description="Read Vietnamese plans (Kế hoạch) into structured data.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("extract", help="read a plan document and print its data")
    p.add_argument("file", help="the plan: text, Markdown or Word (.docx)")
    p.add_argument("--format", choices=("json", "text"), default="json", help="JSON (default) or a readable summary")
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
    except KehoachError as e:
        print(f"kehoach: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a bug of ours: still one line for the user
        print(f"kehoach: {getattr(args, 'file', '')}: internal error ({type(e).__name__}: {e})", file=sys.stderr)
        return 1
    return 0


def _extract(args) -> int:
    from pathlib import Path

    from .reader import extract

    plan = extract(Path(args.file))
    for warning in plan.warnings:
        print(f"kehoach: warning: {warning}", file=sys.stderr)
    if args.format == "json":
        data = plan.to_json_dict()
        data.pop("warnings", None)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from .summary import summary

        sys.stdout.write(summary(plan))
    return 0
