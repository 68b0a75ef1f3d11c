"""Findings: what a review says about a report, as values.

A `Finding` names a stable issue ``code``, a `Severity`, a Chinese message that
names the figures compared, where in the source it stands, the figures themselves
(``evidence``) and a suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.model.money import json_number
from jixiao.model.provenance import SourceRef


class Severity(StrEnum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]  # a str-enum member hashes as its text: no `.value` descriptor call


_RANKS = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    """One problem found in a report."""

    code: str
    severity: Severity
    message: str
    location: str = ""
    refs: tuple[SourceRef, ...] = ()
    evidence: dict[str, Decimal | int | str] = field(default_factory=dict)
    suggestion: str = ""

    @property
    def line(self) -> int | None:
        """The source line of the first reference, when known."""
        for ref in self.refs:
            if ref.position.line is not None:
                return ref.position.line
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: figures as numbers."""
        evidence: dict[str, Any] = {}
        for key, value in self.evidence.items():
            evidence[key] = json_number(value) if isinstance(value, Decimal) else value
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location,
            "line": self.line,
            "where": [ref.where() for ref in self.refs],
            "evidence": evidence,
            "suggestion": self.suggestion,
        }
