"""Time rendering the invented sample in each format and importing its workbook.

    .venv/bin/python benchmarks/bench_render.py [--rounds N]

Prints the median of N rounds (after one warm-up) per format: DOCX (the template filled
through docxtpl), HTML (drawn from that DOCX), XLSX (the fill-in workbook) and the import of
that workbook (formulas computed). PDF is left out: it is LibreOffice's time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from jixiao.render import load_bundle, render
from jixiao.render.xlsx_import import import_xlsx

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "render" / "sample.json"


def _median_ms(call: Callable[[], object], rounds: int) -> float:
    call()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    record, narrative = load_bundle(SAMPLE)
    workbook = render(record, narrative, "xlsx")
    rows = [
        ("docx", lambda: render(record, narrative, "docx")),
        ("html", lambda: render(record, narrative, "html")),
        ("xlsx", lambda: render(record, narrative, "xlsx")),
        ("xlsx import", lambda: import_xlsx(workbook)),
    ]
    for name, call in rows:
        print(f"{name:12s} {_median_ms(call, rounds):7.1f} ms")


if __name__ == "__main__":
    main()
