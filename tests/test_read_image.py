"""Tests for the OCR reader: images (PNG, JPEG, multi-page TIFF) of plans printed here, read
through `kehoach.reader.read`; the parallel Tesseract processes checked with a stand-in
`tesseract` that records how it was run."""
from __future__ import annotations

import os
import stat
import struct
import zlib
from pathlib import Path
from typing import Iterator

import pytest

from kehoach.errors import ReadError
from kehoach.reader import read_image
from kehoach.reader.document import Table
from kehoach.reader.read import read

import plan_variants  # tests/plan_variants.py (tests/ is on sys.path under pytest)
from plan_variants import render_pages, write_pdf

PLAN = [
    "UBND TỈNH LÂM VIÊN",
    "SỞ Y TẾ",
    "Số: 61/KH-SYT",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Lâm Viên, ngày 20 tháng 4 năm 2026",
    "KẾ HOẠCH",
    "Phòng, chống dịch bệnh mùa mưa năm 2026",
    "I. NHIỆM VỤ",
    "1. Trung tâm Kiểm soát bệnh tật tỉnh chủ trì giám sát dịch tễ tại các xã, phường;",
    "thời gian thực hiện: hằng tháng.",
    "2. Sở Tài chính bảo đảm kinh phí phòng, chống dịch; hoàn thành trước ngày 30/6/2026.",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list:
    if not plan_variants.FONT.is_file():
        why = f"{plan_variants.FONT} is missing (Debian package fonts-dejavu-core)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    folder = tmp_path_factory.mktemp("image")
    return render_pages(write_pdf(PLAN, folder / "goc.pdf"), dpi=300)


@pytest.fixture()
def tesseract() -> None:
    problem = read_image.ocr_available()
    if problem is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"OCR not available under CI: {problem}")
        pytest.skip(problem)


def _text(document) -> str:
    parts = []
    for block in document.blocks:
        parts.extend(cell for row in block.rows for cell in row) if isinstance(block, Table) else parts.append(block.text)
    return "\n".join(parts)


# --------------------------------------------------------------------------- real OCR


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "TIFF"])
def test_image_formats_are_read_by_ocr(tmp_path: Path, pages, tesseract, kind: str) -> None:
    import kehoach

    path = tmp_path / f"anh.{kind.lower()}"
    pages[0].save(path, kind, dpi=(300, 300))
    document = read(path)
    assert document.format == "ocr"
    assert document.source == path.name
    assert isinstance(document.blocks[0], Table)  # letterhead in its two columns
    plan = kehoach.extract(path)
    assert plan.meta.number == "61/KH-SYT"
    assert plan.meta.date == "2026-04-20"
    assert "Trung tâm Kiểm soát bệnh tật tỉnh" in plan.tasks[0].lead[0]


def test_multi_page_tiff_reads_every_page_in_order(tmp_path: Path, pages, tesseract) -> None:
    # The one page cut in two at a line gap, as two pages of one TIFF.
    page = pages[0]
    cut = page.height // 4
    top, bottom = page.crop((0, 0, page.width, cut)), page.crop((0, cut, page.width, page.height))
    path = tmp_path / "hai_trang.tif"
    top.save(path, "TIFF", save_all=True, append_images=[bottom], dpi=(300, 300), compression="tiff_deflate")
    text = _text(read(path))
    assert text.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") < text.index("Sở Tài chính bảo đảm kinh phí")


def test_low_resolution_image_is_enlarged_for_ocr(tmp_path: Path, pages, tesseract) -> None:
    small = pages[0].resize((pages[0].width // 3, pages[0].height // 3))  # 100 dpi
    path = tmp_path / "nho.png"
    small.save(path, dpi=(100, 100))
    assert "Số: 61/KH-SYT" in _text(read(path))


def test_blank_image_has_no_text(tmp_path: Path, tesseract) -> None:
    from PIL import Image

    path = tmp_path / "trang.png"
    Image.new("L", (2480, 3508), 255).save(path)
    with pytest.raises(ReadError, match=r"^trang\.png: no text found"):
        read(path)


def test_progress_is_reported_page_by_page(pages, tesseract) -> None:
    calls = []
    result = read_image.ocr_pages([pages[0], pages[0]], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert len(result) == 2 and all(page.runs for page in result)


def test_progress_hook_reaches_ocr_started_by_extract(tmp_path: Path, pages, tesseract) -> None:
    import kehoach

    path = tmp_path / "anh.png"
    pages[0].save(path, dpi=(300, 300))
    calls = []
    with read_image.ocr_progress(lambda done, total: calls.append((done, total))):
        kehoach.extract(path)
    assert calls == [(0, 1), (1, 1)]


# --------------------------------------------------------------------------- bad images


def _png_header(path: Path, width: int, height: int) -> Path:
    """A PNG that claims the given size (its pixels never come: only the size is read)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))
    return path


def test_image_over_100_megapixels_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(read_image, "ocr_available", lambda: None)
    with pytest.raises(ReadError, match=r"^rong\.png: image too large \(11000×10000 pixels"):
        read(_png_header(tmp_path / "rong.png", 11000, 10000))


def test_decompression_bomb_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(read_image, "ocr_available", lambda: None)
    with pytest.raises(ReadError, match=r"^bom\.png: image too large"):
        read(_png_header(tmp_path / "bom.png", 60000, 60000))


def test_damaged_image_is_a_read_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(read_image, "ocr_available", lambda: None)
    path = tmp_path / "hong.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x13" * 300)
    with pytest.raises(ReadError, match=r"^hong\.jpg: not a readable image"):
        read(path)


def test_image_without_tesseract_names_the_packages(tmp_path: Path, pages, monkeypatch) -> None:
    path = tmp_path / "anh.png"
    pages[0].save(path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    read_image.ocr_available.cache_clear()
    try:
        with pytest.raises(ReadError, match=r"^anh\.png: .*tesseract-ocr tesseract-ocr-vie"):
            read(path)
    finally:
        read_image.ocr_available.cache_clear()


# --------------------------------------------------------------------------- processes

_FAKE_TESSERACT = """#!/bin/sh
# Stands in for tesseract: says it has Vietnamese, and for a page records how it was run.
if [ "$1" = "--list-langs" ]; then printf 'List of available languages (1):\\nvie\\n'; exit 0; fi
cat > /dev/null
start=$(date +%s.%N)
sleep 0.4
printf '%s %s %s %s\\n' "$$" "${OMP_THREAD_LIMIT:-unset}" "$start" "$(date +%s.%N)" >> "$LOG"
printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n'
printf '4\\t1\\t1\\t1\\t1\\t0\\t100\\t100\\t400\\t40\\t-1\\t\\n'
printf '5\\t1\\t1\\t1\\t1\\t1\\t100\\t100\\t180\\t40\\t95.0\\tKẾ\\n'
printf '5\\t1\\t1\\t1\\t1\\t2\\t300\\t100\\t200\\t40\\t95.0\\tHOẠCH\\n'
"""


@pytest.fixture()
def fake_tesseract(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """A stand-in `tesseract` first on PATH; returns the log it writes a line a page to."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "tesseract"
    fake.write_text(_FAKE_TESSERACT)
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "runs.log"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("LOG", str(log))
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    read_image.ocr_available.cache_clear()
    yield log
    read_image.ocr_available.cache_clear()


def test_pages_run_in_parallel_processes_with_one_thread_each(fake_tesseract: Path, monkeypatch) -> None:
    from PIL import Image

    monkeypatch.setenv("KEHOACH_PROGRESS", "0")
    pages = read_image.ocr_pages([Image.new("L", (600, 800), 255)] * 4, jobs=2)
    log = fake_tesseract
    assert [" ".join(r.text for r in p.runs) for p in pages] == ["KẾ HOẠCH"] * 4
    runs = [line.split() for line in log.read_text().splitlines()]
    assert len({pid for pid, *_ in runs}) == 4  # a process per page
    assert {limit for _, limit, *_ in runs} == {"1"}  # OMP_THREAD_LIMIT=1 in each
    spans = sorted((float(a), float(b)) for *_, a, b in runs)
    overlapping = sum(1 for (s1, e1), (s2, _) in zip(spans, spans[1:]) if s2 < e1)
    assert overlapping >= 1  # two at a time


def test_progress_bar_on_stderr_when_asked(fake_tesseract: Path, monkeypatch, capsys) -> None:
    from PIL import Image

    monkeypatch.setenv("KEHOACH_PROGRESS", "1")
    read_image.ocr_pages([Image.new("L", (600, 800), 255)] * 3, jobs=2)
    err = capsys.readouterr().err
    assert "OCR [" in err and err.rstrip().endswith("3/3 pages")
    monkeypatch.setenv("KEHOACH_PROGRESS", "0")
    read_image.ocr_pages([Image.new("L", (600, 800), 255)], jobs=1)
    assert capsys.readouterr().err == ""
