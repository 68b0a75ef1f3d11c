"""Scoring qualitative and deadline indicators.

Qualitative (shared ``rules.md`` §1 #25, §3.3): the 实际完成值 names a band — 达成,
部分达成 or 未达成 — and the evaluator picks a score inside it; the rules check that the
claimed score lies in the band. They do not fix one score, so:

- band known, claim inside → the claim stands (computed = claimed);
- band known, claim outside → computed = the nearest score the band allows, flagged;
- band known, no claim → no computed score, the band is reported;
- band unknown (the text names no degree of achievement) → the claim cannot be checked:
  it is carried with the flag ``label_unknown`` (capped at the weight), never invented.

Deadline (时效) indicators: met when the actual date is not later than the target's, or
the actual text says the work was done on time → full weight (a completed target earns
full points, §3.2); missed → the 未达成 band; otherwise as an unknown band.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.score.explain import band_text, fmt
from jixiao.score.profile import Band, Profile
from jixiao.score.quantitative import Outcome
from jixiao.score.result import Flag
from jixiao.score.rules import CENT, r2
from jixiao.score.values import ParsedValue


def band_points(band: Band, weight: Decimal) -> tuple[Decimal, Decimal]:
    """The band in points: (low, high)."""
    return r2(band.low * weight), r2(band.high * weight)


def _nearest_in_band(band: Band, weight: Decimal, claimed: Decimal) -> Decimal:
    low, high = band_points(band, weight)
    if claimed < low:
        return low
    if band.high == 1:
        return min(claimed, weight)
    return max(high - CENT, low)


def _band_for_claim(profile: Profile, claimed: Decimal, weight: Decimal) -> Band | None:
    return next((b for b in profile.qualitative_bands if b.contains(claimed, weight)), None)


def score_in_band(band: Band, weight: Decimal, claimed: Decimal | None, lead: str) -> Outcome:
    """Check a claim against a known band."""
    where = band_text(band.label, band.low, band.high, weight)
    points = band_points(band, weight)
    if claimed is None:
        return Outcome(None, f"{lead}属{where}，规则只给出区间，需评价人在档内打分",
                       ("not_computable",), points)
    if band.contains(claimed, weight):
        return Outcome(claimed, f"{lead}属{where}，自评 {fmt(claimed)} 分在档内，予以采信",
                       band=points)
    nearest = _nearest_in_band(band, weight, claimed)
    return Outcome(
        nearest,
        f"{lead}属{where}，自评 {fmt(claimed)} 分不在档内，按档内最接近的 {fmt(nearest)} 分计",
        ("claimed_outside_band",),
        points,
    )


def score_unknown_band(
    profile: Profile, weight: Decimal, claimed: Decimal | None, lead: str
) -> Outcome:
    """A qualitative value that names no band: carry the claim, flagged, or give nothing."""
    flags: tuple[Flag, ...] = ("label_unknown",)
    if claimed is None:
        return Outcome(None, f"{lead}未写明达成程度（达成/部分达成/未达成），无法计分",
                       (*flags, "not_computable"))
    if claimed > weight:
        return Outcome(weight, f"{lead}未写明达成程度；自评 {fmt(claimed)} 分超过分值，按分值 "
                       f"{fmt(weight)} 计", (*flags, "claim_above_weight"))
    band = _band_for_claim(profile, claimed, weight)
    where = "" if band is None else f"，相当于{band_text(band.label, band.low, band.high, weight)}"
    return Outcome(claimed, f"{lead}未写明达成程度，无法核对档次；自评 {fmt(claimed)} 分"
                   f"{where}，暂按自评计", flags)


def score_qualitative(
    actual: ParsedValue, weight: Decimal, claimed: Decimal | None, profile: Profile
) -> Outcome:
    """Score a qualitative indicator from the label of its actual value."""
    lead = f"定性指标：实际完成值「{actual.text or '（空）'}」"
    band = profile.band(actual.label)
    if band is None:
        return score_unknown_band(profile, weight, claimed, lead)
    return score_in_band(band, weight, claimed, lead)


def _deadline_met(target: ParsedValue, actual: ParsedValue, profile: Profile) -> bool | None:
    text = "".join(actual.text.split())
    if any(word in text for word in profile.deadline_missed_words):
        return False
    if target.deadline is not None and actual.deadline is not None:
        return actual.deadline <= target.deadline
    if any(word in text for word in profile.deadline_met_words):
        return True
    return None


def score_deadline(
    target: ParsedValue,
    actual: ParsedValue,
    weight: Decimal,
    claimed: Decimal | None,
    profile: Profile,
) -> Outcome:
    """Score a 时效 indicator whose target is a date or period."""
    lead = f"时效指标：目标「{target.text}」，实际「{actual.text or '（空）'}」"
    met = _deadline_met(target, actual, profile)
    if met:
        return Outcome(r2(weight), f"{lead}，按时完成，得满分 {fmt(weight)}")
    missed = profile.band("未达成") if met is False else None
    if missed is not None:
        return score_in_band(missed, weight, claimed, f"{lead}，未按时完成，")
    return score_unknown_band(profile, weight, claimed, f"{lead}，")
