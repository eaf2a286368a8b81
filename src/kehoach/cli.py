"""The ``kehoach`` command line.

Each subcommand lives in its own module with two functions: ``add_arguments(parser)`` (cheap:
no heavy imports, so start-up stays fast) and ``run(args) -> int``. Errors a user can act on (a
missing file, a file that is no plan) print one line on stderr and exit with status 2; they
never show a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from .errors import KehoachError

# name -> (module, help). Modules are imported when the parser is built, so keep them light.
COMMANDS = {
    "extract": ("kehoach.commands.extract", "read a plan document and print its data"),
    "restore": ("kehoach.commands.restore", "restore the diacritics of a damaged text (OCR, no accents)"),
    "cover": ("kehoach.commands.cover", "show which tasks of an upper plan a lower plan carries out"),
    "serve": ("kehoach.commands.web", "run the web app"),
    "ingest": ("kehoach.commands.web", "read plan files into the database as drafts"),
    "createuser": ("kehoach.commands.web", "create a user of the web app"),
    "units": ("kehoach.commands.web", "manage the unit registry (units load --province …)"),
    "periods": ("kehoach.commands.reporting", "list a published plan's report periods"),
    "report": ("kehoach.commands.reporting", "build a period's consolidated report (DOCX, annex XLSX)"),
    "press": ("kehoach.commands.press", "press coverage: extract one article, or collect the configured sources"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kehoach", description="Read Vietnamese plans (Kế hoạch) into tracked work.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith("kehoach"):
                continue  # a command whose module is not part of this installation
            raise
        sub = commands.add_parser(name, help=help_text, description=help_text)
        adder = getattr(module, f"add_{name}_arguments", None) or module.add_arguments
        adder(sub)
        sub.set_defaults(handler=getattr(module, f"run_{name}", None) or module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except KehoachError as e:
        print(f"kehoach: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a bug of ours: still one line for the user
        target = getattr(args, "file", None) or getattr(args, "files", None) or ""
        print(f"kehoach: {target}: internal error ({type(e).__name__}: {e})", file=sys.stderr)
        return 1
