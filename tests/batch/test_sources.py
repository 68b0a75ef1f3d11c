"""Enumerating documents: folders, ZIP members with GBK names, unreadable archives."""

from __future__ import annotations

import zipfile
from pathlib import Path

from jixiao.batch.sources import count_sources, iter_sources


def test_folder_order_and_filter(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    names = [Path(s.name).name for s in iter_sources([tmp_path])]
    assert names == ["1.txt", "2.txt"]
    assert count_sources([tmp_path]) == 2


def test_zip_member_with_gbk_name(tmp_path: Path) -> None:
    bundle = tmp_path / "a.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("abcd.txt", "内容")
    # Windows tools store GBK bytes without the UTF-8 flag: patch the name in place
    bundle.write_bytes(bundle.read_bytes().replace(b"abcd.txt", "报告.txt".encode("gbk")))
    (source,) = iter_sources([bundle])
    assert source.name.endswith("!报告.txt")
    assert source.fetch() == "内容".encode()


def test_broken_zip_is_one_failing_source(tmp_path: Path) -> None:
    bundle = tmp_path / "bad.zip"
    bundle.write_bytes(b"PK\x03\x04 truncated archive")
    sources = list(iter_sources([bundle]))
    assert len(sources) == 1
