"""Backends: inline, and a local Dask cluster receiving the document bytes."""

from __future__ import annotations

import threading
from pathlib import Path

from distributed import LocalCluster

from jixiao.batch import BatchOptions, run_batch
from jixiao.batch.executors import InlineExecutor
from jixiao.batch.index import Index
from jixiao.batch.worker import DocResult, process_document


def test_inline_executor_keeps_exceptions() -> None:
    future = InlineExecutor().submit(int, "x")
    assert isinstance(future.exception(), ValueError)


def test_dask_cluster_runs_the_batch(archive: Path, tmp_path: Path) -> None:
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        stats = run_batch([archive], BatchOptions(out=tmp_path / "out", cluster=cluster.scheduler_address))
    assert (stats.reviewed, stats.failed) == (12, 1)
    assert len(list((tmp_path / "out" / "records").glob("*.json"))) == 12


#: Released by the test once the batch has given up on the stuck document.
RELEASE = threading.Event()


def _busy_or_stuck(data: bytes, name: str, profile: str | None = None, **_: object) -> DocResult:
    """One document loops in Python code, one waits inside C code (a lock), the rest are reviewed."""
    if name.endswith("000001.txt"):
        while True:  # interrupted by the deadline's asynchronous exception
            pass
    if name.endswith("000002.txt"):
        RELEASE.wait(120)  # no Python instruction runs here: only the batch loop's patience helps
    return process_document(data, name, profile)


def test_time_limit_applies_on_a_cluster(archive: Path, tmp_path: Path) -> None:
    RELEASE.clear()
    out = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        options = BatchOptions(out=out, cluster=cluster.scheduler_address, timeout=1, task=_busy_or_stuck)
        try:
            stats = run_batch([archive], options)
            stuck = not RELEASE.is_set()
        finally:
            RELEASE.set()
    assert stuck  # the batch ended while one document was still stuck
    assert (stats.reviewed, stats.failed) == (10, 3)
    with Index(out) as index:
        reasons = {Path(e.name).name: e.error or "" for e in index.entries(ok=False)}
    timed_out = sorted(name for name, reason in reasons.items() if "处理超时" in reason)
    assert len(timed_out) == 2 and timed_out[0].endswith("000001.txt") and timed_out[1].endswith("000002.txt")
