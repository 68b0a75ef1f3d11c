"""The check registry: every check is a small registered unit.

A check declares its code, severity, family, Chinese title, message template,
suggestion and a documentation example, and a function from a `ReviewContext` to
`Hit` s. The runner renders each hit into a `Finding` with the check's template.
Built-in checks register with the same `check` decorator an extension would use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

from jixiao.model.provenance import SourceRef
from jixiao.review.finding import Finding, Severity
from jixiao.review.numbers import fmt

if TYPE_CHECKING:
    from jixiao.review.context import ReviewContext

#: The modules that hold built-in checks (a family may span several modules).
FAMILIES = (
    "arithmetic",
    "statements",
    "counts",
    "dates",
    "forms",
    "crossref",
    "rates",
    "controls",
    "scoring",
    "rescore",
    "completeness",
    "quality",
    "plausibility",
    "contradictions",
    "hygiene",
    "workbook",
    "ocr",
)

Value = Decimal | int | str


@dataclass(frozen=True)
class Hit:
    """What a check function reports: the template's values and where they stand.

    ``key`` lets the runner drop a later hit that states the same thing as an
    earlier one (a table row seen both in the record and in the document).
    """

    values: Mapping[str, object]
    refs: tuple[SourceRef, ...] = ()
    key: tuple[object, ...] | None = None


CheckFn = Callable[["ReviewContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    """One registered check."""

    code: str
    severity: Severity
    family: str
    title: str
    template: str
    suggestion: str
    example: Mapping[str, Value]
    run: CheckFn = field(compare=False)

    def render(self, values: Mapping[str, object]) -> str:
        """The message for `values` (numbers formatted as the document writes them)."""
        shown = {k: fmt(v) if isinstance(v, Decimal) else v for k, v in values.items()}
        return self.template.format(**shown)

    def finding(self, hit: Hit) -> Finding:
        """Render `hit` into a finding."""
        evidence: dict[str, Value] = {
            k: v for k, v in hit.values.items() if isinstance(v, Decimal | int)
        }
        location = "；".join(dict.fromkeys([ref.label() for ref in hit.refs]))
        return Finding(
            code=self.code,
            severity=self.severity,
            message=self.render(hit.values),
            location=location,
            refs=hit.refs,
            evidence=evidence,
            suggestion=self.suggestion,
        )


_CHECKS: list[Check] = []


def check(
    code: str,
    *,
    severity: Severity,
    title: str,
    template: str,
    suggestion: str,
    example: Mapping[str, Value],
    family: str | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as a check; its family defaults to its module's name."""

    def register(fn: CheckFn) -> CheckFn:
        if any(c.code == code for c in _CHECKS):
            raise ValueError(f"duplicate check code: {code}")
        group = family or fn.__module__.rsplit(".", 1)[-1]
        _CHECKS.append(Check(code, severity, group, title, template, suggestion, example, fn))
        return fn

    return register


def all_checks() -> tuple[Check, ...]:
    """Every registered check, built-ins first, in family order."""
    _import_families()
    return tuple(_CHECKS)


@cache
def _import_families() -> None:
    """Import the built-in families once (importing registers their checks)."""
    for family in FAMILIES:
        import_module(f"jixiao.review.{family}")


def get_check(code: str) -> Check:
    """The check registered under `code`."""
    for item in all_checks():
        if item.code == code:
            return item
    raise KeyError(code)


#: The internal check reported when a check itself fails.
CHECK_FAILED = Check(
    code="check-failed",
    severity=Severity.INFO,
    family="internal",
    title="审核规则执行失败",
    template="审核规则 {check} 执行出错（{error}），该项未能审核",
    suggestion="这是审核程序的问题，不是报告的问题；请将报告与本信息反馈给维护者",
    example={"check": "budget-total-mismatch", "error": "ZeroDivisionError"},
    run=lambda ctx: (),
)
