"""A time limit per document, and the reasons given for documents that hit a limit.

`deadline` raises `DeadlineError` in the running Python code when a document takes
longer than its limit. In the main thread of a process that is a timer signal; in
another thread (a Dask worker runs tasks in a thread pool, where no signal can be
used) a timer thread raises it asynchronously in the worker thread
(``PyThreadState_SetAsyncExc``). Either way code stuck inside a C library does not
see it until it returns: in a pool process (``hard=True``) a watchdog thread then
ends the whole process a grace period later, and the batch loop retries the
document alone and records it as timed out; on a cluster the batch loop stops
waiting for it (`patience`) and records it as timed out, while the worker thread
stays busy until the library returns. `DeadlineError` derives from `BaseException`
so that the readers' "any library failure" handlers cannot mistake it for a
damaged file.
"""

from __future__ import annotations

import ctypes
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


def patience(seconds: float) -> float:
    """How long after its submission the batch loop waits for a cluster's result.

    Twice the limit and its grace: a document may wait behind another one on its
    worker thread before it starts (two are in flight per thread).
    """
    return 2 * (seconds + grace(seconds))


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
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_deadline(seconds):
            yield
        return
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


def _expired(seconds: float) -> type[DeadlineError]:
    """A `DeadlineError` class that needs no arguments (an asynchronous exception is a class)."""

    class ExpiredError(DeadlineError):
        def __init__(self) -> None:
            super().__init__(seconds)

    return ExpiredError


def _set_async(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise `exc` in thread `thread_id` at its next Python instruction (None: clear it)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def _thread_deadline(seconds: float) -> Iterator[None]:
    """`deadline` in a thread other than the main one: a timer raises in this thread."""
    target, lock = threading.get_ident(), threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async(target, _expired(seconds))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
        timer.cancel()
        if state["fired"]:  # finished just as it fired: nothing may be raised after this block
            _set_async(target, None)


def _sink() -> IO[str]:
    global _devnull
    if _devnull is None:
        _devnull = open(os.devnull, "w")  # noqa: SIM115 - kept open for the watchdog
    return _devnull
