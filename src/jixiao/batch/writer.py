"""Write one document's results: record and findings files, the store, then the index.

The files are written atomically and the index entry comes last, so a document
appears as done only when everything about it is on disk.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from jixiao.batch.index import Entry, Index, write_atomic
from jixiao.batch.store import BatchStore
from jixiao.batch.worker import DocResult

if TYPE_CHECKING:
    from pathlib import Path

    from jixiao.batch.runner import RunStats

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def file_stem(name: str, sha256: str) -> str:
    """A safe, unique file stem for a document: its own stem and 8 hex digits of its hash."""
    last = name.rsplit("!", 1)[-1]
    stem = PureWindowsPath(PurePosixPath(last).name).stem
    stem = _UNSAFE.sub("_", stem).strip("._") or "document"
    return f"{stem[:80]}-{sha256[:8]}"


class ResultWriter:
    """Writes results into the output folder (and the store, when one is given)."""

    def __init__(self, out: Path, index: Index, stats: RunStats, *, db: str | None = None) -> None:
        self.out = out
        self.index = index
        self.stats = stats
        self.store = BatchStore(db) if db else None

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None:
            self.store.close()

    def write(self, result: DocResult) -> None:
        """Write `result` and enter it in the index."""
        start = time.perf_counter()
        stem = file_stem(result.name, result.sha256)
        if result.ok:
            write_atomic(self.out / "records" / f"{stem}.json", (result.record_json or "") + "\n")
            write_atomic(self.out / "findings" / f"{stem}.json", (result.findings_json or "") + "\n")
        if self.store is not None:
            self._store(result)
        result.timings["write"] = time.perf_counter() - start
        self.index.add(
            Entry(result.sha256, result.name, stem, result.ok, result.error, result.row, result.timings)
        )
        self._count(result)

    def _store(self, result: DocResult) -> None:
        assert self.store is not None
        findings: list[dict[str, Any]] = []
        if result.findings_json:
            findings = json.loads(result.findings_json).get("findings", [])
        self.store.save(
            result.sha256,
            result.name,
            result.row,
            failure=None if result.ok else result.error,
            findings=findings,
            record_json=result.record_json,
        )

    def _count(self, result: DocResult) -> None:
        if result.ok:
            self.stats.reviewed += 1
        else:
            self.stats.failed += 1
        self.stats.ocr_pages += result.ocr_pages
        for stage, seconds in result.timings.items():
            self.stats.stage_seconds[stage] = self.stats.stage_seconds.get(stage, 0.0) + seconds
