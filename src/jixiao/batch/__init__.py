"""Batch review of whole archives, on one machine or a Dask cluster.

`run_batch` streams every document under some paths (files, folders, ZIP archives)
through read → extract → score → check in parallel, writes each result as it
arrives, and skips documents finished by an earlier run; `write_summaries` then
builds ``summary.xlsx`` and ``summary.html`` from the run's index.
"""

from __future__ import annotations

from jixiao.batch.runner import BatchOptions, Monitor, RunStats, run_batch
from jixiao.batch.summary import write_summaries

__all__ = ["BatchOptions", "Monitor", "RunStats", "run_batch", "write_summaries"]
