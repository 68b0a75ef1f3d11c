"""Lazily enumerate the documents of an archive: files, folders (recursive) and ZIP files.

Nothing of a document is read while enumerating: a `Source` knows its name, its
identity for resuming (`key`, `version`) and a `ref` that a worker process turns
into bytes (`fetch`). The parent process looks only at file metadata and at ZIP
directories, so a FIFO, a device or a huge file cannot hang or exhaust it.

- Only regular files are documents. A FIFO, device or socket with a report's
  extension becomes a failing source with the reason, never an open.
- A symbolic link is followed only when its target stays inside the folders given
  on the command line (or with ``follow_links``); a link leading out is a failing
  source that says so. Folders are walked once each, so link cycles end.
- A name that is not valid UTF-8 (GBK bytes written by Windows tools) is shown
  decoded as GB18030 where that works, escaped otherwise; its key keeps the exact
  bytes, so two such files never share a key.
- A ZIP inside a ZIP is read as a folder of the outer one, to a bounded depth and under
  the limits every member gets (`jixiao.batch.archives`).

Folders are walked in sorted order, so two runs see the documents in the same order.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.batch.archives import MemberRef, SourceTooLargeError, list_archive, read_member
from jixiao.readers import max_bytes, supported
from jixiao.readers.files import kind_of, read_regular
from jixiao.readers.limits import ResourceLimitError


@dataclass(frozen=True)
class FileRef:
    """A document file on disk."""

    path: str


@dataclass(frozen=True)
class BytesRef:
    """A document already read (sent to cluster workers, which have no access to the files)."""

    data: bytes = field(repr=False)


Ref = FileRef | MemberRef | BytesRef


@dataclass(frozen=True)
class Source:
    """One document of the archive."""

    #: Name shown to the user: a path, or ``archive.zip!member``, always valid Unicode.
    name: str
    #: Identity across runs: the exact bytes of the path (and member).
    key: bytes
    #: Changes when the content may have changed (size and mtime; CRC of a member).
    version: str
    ref: Ref | None
    #: Why the document cannot be read at all (found while enumerating).
    error: str | None = None

    def fetch(self) -> bytes:
        """The document's bytes; raises `OSError` with a Chinese reason."""
        if self.ref is None:
            raise OSError(self.error or "无法读取")
        return fetch(self.ref)


def fetch(ref: Ref) -> bytes:
    """The bytes of a document (run in the worker process)."""
    if isinstance(ref, BytesRef):
        return ref.data
    if isinstance(ref, FileRef):
        return read_regular(ref.path, max_bytes())
    return read_member(ref)


# -- names --------------------------------------------------------------------


def display_name(path: str) -> str:
    """`path` as valid Unicode: each component that is not UTF-8 decoded as GB18030, else escaped."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    parts = []
    for part in raw.split(b"/"):
        for codec, errors in (("utf-8", "strict"), ("gb18030", "strict"), ("utf-8", "backslashreplace")):
            try:
                parts.append(part.decode(codec, errors))
                break
            except UnicodeDecodeError:
                continue
    return "/".join(parts)


def _key(path: str) -> bytes:
    return os.fsencode(os.path.abspath(path))


# -- sources ------------------------------------------------------------------


def _failing(path: str, reason: str, version: str = "") -> Source:
    return Source(display_name(path), _key(path), version, None, reason)


def _zip_sources(archive: str) -> Iterator[Source]:
    shown, key = display_name(archive), _key(archive)
    for entry in list_archive(archive):
        yield Source(f"{shown}!{entry.shown}", key + entry.key, entry.version, entry.ref, entry.error)


def _file_sources(path: str, *, explicit: bool) -> Iterator[Source]:
    """The sources of one path that is a file (or a link to one, already allowed)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        yield _failing(path, f"无法打开文件（{exc.strerror or exc}）")
        return
    is_zip = path.lower().endswith(".zip")
    if not (explicit or is_zip or supported(Path(path))):
        return
    version = f"{info.st_size}:{info.st_mtime_ns}"
    if not stat.S_ISREG(info.st_mode):
        yield _failing(path, f"不是普通文件（{kind_of(info.st_mode)}），已跳过（只读取报告文件本身）")
        return
    if is_zip:
        if not zipfile.is_zipfile(path):
            yield _failing(path, "不是有效的 ZIP 压缩包（文件已损坏或不完整）", version)
            return
        try:
            members = list(_zip_sources(path))
        except ResourceLimitError as exc:
            members = [_failing(path, f"{exc}（{exc.hint}）", version)]
        except (OSError, zipfile.BadZipFile) as exc:
            members = [_failing(path, f"压缩包已损坏（{exc}）", version)]
        yield from members
        return
    yield Source(display_name(path), _key(path), version, FileRef(path))


@dataclass
class _Walk:
    """One walk over the paths given, with the link policy and the folders already seen."""

    roots: list[str]
    follow_links: bool
    seen_dirs: set[tuple[int, int]] = field(default_factory=set)

    def inside(self, target: str) -> bool:
        return any(target == r or target.startswith(r.rstrip(os.sep) + os.sep) for r in self.roots)

    def folder(self, folder: str) -> Iterator[Source]:
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in self.seen_dirs:
                return
            self.seen_dirs.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            yield _failing(folder, f"无法打开文件夹（{exc.strerror or exc}）")
            return
        for entry in entries:
            yield from self.entry(entry.path, entry.is_symlink(), entry.is_dir(follow_symlinks=False))

    def entry(self, path: str, is_link: bool, is_dir: bool) -> Iterator[Source]:
        if is_link:
            target = os.path.realpath(path)
            if not (self.follow_links or self.inside(target)):
                if supported(Path(path)) or path.lower().endswith(".zip"):
                    yield _failing(
                        path,
                        "是指向所给路径之外的链接，未读取（如确需读取，请使用 --follow-links）",
                    )
                return
            is_dir = os.path.isdir(target)
        if is_dir:
            yield from self.folder(path)
        else:
            yield from _file_sources(path, explicit=False)


def iter_sources(paths: Iterable[Path], *, follow_links: bool = False) -> Iterator[Source]:
    """Yield every document under `paths`, lazily and in a stable order.

    A folder yields its supported files and ZIP archives, recursively; a file named
    on the command line is always yielded (an unsupported one then fails with a reason).
    """
    given = [str(p) for p in paths]
    walk = _Walk([os.path.realpath(p) for p in given], follow_links)
    for path in given:
        if os.path.isdir(path):
            yield from walk.folder(path)
        else:
            yield from _file_sources(path, explicit=True)


def count_sources(paths: Iterable[Path], *, follow_links: bool = False) -> int:
    """How many documents `iter_sources` would yield, reading names only (for the ETA)."""
    total = 0
    for path in paths:
        try:
            total += sum(1 for _ in iter_sources([path], follow_links=follow_links))
        except (OSError, zipfile.BadZipFile):
            total += 1
    return total


def read_source(source: Source) -> bytes:
    """The bytes of `source` in this process (for cluster workers without the files)."""
    return source.fetch()


__all__ = [
    "BytesRef",
    "FileRef",
    "MemberRef",
    "Ref",
    "Source",
    "SourceTooLargeError",
    "count_sources",
    "display_name",
    "fetch",
    "iter_sources",
    "read_regular",
]
