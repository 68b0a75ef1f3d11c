"""Time reading and read+extract per document for each input format.

Builds the five seed reports as DOCX, HTML, XLSX and PDF (tests/fixtures_build.py),
then prints, per format, the median over N runs of the milliseconds per document
for `read_path` alone and for `load` (read + extract), on one core.

    .venv/bin/python benchmarks/bench_read.py [-n 7] [--no-pdf]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fixtures_build
from jixiao.pipeline import load
from jixiao.readers import read_path


def _median_ms(paths: list[Path], work: Callable[[Path], object], runs: int) -> float:
    """Median over `runs` of the mean milliseconds per document."""
    for path in paths:  # warm-up: imports, caches
        work(path)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for path in paths:
            work(path)
        samples.append((time.perf_counter() - start) * 1000 / len(paths))
    return statistics.median(samples)


def _extract(path: Path) -> object:
    try:
        return load(path)
    except Exception as exc:  # an extractor failure must not hide the read figures
        return exc


def main() -> None:
    """Build fixtures, time each format, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=7)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    formats = ("docx", "html", "xlsx") if args.no_pdf else ("docx", "html", "xlsx", "pdf")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as work:
        built = fixtures_build.build_all(Path(work), formats)
        built = {"text": fixtures_build.seed_paths(), **built}
        print(f"{'format':<6} {'docs':>4} {'read ms/doc':>12} {'read+extract ms/doc':>20}")
        for fmt, paths in built.items():
            read_ms = _median_ms(paths, read_path, args.runs)
            load_ms = "-" if fmt == "xlsx" else f"{_median_ms(paths, _extract, args.runs):.1f}"
            print(f"{fmt:<6} {len(paths):>4} {read_ms:>12.1f} {load_ms:>20}")


if __name__ == "__main__":
    main()
