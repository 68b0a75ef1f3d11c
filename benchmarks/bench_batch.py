"""Batch review timed as a user runs it: ``jixiao review CORPUS --out OUT --jobs N``.

Usage:
    python benchmarks/bench_batch.py [--n 10000] [--formats txt,docx,html,xlsx,pdf]
                                     [--jobs 2] [--corpus DIR] [--work DIR]

A synthetic corpus of N documents, formats taken in turn, is written with
``jixiao synth N --out DIR --formats … --defects`` (kept in ``--corpus`` for later
runs). The review runs as a separate process through the installed ``jixiao``
command, exactly as typed by a user; the wall time runs from launching the command
to its exit, so it includes interpreter start-up, enumeration, the process pool, the
index, and the two summaries (XLSX and HTML). Peak memory is the resident set of
that process plus all its descendants (forkserver, pool workers), sampled every
0.2 s with psutil. The per-stage costs are the means the batch recorded in its own
index (read, extract, score, check in the workers; write in the parent).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

JIXIAO = [sys.executable, "-m", "jixiao"]


class TreePeak:
    """Samples the RSS of one process and all its descendants in a thread."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        with contextlib.suppress(psutil.Error):
            total += self.root.memory_info().rss
            for child in self.root.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # a child may exit meanwhile
                    total += child.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def make_corpus(n: int, formats: str, folder: Path) -> None:
    """``jixiao synth`` into `folder` (skipped when it already holds the corpus)."""
    if (folder / "expected.jsonl").exists():
        return
    start = time.perf_counter()
    subprocess.run(
        [
            *JIXIAO,
            "synth",
            str(n),
            "--out",
            str(folder),
            "--formats",
            formats,
            "--defects",
            "--seed",
            "1",
        ],
        check=True,
    )
    print(f"generated {n} documents ({formats}) in {time.perf_counter() - start:.0f} s", flush=True)


def stage_means(out: Path) -> str:
    """Mean ms per document of each stage, by format, from the timings in the batch index."""
    try:
        db = sqlite3.connect(out / "index.sqlite")
        rows = db.execute("SELECT name, timings FROM documents WHERE ok").fetchall()
        db.close()
    except sqlite3.Error:
        return ""
    sums: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for name, timings in rows:
        fmt = Path(name).suffix.lstrip(".")
        counts[fmt] = counts.get(fmt, 0) + 1
        for stage, seconds in json.loads(timings or "{}").items():
            sums.setdefault(fmt, {})[stage] = sums.get(fmt, {}).get(stage, 0.0) + seconds
    lines = []
    for fmt in sorted(sums):
        parts = " ".join(
            f"{stage}={seconds / counts[fmt] * 1000:.1f}" for stage, seconds in sums[fmt].items()
        )
        lines.append(f"{fmt:<5} n={counts[fmt]:<6} {parts} (ms/doc)")
    return "\n  ".join(lines)


def run_review(corpus: Path, out: Path, jobs: int) -> None:
    """Time one ``jixiao review`` run and print its figures."""
    shutil.rmtree(out, ignore_errors=True)
    command = [*JIXIAO, "review", str(corpus), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with TreePeak(proc.pid) as peak:
        output, _ = proc.communicate()
    wall = time.perf_counter() - start
    docs = sum(1 for p in corpus.iterdir() if p.is_file() and p.suffix != ".jsonl")
    summaries = (out / "summary.xlsx").exists() and (out / "summary.html").exists()
    print(
        f"{corpus.name}: jobs={jobs} docs={docs} exit={proc.returncode} wall={wall:.1f}s "
        f"({docs / wall:.1f} docs/s, start-up and summaries included; summaries written: "
        f"{summaries}) peak_rss_tree={peak.peak / 1048576:.0f}MB",
        flush=True,
    )
    means = stage_means(out)
    if means:
        print(f"  per document: {means}")
    tail = [line for line in output.splitlines() if line.strip()][-3:]
    for line in tail:
        print(f"  | {line}")


def main() -> None:
    """Make the corpus, review it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--formats", default="txt,docx,html,xlsx,pdf")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    corpus = args.corpus or work / f"mixed-{args.n}"
    make_corpus(args.n, args.formats, corpus)
    for jobs in (int(j) for j in args.jobs.split(",")):
        run_review(corpus, work / f"review-{corpus.name}-{jobs}", jobs)
    if args.work is None and args.corpus is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
