"""Write one document's results: record and findings files, the store, then the index.

The files are written atomically and the index entry comes last, so a document
appears as done only when everything about it is on disk. Files are named by the
index (`Index.stem_for`), unique per path by construction.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.batch.index import Entry, Index, write_atomic
from jixiao.batch.store import BatchStore
from jixiao.batch.worker import DocResult

if TYPE_CHECKING:
    from jixiao.batch.runner import RunStats
    from jixiao.batch.sources import Source


class ResultWriter:
    """Writes results into the output folder (and the store, when one is given)."""

    def __init__(self, out: Path, index: Index, stats: RunStats, *, db: str | None = None,
                 region: str | None = None, run: int = 0) -> None:
        self.out = out
        self.index = index
        self.stats = stats
        self.run = run
        self.store = BatchStore(db, region=region) if db else None

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None:
            self.stats.units_elsewhere = sorted(self.store.units_elsewhere)
            self.store.close()

    def write(self, result: DocResult, source: Source) -> None:
        """Write `result` (of `source`) and enter it in the index."""
        start = time.perf_counter()
        stem = self.index.stem_for(source.key, source.name)
        records, findings = self.out / "records" / f"{stem}.json", self.out / "findings" / f"{stem}.json"
        if result.ok:
            write_atomic(records, (result.record_json or "") + "\n")
            write_atomic(findings, (result.findings_json or "") + "\n")
        else:  # a path that failed now shows no results of an earlier version
            records.unlink(missing_ok=True)
            findings.unlink(missing_ok=True)
        if self.store is not None:
            self._store(result, source)
        result.timings["write"] = time.perf_counter() - start
        entry = Entry(
            source.key, source.version, result.sha256, source.name, stem,
            result.ok, result.error, result.row, result.timings,
        )
        self.index.add(entry, self.run)
        self._count(result)

    def remove(self, stems: list[str]) -> None:
        """Delete the result files of rows dropped from the index."""
        for stem in stems:
            for folder in ("records", "findings"):
                (self.out / folder / f"{stem}.json").unlink(missing_ok=True)
            (self.out / "findings" / f"{stem}.html").unlink(missing_ok=True)  # its summary page

    def _store(self, result: DocResult, source: Source) -> None:
        assert self.store is not None
        findings: list[dict[str, Any]] = []
        if result.findings_json and result.stored is None:
            findings = json.loads(result.findings_json).get("findings", [])
        self.store.save(
            result.sha256 or "path:" + hashlib.sha256(source.key).hexdigest(),
            result.name,
            result.row,
            failure=None if result.ok else result.error,
            findings=findings,
            record_json=result.record_json,
            stored=result.stored,
        )
        result.stored = None  # stored: let it go before the next document

    def _count(self, result: DocResult) -> None:
        if result.ok:
            self.stats.reviewed += 1
        else:
            self.stats.failed += 1
        self.stats.ocr_pages += result.ocr_pages
        for stage, seconds in result.timings.items():
            self.stats.stage_seconds[stage] = self.stats.stage_seconds.get(stage, 0.0) + seconds
