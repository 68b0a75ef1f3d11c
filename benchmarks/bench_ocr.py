"""OCR speed: seconds per page on one core at 150 and 300 dpi, pages per minute at 1 and 2 jobs.

The pages are the scanned fixtures of the tests (tests/ocr_build.py: our made-up report,
2 pages, with a red seal over a table, a signature, 1–2° of rotation and JPEG noise).

- *One core*: each page is read with `read_page` in this process with one
  recognition thread (run the script under ``taskset -c 0``); the figure is the
  median over N runs of the seconds per page, with the time spent in the detection
  and recognition models (the rest is our cleaning, rulings and layout).
- *Jobs*: the same pages, repeated to make a small batch, recognised by a process
  pool of 1 and then 2 processes (one thread each), as a batch review runs them.
- *Engines* (``--engines``): the same page images read by Tesseract (Debian's
  ``tesseract-ocr`` with ``chi_sim``, one thread) and by our pipeline, scored against
  the text layer of the PDF they were rendered from (share of its characters found in
  order, share of its numbers found), with the CPU seconds each takes per page.

    taskset -c 0 .venv/bin/python benchmarks/bench_ocr.py core engines [-n 3]
    .venv/bin/python benchmarks/bench_ocr.py jobs [--batch 8]      # both cores
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

os.environ.setdefault("JIXIAO_OCR_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import numpy as np

import ocr_build
from jixiao.batch.pages import one_ocr_thread
from jixiao.readers.ocr.engine import Engine, engine
from jixiao.readers.ocr.page import read_page


def _pages(workdir: Path) -> tuple[Path, dict[int, list[np.ndarray]]]:
    pdf = ocr_build.report_pdf(workdir)
    scans = {
        300: ocr_build.scan_pages(pdf, ocr_build.SCANNER_300),
        150: ocr_build.scan_pages(pdf, ocr_build.SCANNER_150),
    }
    return pdf, {dpi: [np.asarray(p) for p in pages] for dpi, pages in scans.items()}


class _ModelClock:
    """Seconds spent inside the detection and recognition models."""

    def __init__(self, target: Engine) -> None:
        self.seconds: Counter[str] = Counter()
        for name in ("detect", "recognize", "upside_down"):
            setattr(target, name, self._timed(name, getattr(target, name)))

    def _timed(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            start = time.process_time()
            try:
                return method(*args)
            finally:
                self.seconds[name] += time.process_time() - start

        return run


def one_core(pages: dict[int, list[np.ndarray]], runs: int) -> None:
    """Median CPU seconds per page at each resolution (and wall seconds), the models' share.

    CPU time, not wall time, is the figure: with one recognition thread it is the
    work a page costs, whatever else the (shared) machine is doing.
    """
    clock = _ModelClock(engine())
    read_page(pages[150][0], page=1, dpi=150)  # warm-up: models loaded
    print(f"{'dpi':>4} {'cpu s/page':>10} {'wall':>6} {'detect':>7} {'recognise':>9} {'direction':>9} {'ours':>6}")
    for dpi, images in pages.items():
        cpu, wall = [], []
        clock.seconds.clear()
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            for number, pixels in enumerate(images, start=1):
                read_page(pixels, page=number, dpi=dpi)
            cpu.append((time.process_time() - start_cpu) / len(images))
            wall.append((time.perf_counter() - start) / len(images))
        n = runs * len(images)
        det, rec, cls = (clock.seconds[k] / n for k in ("detect", "recognize", "upside_down"))
        total = statistics.median(cpu)
        print(f"{dpi:>4} {total:>10.2f} {statistics.median(wall):>6.2f} {det:>7.2f} {rec:>9.2f} "
              f"{cls:>9.2f} {total - det - rec - cls:>6.2f}")


def _read(item: tuple[np.ndarray, int]) -> int:
    pixels, dpi = item
    return len(read_page(pixels, page=1, dpi=dpi))


def jobs(pages: dict[int, list[np.ndarray]], batch: int) -> None:
    """Pages per minute with a pool of 1 and of 2 processes over `batch` pages per resolution."""
    for dpi, images in pages.items():
        work = [(images[i % len(images)], dpi) for i in range(batch)]
        rates = []
        for n_jobs in (1, 2):
            with ProcessPoolExecutor(n_jobs, initializer=one_ocr_thread) as pool:
                list(pool.map(_read, work[:n_jobs]))  # warm-up: each process loads the models
                start = time.perf_counter()
                list(pool.map(_read, work))
                rates.append(len(work) / (time.perf_counter() - start) * 60)
        print(f"{dpi} dpi: {rates[0]:.1f} pages/min at 1 job, {rates[1]:.1f} at 2 jobs "
              f"(×{rates[1] / rates[0]:.2f})")


def _truth(pdf: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def _quality(truth: str, got: str) -> tuple[float, float]:
    t, g = re.sub(r"\s+", "", truth), re.sub(r"\s+", "", got)
    blocks = SequenceMatcher(None, t, g, autojunk=False).get_matching_blocks()
    chars = sum(b.size for b in blocks) / max(1, len(t))
    want, found = (Counter(re.findall(r"\d+(?:\.\d+)?%?", s)) for s in (truth, got))
    return chars, sum((want & found).values()) / max(1, sum(want.values()))


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (Tesseract runs as one)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _ours(pixels: np.ndarray, dpi: int) -> str:
    out = []
    for block in read_page(pixels, page=1, dpi=dpi):
        out.append(block.text)
        if block.table is not None:
            out.extend(c.text for c in block.table.cells)
    return "\n".join(out)


def _tesseract(pixels: np.ndarray, dpi: int) -> str:
    from PIL import Image

    with tempfile.NamedTemporaryFile(suffix=".png") as image:
        Image.fromarray(pixels).save(image.name, dpi=(dpi, dpi))
        done = subprocess.run(
            ["tesseract", image.name, "-", "-l", "chi_sim", "--psm", "3", "--dpi", str(dpi)],
            capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=True,
        )
    return done.stdout


def engines(pdf: Path, pages: dict[int, list[np.ndarray]]) -> None:
    """Characters and numbers found, and seconds per page, for our pipeline and Tesseract."""
    truth = _truth(pdf)
    readers: dict[str, Callable[[np.ndarray, int], str]] = {"rapidocr (ours)": _ours}
    if shutil.which("tesseract"):
        readers["tesseract chi_sim"] = _tesseract
    print(f"{'engine':18} {'dpi':>4} {'chars':>6} {'numbers':>8} {'cpu s/page':>10}")
    for label, reader in readers.items():
        for dpi, images in pages.items():
            scores, start = [], _cpu()
            for pixels, text in zip(images, truth, strict=True):
                scores.append(_quality(text, reader(pixels, dpi)))
            seconds = (_cpu() - start) / len(images)
            chars = statistics.mean(s[0] for s in scores)
            numbers = statistics.mean(s[1] for s in scores)
            print(f"{label:18} {dpi:>4} {chars:>6.3f} {numbers:>8.3f} {seconds:>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parts", nargs="*", choices=["core", "jobs", "engines"], default=["core"])
    parser.add_argument("-n", "--runs", type=int, default=3, help="runs per page (core)")
    parser.add_argument("--batch", type=int, default=8, help="pages per resolution (jobs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-ocr-bench-") as tmp:
        pdf, pages = _pages(Path(tmp))
        if "core" in args.parts:
            one_core(pages, args.runs)
        if "jobs" in args.parts:
            jobs(pages, args.batch)
        if "engines" in args.parts:
            engines(pdf, pages)


if __name__ == "__main__":
    main()
