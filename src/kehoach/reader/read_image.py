"""OCR: scans (image-only PDF pages) and images (PNG, JPEG, TIFF) through Tesseract.

Tesseract runs as its own process per page (Debian packages ``tesseract-ocr`` and
``tesseract-ocr-vie``, language ``vie``), with ``OMP_THREAD_LIMIT=1``: its OpenMP threads
make one page take ~15 s instead of ~2 s on a small machine, so the pages run in parallel
as separate processes instead. Its TSV output gives each word's box; the words go through
the PDF reader's layout code, so a scanned letterhead or closing block comes out as the same
two-cell table a text PDF gives.

Progress: `ocr_pages(images, progress=callback)` calls ``callback(done, total)`` after each
page; `ocr_progress(callback)` sets the callback for OCR started inside it (by
`kehoach.extract`, say). Without one a bar is drawn on stderr when it is a terminal, or when
``KEHOACH_PROGRESS=1``.
"""
from __future__ import annotations

import contextlib
import contextvars
import csv
import functools
import io
import os
import shutil
import subprocess
import sys
import warnings
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import ReadError
from ..text import nfc
from .document import Document
from .read_pdf import PageText, Run, layout_blocks

OCR_DPI = 300  # 200 dpi is barely faster here and misreads more (see benchmarks/bench_ocr.py)
MAX_PIXELS = 100_000_000  # one page image; Pillow's decompression-bomb limit is 89 M
MAX_PAGES = 300
PAGE_TIMEOUT_S = 180
LANGUAGE = "vie"
APT_PACKAGES = "tesseract-ocr tesseract-ocr-vie"
# Fewer letters than this on all pages together: the scan has no text to read.
MIN_LETTERS = 20

Progress = Callable[[int, int], None]
PageImage = Any  # a Pillow image, or a callable that makes one when its turn comes

_progress_hook: contextvars.ContextVar[Progress | None] = contextvars.ContextVar("kehoach_ocr_progress", default=None)


# --------------------------------------------------------------------------- availability


@functools.lru_cache(maxsize=1)
def ocr_available() -> str | None:
    """None when Tesseract with its Vietnamese model can run; otherwise what is missing."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"Tesseract is not installed; install the Debian packages {APT_PACKAGES}"
    try:
        listed = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"Tesseract does not run ({error}); reinstall the Debian packages {APT_PACKAGES}"
    languages = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    if LANGUAGE not in languages:
        return "Tesseract has no Vietnamese model; install the Debian package tesseract-ocr-vie"
    return None


# --------------------------------------------------------------------------- progress


@contextlib.contextmanager
def ocr_progress(callback: Progress) -> Iterator[None]:
    """Report OCR progress to `callback(done, total)` for readings started inside the block."""
    token = _progress_hook.set(callback)
    try:
        yield
    finally:
        _progress_hook.reset(token)


def _default_progress() -> Progress | None:
    hook = _progress_hook.get()
    if hook is not None:
        return hook
    wanted = os.environ.get("KEHOACH_PROGRESS", "")
    if wanted == "0" or not (wanted == "1" or sys.stderr.isatty()):
        return None
    return _StderrBar()


class _StderrBar:
    """ "OCR [#######.............]  3/8 pages", redrawn in place on stderr."""

    def __call__(self, done: int, total: int) -> None:
        width = 24
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\rOCR [{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


# --------------------------------------------------------------------------- OCR


def ocr_pages(images: Iterable[PageImage], progress: Progress | None = None, *, jobs: int | None = None,
              dpi: int = OCR_DPI, name: str = "image") -> list[PageText]:
    """OCR page images in parallel Tesseract processes; each page's words as `PageText`.

    `images` are Pillow images or callables returning one (made in this thread when a worker
    is free, so that a long scan is never all in memory). `progress(done, total)` is called
    after each page. `dpi` is the resolution the images were made at (Tesseract sizes its
    filters by it).
    """
    problem = ocr_available()
    if problem is not None:
        raise ReadError(f"{name}: OCR is not available ({problem})")
    pending = list(images)
    total = len(pending)
    progress = progress or _default_progress()
    jobs = max(1, jobs or len(os.sched_getaffinity(0)))
    results: list[PageText | None] = [None] * total
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        running: dict[Future, int] = {}
        next_page = done = 0
        if progress:
            progress(0, total)
        while next_page < total or running:
            while next_page < total and len(running) < jobs:
                item = pending[next_page]
                pending[next_page] = None  # the page's pixels are not kept once sent
                image = item() if callable(item) else item
                running[pool.submit(_ocr_one, _pnm_bytes(image), image.size, dpi, name, next_page + 1)] = next_page
                next_page += 1
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                results[running.pop(future)] = future.result()
                done += 1
                if progress:
                    progress(done, total)
    return results  # every page is done here: a failed one raised


def _pnm_bytes(image) -> bytes:
    """The page as an uncompressed greyscale PGM: nothing to compress, Tesseract reads it from stdin."""
    buffer = io.BytesIO()
    _greyscale(image).save(buffer, format="PPM")
    return buffer.getvalue()


def _greyscale(image):
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA"))
    return image if image.mode == "L" else image.convert("L")


def _ocr_one(data: bytes, size: tuple[int, int], dpi: int, name: str, number: int) -> PageText:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    command = ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "tsv"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=PAGE_TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ReadError(f"{name}: OCR of page {number} took longer than {PAGE_TIMEOUT_S} s") from None
    except OSError as error:
        raise ReadError(f"{name}: Tesseract could not be started ({error})") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"{name}: OCR failed on page {number} ({detail[-1] if detail else f'exit {done.returncode}'})")
    return _page_from_tsv(done.stdout.decode("utf-8", "replace"), size)


def _page_from_tsv(tsv: str, size: tuple[int, int]) -> PageText:
    """Tesseract's words, each standing on its line's box: the layout code puts them into
    lines and columns (Tesseract runs a letterhead's two sides into one line)."""
    lines: dict[tuple[str, str, str, str], tuple[int, int]] = {}
    page = PageText(float(size[0]), float(size[1]))
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            level, left, top = int(row["level"]), int(row["left"]), int(row["top"])
            width, height, conf = int(row["width"]), int(row["height"]), float(row["conf"])
        except (KeyError, TypeError, ValueError):
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        if level == 4:
            lines[key] = (top, top + max(height, 1))
            continue
        text = nfc((row.get("text") or "").strip())
        if level != 5 or key not in lines or not text:
            continue
        # Specks of dust read as stray marks: a word needs a letter or a digit, or must be one
        # of the list markers a plan's outline depends on.
        if any(c.isalnum() for c in text) or (text in {"-", "+", "•", "–", "*"} and conf >= 30):
            line_top, line_bottom = lines[key]
            page.runs.append(Run(float(left), float(left + width), float(line_top), float(line_bottom), text,
                                 baseline=float(line_bottom), size=float(line_bottom - line_top)))
    return page


def ocr_pdf_pages(pdf, indexes: list[int], *, name: str, dpi: int = OCR_DPI,
                  progress: Progress | None = None) -> list[PageText]:
    """Render the given pages of an open pypdfium2 document and OCR them."""

    def render(index: int) -> Callable[[], object]:
        def make():
            page = pdf[index]
            try:
                width, height = page.get_size()
                # A poster-sized page is rendered at a lower resolution rather than refused.
                scale = min(dpi / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
                return page.render(scale=scale, grayscale=True).to_pil()
            finally:
                page.close()
        return make

    return ocr_pages([render(i) for i in indexes], progress, dpi=dpi, name=name)


# --------------------------------------------------------------------------- image files


def read_image(path: Path) -> Document:
    """OCR a PNG, JPEG or TIFF (every page of a multi-page TIFF) into a `Document`."""
    path = Path(path)
    problem = ocr_available()
    if problem is not None:
        raise ReadError(f"{path.name}: an image needs OCR, which is not available ({problem})")
    frames, dpi = _load_frames(path)
    pages = ocr_pages(frames, dpi=dpi, name=path.name)
    return document_from_ocr(pages, path.name)


def document_from_ocr(pages: list[PageText], name: str) -> Document:
    letters = sum(1 for page in pages for run in page.runs for c in run.text if c.isalpha())
    if letters < MIN_LETTERS:
        raise ReadError(f"{name}: no text found (OCR read {letters} letters)")
    return Document(source=name, blocks=layout_blocks(pages), format="ocr")


def _load_frames(path: Path) -> tuple[list[Callable[[], object]], int]:
    """The image's pages (each loaded when its turn comes: a long TIFF is never all in
    memory) and the resolution to tell Tesseract. Sizes are checked before any is decoded."""
    from PIL import Image, UnidentifiedImageError

    def open_image():
        with warnings.catch_warnings():
            # The pixel count is checked against our own limit, which is a little higher.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)

    try:
        with open_image() as image:
            count = getattr(image, "n_frames", 1)
            if count > MAX_PAGES:
                raise ReadError(f"{path.name}: {count} pages; at most {MAX_PAGES} are read by OCR")
            for index in range(count):
                image.seek(index)
                w, h = image.size
                if w * h > MAX_PIXELS:
                    raise ReadError(f"{path.name}: image too large ({w}×{h} pixels; the limit is "
                                    f"{MAX_PIXELS // 1_000_000} megapixels)")
            image.seek(0)
            dpi = _dpi(image.info.get("dpi"), image.size)
    except Image.DecompressionBombError:
        raise ReadError(f"{path.name}: image too large (a decompression bomb)") from None
    except UnidentifiedImageError:
        raise ReadError(f"{path.name}: not a readable image") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # Pillow's decoders raise these
        raise ReadError(f"{path.name}: not a readable image ({error})") from None
    # Low-resolution images (a screenshot, a fax) are enlarged towards 300 dpi: Tesseract
    # misses diacritics on small letters.
    factor = 1.0 if dpi >= 200 else min(3.0, OCR_DPI / dpi)

    def frame(index: int) -> Callable[[], object]:
        def load():
            from PIL import ImageOps

            try:
                with open_image() as image:
                    image.seek(index)
                    page = _greyscale(ImageOps.exif_transpose(image))
            except (OSError, SyntaxError, ValueError, EOFError) as error:
                raise ReadError(f"{path.name}: page {index + 1} is not a readable image ({error})") from None
            if factor > 1:
                page = page.resize((round(page.width * factor), round(page.height * factor)), Image.LANCZOS)
            return page
        return load

    return [frame(i) for i in range(count)], round(dpi * factor)


def _dpi(value, size: tuple[int, int]) -> int:
    """The resolution the file states, else the one an A4 page of this width would have."""
    try:
        stated = int(round(float(value[0])))
    except (TypeError, ValueError, IndexError):
        stated = 0
    if 100 <= stated <= 1200:
        return stated
    return max(72, int(min(size) / 8.27))  # the short side of an A4 page is 8.27 in
