#!/usr/bin/env python3
"""Time the cascade alignment: two generated 40-task plans, aligned for one unit, on one core.

    .venv/bin/python benchmarks/bench_cascade.py [--tasks 40] [--rounds 30] [--check] [--no-web]

The plans are generated from phrase pools of external-information work (invented, realistic in
shape): an upper plan with tasks for named units, groups and no actor; a lower plan of the Sở
that rephrases part of them, splits some, and adds its own. Printed: the model's load time and
memory (the lexical TF-IDF model has no load step: its vectors are built per alignment and are
included in the timing), the alignment time (median, p95, max) with its peak memory, and, unless
--no-web, the coverage page's service layer on a throw-away SQLite database (cold: alignment +
cache write; warm: from the cache). Target: an alignment under 1 s on one core (--check exits 1
when missed).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
TARGET_SECONDS = 1.0
SO = "Sở Văn hóa, Thể thao và Du lịch"

VERBS = ["Tổ chức", "Xây dựng", "Biên soạn, phát hành", "Triển khai", "Duy trì", "Sản xuất, phát sóng", "Hướng dẫn",
         "Đẩy mạnh", "Cập nhật", "Phối hợp tổ chức", "Theo dõi, tổng hợp", "Bồi dưỡng"]
OBJECTS = ["các hoạt động văn hóa, nghệ thuật, triển lãm ảnh", "chuyên mục thông tin đối ngoại", "bản tin song ngữ Việt - Anh",
           "phim tài liệu quảng bá tiềm năng du lịch", "lớp tập huấn kỹ năng phát ngôn", "tài liệu hỏi - đáp về thông tin đối ngoại",
           "hội nghị báo cáo viên chuyên đề", "cơ sở dữ liệu ảnh, video về tiềm năng của tỉnh", "tin, bài trên hệ thống truyền thanh cơ sở",
           "đoàn phóng viên nước ngoài đến tác nghiệp", "sự kiện xúc tiến du lịch, thương mại, đầu tư", "cuộc thi tìm hiểu về biên giới, biển đảo",
           "ấn phẩm giới thiệu di sản văn hóa", "trang thông tin điện tử phiên bản tiếng Anh", "chương trình giao lưu văn hóa quốc tế",
           "dư luận trên mạng xã hội về tình hình của tỉnh"]
AIMS = ["chào mừng Đại hội Đảng bộ tỉnh", "quảng bá hình ảnh, con người của tỉnh", "phục vụ công tác thông tin đối ngoại",
        "tới cán bộ, đảng viên và Nhân dân", "cho các cơ quan đại diện nước ngoài", "trên các nền tảng số",
        "nhân dịp kỷ niệm các ngày lễ lớn", "tại các điểm đón khách du lịch quốc tế"]
UNITS = [SO, "Sở Ngoại vụ", "Công an tỉnh", "Báo Lâm Viên", "Đài Phát thanh và Truyền hình tỉnh", "Sở Nội vụ",
         "Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường", ""]
PHONG = ["Phòng Quản lý Văn hóa", "Phòng Báo chí, Xuất bản và Thông tin đối ngoại", "Phòng Quản lý Du lịch", "Văn phòng Sở",
         "Trung tâm Văn hóa - Điện ảnh tỉnh", "Bảo tàng tỉnh"]
OWN = ["Rà soát, chuẩn hóa hồ sơ thủ tục hành chính lĩnh vực lữ hành", "Tổ chức giải chạy việt dã cho công chức, người lao động",
       "Kiểm kê, số hóa hiện vật của Bảo tàng tỉnh", "Sửa chữa, nâng cấp trụ sở làm việc", "Tổ chức hội thao ngành văn hóa",
       "Tổng kết công tác thi đua, khen thưởng", "Cập nhật dữ liệu quản lý cơ sở lưu trú du lịch",
       "Thẩm định hồ sơ cấp phép biểu diễn nghệ thuật"]
REWORD = {"Tổ chức": "Chủ trì tham mưu tổ chức", "Xây dựng": "Xây dựng và triển khai", "Triển khai": "Thực hiện",
          "Duy trì": "Tiếp tục duy trì", "Đẩy mạnh": "Tăng cường", "Cập nhật": "Thường xuyên cập nhật"}


def generate(n: int, seed: int = 7):
    """(upper, lower) `kehoach.models.Plan`s of n tasks each."""
    from kehoach.models import Plan, Task

    rnd = random.Random(seed)
    upper = []
    for i in range(n):
        verb, obj, aim = rnd.choice(VERBS), rnd.choice(OBJECTS), rnd.choice(AIMS)
        unit = UNITS[i % len(UNITS)] if i % 3 else SO  # a third for the Sở by name, the rest spread
        partners = [SO] if unit and unit != SO and rnd.random() < 0.3 else []
        text = f"{verb} {obj} {aim}; bảo đảm đúng định hướng, thiết thực, hiệu quả."
        if unit and rnd.random() < 0.5:
            text = f"{unit} chủ trì, {text[0].lower()}{text[1:]}"
        upper.append(Task(id=f"II.{i + 1}", text=text, lead=[unit] if unit else [], partners=partners))
    lower = []
    bound = [t for t in upper if SO in t.lead + t.partners or not t.lead or "Các sở" in " ".join(t.lead)]
    taken = [t for t in bound if rnd.random() < 0.6]  # the rest are the gaps (or open tasks left alone)
    for i in range(n):
        if i < len(taken) * 2 and rnd.random() < 0.75:
            source = taken[i % len(taken)]  # the Sở's share, rephrased, some split over two tasks
            words = source.text.split("; ")[0].split("chủ trì, ")[-1]
            for old, new in REWORD.items():
                words = words.replace(old, new, 1)
            text = f"{words[0].upper()}{words[1:]} {rnd.choice(AIMS)} (0{rnd.randint(1, 4)} đợt)."
        else:
            text = f"{rnd.choice(OWN)} của Sở năm {rnd.randint(2025, 2027)}."
        lower.append(Task(id=f"III.{i + 1}", text=text, lead=[rnd.choice(PHONG)]))
    return Plan(tasks=upper), Plan(tasks=lower)


def one_core() -> str:
    try:
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity here)"


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def bench_library(n: int, rounds: int) -> float:
    before = rss_mb()
    started = time.perf_counter()
    from kehoach.cascade import cover

    imported = time.perf_counter() - started
    print(f"model: lexical TF-IDF over folded syllables and syllable pairs (kehoach.similarity); nothing to load: "
          f"the vectors are built per alignment and timed below (import {imported * 1000:.0f} ms, "
          f"RSS +{rss_mb() - before:.1f} MB for the import)")
    upper, lower = generate(n)
    result = cover(upper, lower, SO)
    print(f"plans: {len(upper.tasks)} upper tasks, {len(lower.tasks)} lower tasks; {len(result.links)} upper tasks bind the Sở, "
          f"{sum(1 for link in result.links if not link.lower)} gaps, {len(result.own_lower)} own initiatives")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        cover(upper, lower, SO)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    cover(upper, lower, SO)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"alignment ({rounds} rounds): median {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
          f"max {times[-1] * 1000:.1f} ms; peak memory {peak / 1048576:.1f} MB (target < {TARGET_SECONDS:.0f} s)")
    return times[-1]


def bench_web(n: int, rounds: int) -> None:
    """The coverage page's service layer (database tasks → alignment → decisions), on SQLite."""
    folder = tempfile.mkdtemp(prefix="kehoach-bench-cascade-")
    os.environ["KEHOACH_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kehoach.web.cascade.models import CoverageCache
    from kehoach.web.cascade.services.coverage import coverage_for
    from kehoach.web.plans.models import Assignment, Plan, Task, Unit

    so = Unit.objects.create(name=SO, kind="department")
    upper_model, lower_model = generate(n)
    plans = []
    for number, model in (("37-KH/TU", upper_model), ("12/KH-SVHTTDL", lower_model)):
        plan = Plan.objects.create(number=number, title="Kế hoạch thử", source_name=f"{number}.txt", sha256=number.ljust(64, "0"),
                                   file_format="text")
        for i, t in enumerate(model.tasks):
            task = Task.objects.create(plan=plan, position=i, ref=t.id, text=t.text)
            for role, names in (("lead", t.lead), ("partner", t.partners)):
                for name in names:
                    Assignment.objects.create(task=task, name=name, role=role, unit=so if name == SO else None)
        plans.append(plan)
    cold, warm = [], []
    for _ in range(max(3, rounds // 3)):
        CoverageCache.objects.all().delete()
        started = time.perf_counter()
        coverage_for(plans[0], plans[1], so)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        coverage_for(plans[0], plans[1], so)
        warm.append(time.perf_counter() - started)
    print(f"coverage service on SQLite: cold (align + cache) median {statistics.median(cold) * 1000:.1f} ms, "
          f"warm (cached) median {statistics.median(warm) * 1000:.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=40, help="tasks per plan (default 40)")
    ap.add_argument("--rounds", type=int, default=30, help="alignments to time (default 30)")
    ap.add_argument("--check", action="store_true", help=f"exit 1 when an alignment takes {TARGET_SECONDS} s or more")
    ap.add_argument("--no-web", action="store_true", help="skip the database-backed coverage service")
    args = ap.parse_args()
    print(f"kehoach cascade benchmark: {one_core()}; Python {sys.version.split()[0]}")
    worst = bench_library(args.tasks, args.rounds)
    if not args.no_web:
        bench_web(args.tasks, args.rounds)
    if args.check and worst >= TARGET_SECONDS:
        print(f"FAIL: slowest alignment {worst:.3f} s ≥ {TARGET_SECONDS} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
