"""ZIP archives in a batch: archives inside archives, their limits, damaged members."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from jixiao.batch import BatchOptions, archives, run_batch
from jixiao.batch.index import Index
from jixiao.batch.sources import Source, iter_sources
from jixiao.synth import generate


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def reports(tmp_path: Path) -> list[bytes]:
    folder = tmp_path / "reports"
    generate(4, folder, seed=11)
    return [p.read_bytes() for p in sorted(folder.glob("*.txt"))]


def _listed(path: Path) -> dict[str, Source]:
    return {s.name.split("!", 1)[1]: s for s in iter_sources([path])}


def test_a_zip_inside_a_zip_is_read(tmp_path: Path, reports: list[bytes]) -> None:
    inner = _zip({"内层/甲.txt": reports[0], "乙.txt": reports[1]})
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({"inner.zip": inner, "外层.txt": reports[2]}))
    listed = _listed(outer)
    assert set(listed) == {"inner.zip!内层/甲.txt", "inner.zip!乙.txt", "外层.txt"}
    assert listed["inner.zip!乙.txt"].fetch() == reports[1]
    assert all(s.error is None for s in listed.values())
    stats = run_batch([outer], BatchOptions(out=tmp_path / "out", jobs=2))
    assert (stats.reviewed, stats.failed) == (3, 0)


def test_nesting_deeper_than_the_limit_is_a_failure(tmp_path: Path, reports: list[bytes]) -> None:
    third = _zip({"深.txt": reports[0]})
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({"second.zip": _zip({"third.zip": third, "二.txt": reports[1]})}))
    listed = _listed(outer)
    assert listed["second.zip!二.txt"].error is None
    reason = listed["second.zip!third.zip"].error or ""
    assert "嵌套超过 2 层" in reason and "JIXIAO_LIMIT_ZIP_DEPTH" in reason


def test_deeper_nesting_when_allowed(tmp_path: Path, reports: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_LIMIT_ZIP_DEPTH", "3")
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({"second.zip": _zip({"third.zip": _zip({"深.txt": reports[0]})})}))
    (source,) = iter_sources([outer])
    assert source.name.endswith("outer.zip!second.zip!third.zip!深.txt")
    assert source.fetch() == reports[0]


def test_an_inner_archive_gets_the_limits_of_a_member(
    tmp_path: Path, reports: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    zeros = _zip({"零.txt": bytes(8 * 1024 * 1024)}, zipfile.ZIP_STORED)  # deflates ~1000 : 1
    bomb = _zip({"内层炸弹.txt": "０".encode() * (3 << 20)})  # a member that inflates ~1000 : 1
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({"zeros.zip": zeros, "bomb.zip": bomb, "broken.zip": b"PK\x03\x04 broken",
                            "ok.zip": _zip({"好.txt": reports[0]})}))
    listed = _listed(outer)
    assert "压缩比异常" in (listed["zeros.zip"].error or "")
    assert "已损坏" in (listed["broken.zip"].error or "")
    assert listed["bomb.zip!内层炸弹.txt"].error is None  # refused when read, from its own entry
    with pytest.raises(OSError, match="压缩比异常"):
        listed["bomb.zip!内层炸弹.txt"].fetch()
    monkeypatch.setenv("JIXIAO_MAX_BYTES", "1000")
    assert "文件过大" in (_listed(outer)["ok.zip"].error or "")


def test_too_many_members_are_refused_before_the_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_LIMIT_ARCHIVE_MEMBERS", "3")
    many = {f"{i}.txt": b"x" for i in range(5)}
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip(many))
    (failing,) = iter_sources([outer])
    assert "文件数超出上限" in (failing.error or "") and failing.ref is None
    wrapped = tmp_path / "wrapped.zip"
    wrapped.write_bytes(_zip({"many.zip": _zip(many), "1.txt": b"x"}))
    listed = _listed(wrapped)
    assert "文件数超出上限" in (listed["many.zip"].error or "")


def test_entry_count_of_a_zip64_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for i in range(0x10000 + 5):
            zf.writestr(f"{i}", b"")
    assert archives.entry_count(buffer) == 0x10000 + 5


def test_members_of_one_inner_archive_inflate_it_once(
    tmp_path: Path, reports: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({"inner.zip": _zip({f"{i}.txt": r for i, r in enumerate(reports)})}))
    taken: list[str] = []
    real = archives._take

    def counting(archive: zipfile.ZipFile, member: str) -> bytes:
        taken.append(member)
        return real(archive, member)

    monkeypatch.setattr(archives, "_take", counting)
    monkeypatch.setattr(archives, "_kept", None)
    assert [s.fetch() for s in iter_sources([outer])] == reports
    assert taken.count("inner.zip") == 1


def test_a_damaged_member_is_a_failure_row(tmp_path: Path, reports: list[bytes]) -> None:
    data = bytearray(_zip({"好.txt": reports[0], "坏.txt": reports[1]}, zipfile.ZIP_STORED))
    at = data.find(reports[1][:40])
    data[at + 20 : at + 30] = b"0123456789"  # the CRC no longer matches
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(bytes(data))
    stats = run_batch([bundle], BatchOptions(out=tmp_path / "out", jobs=0))
    assert (stats.reviewed, stats.failed) == (1, 1)
    with Index(tmp_path / "out") as index:
        (failed,) = index.entries(ok=False)
    assert failed.name.endswith("!坏.txt") and "已损坏" in (failed.error or "")
