"""Shared pytest fixtures: paths to the shared material and the seed reports in other formats.

The format fixtures are built once per session into a temporary directory by
`fixtures_build` (python-docx, hand-written HTML, openpyxl; PDF through LibreOffice,
only when a test asks for it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtures_build

REPO = fixtures_build.REPO
SHARED = fixtures_build.SHARED


#: Tests that read the shared material skip cleanly on a checkout without ``../shared``.
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"needs the shared material beside the checkout ({SHARED})"
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared read-only material beside the checkout (``../shared``)."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared material beside the checkout ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five seed reports as text."""
    paths = fixtures_build.seed_paths()
    if not paths:
        pytest.skip(f"needs the seed reports under {fixtures_build.SEEDS}")
    return paths


@pytest.fixture(scope="session")
def format_dir(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    """A directory holding docx/, html/ and xlsx/ versions of every seed."""
    root = tmp_path_factory.mktemp("formats")
    fixtures_build.build_all(root, ("docx", "html", "xlsx"))
    return root


@pytest.fixture(scope="session")
def pdf_dir(format_dir: Path) -> Path:
    """A directory holding a PDF of every seed, converted from the DOCX by LibreOffice."""
    out = format_dir / "pdf"
    out.mkdir(exist_ok=True)
    fixtures_build.soffice_convert(sorted((format_dir / "docx").glob("*.docx")), out, "pdf")
    return out


def format_files(format_dir: Path, pdf_dir: Path | None, fmt: str) -> list[Path]:
    """The fixture files of one format."""
    folder = pdf_dir if fmt == "pdf" and pdf_dir is not None else format_dir / fmt
    return sorted(folder.glob(f"*.{fmt}"))


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The scanned fixtures of `ocr_build` (made once per session): kind → path."""
    import ocr_build

    return ocr_build.build(tmp_path_factory.mktemp("scans"))


@pytest.fixture(scope="session")
def scan_extractions(scans: dict[str, Path]) -> Any:
    """Each scanned fixture read and extracted once per session, on first use: kind → Extraction."""
    from jixiao.pipeline import load

    cache: dict[str, Any] = {}

    def get(kind: str) -> Any:
        if kind not in cache:
            cache[kind] = load(scans[kind])
        return cache[kind]

    return get
