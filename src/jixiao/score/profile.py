"""Scoring profiles: the rule-ish numbers of one evaluation regime, kept as TOML data.

A profile names its first-level weights, qualitative bands, grade bands, the budget
execution weight, the over-completion threshold, tolerances and the report outline. The
profiles shipped with the package live in ``jixiao/profiles/*.toml``; a user's file is
loaded by path. A new province is a new file, not new code. The format is documented in
``docs/scoring.md``.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jixiao.errors import ConfigError
from jixiao.model.record import Record

DEFAULT_PROFILE = "mof-2020"
COST_PROFILE = "hunan-dept"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level1(_Strict):
    """One first-level class (一级指标) and its weight; ``aliases`` are the names it goes by."""

    key: str = Field(min_length=1)
    title: str = Field(min_length=1)
    weight: Decimal = Field(ge=0, le=100)
    aliases: tuple[str, ...] = ()

    def matches(self, name: str | None) -> bool:
        """True when a record's 一级指标 text names this class."""
        if not name:
            return False
        text = "".join(name.split())
        return any(alias in text for alias in (self.key, self.title, *self.aliases))


class Band(_Strict):
    """A qualitative band: share of the weight from ``low`` to ``high``, and its words.

    The lower bound is inclusive; the upper bound is exclusive except when it is 1.
    """

    label: str = Field(min_length=1)
    low: Decimal = Field(ge=0, le=1)
    high: Decimal = Field(ge=0, le=1)
    keywords: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.low > self.high:
            raise ValueError(f"档次「{self.label}」的下限大于上限")
        return self

    def contains(self, score: Decimal, weight: Decimal) -> bool:
        """True when `score` lies in this band for an indicator of `weight`."""
        if score < self.low * weight:
            return False
        if self.high == 1:
            return score <= weight
        return score < self.high * weight


class GradeBand(_Strict):
    """A grade and the lowest total (inclusive) that earns it."""

    grade: str = Field(min_length=1)
    min: Decimal = Field(ge=0)


class Section(_Strict):
    """A section the report outline should have, with the titles it goes by."""

    title: str = Field(min_length=1)
    synonyms: tuple[str, ...] = ()
    required: bool = True


class Tolerance(_Strict):
    """How far a recomputed score may be from a claimed one.

    ``rounding``: differences up to this are rounding, not departures;
    ``far``: a departure beyond this (points) is worth a reviewer's attention.
    """

    rounding: Decimal = Field(default=Decimal("0.01"), ge=0)
    far: Decimal = Field(default=Decimal(1), ge=0)


class Profile(_Strict):
    """A scoring regime as data. See ``docs/scoring.md`` for every field."""

    name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    budget_execution_weight: Decimal = Field(ge=0, le=100)
    over_completion: Decimal = Field(default=Decimal("1.2"), gt=1)
    budget_adjustment: Decimal = Field(default=Decimal("0.3"), gt=0)
    lower_rule: Literal["linear", "ratio"] = "linear"
    lower_is_better_classes: tuple[str, ...] = ("成本",)
    deadline_met_words: tuple[str, ...] = ("按时", "如期", "及时", "全年", "已完成", "完成")
    deadline_missed_words: tuple[str, ...] = ("未完成", "未按时", "延期", "逾期", "推迟", "滞后")
    tolerance: Tolerance = Field(default_factory=Tolerance)
    level1: tuple[Level1, ...] = Field(min_length=1)
    qualitative_bands: tuple[Band, ...] = Field(min_length=1)
    grades: tuple[GradeBand, ...] = Field(min_length=1)
    outline: tuple[Section, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        total = sum((lv.weight for lv in self.level1), self.budget_execution_weight)
        if total != 100:
            raise ValueError(f"一级指标分值与预算执行分值之和为 {total}，应为 100")
        keys = [lv.key for lv in self.level1]
        if len(set(keys)) != len(keys):
            raise ValueError("一级指标的 key 有重复")
        return self

    def level1_for(self, name: str | None) -> Level1 | None:
        """The first-level class that a record's 一级指标 text belongs to."""
        return next((lv for lv in self.level1 if lv.matches(name)), None)

    def band(self, label: str | None) -> Band | None:
        """The qualitative band with this label."""
        return next((b for b in self.qualitative_bands if b.label == label), None)

    def band_keywords(self) -> list[tuple[str, tuple[str, ...]]]:
        """(label, words) pairs for `jixiao.score.values.label_for`."""
        return [(b.label, (b.label, *b.keywords)) for b in self.qualitative_bands]

    def is_lower_class(self, *names: str | None) -> bool:
        """True when one of the indicator's class names marks it lower-is-better."""
        return any(word in (n or "") for n in names for word in self.lower_is_better_classes)


def builtin_profiles() -> list[str]:
    """Names of the profiles shipped with the package, sorted."""
    folder = resources.files("jixiao") / "profiles"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def _read_builtin(name: str) -> tuple[str, str]:
    resource = resources.files("jixiao") / "profiles" / f"{name}.toml"
    if not resource.is_file():
        known = "、".join(builtin_profiles())
        raise ConfigError(f"没有名为「{name}」的评分配置（可用：{known}；也可给出 .toml 文件路径）")
    return resource.read_text(encoding="utf-8"), f"{name}.toml"


def _read_path(path: Path) -> tuple[str, str]:
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取评分配置文件 {path}：{exc}") from exc


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "（整体）"
        parts.append(f"{where}：{error['msg']}")
    return "；".join(parts)


def parse_profile(text: str, origin: str = "<profile>") -> Profile:
    """Validate a profile from TOML text; a bad one raises `ConfigError` naming the field."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"评分配置 {origin} 不是有效的 TOML：{exc}") from exc
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"评分配置 {origin} 有误：{_describe(exc)}") from exc


def load_profile(name_or_path: str | None = None) -> Profile:
    """A shipped profile by name, or a user's TOML file by path; None → the default."""
    name = name_or_path or DEFAULT_PROFILE
    path = Path(name)
    if name.endswith(".toml") or path.is_file():
        text, origin = _read_path(path)
        return parse_profile(text, origin)
    return _builtin(name)


@lru_cache(maxsize=16)
def _builtin(name: str) -> Profile:
    """A shipped profile, parsed once per process (profiles are frozen)."""
    text, origin = _read_builtin(name)
    return parse_profile(text, origin)


def choose_profile(record: Record) -> Profile:
    """The profile for a record: ``hunan-dept`` when a 一级指标 is 成本指标, else the default."""
    if any("成本" in (ind.level1 or "") for ind in record.indicators):
        return _builtin(COST_PROFILE)  # a shipped name: no file to look for on every record
    return _builtin(DEFAULT_PROFILE)
