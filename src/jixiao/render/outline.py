"""Report outlines per profile: which sections a report has, in which order, under which title.

Section *keys* name what goes into a section (the builders in `jixiao.render.report`
know them); each profile orders and titles them. The Hunan department-wide outline is
the default.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.errors import ConfigError

#: The section keys a builder exists for.
SECTION_KEYS = (
    "basic",
    "general_budget",
    "government_funds",
    "state_capital",
    "social_insurance",
    "performance",
    "problems",
    "measures",
    "publication",
    "other",
)


@dataclass(frozen=True, slots=True)
class Section:
    """One level-one section: its key and its title without the “一、” number."""

    key: str
    title: str


@dataclass(frozen=True, slots=True)
class Outline:
    """A profile's outline and the names of its attachments."""

    name: str
    sections: tuple[Section, ...]
    basic_table_title: str = "部门整体支出绩效评价基础数据表"
    self_table_title: str = "部门整体支出绩效自评表"
    #: Keys shown only when the narrative has something to say.
    optional: tuple[str, ...] = ("other",)


HUNAN = Outline(
    name="hunan",
    sections=(
        Section("basic", "部门基本情况"),
        Section("general_budget", "一般公共预算支出情况"),
        Section("government_funds", "政府性基金预算支出情况"),
        Section("state_capital", "国有资本经营预算支出情况"),
        Section("social_insurance", "社会保险基金预算支出情况"),
        Section("performance", "部门整体支出绩效情况"),
        Section("problems", "存在的问题及原因分析"),
        Section("measures", "下一步改进措施"),
        Section("publication", "部门整体支出绩效自评结果拟应用和公开情况"),
        Section("other", "其他需要说明的情况"),
    ),
)

GENERIC = Outline(
    name="generic",
    sections=(
        Section("basic", "基本情况"),
        Section("general_budget", "预算收支情况"),
        Section("performance", "绩效目标完成情况"),
        Section("problems", "存在的问题及原因分析"),
        Section("measures", "改进措施"),
        Section("publication", "自评结果应用和公开情况"),
        Section("other", "其他需要说明的情况"),
    ),
)

OUTLINES: dict[str, Outline] = {o.name: o for o in (HUNAN, GENERIC)}
#: Other profile families (scoring profiles like ``mof-2020``) → outline.
ALIASES: dict[str, Outline] = {"mof": GENERIC, "local": HUNAN}
DEFAULT_PROFILE = "hunan"


def outline_for(profile: str | None) -> Outline:
    """The outline of `profile`; names like ``hunan-2023`` fall back to ``hunan``.

    Raises `ConfigError` naming the known outlines for an unknown profile.
    """
    name = (profile or DEFAULT_PROFILE).strip().lower()
    if name in OUTLINES:
        return OUTLINES[name]
    head = name.split("-", 1)[0].split("_", 1)[0]
    found = OUTLINES.get(head) or ALIASES.get(head)
    if found is not None:
        return found
    known = "、".join(sorted(OUTLINES))
    raise ConfigError(f"未知的报告模板“{profile}”，可用：{known}")
