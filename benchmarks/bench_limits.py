"""What the hostile-input checks cost: the pre-scan of worksheets and the ZIP directory
checks, as a share of reading the same file, measured in one run (ratios hold under load).

    python benchmarks/bench_limits.py [ROWS]
"""

from __future__ import annotations

import io
import sys
import time
import zipfile
from collections.abc import Callable

from openpyxl import Workbook

from jixiao.readers import limits, xlsx


def _best(call: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def _workbook(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for r in range(1, rows + 1):
        sheet.append([f"项目{r}"] + [r * 1.5 + c for c in range(19)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main(rows: int) -> None:
    """Print read time, check time and their ratio for a ROWS × 20 workbook."""
    data = _workbook(rows)
    read = _best(lambda: xlsx.read(data, name="bench.xlsx"))
    scan = _best(lambda: limits.check_workbook(zipfile.ZipFile(io.BytesIO(data))))
    directory = _best(lambda: limits.check_package(zipfile.ZipFile(io.BytesIO(data))))
    print(f"xlsx {rows}x20 cells, {len(data) / 1024:.0f} KB")
    print(f"  read             {read * 1000:8.1f} ms")
    print(f"  worksheet scan   {scan * 1000:8.1f} ms  ({scan / read:.1%} of the read)")
    print(f"  member checks    {directory * 1000:8.1f} ms  ({directory / read:.1%} of the read)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
