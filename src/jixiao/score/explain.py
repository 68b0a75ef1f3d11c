"""Small helpers that write the Chinese one-line explanations of computed scores."""

from __future__ import annotations

from decimal import Decimal


def fmt(value: Decimal | None) -> str:
    """A Decimal as plain text without exponent or trailing zeros (``19.38``, ``100``)."""
    if value is None:
        return "—"
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def show(number: Decimal | None, unit: str | None) -> str:
    """A number with its unit (``812.38万元``, ``95%``)."""
    return f"{fmt(number)}{unit or ''}"


def claim_note(claimed: Decimal | None, computed: Decimal | None, rounding: Decimal) -> str:
    """The trailing note comparing the claimed score with the computed one."""
    if claimed is None:
        return "；未填自评得分"
    if computed is None:
        return f"；自评 {fmt(claimed)} 分，无法核对"
    diff = claimed - computed
    if abs(diff) <= rounding:
        return f"；与自评 {fmt(claimed)} 分一致"
    more = "高" if diff > 0 else "低"
    return f"；自评 {fmt(claimed)} 分，比规则得分{more} {fmt(abs(diff))} 分"


def band_text(label: str, low: Decimal, high: Decimal, weight: Decimal) -> str:
    """``「达成」档（80%–100%，即 6.4–8 分）``."""
    lo_pts, hi_pts = low * weight, high * weight
    return (
        f"「{label}」档（{fmt(low * 100)}%–{fmt(high * 100)}%，"
        f"即 {fmt(lo_pts)}–{fmt(hi_pts)} 分）"
    )
