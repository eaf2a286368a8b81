"""OCR of a scanned PDF: pypdfium2 renders each page, Tesseract (`-l vie`) reads it.

Pages run in parallel as separate processes with OMP_THREAD_LIMIT=1 (about 2 s a page instead
of 15 on this kind of machine). Runs inside a job, never in a request.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .files import UploadError

DPI = 300


def available() -> str | None:
    """None when OCR can run here, else the reason it cannot."""
    if not shutil.which("tesseract"):
        return "Tesseract is not installed on this server (apt-get install tesseract-ocr tesseract-ocr-vie)"
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as error:
        return f"Tesseract does not run ({error})"
    if "vie" not in langs.split():
        return "Tesseract's Vietnamese model is missing (apt-get install tesseract-ocr-vie)"
    return None


def _render(pdf_bytes: bytes, folder: Path) -> list[Path]:
    import pypdfium2 as pdfium

    pages = []
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        for index, page in enumerate(pdf):
            bitmap = page.render(scale=DPI / 72, grayscale=True)
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            raw = bytes(bitmap.buffer)
            # A binary PGM needs no image library; Tesseract (Leptonica) reads it directly.
            rows = b"".join(raw[y * stride : y * stride + width] for y in range(height))
            path = folder / f"page-{index + 1:04d}.pgm"
            path.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + rows)
            pages.append(path)
            bitmap.close()
            page.close()
    finally:
        pdf.close()
    return pages


def _tesseract(image: Path) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        ["tesseract", str(image), "stdout", "-l", "vie", "--psm", "4"], capture_output=True, env=env, timeout=600
    )
    if done.returncode != 0:
        raise UploadError(f"{image.name}: Tesseract failed ({done.stderr.decode(errors='replace').strip()[-200:]})")
    return done.stdout.decode("utf-8", errors="replace")


def ocr_pdf(pdf_bytes: bytes, filename: str, progress=None) -> str:
    reason = available()
    if reason:
        raise UploadError(f"{filename}: cannot run OCR: {reason}")
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        pages = _render(pdf_bytes, Path(tmp))
        if progress:
            progress(0, len(pages), f"{len(pages)} page(s) to read")
        texts: list[str] = [""] * len(pages)
        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            futures = {pool.submit(_tesseract, page): i for i, page in enumerate(pages)}
            for finished, future in enumerate(futures, start=1):
                texts[futures[future]] = future.result()
                if progress:
                    progress(finished, len(pages), f"page {finished} of {len(pages)} read")
    return "\n".join(texts)
