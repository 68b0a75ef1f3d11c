"""One run at a time per output folder: an advisory lock on ``OUT/.jixiao.lock``.

Two runs on one OUT would redo the same documents and race on the index and the
summaries. The lock is an ``flock`` on a file in OUT, so it is released by the
operating system when the process ends, however it ends (kill -9 included): there
is never a stale lock to remove by hand. It is re-entrant within one process, so
`run_batch` and `write_summaries` can each take it while the CLI holds it around both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.batch.faults import write_faults
from jixiao.errors import ConfigError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, runs are not guarded
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".jixiao.lock"

#: Output folders locked by this process → how many holders.
_held: dict[str, int] = {}


class OutputLockedError(ConfigError):
    """Another run holds the output folder."""


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f"（进程 {text}）" if text.isdigit() else ""


@contextmanager
def out_lock(out: Path) -> Iterator[None]:
    """Hold the lock of `out` in this block; raise `OutputLockedError` when another run has it."""
    with write_faults(out):
        out.mkdir(parents=True, exist_ok=True)
    key = os.path.realpath(out)
    if key in _held or fcntl is None:
        _held[key] = _held.get(key, 0) + 1
        try:
            yield
        finally:
            _release(key)
        return
    path = out / LOCK_NAME
    with write_faults(path):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLockedError(
                f"输出文件夹 {out} 正被另一个审核任务使用{_holder(fd)}：请等它结束后再运行，或用 --out 换一个文件夹"
            ) from None
        with write_faults(path):
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            _release(key)
    finally:
        os.close(fd)  # closing releases the flock


def _release(key: str) -> None:
    _held[key] -= 1
    if not _held[key]:
        del _held[key]
