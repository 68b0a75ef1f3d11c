"""Import direction: the model imports nothing of the project; readers and extract stay apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "jixiao"

#: package -> project packages it must not import
FORBIDDEN = {
    "model": {"readers", "extract", "score", "review", "render", "batch", "cli", "pipeline", "errors"},
    "readers": {"extract", "score", "review", "render", "batch", "cli", "pipeline"},
    "extract": {"readers", "score", "review", "render", "batch", "cli", "pipeline"},
    "score": {"readers", "extract", "review", "render", "batch", "cli"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n.split(".")[1] for n in names if n.startswith("jixiao.") and n.count(".") >= 1}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_downstream(package: str) -> None:
    bad = {
        str(path.relative_to(SRC)): sorted(_imports(path) & FORBIDDEN[package])
        for path in (SRC / package).rglob("*.py")
    }
    assert {k: v for k, v in bad.items() if v} == {}
