"""The web app's subcommands: `serve`, `ingest`, `createuser`, `units`.

Django is imported inside the run functions only, so that `kehoach extract` starts fast.
"""
from __future__ import annotations

import os
import sys

from ..errors import KehoachError


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.web.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --------------------------------------------------------------------------- serve


def add_serve_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--demo", action="store_true",
                        help="first load the demo province, its users and the sample plan (published)")
    parser.add_argument("--no-migrate", action="store_true", help="do not apply database migrations first")


def run_serve(args) -> int:
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    if not args.no_migrate:
        _migrate()
    if args.demo:
        from ..web.plans.services.demo import load_demo

        load_demo()
        from ..web.reporting.demo import load_demo as load_reporting_demo

        load_reporting_demo()
        from ..web.outputs.demo import load_demo as load_outputs_demo

        load_outputs_demo(base_url=f"http://127.0.0.1:{args.port}")  # press archive served by this server, collected once
        from ..web.cascade.demo import load_demo as load_cascade_demo

        load_cascade_demo()
    print(f"\nkehoach: data in {settings.DATA_DIR}; database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"kehoach: serving on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True, skip_checks=False)
    return 0


# --------------------------------------------------------------------------- ingest


def add_ingest_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="plan files: TXT, MD, DOCX, PDF")
    parser.add_argument("--user", help="record the drafts as uploaded by this user")
    parser.add_argument("--publish", action="store_true", help="publish each new plan at once (no review)")


class _Progress:
    """A one-line progress bar on stderr when it is a terminal; result lines go to stdout."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.tty = sys.stderr.isatty()

    def show(self, name: str) -> None:
        if not self.tty:
            return
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name[:40]:<40}")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.tty:
            sys.stderr.write("\r" + " " * 90 + "\r")
            sys.stderr.flush()


def run_ingest(args) -> int:
    from pathlib import Path

    _setup()
    _migrate()
    from django.contrib.auth import get_user_model

    from ..web.plans.services.files import UploadError
    from ..web.plans.services.ingest import ingest
    from ..web.plans.services.review import unresolved_names

    user = None
    if args.user:
        user = get_user_model().objects.filter(username=args.user).first()
        if user is None:
            raise KehoachError(f"user {args.user!r} not found")
    progress = _Progress(len(args.files))
    failed = 0
    for name in args.files:
        path = Path(name)
        progress.show(path.name)
        try:
            if not path.is_file():
                raise UploadError(f"{name}: no such file")
            result = ingest(path.read_bytes(), path.name, user, publish=args.publish)
        except (UploadError, OSError) as error:
            failed += 1
            line = f"✗ {error}" if isinstance(error, UploadError) else f"✗ {name}: cannot be read ({error})"
        else:
            plan = result.plan
            line = f"{'✓' if result.created else '='} {result.message}"
            if result.created:
                todo = len(unresolved_names(plan))
                if todo:
                    line += f", {todo} unit name(s) to resolve"
        progress.done += 1
        progress.clear()
        print(line, flush=True)
        progress.show("")
    progress.clear()
    print(f"{len(args.files) - failed} read, {failed} failed")
    return 2 if failed else 0


# --------------------------------------------------------------------------- createuser


def add_createuser_arguments(parser) -> None:
    parser.add_argument("username")
    parser.add_argument("--role", choices=("admin", "officer", "viewer"), default="viewer",
                        help="admin (lead agency, everything), officer (one unit's tasks and drafts), viewer (read-only)")
    parser.add_argument("--unit", help="the officer's unit, by name or abbreviation (e.g. “Sở Ngoại vụ”)")
    parser.add_argument("--email", default="")
    parser.add_argument("--password-stdin", action="store_true", help="read the password from stdin (else one is generated)")
    parser.add_argument("--update", action="store_true", help="change an existing user (role, unit, new password)")
    parser.add_argument("--token", action="store_true", help="also create an API token and print it")


def run_createuser(args) -> int:
    _setup()
    _migrate()
    from ..web.plans.api_auth import create_token
    from ..web.plans.services.users import create_user, find_unit, generate_password

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    if args.update and not args.password_stdin:
        password = generate_password()
    unit = find_unit(args.unit) if args.unit else None
    user, password = create_user(args.username, args.role, unit=unit, password=password, email=args.email,
                                 update=args.update)
    print(f"user {user.username}: {args.role}{' of ' + unit.name if unit else ''}")
    if password and not args.password_stdin:
        print(f"password (shown once): {password}")
    if args.token:
        print(f"API token (shown once): {create_token(user, 'createuser')}")
    return 0


# --------------------------------------------------------------------------- units


def add_units_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = sub.add_parser("load", help="create the units of a province: provincial bodies and every commune and ward")
    load.add_argument("--province", required=True, help="e.g. “Đồng Nai” (34 provinces since 1/7/2025)")
    load.add_argument("--no-communes", action="store_true", help="only the provincial bodies")
    load.add_argument("--no-provincial", action="store_true", help="only the communes and wards")
    listing = sub.add_parser("list", help="print the registry")
    listing.add_argument("--kind", help="only this kind (province, party, government, department, commune, press, mass, group)")
    sub.add_parser("provinces", help="print the 34 provinces and their number of communes and wards")


def run_units(args) -> int:
    if args.action == "provinces":
        from vietnam_provinces import Province, Ward

        for province in Province.iter_all():
            print(f"{province.name}\t{sum(1 for _ in Ward.iter_by_province(province.code))}")
        return 0
    _setup()
    _migrate()
    if args.action == "load":
        from ..web.plans.services.units import load_province

        result = load_province(args.province, communes=not args.no_communes, provincial=not args.no_provincial)
        from ..web.plans.models import Unit, UnitKind

        communes = Unit.objects.filter(parent=result.province, kind=UnitKind.COMMUNE).count()
        print(f"{result.province.name}: {result.created} units created, {result.existing} already there; "
              f"{communes} communes and wards")
        return 0
    from ..web.plans.models import Unit

    units = Unit.objects.select_related("parent").order_by("kind", "folded")
    if args.kind:
        units = units.filter(kind=args.kind)
    for unit in units:
        print(f"{unit.pk}\t{unit.kind}\t{unit.name}\t{', '.join(unit.abbreviations)}")
    return 0
