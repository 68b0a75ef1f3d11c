"""Tests of jixiao.score.profile: shipped profiles, user files, validation, choice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.model.record import Indicator, Record
from jixiao.score.profile import builtin_profiles, choose_profile, load_profile, parse_profile

SHIPPED = ["hunan-dept", "local-20-40-40", "mof-2020"]


def test_shipped_profiles_are_listed() -> None:
    assert builtin_profiles() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_profiles_sum_to_100(name: str) -> None:
    profile = load_profile(name)
    total = sum((lv.weight for lv in profile.level1), profile.budget_execution_weight)
    assert total == 100
    assert profile.name == name
    assert profile.outline, "the review engineer needs outline sections"


def test_weights_of_each_profile() -> None:
    mof = {lv.key: lv.weight for lv in load_profile("mof-2020").level1}
    assert mof == {"产出": 50, "效益": 30, "满意度": 10}
    hunan = {lv.key: lv.weight for lv in load_profile("hunan-dept").level1}
    assert hunan == {"产出": 40, "效益": 20, "满意度": 10, "成本": 20}
    local = load_profile("local-20-40-40")
    assert local.budget_execution_weight == 20
    assert local.band("部分达成") is not None
    assert local.band("部分达成").low == Decimal("0.5")  # type: ignore[union-attr]
    assert local.lower_rule == "ratio"


def test_default_profile() -> None:
    assert load_profile().name == "mof-2020"


def test_level1_variants() -> None:
    profile = load_profile("hunan-dept")
    assert profile.level1_for("产出指标（40分）").key == "产出"  # type: ignore[union-attr]
    assert profile.level1_for("服务对象满意度指标").key == "满意度"  # type: ignore[union-attr]
    assert profile.level1_for("成本指标").key == "成本"  # type: ignore[union-attr]
    assert profile.level1_for("其他") is None
    assert profile.level1_for(None) is None


def test_band_membership_bounds() -> None:
    profile = load_profile("mof-2020")
    reached, partly = profile.band("达成"), profile.band("部分达成")
    assert reached is not None and partly is not None
    assert reached.contains(Decimal(8), Decimal(10))
    assert reached.contains(Decimal(10), Decimal(10))
    assert not reached.contains(Decimal("10.5"), Decimal(10))
    assert partly.contains(Decimal(6), Decimal(10))
    assert not partly.contains(Decimal(8), Decimal(10))  # upper bound exclusive


def test_unknown_name_is_config_error() -> None:
    with pytest.raises(ConfigError, match="没有名为「nope」"):
        load_profile("nope")


def test_user_file_is_loaded(tmp_path: Path) -> None:
    source = load_profile("mof-2020")
    path = tmp_path / "my.toml"
    text = (Path(__file__).parents[2] / "src/jixiao/profiles/mof-2020.toml").read_text("utf-8")
    path.write_text(text.replace('name = "mof-2020"', 'name = "my-province"'), encoding="utf-8")
    mine = load_profile(str(path))
    assert mine.name == "my-province"
    assert mine.level1 == source.level1


def test_missing_user_file_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="无法读取"):
        load_profile(str(tmp_path / "absent.toml"))


def test_bad_toml_is_config_error() -> None:
    with pytest.raises(ConfigError, match="不是有效的 TOML"):
        parse_profile("name = ", "bad.toml")


MINIMAL = """
name = "x"
title = "x"
source = "x"
budget_execution_weight = {budget}
[[level1]]
key = "产出"
title = "产出指标"
weight = 90
[[qualitative_bands]]
label = "达成"
low = {low}
high = 1
[[grades]]
grade = "优"
min = 0
"""


def test_minimal_profile_is_valid() -> None:
    assert parse_profile(MINIMAL.format(budget=10, low=0.8)).name == "x"


def test_weights_not_summing_to_100_is_config_error() -> None:
    with pytest.raises(ConfigError, match="应为 100"):
        parse_profile(MINIMAL.format(budget=20, low=0.8), "p.toml")


def test_inverted_band_is_config_error() -> None:
    with pytest.raises(ConfigError, match="下限大于上限"):
        parse_profile(MINIMAL.format(budget=10, low=0.9).replace("high = 1", "high = 0.5"))


def test_unknown_field_is_config_error() -> None:
    with pytest.raises(ConfigError, match="colour"):
        parse_profile(MINIMAL.format(budget=10, low=0.8) + '\ncolour = "red"\n')


def _record(*level1: str) -> Record:
    return Record(indicators=[Indicator(level1=lv, name=f"指标{i}") for i, lv in enumerate(level1)])


def test_choose_profile() -> None:
    assert choose_profile(_record("产出指标", "效益指标")).name == "mof-2020"
    assert choose_profile(_record("产出指标", "成本指标")).name == "hunan-dept"
    assert choose_profile(Record()).name == "mof-2020"
