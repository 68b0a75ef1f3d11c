"""Benchmark of ``jixiao review`` in batch: throughput, peak memory and cost per stage.

Usage:
    python benchmarks/bench_batch.py [--n 1000] [--formats txt,docx,xlsx] [--jobs 1,2]
                                     [--corpus DIR] [--work DIR]

For each format and each number of jobs, a synthetic corpus of N documents
(``jixiao synth``) is reviewed into a fresh output folder. Printed per run:
documents per second, peak resident memory of the parent plus all its children
(sampled every 0.2 s with psutil), and the mean seconds per document of each stage
(read, extract, score, check in the workers; write in the parent).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

from jixiao.batch import BatchOptions, run_batch, write_summaries
from jixiao.synth import available_formats, generate


class PeakRSS:
    """Samples the RSS of this process and all its descendants in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):  # a child may exit meanwhile
                total += child.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench(corpus: Path, work: Path, jobs: int) -> None:
    """Review `corpus` with `jobs` processes and print the figures."""
    out = work / f"out-{corpus.name}-{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    with PeakRSS() as rss:
        start = time.perf_counter()
        stats = run_batch([corpus], BatchOptions(out=out, jobs=jobs))
        review_s = time.perf_counter() - start
        write_summaries(out)
        total_s = time.perf_counter() - start
    n = stats.processed
    stages = " ".join(
        f"{stage}={stats.stage_seconds.get(stage, 0) / max(n, 1) * 1000:.1f}ms"
        for stage in ("read", "extract", "score", "check", "write")
    )
    print(
        f"{corpus.name:>10} jobs={jobs} docs={n} failed={stats.failed} "
        f"review={review_s:.1f}s ({n / review_s:.1f} docs/s) with summaries={total_s:.1f}s "
        f"peak_rss={rss.peak / 1048576:.0f}MB | per doc: {stages}",
        flush=True,
    )


def main() -> None:
    """Parse arguments, build the corpora, run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--formats", default="txt,docx,xlsx")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    formats = available_formats(tuple(args.formats.split(",")))
    for fmt in formats:
        corpus = work / f"{fmt}-{args.n}"
        if not corpus.exists():
            start = time.perf_counter()
            generate(args.n, corpus, seed=1, formats=(fmt,), defects=True)
            print(f"generated {args.n} {fmt} in {time.perf_counter() - start:.1f}s", flush=True)
        for jobs in (int(j) for j in args.jobs.split(",")):
            bench(corpus, work, jobs)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
