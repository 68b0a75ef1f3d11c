"""Scoring one indicator row of a record under a profile.

The row's target decides its kind: a number → quantitative, a date or period → deadline,
other text → qualitative; an empty or placeholder target → unknown (not scored). The
direction of a quantitative target comes from its operator, else from its class
(``lower_is_better_classes`` of the profile, 成本 by default), else higher-is-better.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.model.record import Indicator
from jixiao.score.explain import claim_note
from jixiao.score.profile import Profile
from jixiao.score.qualitative import score_deadline, score_qualitative
from jixiao.score.quantitative import Outcome, score_quantitative_indicator
from jixiao.score.result import Flag, IndicatorScore
from jixiao.score.values import ParsedValue, ValueKind, label_for, parse_value, with_direction
from jixiao.score.values import with_label as _with_label


def _label(value: ParsedValue, profile: Profile) -> ParsedValue:
    if value.kind in ("qualitative", "deadline"):
        return _with_label(value, label_for(value.text, profile.band_keywords()))
    return value


def parse_pair(indicator: Indicator, profile: Profile) -> tuple[ParsedValue, ParsedValue]:
    """Target and actual parsed, labelled, and the target's direction completed."""
    target = _label(parse_value(indicator.target), profile)
    actual = _label(parse_value(indicator.actual), profile)
    if target.kind == "quantitative" and target.direction is None:
        lower = profile.is_lower_class(indicator.level1, indicator.level2)
        target = with_direction(target, "lower" if lower else "higher")
    return target, actual


def kind_of(target: ParsedValue, actual: ParsedValue) -> ValueKind:
    """The indicator's kind: from the target, or from a qualitative actual when no target."""
    if target.kind != "unknown":
        return target.kind
    return "qualitative" if actual.kind == "qualitative" else "unknown"


def _dispatch(
    kind: ValueKind, target: ParsedValue, actual: ParsedValue, weight: Decimal,
    claimed: Decimal | None, profile: Profile,
) -> Outcome:
    if kind == "quantitative":
        return score_quantitative_indicator(target, actual, weight, profile)
    if kind == "deadline":
        return score_deadline(target, actual, weight, claimed, profile)
    if kind == "qualitative":
        return score_qualitative(actual, weight, claimed, profile)
    return Outcome(None, "年度指标值为空或为占位符，无法计分", ("not_computable",))


def _claim_flags(
    claimed: Decimal | None, computed: Decimal | None, weight: Decimal, profile: Profile
) -> list[Flag]:
    flags: list[Flag] = []
    if claimed is not None and claimed > weight:
        flags.append("claim_above_weight")
    if claimed is None or computed is None:
        return flags
    diff = abs(claimed - computed)
    if diff > profile.tolerance.rounding:
        flags.append("claim_differs")
    if diff > profile.tolerance.far:
        flags.append("claim_far")
    return flags


def _merge(*groups: tuple[Flag, ...] | list[Flag]) -> tuple[Flag, ...]:
    seen: list[Flag] = []
    for group in groups:
        seen.extend(f for f in group if f not in seen)
    return tuple(seen)


def score_indicator(index: int, indicator: Indicator, profile: Profile) -> IndicatorScore:
    """Rescore one indicator row; never raises for what the document says."""
    target, actual = parse_pair(indicator, profile)
    kind = kind_of(target, actual)
    claimed, weight = indicator.score, indicator.weight
    base = IndicatorScore(
        index=index, name=indicator.name, level1=indicator.level1, level2=indicator.level2,
        kind=kind, target=target, actual=actual, weight=weight, claimed=claimed,
        computed=None, explanation="",
    )
    rounding = profile.tolerance.rounding
    if weight is None:
        return replace(base, explanation="缺少分值，无法计分" + claim_note(claimed, None, rounding),
                       flags=("weight_missing", "not_computable"))
    outcome = _dispatch(kind, target, actual, weight, claimed, profile)
    return replace(
        base,
        computed=outcome.computed,
        explanation=outcome.explanation + claim_note(claimed, outcome.computed, rounding),
        band=outcome.band,
        flags=_merge(outcome.flags, _claim_flags(claimed, outcome.computed, weight, profile)),
    )
