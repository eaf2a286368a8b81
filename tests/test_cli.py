"""The command-line contract of `kehoach extract FILE --format json|text`.

Bad input gives exactly one line on stderr naming the file and the reason, exit code 2 and
never a traceback; a plan gives its JSON (or a readable summary) and exit code 0.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

SIZE_LIMIT = 50 * 1024 * 1024  # bytes; a larger file is refused before it is read

RECIPE = """\
Cách nấu phở bò Hà Nội
Nguyên liệu:
- 1 kg xương ống bò;
- 500 g thịt bò thăn;
- 1 củ hành tây, 1 củ gừng nướng;
- Quế, hồi, thảo quả;
- Bánh phở tươi, hành lá, rau thơm.
Cách làm:
1. Rửa sạch xương, chần qua nước sôi rồi ninh nhỏ lửa trong 6 giờ.
2. Nướng hành, gừng; rang quế, hồi, thảo quả cho thơm rồi cho vào nồi nước dùng.
3. Nêm nước mắm, muối, đường phèn vừa ăn.
4. Trụng bánh phở, xếp thịt bò thái mỏng lên trên, chan nước dùng thật nóng.
Chúc các bạn thành công!
"""

# A plan as a poor OCR pass returns it: diacritics lost, "Đ" read as "P".
OCR_PLAN = """\
UY BAN NHAN DAN TINH LAM VIEN
So: 07/KH-UBND
CONG HOA XA HOI CHU NGHIA VIET NAM
Doc lap - Tu do - Hanh phuc
Lam Vien, ngay 03 thang 02 nam 2026
KE HOACH
Tuyen truyen cong tac thong tin doi ngoai nam 2026
I. MUC PICH, YEU CAU
- Nang cao hieu qua cong tac thong tin doi ngoai cua tinh.
II. NHIEM VU
1. So Ngoai vu
- Chu tri to chuc 01 lop boi duong nghiep vu thong tin doi ngoai cho can bo cac so, nganh.
2. Cong an tinh
- Theo doi, phat hien thong tin sai su that ve tinh tren khong gian mang.
Noi nhan:
- UBND tinh;
- Luu: VT.
KT. CHU TICH
PHO CHU TICH
Tran Van Binh
"""

# A plan that assigns no work: a header, a purpose section and the closing formula.
PLAN_WITHOUT_TASKS = """\
UBND TỈNH LÂM VIÊN
SỞ NGOẠI VỤ
Số: 03/KH-SNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Viên, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Thông tin đối ngoại năm 2026
I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trên địa bàn tỉnh.
- Bảo đảm thông tin chính xác, kịp thời, đúng định hướng.
Trên đây là Kế hoạch thông tin đối ngoại năm 2026 của Sở Ngoại vụ./.
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
GIÁM ĐỐC
Phạm Thị Lan
"""


def run_cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120, cwd=cwd,
    )


def assert_refused(run: subprocess.CompletedProcess[str], path: Path) -> None:
    shown = f"exit {run.returncode}\n--- stdout:\n{run.stdout[-2000:]}\n--- stderr:\n{run.stderr[-2000:]}"
    assert "Traceback" not in run.stdout + run.stderr, shown
    assert run.returncode == 2, shown
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), f"want exactly one line on stderr\n{shown}"
    assert path.name in lines[0], f"the message must name the file\n{shown}"
    assert run.stdout == "", f"a refused file prints no plan\n{shown}"


def simple(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no_such_plan.txt"
    assert_refused(run_cli("extract", path, "--format", "json", cwd=tmp_path), path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty_plan.txt"
    path.write_bytes(b"")
    assert_refused(run_cli("extract", path, "--format", "json", cwd=tmp_path), path)


@pytest.mark.parametrize("name", ["junk_plan.txt", "junk_plan.docx", "junk_plan.pdf", "junk_plan.bin"])
def test_binary_junk(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(random.Random(name).randbytes(64 * 1024))
    assert_refused(run_cli("extract", path, "--format", "json", cwd=tmp_path), path)


def test_text_that_is_no_plan(tmp_path: Path) -> None:
    path = tmp_path / "cach_nau_pho.txt"
    path.write_text(RECIPE, encoding="utf-8")
    assert_refused(run_cli("extract", path, "--format", "json", cwd=tmp_path), path)


def test_file_over_size_limit(tmp_path: Path, sample_plan: Path) -> None:
    # A real plan repeated, so that only its size can be the reason to refuse it.
    plan = sample_plan.read_bytes()
    copies = SIZE_LIMIT // len(plan)
    path = tmp_path / "huge_plan.txt"
    with path.open("wb") as out:
        out.write(plan * copies)
        out.write(b"\n" * (SIZE_LIMIT + 1 - copies * len(plan)))
    assert path.stat().st_size == SIZE_LIMIT + 1
    assert_refused(run_cli("extract", path, "--format", "json", cwd=tmp_path), path)


def test_json_output(tmp_path: Path, sample_plan: Path) -> None:
    run = run_cli("extract", sample_plan, "--format", "json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    plan = json.loads(run.stdout)
    assert plan["schema"] == "kehoach.plan/1"
    assert plan["tasks"], "the sample plan has tasks"
    assert all(task["text"].strip() for task in plan["tasks"])


def test_text_output_shows_title(tmp_path: Path, sample_plan: Path, sample_gold: Path) -> None:
    title = json.loads(sample_gold.read_text(encoding="utf-8"))["meta"]["title"]
    run = run_cli("extract", sample_plan, "--format", "text", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert simple(title) in simple(run.stdout), run.stdout[:2000]


def test_ocr_damaged_plan_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "ocr_plan.txt"
    path.write_text(OCR_PLAN, encoding="utf-8")
    run = run_cli("extract", path, "--format", "json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert json.loads(run.stdout)["schema"] == "kehoach.plan/1"


def test_plan_without_tasks_warns(tmp_path: Path) -> None:
    path = tmp_path / "plan_without_tasks.txt"
    path.write_text(PLAN_WITHOUT_TASKS, encoding="utf-8")
    run = run_cli("extract", path, "--format", "json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    plan = json.loads(run.stdout)
    assert plan["schema"] == "kehoach.plan/1"
    assert plan["tasks"] == []
    assert run.stderr.strip(), "a plan without tasks is reported on stderr"
