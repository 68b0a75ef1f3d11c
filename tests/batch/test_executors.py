"""Backends: inline, and a local Dask cluster receiving the document bytes."""

from __future__ import annotations

from pathlib import Path

from distributed import LocalCluster

from jixiao.batch import BatchOptions, run_batch
from jixiao.batch.executors import InlineExecutor


def test_inline_executor_keeps_exceptions() -> None:
    future = InlineExecutor().submit(int, "x")
    assert isinstance(future.exception(), ValueError)


def test_dask_cluster_runs_the_batch(archive: Path, tmp_path: Path) -> None:
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        stats = run_batch([archive], BatchOptions(out=tmp_path / "out", cluster=cluster.scheduler_address))
    assert (stats.reviewed, stats.failed) == (12, 1)
    assert len(list((tmp_path / "out" / "records").glob("*.json"))) == 12
