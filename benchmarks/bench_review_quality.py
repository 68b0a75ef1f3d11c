"""Recall and precision of the review, per check, on a synthetic corpus with known defects.

Usage:
    python benchmarks/bench_review_quality.py [--n 1000] [--seed 11] [--formats txt] [--jobs 2]

A corpus is generated with ``--defects`` (about 60 % of the documents carry one or two
defects, each mapped to the finding code it must produce, see ``jixiao.synth.defects``)
and reviewed with the batch runner. For each injected code:

* recall = documents where the code is expected and found / documents where it is expected;
* precision = documents where the code is expected and found / documents where it is found.

Codes the review reports that are never injected are listed with the number of
documents they fire on (all of those documents are otherwise clean of that defect).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from jixiao.batch import BatchOptions, run_batch
from jixiao.batch.index import Index
from jixiao.synth import available_formats, generate
from jixiao.synth.defects import DEFECTS


def _found_codes(out: Path) -> dict[str, set[str]]:
    """File name → codes found, from the run's index."""
    found: dict[str, set[str]] = {}
    with Index(out) as index:
        for entry in index.entries():
            name = Path(entry.name).name
            found[name] = set(entry.row.get("codes", {})) if entry.ok else {"<failed>"}
    return found


def measure(corpus: Path, out: Path) -> None:
    """Print recall and precision per code."""
    found = _found_codes(out)
    expected_docs = Counter[str]()
    found_docs = Counter[str]()
    hits = Counter[str]()
    injected = {d.code for d in DEFECTS}
    for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        expected, got = set(item["codes"]), found.get(item["file"], set())
        expected_docs.update(expected)
        found_docs.update(got)
        hits.update(expected & got)
    print(f"{'code':34} {'expected':>8} {'found':>6} {'hit':>5} {'recall':>7} {'precision':>9}")
    for code in sorted(injected):
        e, f, h = expected_docs[code], found_docs[code], hits[code]
        recall = f"{h / e:.3f}" if e else "—"
        precision = f"{h / f:.3f}" if f else "—"
        print(f"{code:34} {e:8d} {f:6d} {h:5d} {recall:>7} {precision:>9}")
    print("\nother codes reported (never injected): documents")
    for code, n in sorted(found_docs.items(), key=lambda kv: (-kv[1], kv[0])):
        if code not in injected:
            print(f"  {code:34} {n}")


def main() -> None:
    """Generate, review, measure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--formats", default="txt")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jixiao-quality-"))
    try:
        corpus = work / "corpus"
        formats = available_formats(tuple(args.formats.split(",")))
        generate(args.n, corpus, seed=args.seed, formats=formats, defects=True)
        (work / "docs").mkdir()
        for path in corpus.iterdir():
            if path.is_file() and path.name != "expected.jsonl":
                path.rename(work / "docs" / path.name)
        stats = run_batch([work / "docs"], BatchOptions(out=work / "out", jobs=args.jobs))
        print(
            f"{args.n} documents ({','.join(formats)}), reviewed {stats.reviewed}, failed {stats.failed}\n"
        )
        measure(corpus, work / "out")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
