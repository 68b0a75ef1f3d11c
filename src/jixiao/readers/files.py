"""Reading a document file from disk: regular files only, never more than the size limit.

A name ending in ``.txt`` may be a FIFO (reading it waits forever), a device such as
``/dev/zero`` (it never ends) or a link to one. `read_regular` looks at what the path
is before opening it, opens it without blocking, checks again on the open file (the
path may have been swapped in between) and reads at most the limit, so none of these
can hang or exhaust a process.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: Chunk size of `read_regular`.
_CHUNK = 1 << 20


class SpecialFileError(OSError):
    """The path is not a regular file (a folder, FIFO, device, socket)."""


class FileTooLargeError(OSError):
    """The file is over the size limit; it is refused without being read."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in Chinese."""
    if stat.S_ISDIR(mode):
        return "文件夹"
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def check_regular(mode: int, size: int, limit: int) -> None:
    """Refuse what is not a regular file, or is over `limit` bytes."""
    if not stat.S_ISREG(mode):
        raise SpecialFileError(errno.EINVAL, f"不是普通文件（{kind_of(mode)}）")
    if size > limit:
        raise FileTooLargeError(
            errno.EFBIG, f"文件过大（{size / 1048576:.0f} MB，上限 {limit / 1048576:.0f} MB）"
        )


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file `path` (links followed), refused over `limit` bytes."""
    info = os.stat(path)
    check_regular(info.st_mode, info.st_size, limit)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        check_regular(info.st_mode, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while it was read
                check_regular(info.st_mode, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def file_problem(exc: OSError) -> tuple[str, str]:
    """(reason, hint) in Chinese for a file that could not be read."""
    if isinstance(exc, SpecialFileError):
        return exc.strerror or str(exc), "只能读取报告文件本身，请检查路径"
    if isinstance(exc, FileTooLargeError):
        return exc.strerror or str(exc), "请确认文件内容，或拆分后再读取"
    return f"无法打开文件（{exc.strerror or exc}）", "请检查文件是否存在、是否有读取权限"
