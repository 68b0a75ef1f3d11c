"""``jixiao review`` on the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app


def test_review_command_writes_summaries(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["review", str(archive), "--out", str(out), "--jobs", "0", "--quiet"])
    assert result.exit_code == 1  # one broken file
    assert "失败 1 份" in result.output
    assert (out / "summary.xlsx").exists() and (out / "summary.html").exists()


def test_other_database_schemes_are_refused(archive: Path, tmp_path: Path) -> None:
    args = ["review", str(archive), "--out", str(tmp_path), "--db", "mysql://h/db"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "SQLite 或 PostgreSQL" in result.output


def _review(archive: Path, out: Path, *extra: str) -> object:
    return CliRunner().invoke(app, ["review", str(archive), "--out", str(out), "--jobs", "0", "--quiet", *extra])


def test_an_unknown_profile_is_refused_before_any_document(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _review(archive, out, "--profile", "nowhere")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "--profile" in result.output and not (out / "records").exists()  # type: ignore[attr-defined]


def test_another_profile_recomputes_instead_of_reusing(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _review(archive, out, "--profile", "mof-2020")
    again = _review(archive, out, "--profile", "mof-2020")
    assert "跳过已完成 13 份" in again.output  # type: ignore[attr-defined]
    other = _review(archive, out, "--profile", "hunan-dept")
    assert "按评分配置 mof-2020" in other.output and "跳过已完成 0 份" in other.output  # type: ignore[attr-defined]


def test_a_changed_version_recomputes(archive: Path, tmp_path: Path, monkeypatch: object) -> None:
    import jixiao

    out = tmp_path / "out"
    _review(archive, out)
    monkeypatch.setattr(jixiao, "__version__", "99.0")  # type: ignore[attr-defined]
    result = _review(archive, out)
    assert "已全部重新审核" in result.output and "跳过已完成 0 份" in result.output  # type: ignore[attr-defined]
