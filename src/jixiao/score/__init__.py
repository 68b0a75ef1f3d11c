"""Scoring a self-evaluation by the rules, under a profile kept as data.

Public API (stable; the review checks build on it)::

    load_profile(name_or_path=None) -> Profile     # shipped name or a .toml path
    choose_profile(record) -> Profile              # hunan-dept when 一级指标 has 成本, else mof-2020
    score_record(record, profile=None) -> ScoreResult
    parse_value(text) -> ParsedValue
    grade_for(score, profile) -> str | None

The rules, their sources and the profile format are in ``docs/scoring.md``.
"""

from jixiao.score.common import common_indicators
from jixiao.score.engine import grade_for, score_budget, score_record
from jixiao.score.indicators import score_indicator
from jixiao.score.profile import (
    DEFAULT_PROFILE,
    Band,
    GradeBand,
    Level1,
    Profile,
    Section,
    Tolerance,
    builtin_profiles,
    choose_profile,
    load_profile,
    parse_profile,
)
from jixiao.score.result import (
    BudgetExecution,
    CommonIndicator,
    Flag,
    Grades,
    IndicatorScore,
    Level1Summary,
    ScoreResult,
    Totals,
)
from jixiao.score.values import Direction, Operator, ParsedValue, ValueKind, parse_value

__all__ = [
    "DEFAULT_PROFILE",
    "Band",
    "BudgetExecution",
    "CommonIndicator",
    "Direction",
    "Flag",
    "GradeBand",
    "Grades",
    "IndicatorScore",
    "Level1",
    "Level1Summary",
    "Operator",
    "ParsedValue",
    "Profile",
    "ScoreResult",
    "Section",
    "Tolerance",
    "Totals",
    "ValueKind",
    "builtin_profiles",
    "choose_profile",
    "common_indicators",
    "grade_for",
    "load_profile",
    "parse_profile",
    "parse_value",
    "score_budget",
    "score_indicator",
    "score_record",
]
