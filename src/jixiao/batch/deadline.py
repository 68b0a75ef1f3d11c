"""A time limit per document, and the reasons given for documents that hit a limit.

`deadline` raises `DeadlineError` in the running Python code when a document takes
longer than its limit (a timer signal, so only in the main thread of a process).
Code stuck inside a C library does not see the signal until it returns; in a pool
process (``hard=True``) a watchdog thread then ends the whole process a grace
period later, and the batch loop retries the document alone and records it as
timed out. `DeadlineError` derives from `BaseException` so that the readers'
"any library failure" handlers cannot mistake it for a damaged file.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import IO

from jixiao.readers import MEMORY_HINT, MEMORY_REASON
from jixiao.readers.limits import ResourceLimitError

#: Default seconds per document (``jixiao review --timeout``).
DEFAULT_TIMEOUT = 300.0

_devnull: IO[str] | None = None


class DeadlineError(BaseException):
    """A document took longer than its time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"timed out after {seconds:g} s")
        self.seconds = seconds


def grace(seconds: float) -> float:
    """How long after the limit a stuck pool process is ended."""
    return 1.0 + seconds / 10


def timeout_reason(seconds: float) -> str:
    """The failure reason of a document that ran out of time."""
    return (
        f"处理超时：超过 {seconds:g} 秒仍未完成（文件可能过大或结构异常）"
        "（如确需更长时间，可用 --timeout 调整每份文件的时限）"
    )


def failure_reason(exc: BaseException) -> str:
    """The failure reason of a document stopped by a limit: memory, resources or time."""
    if isinstance(exc, DeadlineError):
        return timeout_reason(exc.seconds)
    if isinstance(exc, ResourceLimitError):
        return f"{exc}（{exc.hint}）"
    if isinstance(exc, MemoryError):
        return f"{MEMORY_REASON}（{MEMORY_HINT}）"
    return f"处理出错：{type(exc).__name__}: {exc}"


def _raise(seconds: float) -> object:
    def handler(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        raise DeadlineError(seconds)

    return handler


@contextmanager
def deadline(seconds: float | None, *, hard: bool = False) -> Iterator[None]:
    """Raise `DeadlineError` in this block after `seconds` (None or 0: no limit).

    With `hard`, the process is also ended if it is still in the block a grace
    period later (for pool processes only: it ends the whole process).
    """
    usable = bool(seconds) and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _raise(seconds))  # type: ignore[arg-type]
    signal.setitimer(signal.ITIMER_REAL, seconds)
    if hard:
        faulthandler.dump_traceback_later(seconds + grace(seconds), exit=True, file=_sink())
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if hard:
            faulthandler.cancel_dump_traceback_later()


def _sink() -> IO[str]:
    global _devnull
    if _devnull is None:
        _devnull = open(os.devnull, "w")  # noqa: SIM115 - kept open for the watchdog
    return _devnull
