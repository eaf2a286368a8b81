#!/usr/bin/env python3
"""Time the PDF and OCR readers on a plan printed here (tests/plan_variants.py lays it out).

    .venv/bin/python benchmarks/bench_ocr.py                     # the bundled sample plan
    .venv/bin/python benchmarks/bench_ocr.py --plan FILE --dpi 150,200,300 --jobs 2

Prints, for the PDF with a text layer, pages per second read (read stage, and the whole
`kehoach.extract`); for the scan, at each resolution, pages per second of OCR with the pages
in parallel processes, the share of words OCR got right (against the text layer) and the
sample plan's scores when the scan is read (with --gold).
"""
from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))  # plan_variants: the layout the tests use


def words_right(want: list[str], got: list[str]) -> float:
    """Share of the wanted words that OCR gave, in order (difflib's matching blocks)."""
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(want), 1)


def page_words(page) -> list[str]:
    """The page's words in reading order, as the reader lays them out."""
    from kehoach.reader.document import Table
    from kehoach.reader.read_pdf import layout_blocks

    words = []
    for block in layout_blocks([page]):
        texts = [cell for row in block.rows for cell in row] if isinstance(block, Table) else [block.text]
        words.extend(w for text in texts for w in text.split())
    return words


def load_scorer():
    shared = Path(os.environ.get("KEHOACH_SHARED") or REPO_ROOT.parent / "shared")
    path = shared / "eval" / "score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("kehoach_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plan", type=Path, default=REPO_ROOT / "src" / "kehoach" / "data" / "sample_plan.txt")
    ap.add_argument("--gold", type=Path, default=REPO_ROOT / "tests" / "data" / "sample_plan.gold.json",
                    help="gold answer of --plan, for the scores (skipped when missing)")
    ap.add_argument("--dpi", default="200,300", help="resolutions to render the scan at (default 200,300)")
    ap.add_argument("--jobs", type=int, default=None, help="parallel Tesseract processes (default: CPUs)")
    ap.add_argument("--seconds", type=float, default=3.0, help="how long to time the text PDF (default 3)")
    args = ap.parse_args()

    import plan_variants
    import pypdfium2

    import kehoach
    from kehoach.reader import read_image
    from kehoach.reader.read_pdf import _page_text, read_pdf  # _page_text: a page's text layer, for the words

    lines = plan_variants.plain_lines(args.plan.read_text(encoding="utf-8"))
    scorer = load_scorer() if args.gold.is_file() else None
    gold = json.loads(args.gold.read_text(encoding="utf-8")) if scorer else None
    with tempfile.TemporaryDirectory(prefix="bench_ocr_") as tmp:
        pdf_path = plan_variants.write_pdf(lines, Path(tmp) / f"{args.plan.stem}.pdf")
        pdf = pypdfium2.PdfDocument(str(pdf_path))
        pages = len(pdf)
        truth = []
        for page in pdf:
            truth.append(page_words(_page_text(page)))
            page.close()
        pdf.close()

        for label, work in (("read", read_pdf), ("extract", kehoach.extract)):
            work(pdf_path)  # warm-up
            rounds, started = 0, time.perf_counter()
            while time.perf_counter() - started < args.seconds:
                work(pdf_path)
                rounds += 1
            took = time.perf_counter() - started
            print(f"text PDF, {label}: {pages} pages x {rounds} rounds in {took:.2f} s: {rounds * pages / took:.1f} pages/s")

        problem = read_image.ocr_available()
        if problem:
            print(f"OCR: not available ({problem})")
            return 1
        jobs = args.jobs or len(os.sched_getaffinity(0))
        for dpi in (int(x) for x in args.dpi.split(",")):
            images = plan_variants.render_pages(pdf_path, dpi=dpi)
            started = time.perf_counter()
            result = read_image.ocr_pages(images, dpi=dpi, jobs=jobs)
            took = time.perf_counter() - started
            accuracy = sum(words_right(t, page_words(p)) * len(t) for t, p in zip(truth, result)) / sum(map(len, truth))
            line = (f"OCR at {dpi} dpi, {jobs} processes: {pages} pages in {took:.2f} s: {pages / took:.2f} pages/s "
                    f"({took / pages * jobs:.2f} s a page in each process); words right {accuracy:.2%}")
            if scorer:
                scan = plan_variants.write_scan(pdf_path, Path(tmp) / f"scan_{dpi}.pdf", dpi=dpi)
                scores = scorer.score_doc(gold, kehoach.extract(scan).model_dump(mode="json"))
                line += "; " + " ".join(f"{k}={scores[k]:.3f}" for k in ("task_f1", "attribution", "meta"))
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
