"""Aggregates of a run, gathered in one pass over the index with bounded memory.

Only counters and a short list of the documents with the most errors are kept,
whatever the number of documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jixiao.batch.index import Entry, Index

#: Upper edges of the score histogram (自评得分 / 复算得分).
SCORE_BINS = (60, 70, 80, 90, 101)
#: Upper edges of the execution-rate histogram, in percent.
RATE_BINS = (60, 80, 90, 95, 100.0001, 10**9)
GRADES = ("优", "良", "中", "差")
#: How many of the documents with the most error findings the HTML summary lists.
TOP = 50


def _bin(value: Any, edges: tuple[float, ...]) -> int | None:
    if not isinstance(value, int | float):
        return None
    for i, edge in enumerate(edges):
        if value < edge:
            return i
    return len(edges) - 1


@dataclass
class Overview:
    """Counts over all finished documents."""

    reviewed: int = 0
    failed: int = 0
    findings: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    documents_by_code: Counter[str] = field(default_factory=Counter)
    grades_claimed: Counter[str] = field(default_factory=Counter)
    grades_computed: Counter[str] = field(default_factory=Counter)
    score_bins: list[int] = field(default_factory=lambda: [0] * len(SCORE_BINS))
    rate_bins: list[int] = field(default_factory=lambda: [0] * len(RATE_BINS))
    failure_reasons: Counter[str] = field(default_factory=Counter)
    #: (errors, warnings, name, department, file stem) of the documents with the most errors.
    worst: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    years: Counter[int] = field(default_factory=Counter)

    def add(self, entry: Entry) -> None:
        """Count one document."""
        if not entry.ok:
            self.failed += 1
            self.failure_reasons[(entry.error or "未知原因")[:60]] += 1
            return
        self.reviewed += 1
        row = entry.row
        self._count_findings(row)
        for counter, key in ((self.grades_claimed, "grade_claimed"), (self.grades_computed, "grade_computed")):
            if row.get(key) in GRADES:
                counter[row[key]] += 1
        score_bin = _bin(row.get("score_claimed"), SCORE_BINS)
        if score_bin is not None:
            self.score_bins[score_bin] += 1
        rate_bin = _bin(row.get("execution_rate"), RATE_BINS)
        if rate_bin is not None:
            self.rate_bins[rate_bin] += 1
        if isinstance(row.get("year"), int):
            self.years[row["year"]] += 1
        item = (int(row.get("errors") or 0), int(row.get("warnings") or 0), entry.name,
                row.get("department") or "", entry.file)
        if item[0] or item[1]:
            self._keep_worst(item)

    def _count_findings(self, row: dict[str, Any]) -> None:
        codes: dict[str, int] = row.get("codes") or {}
        for code, n in codes.items():
            self.codes[code] += n
            self.documents_by_code[code] += 1
            self.findings += n
        for severity in ("errors", "warnings", "infos"):
            self.severities[severity] += int(row.get(severity) or 0)

    def _keep_worst(self, item: tuple[int, int, str, str, str]) -> None:
        self.worst.append(item)
        if len(self.worst) >= 2 * TOP:  # trim now and then: memory stays bounded
            self.worst = self.worst_documents()

    def worst_documents(self) -> list[tuple[int, int, str, str, str]]:
        """The documents with the most errors (then warnings), most first, then by name."""
        return sorted(self.worst, key=lambda t: (-t[0], -t[1], t[2]))[:TOP]


def gather(index: Index) -> Overview:
    """One pass over the index."""
    overview = Overview()
    for entry in index.entries():
        overview.add(entry)
    return overview
