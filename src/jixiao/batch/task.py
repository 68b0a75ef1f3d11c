"""The task a worker runs for one source: read its bytes here, then review them in time.

The parent process sends only a reference (a path, or an archive and a member);
the bytes are read in the worker (`jixiao.batch.sources.fetch`: regular files only,
the size limit checked first) and reviewed under the per-document time limit.
"""

from __future__ import annotations

import multiprocessing
from typing import Protocol

from jixiao.batch.deadline import DeadlineError, deadline, failure_reason
from jixiao.batch.sources import Ref, fetch
from jixiao.batch.worker import DocResult
from jixiao.readers.files import file_problem


class Task(Protocol):
    """What a worker runs on one document's bytes (`jixiao.batch.worker.process_document`)."""

    def __call__(
        self, data: bytes, name: str, profile: str | None, /, *, keep_source: bool = False
    ) -> DocResult: ...


def in_pool_process() -> bool:
    """True in a pool process (where ending the process on a stuck document is safe)."""
    return multiprocessing.parent_process() is not None


def run_source(
    ref: Ref, name: str, task: Task, profile: str | None, timeout: float | None, keep_source: bool = False
) -> DocResult:
    """Read the document of `ref` and run `task` on it; every failure is a result with a reason.

    `keep_source` asks the task for what the database stores beside the record.
    """
    try:
        with deadline(timeout, hard=in_pool_process()):
            try:
                data = fetch(ref)
            except OSError as exc:
                reason, hint = file_problem(exc)
                return DocResult(name, "", ok=False, error=f"{reason}（{hint}）")
            if keep_source:
                return task(data, name, profile, keep_source=True)
            return task(data, name, profile)
    except (DeadlineError, MemoryError) as exc:
        return DocResult(name, "", ok=False, error=failure_reason(exc))
