"""Faults of the machine (disk full, read-only folder, corrupt database) as one clear message.

The batch writes every result atomically and enters it in the index last, so when
the disk fills up or a folder turns read-only the run stops with what it finished
intact. `MachineFaultError` carries the file concerned and says, in Chinese, what
happened and what to do; the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.errors import JixiaoError

_RESUME = "已完成的结果已保存，处理好后再次运行同一命令即可继续"


class MachineFaultError(JixiaoError):
    """Work cannot go on because of the machine, not of a document."""

    def __init__(self, path: str | Path, what: str, todo: str) -> None:
        self.path = str(path)
        super().__init__(f"{what}：{self.path}。{todo}")


def from_os_error(exc: OSError, path: str | Path | None = None) -> MachineFaultError:
    """The fault of an `OSError` met while writing `path` (or the file it names)."""
    where = path or exc.filename or "（未知文件）"
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return MachineFaultError(where, "磁盘空间不足，无法写入", f"请腾出磁盘空间；{_RESUME}。")
    if code == errno.EROFS:
        return MachineFaultError(where, "输出位置是只读的，无法写入", "请用 --out 换一个可写的文件夹。")
    if code in (errno.EACCES, errno.EPERM):
        return MachineFaultError(where, "没有写入权限", "请检查文件夹权限，或用 --out 换一个文件夹。")
    return MachineFaultError(where, f"无法写入（{exc.strerror or exc}）", f"请检查磁盘和文件夹；{_RESUME}。")


def from_sqlite_error(exc: sqlite3.Error, path: str | Path) -> MachineFaultError:
    """The fault of an SQLite error on the database file `path`."""
    text = str(exc).lower()
    if "full" in text:
        return MachineFaultError(path, "磁盘空间不足，无法写入数据库", f"请腾出磁盘空间；{_RESUME}。")
    if "readonly" in text or "read-only" in text:
        return MachineFaultError(path, "数据库文件是只读的，无法写入", "请检查文件权限，或换一个可写的位置。")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return MachineFaultError(
            path,
            "数据库文件已损坏或不是 SQLite 数据库",
            "请换一个数据库文件；若是输出文件夹中的 index.sqlite，可删除它后重新运行（将重新审核全部文件）。",
        )
    if "locked" in text or "busy" in text:
        return MachineFaultError(path, "数据库正被其他程序占用", "请等待其他程序结束后重试。")
    if isinstance(exc, sqlite3.OperationalError) and "disk i/o" in text:
        return MachineFaultError(path, "读写数据库时发生磁盘错误", f"请检查磁盘；{_RESUME}。")
    return MachineFaultError(path, f"数据库出错（{exc}）", "请检查该文件，或换一个数据库文件。")


@contextmanager
def database_faults(path: str | Path) -> Iterator[None]:
    """Turn SQLite and OS errors on the database `path` into a `MachineFaultError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise from_sqlite_error(exc, path) from exc
    except OSError as exc:
        raise from_os_error(exc, path) from exc
    except JixiaoError:
        raise
    except Exception as exc:  # SQLAlchemy wraps the driver's error in .orig
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.Error):
            raise from_sqlite_error(orig, path) from exc
        raise


@contextmanager
def write_faults(path: str | Path) -> Iterator[None]:
    """Turn an `OSError` met while writing `path` into a `MachineFaultError`."""
    try:
        yield
    except OSError as exc:
        raise from_os_error(exc, path) from exc
