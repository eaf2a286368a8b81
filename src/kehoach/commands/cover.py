"""``kehoach cover UPPER LOWER --unit NAME``: which tasks of an upper plan a lower plan carries out."""
from __future__ import annotations

import json
import sys


def add_arguments(parser) -> None:
    parser.add_argument("upper", help="the higher plan (e.g. the Tỉnh ủy's)")
    parser.add_argument("lower", help="the plan that implements it (e.g. the Sở's)")
    parser.add_argument("--unit", required=True, help="the unit whose share is checked, e.g. \"Sở Văn hóa, Thể thao và Du lịch\"")
    parser.add_argument("--member-of", action="append", default=[], metavar="GROUP",
                        help="a group the unit belongs to (e.g. \"Ban Chỉ đạo Công tác thông tin đối ngoại\"); repeatable")
    parser.add_argument("--corpus", help="a folder of clean plans that helps restore damaged text")
    parser.add_argument("--format", choices=("json", "text"), default="json")


def run(args) -> int:
    from pathlib import Path

    from ..cascade import cover
    from ..reader import extract

    options = {"corpus": Path(args.corpus)} if getattr(args, "corpus", None) else {}
    upper = extract(Path(args.upper), **options)
    lower = extract(Path(args.lower), **options)
    coverage = cover(upper, lower, args.unit, tuple(args.member_of))
    if args.format == "json":
        json.dump(coverage.to_json_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    labels = {"covered": "đã cụ thể hóa", "partly": "cụ thể hóa một phần", "not_taken_up": "CHƯA cụ thể hóa"}
    for link in coverage.links:
        sys.stdout.write(f"[{link.upper.id}] {labels[link.status]}: {link.upper.text[:100]}\n")
        for low in link.lower:
            sys.stdout.write(f"    ← [{low.task.id}] ({low.score:.2f}) {low.task.text[:90]}\n")
    if coverage.own_lower:
        sys.stdout.write("Nhiệm vụ riêng của kế hoạch dưới:\n")
        for t in coverage.own_lower:
            sys.stdout.write(f"    [{t.id}] {t.text[:100]}\n")
    return 0
