"""Cost of the check stage (review) against the extract stage, per format and on a ~1 MB report.

For each format the five seed reports are read once (the text seeds as they are; DOCX,
HTML, XLSX and PDF built with tests/fixtures_build.py), then in one run, alternating:

* extract: `jixiao.extract.extract(document)` on the document already read;
* check:   `jixiao.review.review(extraction, profile, score=result)` with the profile
  and result of the score stage, as the pipeline runs it (`pipeline.evaluate_record`
  chooses the profile once, outside the check stage; a new review context each call, so nothing the
  context derives survives between runs); the last column times `review(extraction)`
  scoring the record itself, for comparison.

It prints, after two untimed runs, the median over N runs of the mean CPU milliseconds per document of each
stage, and the median of the per-run ratios check ÷ extract (the target is <= 0.5);
each run times both stages back to back, so load on the machine moves both. The last line is a ~1 MB text
report: the seeds' paragraphs repeated (with their tables once), so that the text grows
and the record does not.

    .venv/bin/python benchmarks/bench_check_stage.py [-n 15] [--no-pdf] [--size-mb 1]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fresh import clear_text_caches

import fixtures_build
from jixiao.extract import Extraction, extract
from jixiao.model.document import Document
from jixiao.readers import read_bytes, read_path
from jixiao.review import review
from jixiao.score import choose_profile, score_record


def _ms(items: list[object], work: Callable[[object], object]) -> float:
    """Milliseconds per item of one pass over `items` (process CPU time), text caches empty.

    The garbage the previous pass left is collected before the clock starts: otherwise
    a stage pays for collecting the objects of the stage timed before it.
    """
    clear_text_caches()  # each pass meets its documents as new (benchmarks/fresh.py)
    gc.collect()
    start = time.process_time()
    for item in items:
        work(item)
    return (time.process_time() - start) * 1000 / len(items)


def _extract(document: object) -> Extraction:
    assert isinstance(document, Document)
    return extract(document)


def _check_scored(item: object) -> object:
    extraction, profile, scored = item  # type: ignore[misc]
    return review(extraction, profile, score=scored)


def _check_alone(extraction: object) -> object:
    assert isinstance(extraction, Extraction)
    return review(extraction)


#: Untimed runs first (imports, the regular-expression module's cache, a CPU that is still
#: raising its clock): the first run of a stage was up to 8 % slower than the median.
_WARM_UP = 2


def stages(documents: list[Document], runs: int) -> tuple[float, float, float, float]:
    """(extract ms/doc, check ms/doc, ratio check ÷ extract, ratio check-with-scoring ÷ extract).

    The check stage is `review` given the score stage's profile and result, as the pipeline runs
    it; the last figure is `review` scoring the record itself. Each run times the
    stages back to back on the same documents, so that a change of load on the machine
    moves all of them; the ratios are taken per run and their median is printed.
    """
    extractions: list[object] = [extract(d) for d in documents]
    scored: list[object] = [
        (e, profile, score_record(e.record, profile))
        for e in extractions
        if isinstance(e, Extraction)
        for profile in (choose_profile(e.record),)
    ]
    samples = []
    for run in range(runs + _WARM_UP):
        extract_ms = _ms(list(documents), _extract)
        check_ms = _ms(scored, _check_scored)
        alone_ms = _ms(extractions, _check_alone)
        if run >= _WARM_UP:
            samples.append((extract_ms, check_ms, check_ms / extract_ms, alone_ms / extract_ms))
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        statistics.median(s[2] for s in samples),
        statistics.median(s[3] for s in samples),
    )


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
    parser.add_argument("-n", "--runs", type=int, default=15)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    formats = ("docx", "html", "xlsx") if args.no_pdf else ("docx", "html", "xlsx", "pdf")
    print(
        f"{'format':<8} {'docs':>4} {'extract ms/doc':>15} {'check ms/doc':>13}"
        f" {'check/extract':>14} {'(check+score)/extract':>22}"
    )
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as work:
        built = fixtures_build.build_all(Path(work), formats)
        built = {"text": fixtures_build.seed_paths(), **built}
        rows = [(fmt, [read_path(p) for p in paths]) for fmt, paths in built.items()]
    rows.append((f"{args.size_mb:g}MB-txt", [big_report(args.size_mb)]))
    for name, documents in rows:
        runs = args.runs if len(documents) > 1 else max(3, args.runs // 2)
        extract_ms, check_ms, ratio, with_score = stages(documents, runs)
        print(
            f"{name:<8} {len(documents):>4} {extract_ms:>15.1f} {check_ms:>13.1f}"
            f" {ratio:>14.2f} {with_score:>22.2f}"
        )


if __name__ == "__main__":
    main()
