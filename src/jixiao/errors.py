"""Exceptions of jixiao. Problems *in* a document are findings, not exceptions;
exceptions say that work cannot go on.

    JixiaoError
    ├── SourceError               a file cannot be read as a report
    │   ├── UnreadableDocumentError   broken, encrypted, scanned, wrong format, too large
    │   ├── NotAReportError           readable, but not a performance self-evaluation
    │   └── ExtractionFailedError     a fault of ours met on this document (the rest go on)
    └── ConfigError               a bad profile or setting
"""

from __future__ import annotations


class JixiaoError(Exception):
    """Base of every jixiao exception."""


class SourceError(JixiaoError):
    """A source file cannot become a record. ``str()`` is the user-facing message."""

    def __init__(self, name: str, reason: str, hint: str = "") -> None:
        self.name = name
        self.reason = reason
        self.hint = hint
        message = f"{name}: {reason}"
        if hint:
            message += f"（{hint}）"
        super().__init__(message)


class UnreadableDocumentError(SourceError):
    """The file is empty, broken, encrypted, a scan, too large, or of an unknown format."""


class NotAReportError(SourceError):
    """The file reads, but holds nothing of a performance self-evaluation report."""


class ExtractionFailedError(SourceError):
    """Extraction failed on this document through a fault of jixiao's (reported, not hidden)."""


class ConfigError(JixiaoError):
    """A profile or setting is invalid."""
