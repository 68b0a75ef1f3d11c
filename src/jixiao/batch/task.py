"""The task a worker runs for one source: read its bytes here, then review them in time.

The parent process sends only a reference (a path, or an archive and a member);
the bytes are read in the worker (`jixiao.batch.sources.fetch`: regular files only,
the size limit checked first) and reviewed under the per-document time limit.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

from jixiao.batch.deadline import DeadlineError, deadline, failure_reason
from jixiao.batch.sources import Ref, fetch
from jixiao.batch.worker import DocResult
from jixiao.readers.files import file_problem

Task = Callable[[bytes, str, str | None], DocResult]


def in_pool_process() -> bool:
    """True in a pool process (where ending the process on a stuck document is safe)."""
    return multiprocessing.parent_process() is not None


def run_source(ref: Ref, name: str, task: Task, profile: str | None, timeout: float | None) -> DocResult:
    """Read the document of `ref` and run `task` on it; every failure is a result with a reason."""
    try:
        with deadline(timeout, hard=in_pool_process()):
            try:
                data = fetch(ref)
            except OSError as exc:
                reason, hint = file_problem(exc)
                return DocResult(name, "", ok=False, error=f"{reason}（{hint}）")
            return task(data, name, profile)
    except (DeadlineError, MemoryError) as exc:
        return DocResult(name, "", ok=False, error=failure_reason(exc))
