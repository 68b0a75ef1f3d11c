"""What loading a batch into the database costs: ``jixiao review`` with and without ``--db``.

Usage:
    python benchmarks/bench_batch_store.py [--n 1000] [--formats txt] [--jobs 2]
                                           [--big-mb 20] [--work DIR]

Runs, in one session so that the figures compare, on the same synthetic corpus
(``jixiao synth N --defects``):

1. ``jixiao review CORPUS --out OUT --jobs J`` (no database);
2. the same with ``--db sqlite:///…/r.db --region 基准区`` (each document's source,
   provenance, score and findings packed in the worker and stored by the parent);

and then one report padded to about ``--big-mb`` MB of text, reviewed with ``--db``,
to show that the parent's memory is bounded by one document's payload. Each run is
timed from launching the command to its exit; peak memory is the resident set of
the process and all its descendants (`bench_batch.TreePeak`), and of the parent alone. Per-document costs of
packing (worker) and writing (parent: files, index and database) are the means the
batch recorded in its index.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import JIXIAO, TreePeak, make_corpus, stage_means


class Peaks(TreePeak):
    """`TreePeak`, and the peak of the parent process alone."""

    def __init__(self, pid: int) -> None:
        super().__init__(pid)
        self.parent = 0

    def _sample(self) -> int:
        with contextlib.suppress(psutil.Error):
            self.parent = max(self.parent, self.root.memory_info().rss)
        return super()._sample()


def review(corpus: Path, out: Path, jobs: int, *extra: str) -> tuple[float, Peaks, int]:
    """(wall seconds, peak RSS, exit status) of one ``jixiao review`` run."""
    shutil.rmtree(out, ignore_errors=True)
    command = [*JIXIAO, "review", str(corpus), "--out", str(out), "--jobs", str(jobs), "--quiet", *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with Peaks(proc.pid) as peak:
        _, err = proc.communicate()
    if proc.returncode not in (0, 1):
        print(err, file=sys.stderr)
    return time.perf_counter() - start, peak, proc.returncode


def stored(db: Path) -> str:
    """Counts and sizes of what the database holds."""
    con = sqlite3.connect(db)
    subs, with_doc, doc_bytes = con.execute(
        "SELECT (SELECT count(*) FROM submissions), count(document_json), sum(length(document_json)) FROM sources"
    ).fetchone()
    con.close()
    size = db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(db.name + "-*"))
    return (f"submissions={subs} sources_with_document={with_doc} "
            f"document_json={int(doc_bytes or 0) / 1048576:.1f}MB db_file={size / 1048576:.1f}MB")


def big_report(corpus: Path, folder: Path, megabytes: int) -> Path:
    """One report of the corpus, its prose repeated to about `megabytes` MB."""
    source = next(p for p in sorted(corpus.iterdir()) if p.suffix == ".txt")
    text = source.read_text(encoding="utf-8")
    paragraphs = [line for line in text.splitlines() if line and not line.startswith("\t")]
    filler = "\n".join(paragraphs) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "big.txt"
    repeat = max(1, megabytes * 1048576 // len(filler.encode("utf-8")))
    target.write_text(text + filler * repeat, encoding="utf-8")
    return folder


def line(label: str, docs: int, wall: float, peak: Peaks, status: int) -> None:
    print(f"{label}: docs={docs} exit={status} wall={wall:.1f}s ({docs / wall:.1f} docs/s) "
          f"peak_rss_tree={peak.peak / 1048576:.0f}MB peak_rss_parent={peak.parent / 1048576:.0f}MB", flush=True)


def main() -> None:
    """Make the corpus, review it with and without the database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--formats", default="txt")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--big-mb", type=int, default=20)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="jixiao-bench-store-"))
    corpus = work / f"corpus-{args.n}-{args.formats.replace(',', '-')}"
    make_corpus(args.n, args.formats, corpus)
    docs = sum(1 for p in corpus.iterdir() if p.is_file() and p.suffix != ".jsonl")
    wall, peak, status = review(corpus, work / "plain", args.jobs)
    line("without --db", docs, wall, peak, status)
    print(f"  per document: {stage_means(work / 'plain')}")
    db = work / "r.db"
    db.unlink(missing_ok=True)
    wall, peak, status = review(corpus, work / "stored", args.jobs, "--db", f"sqlite:///{db}", "--region", "基准区")
    line("with --db", docs, wall, peak, status)
    print(f"  per document: {stage_means(work / 'stored')}")
    print(f"  {stored(db)}")
    if args.big_mb:
        big = big_report(corpus, work / "big", args.big_mb)
        size = (big / "big.txt").stat().st_size
        db_big = work / "big.db"
        db_big.unlink(missing_ok=True)
        wall, peak, status = review(big, work / "big-out", args.jobs, "--db", f"sqlite:///{db_big}")
        line(f"one {size / 1048576:.0f} MB report with --db", 1, wall, peak, status)
        print(f"  per document: {stage_means(work / 'big-out')}")
        print(f"  {stored(db_big)}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
