"""Build ``summary.xlsx``, ``summary.html`` and the findings pages of an output folder from its index.

Summaries depend only on the index (rows in name order), never on the order in which
documents finished, so a resumed run produces the same summaries as an uninterrupted one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jixiao.batch.faults import write_faults
from jixiao.batch.index import Index, write_atomic
from jixiao.batch.lock import out_lock
from jixiao.batch.overview import Overview, gather
from jixiao.batch.summary_html import render_summary_html
from jixiao.batch.summary_pages import write_pages
from jixiao.batch.summary_xlsx import write_summary_xlsx


def write_summaries(out: Path) -> Overview:
    """Write both summaries of `out` atomically; returns the aggregates."""
    with out_lock(out), Index(out) as index:
        overview = gather(index)
        target = out / "summary.xlsx"
        with write_faults(target):
            fd, tmp = tempfile.mkstemp(dir=out, prefix=".summary.", suffix=".xlsx")
            os.close(fd)
            try:
                write_summary_xlsx(out, index, overview, Path(tmp))
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
            finally:
                Path(tmp).unlink(missing_ok=True)
        write_pages(out, index)
        write_atomic(out / "summary.html", render_summary_html(overview, index.ranked()))
    return overview
