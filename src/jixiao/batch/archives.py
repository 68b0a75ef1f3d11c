"""ZIP archives of documents: their members listed (archives inside archives too), and read.

Listing runs in the parent process and looks at directories only: an archive's
entry count is read from its end record before its directory is parsed
(``ARCHIVE_MEMBERS``), and an archive inside an archive is opened as a stream (its
directory found by inflating it, never holding it) after the checks every member
gets — its size (``JIXIAO_MAX_BYTES``) and compression ratio (``RATIO``) from the
outer directory. Archives nest at most ``ZIP_DEPTH`` deep (the archive given is depth
1); a deeper one, or one that is damaged, is listed as a failure with what to do.

Reading a member runs in the worker (`read_member`): each archive on the way is
checked and read in turn, then the member, under the same limits. The last inner
archive read is kept (when small) so that its members, which a worker usually gets
one after the other, do not each inflate it again.
"""

from __future__ import annotations

import errno
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from jixiao.readers import max_bytes, supported
from jixiao.readers.files import FileTooLargeError, check_regular
from jixiao.readers.limits import RATIO_FLOOR, ResourceLimitError, get

#: The UTF-8 flag of a ZIP entry; without it, names are in the creator's code page.
_UTF8_FLAG = 0x800
#: Separates an archive and a member in a key (a NUL never occurs in a path).
KEY_SEP = b"\0"
#: Inner archives up to this size are kept in a worker for the next member.
CACHE_BYTES = 32 * 1024 * 1024
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"


@dataclass(frozen=True)
class MemberRef:
    """A member of a ZIP archive on disk, maybe inside archives inside it."""

    archive: str
    member: str
    #: The member names of the archives leading from `archive` to `member`, outermost first.
    within: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One document of an archive, as listed."""

    #: Its name below the archive (``inner.zip!report.docx`` for a nested one).
    shown: str
    #: Its identity below the archive (appended to the archive's key).
    key: bytes
    #: Changes when its content may have changed (CRC and sizes).
    version: str
    ref: MemberRef | None
    #: Why it cannot be read (found while listing).
    error: str | None = None


class ArchiveMemberError(OSError):
    """A member that cannot be taken out of its archive (damaged, encrypted, refused)."""


class SourceTooLargeError(FileTooLargeError):
    """A member is over the size or compression limits; it is refused without being read."""


# -- checks -------------------------------------------------------------------


def member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member must not be inflated (size or ratio), from its directory entry alone."""
    limit = max_bytes()
    if info.file_size > limit:
        return f"文件过大（{info.file_size / 1048576:.0f} MB，上限 {limit / 1048576:.0f} MB）"
    ratio = info.file_size // max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > get("RATIO"):
        return f"压缩比异常（{ratio} 倍，上限 {get('RATIO')} 倍），疑似压缩炸弹，未解压"
    return None


def entry_count(handle: IO[bytes]) -> int:
    """The number of entries an archive's end record declares (0 when none is found).

    Read before `zipfile` parses the directory, so that a directory of millions of
    tiny entries is refused before it takes the memory of their objects.
    """
    size = handle.seek(0, os.SEEK_END)
    start = max(0, size - (22 + 0xFFFF))
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(_END)
    if at < 0 or len(tail) < at + 22:
        return 0
    count: int = struct.unpack_from("<H", tail, at + 10)[0]
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == _END64_LOCATOR:
        offset: int = struct.unpack_from("<Q", tail, locator + 8)[0]
        handle.seek(offset)
        record = handle.read(56)
        if record[:4] == _END64 and len(record) == 56:
            count = struct.unpack_from("<Q", record, 32)[0]
    return count


def _open(handle: IO[bytes]) -> zipfile.ZipFile:
    """The archive read from `handle`, its entry count checked before its directory is parsed."""
    count = entry_count(handle)
    if count > get("ARCHIVE_MEMBERS"):
        raise ResourceLimitError("ARCHIVE_MEMBERS", count)
    handle.seek(0)
    return zipfile.ZipFile(handle)


# -- listing (parent process) ---------------------------------------------------


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, repairing GBK names that Windows tools store without the flag."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def list_archive(path: str) -> list[Entry]:
    """Every document of the archive at `path`, nested archives opened to ``ZIP_DEPTH``.

    Raises `OSError`, `zipfile.BadZipFile` or `ResourceLimitError` for the archive itself.
    """
    with open(path, "rb") as handle, _open(handle) as archive:
        return list(_entries(archive, path, (), "", b"", 1))


def _entries(
    archive: zipfile.ZipFile, path: str, within: tuple[str, ...], shown: str, key: bytes, depth: int
) -> Iterator[Entry]:
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = shown + member_name(info)
        member_key = key + KEY_SEP + info.filename.encode("utf-8", "surrogatepass")
        version = f"{info.CRC:08x}:{info.file_size}:{info.compress_size}"
        if name.lower().endswith(".zip"):
            yield from _inner(archive, info, path, within, (name, member_key, version), depth)
        elif supported(Path(name)):
            yield Entry(name, member_key, version, MemberRef(path, info.filename, within))


def _inner(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, within: tuple[str, ...],
    listed: tuple[str, bytes, str], depth: int,
) -> Iterator[Entry]:
    """The documents of an archive inside `archive`, or one failing entry saying why not."""
    name, key, version = listed
    deepest = get("ZIP_DEPTH")
    if depth >= deepest:
        reason = (f"压缩包嵌套超过 {deepest} 层，未读取"
                  "（请先解压内层压缩包，再审核解压出的文件；或设置环境变量 JIXIAO_LIMIT_ZIP_DEPTH）")
        yield Entry(name, key, version, None, reason)
        return
    problem = member_problem(info)
    if problem is not None:
        yield Entry(name, key, version, None, problem)
        return
    try:
        with archive.open(info) as stream, _open(stream) as inner:
            entries = list(_entries(inner, path, (*within, info.filename), name + "!", key, depth + 1))
    except ResourceLimitError as exc:
        entries = [Entry(name, key, version, None, f"{exc}（{exc.hint}）")]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error,
            RuntimeError, NotImplementedError) as exc:
        entries = [Entry(name, key, version, None, _damaged(exc))]
    yield from entries


def _damaged(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "内层压缩包已加密，无法读取（请解密后再审核）"
    return f"内层压缩包已损坏或不完整，无法读取（{exc}）"


# -- reading (worker process) ---------------------------------------------------

_kept: tuple[tuple[object, ...], bytes] | None = None


def _take(archive: zipfile.ZipFile, member: str) -> bytes:
    """One member's bytes, after its size and ratio are checked."""
    info = archive.getinfo(member)
    problem = member_problem(info)
    if problem is not None:
        raise SourceTooLargeError(errno.EFBIG, problem)
    try:
        return archive.read(info)
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        raise ArchiveMemberError(errno.EACCES, "压缩包内的文件已加密，无法读取（请解密后再审核）") from exc
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        raise ArchiveMemberError(errno.EIO, f"压缩包内的文件已损坏，无法解压（{exc}）") from exc


def _inner_bytes(archive: zipfile.ZipFile, ref: MemberRef, stamp: tuple[int, int]) -> bytes:
    """The innermost archive of `ref` as bytes, kept for the next member when small."""
    global _kept
    key = (ref.archive, stamp, ref.within)
    if _kept is not None and _kept[0] == key:
        return _kept[1]
    _kept = None
    data = b""
    current = archive
    for name in ref.within:
        data = _take(current, name)
        try:
            current = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ArchiveMemberError(errno.EIO, f"内层压缩包已损坏，无法读取（{exc}）") from exc
    if len(data) <= CACHE_BYTES:
        _kept = (key, data)
    return data


def read_member(ref: MemberRef) -> bytes:
    """The bytes of a member (of archives inside the archive, when nested); `OSError` with a reason."""
    info = os.stat(ref.archive)
    check_regular(info.st_mode, 0, 1)
    with zipfile.ZipFile(ref.archive) as archive:
        if not ref.within:
            return _take(archive, ref.member)
        inner = _inner_bytes(archive, ref, (info.st_size, info.st_mtime_ns))
    try:
        with zipfile.ZipFile(io.BytesIO(inner)) as nested:
            return _take(nested, ref.member)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ArchiveMemberError(errno.EIO, f"内层压缩包已损坏，无法读取（{exc}）") from exc
