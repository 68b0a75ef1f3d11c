"""What a batch run's results depend on, so that a run with other settings recomputes.

The stamp names the scoring profile asked for (and the contents of a profile file),
the version of jixiao and a digest of its rules, profiles and code. A finished
document is reused only by a run with the same stamp; `run_batch` clears the index of
an output folder whose stamp differs, so another ``--profile`` or an upgrade that may
change results reviews every document again.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import jixiao

_PACKAGE = Path(jixiao.__file__).resolve().parent
#: Parts of the package that decide results (not the web app, the CLI or the store).
_PARTS = ("readers", "recover", "extract", "score", "review", "profiles", "model", "pipeline.py")


@cache
def code_digest() -> str:
    """A digest of the package files that decide a document's record, score and findings."""
    digest = hashlib.sha256()
    for part in _PARTS:
        root = _PACKAGE / part
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.suffix in (".py", ".toml", ".json")
        )
        for path in files:
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stamp(profile: str | None) -> str:
    """The settings of a run as one JSON text."""
    content = ""
    if profile and Path(profile).is_file():
        content = hashlib.sha256(Path(profile).read_bytes()).hexdigest()[:16]
    data = {
        "profile": profile or "auto",
        "profile_file": content,
        "version": jixiao.__version__,
        "code": code_digest(),
    }
    return json.dumps(data, sort_keys=True)


def describe(old: str) -> str:
    """“评分配置 mof-2020、版本 0.1.0” for a stored stamp (Chinese, for the message)."""
    try:
        data = json.loads(old)
    except ValueError:
        return "未知设置"
    profile = "自动选择" if data.get("profile") == "auto" else data.get("profile")
    return f"评分配置 {profile}、jixiao {data.get('version')}"
