"""Lazily enumerate the documents of an archive: files, folders (recursive) and ZIP files.

Nothing is read while enumerating: a `Source` knows its name and how to fetch its
bytes, so a batch over 100,000 files holds one document in memory at a time.
Folders are walked in sorted order, so two runs see the documents in the same order.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jixiao.readers import max_bytes, supported

#: The UTF-8 flag of a ZIP entry; without it, names are in the creator's code page.
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Source:
    """One document of the archive: its display name and how to read its bytes."""

    #: Name shown to the user: a path, or ``archive.zip!member``.
    name: str
    #: Returns the document's bytes; raises `OSError` (or `SourceTooLargeError`).
    fetch: Callable[[], bytes]


class SourceTooLargeError(OSError):
    """A document is over the size limit; it is refused without being read."""


def _read_file(path: Path) -> bytes:
    size = path.stat().st_size
    limit = max_bytes()
    if size > limit:
        raise SourceTooLargeError(
            f"文件过大（{size / 1048576:.0f} MB，上限 {limit / 1048576:.0f} MB）"
        )
    return path.read_bytes()


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, repairing GBK names that Windows tools store without the flag."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _read_member(archive: Path, member: str) -> bytes:
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(member)
        limit = max_bytes()
        if info.file_size > limit:
            raise SourceTooLargeError(
                f"文件过大（{info.file_size / 1048576:.0f} MB，上限 {limit / 1048576:.0f} MB）"
            )
        return zf.read(info)


def _zip_sources(archive: Path) -> Iterator[Source]:
    with zipfile.ZipFile(archive) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
    for info in infos:
        shown = _member_name(info)
        if not supported(Path(shown)):
            continue
        yield Source(f"{archive}!{shown}", partial(_read_member, archive, info.filename))


def _is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


def _broken(reason: str) -> bytes:
    raise OSError(reason)


def _file_sources(path: Path, *, explicit: bool) -> Iterator[Source]:
    if _is_zip(path):
        try:
            members = list(_zip_sources(path))
        except (OSError, zipfile.BadZipFile) as exc:
            members = [Source(str(path), partial(_broken, f"压缩包已损坏（{exc}）"))]
        yield from members
    elif explicit or supported(path):
        yield Source(str(path), partial(_read_file, path))


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            yield Path(root) / name


def iter_sources(paths: Iterable[Path]) -> Iterator[Source]:
    """Yield every document under `paths`, lazily and in a stable order.

    A folder yields its supported files and ZIP archives, recursively; a file named
    on the command line is always yielded (an unsupported one then fails with a reason).
    """
    for path in paths:
        if path.is_dir():
            for item in _walk(path):
                yield from _file_sources(item, explicit=False)
        else:
            yield from _file_sources(path, explicit=True)


def count_sources(paths: Iterable[Path]) -> int:
    """How many documents `iter_sources` would yield, reading names only (for the ETA)."""
    total = 0
    for path in paths:
        try:
            total += sum(1 for _ in iter_sources([path]))
        except (OSError, zipfile.BadZipFile):
            total += 1
    return total
