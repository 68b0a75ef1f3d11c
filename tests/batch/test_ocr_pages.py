"""Scanned pages in a batch: counted in the progress, spread over a Dask cluster."""

from __future__ import annotations

from pathlib import Path

from distributed import LocalCluster, get_task_stream

from jixiao.batch import BatchOptions, Monitor, run_batch
from ocr_build import encoded, small_page


class Counting(Monitor):
    """Remembers what the progress display would show."""

    def __init__(self) -> None:
        self.scans: list[int] = []
        self.done = 0

    def scanned(self, pages: int) -> None:
        self.scans.append(pages)

    def advance(self, ok: bool) -> None:
        self.done += 1


def _scan(folder: Path, pages: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    images = [small_page() for _ in range(pages)]
    path = folder / "扫描件.tif"
    path.write_bytes(encoded(images[0], "TIFF", save_all=True, append_images=images[1:], dpi=(200, 200)))
    (folder / "说明.txt").write_text("2024年全年支出771.08万元，其中基本支出526.35万元。\n", encoding="utf-8")
    return folder


def test_progress_counts_pages_read_by_ocr(tmp_path: Path) -> None:
    monitor = Counting()
    stats = run_batch([_scan(tmp_path / "in", 2)], BatchOptions(out=tmp_path / "out", jobs=0), monitor)
    assert (stats.reviewed, stats.failed) == (2, 0)
    assert monitor.scans == [2] and monitor.done == 2
    assert stats.ocr_pages == 2


def test_dask_spreads_the_pages_of_a_scan(tmp_path: Path) -> None:
    folder = _scan(tmp_path / "in", 3)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        from distributed import Client

        with Client(cluster) as client, get_task_stream(client) as tasks:
            stats = run_batch([folder], BatchOptions(out=tmp_path / "out", cluster=cluster.scheduler_address))
    assert (stats.reviewed, stats.ocr_pages) == (2, 3)
    page_tasks = [t for t in tasks.data if str(t["key"]).startswith("('recognise") or "recognise" in str(t["key"])]
    assert len(page_tasks) == 3
