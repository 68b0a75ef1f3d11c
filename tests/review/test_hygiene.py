"""Publication hygiene checks."""

from __future__ import annotations

import pytest

from jixiao.review.hygiene import valid_id

from .familycases import Case, assert_family, fires, silent
from .helpers import run

BAD: dict[str, Case] = {
    "personal-mobile-number": ("联系人：张三，联系电话：13912345678。", None),
    "personal-id-number": ("经办人身份证号11010519491231002X。", None),
}
GOOD: dict[str, Case] = {
    "personal-mobile-number": ("办公电话：0731-81830102。", None),
    "personal-id-number": ("项目编号110105194912310021。", None),
}


def test_cases_cover_family() -> None:
    assert_family("hygiene", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_message_masks_the_number() -> None:
    (finding,) = run("personal-mobile-number", *BAD["personal-mobile-number"])
    assert "13912345678" not in finding.message and "139" in finding.message


def test_id_check_digit() -> None:
    assert valid_id("11010519491231002X") and not valid_id("110105194912310021")


def test_an_id_number_in_full_width_digits_is_found_too() -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in "11010519491231002X")
    (finding,) = run("personal-id-number", f"经办人身份证号{wide}。", None)
    assert wide not in finding.message
    assert not run("personal-id-number", f"编号{wide[:-1]}1，年度２０２４。", None)  # wrong check digit
