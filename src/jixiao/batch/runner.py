"""The batch loop: stream documents to the workers, write each result as it arrives.

Memory stays flat however large the archive: sources are enumerated lazily, at most
a few documents are in flight (`Backend.inflight`), and every result is written to
disk (and entered in the index) as soon as it arrives. A document already in the
index — by the SHA-256 of its bytes — is skipped, so an interrupted run started
again finishes only the rest. The summaries are built afterwards from the index.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.batch.executors import Backend, open_backend
from jixiao.batch.index import Index
from jixiao.batch.settings import describe, stamp
from jixiao.batch.sources import Source, iter_sources
from jixiao.batch.worker import DocResult, process_document, sha256
from jixiao.batch.writer import ResultWriter

Task = Callable[[bytes, str, str | None], DocResult]

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
    #: Address of a Dask scheduler; the work then runs on that cluster.
    cluster: str | None = None
    #: Stop after this many new documents (tests of interruption, trial runs).
    max_documents: int | None = None
    #: The function run for each document (swappable for tests).
    task: Task = process_document


@dataclass
class RunStats:
    """What a run did."""

    reviewed: int = 0
    failed: int = 0
    #: Documents finished in an earlier run (same bytes).
    skipped: int = 0
    #: Documents whose bytes repeat another document of this run.
    duplicates: int = 0
    elapsed: float = 0.0
    #: Seconds summed over documents, per stage (read, extract, score, check, write).
    stage_seconds: dict[str, float] = field(default_factory=dict)
    interrupted: bool = False
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

    def stop(self) -> None:
        """The run ended."""


@dataclass
class _Pending:
    source: Source
    sha256: str
    generation: int
    alone: bool = False


@dataclass
class _Loop:
    backend: Backend
    writer: ResultWriter
    monitor: Monitor
    options: BatchOptions
    pending: dict[Future[DocResult], _Pending] = field(default_factory=dict)
    suspects: list[_Pending] = field(default_factory=list)

    def submit(self, source: Source, data: bytes, digest: str, *, alone: bool = False) -> None:
        task, profile = self.options.task, self.options.profile
        try:
            future = self.backend.executor.submit(task, data, source.name, profile)
        except BrokenProcessPool:  # broke since the last result: replace it and go on
            self.backend.restart(self.backend.generation)
            future = self.backend.executor.submit(task, data, source.name, profile)
        self.pending[future] = _Pending(source, digest, self.backend.generation, alone)

    def finish(self, result: DocResult) -> None:
        self.writer.write(result)
        self.monitor.advance(result.ok)

    def drain(self, until: int) -> None:
        """Collect results until at most `until` documents are in flight."""
        while len(self.pending) > until:
            done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
            for future in done:
                item = self.pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    self._crashed(item)
                    continue
                self.finish(result)
        if not self.pending and self.suspects:
            self._retry_suspects()

    def _crashed(self, item: _Pending) -> None:
        if item.alone:
            self.finish(DocResult(item.source.name, item.sha256, ok=False, error=CRASH_REASON))
            return
        self.suspects.append(item)
        self.backend.restart(item.generation)

    def _retry_suspects(self) -> None:
        """Run each document that was in flight when a worker died alone, to find the culprit."""
        suspects, self.suspects = self.suspects, []
        for item in suspects:
            self.submit(item.source, item.source.fetch(), item.sha256, alone=True)
            self.drain(0)


def _fetch(source: Source) -> tuple[bytes | None, str, str | None]:
    try:
        data = source.fetch()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, sha256(b"unreadable\0" + source.name.encode()), f"无法读取文件（{reason}）"
    return data, sha256(data), None


def _feed(loop: _Loop, index: Index, sources: Iterator[Source], stats: RunStats) -> None:
    limit = loop.options.max_documents
    for source in sources:
        if limit is not None and stats.processed + len(loop.pending) >= limit:
            break
        data, digest, error = _fetch(source)
        if index.done(digest):
            stats.skipped += 1
            loop.monitor.advance(True)
        elif any(p.sha256 == digest for p in loop.pending.values()):
            stats.duplicates += 1
            loop.monitor.advance(True)
        elif data is None:
            loop.finish(DocResult(source.name, digest, ok=False, error=error))
        else:
            loop.submit(source, data, digest)
            loop.drain(loop.backend.inflight - 1)
    loop.drain(0)


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
    with ExitStack() as stack:
        index = stack.enter_context(Index(options.out))
        _same_settings(index, options, stats)
        backend = stack.enter_context(open_backend(options.jobs, options.cluster))
        writer = stack.enter_context(ResultWriter(options.out, index, stats, db=options.db))
        loop = _Loop(backend, writer, monitor, options)
        monitor.start(total)
        try:
            _feed(loop, index, iter_sources(paths), stats)
        except KeyboardInterrupt:
            stats.interrupted = True
            for future in loop.pending:
                future.cancel()
            raise
        finally:
            stats.elapsed = time.perf_counter() - started
            monitor.stop()
    return stats
