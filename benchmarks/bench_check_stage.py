"""Cost of the check stage (review) against the extract stage, per format and on a ~1 MB report.

For each format the five seed reports are read once (the text seeds as they are; DOCX,
HTML, XLSX and PDF built with tests/fixtures_build.py), then in one run, alternating:

* extract: `jixiao.extract.extract(document)` on the document already read;
* check:   `jixiao.review.review(extraction)` (a new review context each call, so
  nothing the context derives survives between runs; choosing the profile and the
  score result the rescoring checks need are part of the check stage).

It prints the median over N runs of the mean milliseconds per document of each stage,
and their ratio check ÷ extract (the target is <= 0.5). The last line is a ~1 MB text
report: the seeds' paragraphs repeated (with their tables once), so that the text grows
and the record does not.

    .venv/bin/python benchmarks/bench_check_stage.py [-n 7] [--no-pdf] [--size-mb 1]
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
from jixiao.extract import Extraction, extract
from jixiao.model.document import Document
from jixiao.readers import read_bytes, read_path
from jixiao.review import review


def _median_ms(items: list[object], work: Callable[[object], object], runs: int) -> float:
    """Median over `runs` of the mean milliseconds per item (after one warm-up pass)."""
    for item in items:
        work(item)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            work(item)
        samples.append((time.perf_counter() - start) * 1000 / len(items))
    return statistics.median(samples)


def _extract(document: object) -> Extraction:
    assert isinstance(document, Document)
    return extract(document)


def _check(extraction: object) -> object:
    assert isinstance(extraction, Extraction)
    return review(extraction)


def stages(documents: list[Document], runs: int) -> tuple[float, float]:
    """(extract ms/doc, check ms/doc) of the same documents, measured one after the other."""
    extract_ms = _median_ms(list(documents), _extract, runs)
    extractions: list[object] = [extract(d) for d in documents]
    check_ms = _median_ms(extractions, _check, runs)
    return extract_ms, check_ms


def big_report(size_mb: float) -> Document:
    """A text report of about `size_mb` MB: every seed's prose repeated, its tables once."""
    texts = [p.read_text(encoding="utf-8") for p in fixtures_build.seed_paths()]
    prose = "\n".join(
        line for text in texts for line in text.splitlines() if not line.startswith("\t")
    )
    head = texts[2]
    body = [head]
    size = len(head.encode("utf-8"))
    while size < size_mb * 1_000_000:
        body.append(prose)
        size += len(prose.encode("utf-8"))
    return read_bytes("\n".join(body).encode("utf-8"), name="big.txt")


def main() -> None:
    """Build fixtures, time both stages per format, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=7)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    formats = ("docx", "html", "xlsx") if args.no_pdf else ("docx", "html", "xlsx", "pdf")
    print(f"{'format':<8} {'docs':>4} {'extract ms/doc':>15} {'check ms/doc':>13} {'check/extract':>14}")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as work:
        built = fixtures_build.build_all(Path(work), formats)
        built = {"text": fixtures_build.seed_paths(), **built}
        rows = [(fmt, [read_path(p) for p in paths]) for fmt, paths in built.items()]
    rows.append((f"{args.size_mb:g}MB-txt", [big_report(args.size_mb)]))
    for name, documents in rows:
        runs = args.runs if len(documents) > 1 else max(3, args.runs // 2)
        extract_ms, check_ms = stages(documents, runs)
        ratio = check_ms / extract_ms if extract_ms else float("nan")
        print(f"{name:<8} {len(documents):>4} {extract_ms:>15.1f} {check_ms:>13.1f} {ratio:>14.2f}")


if __name__ == "__main__":
    main()
