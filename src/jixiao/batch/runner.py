"""The batch loop: stream documents to the workers, write each result as it arrives.

Memory stays flat however large the archive: sources are enumerated lazily, at most
a few documents are in flight (`Backend.inflight`), and every result is written to
disk (and entered in the index) as soon as it arrives. The parent process reads no
document: it sends each worker a reference, and the worker reads the bytes
(`jixiao.batch.task`). A path already in the index at the same version is skipped,
so an interrupted run started again finishes only the rest; a path whose content
changed is done again and replaces its row. One run at a time holds the output
folder (`jixiao.batch.lock`). The summaries are built afterwards from the index.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.batch.deadline import DEFAULT_TIMEOUT, patience, timeout_reason
from jixiao.batch.executors import Backend, InlineExecutor, open_backend
from jixiao.batch.index import Index
from jixiao.batch.lock import out_lock
from jixiao.batch.settings import describe, stamp
from jixiao.batch.sources import BytesRef, Ref, Source, iter_sources
from jixiao.batch.task import Task, run_source
from jixiao.batch.worker import DocResult, process_document
from jixiao.batch.writer import ResultWriter

#: Reason given for a document whose worker process died while reading it alone.
CRASH_REASON = "处理进程意外退出（文件可能使读取库崩溃，或内存不足）"


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch."""

    out: Path
    #: Worker processes; 0 runs everything in this process.
    jobs: int = 2
    profile: str | None = None
    #: ``sqlite:///path.db``: also store results in this database.
    db: str | None = None
    #: The region (地区) that units new to the database join (with `db`).
    region: str | None = None
    #: Address of a Dask scheduler; the work then runs on that cluster.
    cluster: str | None = None
    #: Stop after this many new documents (tests of interruption, trial runs).
    max_documents: int | None = None
    #: The function run for each document (swappable for tests).
    task: Task = process_document
    #: Seconds allowed per document (None: no limit).
    timeout: float | None = DEFAULT_TIMEOUT
    #: Follow symbolic links that lead out of the paths given.
    follow_links: bool = False


@dataclass
class RunStats:
    """What a run did."""

    reviewed: int = 0
    failed: int = 0
    #: Documents finished in an earlier run (same path, unchanged).
    skipped: int = 0
    #: Rows dropped because their files are no longer under the paths given.
    dropped: int = 0
    elapsed: float = 0.0
    #: Seconds summed over documents, per stage (read, extract, score, check, write).
    stage_seconds: dict[str, float] = field(default_factory=dict)
    interrupted: bool = False
    #: Units of the database that belong to another region than ``BatchOptions.region``.
    units_elsewhere: list[str] = field(default_factory=list)
    #: Pages of scans read by OCR.
    ocr_pages: int = 0
    #: The settings of the earlier run whose results were discarded (another profile or version).
    recomputed: str | None = None

    @property
    def processed(self) -> int:
        """Documents processed in this run."""
        return self.reviewed + self.failed


class Monitor:
    """Receives progress events; the CLI shows them as a progress bar."""

    def start(self, total: int | None) -> None:
        """The run starts; `total` documents are expected (None: unknown)."""

    def advance(self, ok: bool) -> None:
        """One document finished (or was skipped, counted as ok)."""

    def scanned(self, pages: int) -> None:
        """The document just finished had `pages` pages read by OCR (called before `advance`)."""

    def stop(self) -> None:
        """The run ended."""


@dataclass
class _Pending:
    source: Source
    generation: int
    alone: bool = False
    started: float = field(default_factory=time.monotonic)


@dataclass
class _Loop:
    backend: Backend
    writer: ResultWriter
    monitor: Monitor
    options: BatchOptions
    pending: dict[Future[DocResult], _Pending] = field(default_factory=dict)
    suspects: list[_Pending] = field(default_factory=list)

    def submit(self, source: Source, *, alone: bool = False) -> None:
        ref = self._ref(source)
        if ref is None:
            return
        options = self.options
        args = (ref, source.name, options.task, options.profile, options.timeout, options.db is not None)
        try:
            future = self.backend.executor.submit(run_source, *args)
        except BrokenProcessPool:  # broke since the last result: replace it and go on
            self.backend.restart(self.backend.generation)
            future = self.backend.executor.submit(run_source, *args)
        self.pending[future] = _Pending(source, self.backend.generation, alone)

    def _ref(self, source: Source) -> Ref | None:
        """What the worker reads; cluster workers get the bytes (they have no access to the files)."""
        assert source.ref is not None
        if self.options.cluster is None or isinstance(self.backend.executor, InlineExecutor):
            return source.ref
        try:
            return BytesRef(source.fetch())
        except OSError as exc:
            self.finish(DocResult(source.name, "", ok=False, error=exc.strerror or str(exc)), source)
            return None

    def finish(self, result: DocResult, source: Source) -> None:
        self.writer.write(result, source)
        if result.ocr_pages:
            self.monitor.scanned(result.ocr_pages)
        self.monitor.advance(result.ok)

    def drain(self, until: int) -> None:
        """Collect results until at most `until` documents are in flight."""
        while len(self.pending) > until:
            done, _ = wait(list(self.pending), timeout=self._wait(), return_when=FIRST_COMPLETED)
            self._give_up(done)
            for future in done:
                item = self.pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    self._crashed(item)
                    continue
                self.finish(result, item.source)
        if not self.pending and self.suspects:
            self._retry_suspects()

    def _patience(self) -> float | None:
        """Seconds a cluster's document may take from its submission (None: no limit).

        A pool process stuck in a library is ended by its own watchdog; a cluster's
        worker thread cannot be, so the loop stops waiting for it instead.
        """
        timeout = self.options.timeout
        if self.options.cluster is None or not timeout or isinstance(self.backend.executor, InlineExecutor):
            return None
        return patience(timeout)

    def _wait(self) -> float | None:
        """How long to wait for the next result: until the first document runs out of patience."""
        allowed = self._patience()
        if allowed is None or not self.pending:
            return None
        first = min(item.started for item in self.pending.values())
        return max(0.0, first + allowed - time.monotonic())

    def _give_up(self, done: set[Future[DocResult]]) -> None:
        """Record as timed out every document past its patience that has not finished."""
        allowed, timeout = self._patience(), self.options.timeout
        if allowed is None or timeout is None:
            return
        now = time.monotonic()
        for future, item in list(self.pending.items()):
            if future not in done and now - item.started >= allowed:
                del self.pending[future]
                future.cancel()
                self.finish(DocResult(item.source.name, "", ok=False, error=timeout_reason(timeout)), item.source)

    def _crashed(self, item: _Pending) -> None:
        if item.alone:
            timeout = self.options.timeout
            late = timeout is not None and time.monotonic() - item.started >= timeout
            reason = timeout_reason(timeout) if late and timeout is not None else CRASH_REASON
            self.finish(DocResult(item.source.name, "", ok=False, error=reason), item.source)
            return
        self.suspects.append(item)
        self.backend.restart(item.generation)

    def _retry_suspects(self) -> None:
        """Run each document that was in flight when a worker died alone, to find the culprit."""
        suspects, self.suspects = self.suspects, []
        for item in suspects:
            self.submit(item.source, alone=True)
            self.drain(0)


def _feed(loop: _Loop, index: Index, sources: Iterator[Source], stats: RunStats, run: int) -> bool:
    """Process every source; False when stopped early by ``max_documents``."""
    limit = loop.options.max_documents
    unchanged: list[bytes] = []
    for source in sources:
        if limit is not None and stats.processed + len(loop.pending) >= limit:
            loop.drain(0)
            return False
        if any(p.source.key == source.key for p in loop.pending.values()):
            continue  # the same path reached twice (through a link inside the tree)
        if index.version(source.key) == source.version:
            stats.skipped += 1
            unchanged.append(source.key)
            if len(unchanged) >= 1000:
                index.mark_seen(unchanged, run)
                unchanged.clear()
            loop.monitor.advance(True)
        elif source.ref is None:
            loop.finish(DocResult(source.name, "", ok=False, error=source.error), source)
        else:
            loop.submit(source)
            loop.drain(loop.backend.inflight - 1)
    index.mark_seen(unchanged, run)
    loop.drain(0)
    return True


def _same_settings(index: Index, options: BatchOptions, stats: RunStats) -> None:
    """Clear an index made with another profile or version (`jixiao.batch.settings`)."""
    current = stamp(options.profile)
    previous = index.setting("stamp")
    if previous is not None and previous != current:
        stats.recomputed = describe(previous)
        index.clear()
    index.set_setting("stamp", current)


def run_batch(
    paths: Iterable[Path],
    options: BatchOptions,
    monitor: Monitor | None = None,
    total: int | None = None,
) -> RunStats:
    """Review every document under `paths` into ``options.out``; see the module docstring.

    Raises `KeyboardInterrupt` after saving what is done when the user interrupts.
    """
    stats = RunStats()
    monitor = monitor or Monitor()
    started = time.perf_counter()
    paths = list(paths)
    with ExitStack() as stack:
        stack.enter_context(out_lock(options.out))
        index = stack.enter_context(Index(options.out))
        _same_settings(index, options, stats)
        run = index.begin_run()
        backend = stack.enter_context(open_backend(options.jobs, options.cluster))
        writer = stack.enter_context(
            ResultWriter(options.out, index, stats, db=options.db, region=options.region, run=run))
        loop = _Loop(backend, writer, monitor, options)
        monitor.start(total)
        try:
            sources = iter_sources(paths, follow_links=options.follow_links)
            if _feed(loop, index, sources, stats, run):
                dropped = index.drop_unseen([os.fsencode(os.path.abspath(p)) for p in paths], run)
                writer.remove(dropped)
                stats.dropped = len(dropped)
        except KeyboardInterrupt:
            stats.interrupted = True
            for future in loop.pending:
                future.cancel()
            raise
        finally:
            stats.elapsed = time.perf_counter() - started
            monitor.stop()
    return stats
