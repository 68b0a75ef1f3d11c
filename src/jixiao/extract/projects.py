"""Projects named with their money, from prose lists, project sub-sections and tables.

Prose forms: a list introduced by a colon or 其中 (“项目支出预算236万元：A经费31万元；B经费20万元”),
pairs (“A经费35万，支出16.93万”), and a sub-section per project whose paragraph states
年初预算 … 实际支出. Tables: a 项目名称 column with budget / spending columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.extract.context import Context, Unit
from jixiao.extract.facts import Facts
from jixiao.extract.labels import category_of
from jixiao.extract.numbers import NUMBER, cell_number, clean, parse_amount
from jixiao.extract.tables import rows_of, text_at
from jixiao.model.provenance import SourceRef

#: Spending categories that are not projects.
NOT_PROJECT = re.compile(
    r"^(?:其中)?(?:基本支出|项目支出|人员经费|公用经费|工资福利|商品和服务|对个人和家庭|资本性|"
    r"一般公共服务|三公|合计|总计|小计|支出合计|收入|财政拨款|本年|上年|全年|年初|预算|决算|专项资金$)")
_NAME = r"([^：:；;，,。！？\s\d（）()]{2,60}(?:[（(][^）)]{1,30}[）)])?)"
_UNIT = r"\s*(亿元|万元|万|元)"
_LIST_ITEM = re.compile(rf"(?:^|[：:；;、（(]|其中[：:]?)\s*{_NAME}\s*({NUMBER}){_UNIT}")
_PAIR = re.compile(
    rf"{_NAME}\s*({NUMBER}){_UNIT}\s*[，,]\s*(?:实际)?(?:支出|使用|执行)(?:了)?\s*({NUMBER}){_UNIT}")
_INITIAL = re.compile(rf"年初预算(?:资金|数|金额)?(?:为)?\s*({NUMBER}){_UNIT}")
_FINAL = re.compile(rf"(?:全年预算|调整后预算|调整预算)(?:资金|数)?(?:为)?\s*({NUMBER}){_UNIT}")
_ACTUAL = re.compile(rf"(?:实际支出|实际使用|全年执行|实际执行|支出)(?:资金|数)?(?:为)?\s*({NUMBER}){_UNIT}")
_NOT_NAME = re.compile(r"调减|调增|追加|结余|结转|减少|增加|情况|分析|说明|预算资金|年初|全年")
_SPEND_WORDS = re.compile(r"支出|使用|决算|执行|完成")
_BUDGET_WORDS = re.compile(r"预算|安排|下达|批复")


@dataclass
class _Project:
    name: str
    ref: SourceRef
    budget: Decimal | None = None
    actual: Decimal | None = None


def _norm(name: str) -> str:
    name = clean(name).strip("　 ：:、，,.．")
    name = re.sub(r"^(?:其中|另外|包括)[：:]?", "", name)
    name = re.sub(r"(?:的)?(?:年初|全年|调整后)?(?:预算|安排)(?:资金|数|金额)?(?:为|共)?$", "", name)
    if name.endswith("项目") and len(name) > 6:
        name = name[:-2]
    return name


def _ok(name: str) -> bool:
    if (category_of(name) or "").startswith("tp.") and len(name) <= 14:
        return False  # a 三公 item, not a project
    return (len(name) >= 2 and not NOT_PROJECT.match(name) and not _NOT_NAME.search(name)
            and not re.search(r"\d{4}年", name))


def _list_stage(intro: str) -> str:
    if _BUDGET_WORDS.search(intro) and not re.search(r"实际|决算|执行", intro):
        return "budget"
    return "actual" if _SPEND_WORDS.search(intro) else "budget"


_MONEY = re.compile(r"\d\s*(?:亿元|万元|万|元)")


def _from_lists(unit: Unit) -> list[_Project]:
    out: list[_Project] = []
    if not _MONEY.search(unit.text):
        return out
    for match in _PAIR.finditer(unit.text):
        name = _norm(match.group(1))
        if _ok(name):
            out.append(_Project(name, unit.ref, parse_amount(match.group(2), match.group(3)),
                                parse_amount(match.group(4), match.group(5))))
    if out:
        return out
    start = max(unit.text.find("："), unit.text.find("其中"), unit.text.find(":"))
    if start < 0:
        return []
    items = [m for m in _LIST_ITEM.finditer(unit.text, start) if _ok(_norm(m.group(1)))]
    if len(items) < 2:
        return []
    stage = _list_stage(unit.text[:start + 2])
    for match in items:
        amount = parse_amount(match.group(2), match.group(3))
        project = _Project(_norm(match.group(1)), unit.ref)
        setattr(project, stage, amount)
        out.append(project)
    return out


def _from_subsections(units: list[Unit]) -> list[_Project]:
    out: list[_Project] = []
    for i, unit in enumerate(units):
        if unit.heading is None or unit.heading < 3 or not any("项目" in s for s in unit.sections[:-1]):
            continue
        name = _norm(unit.sections[-1] if unit.sections else unit.text)
        body = " ".join(u.text for u in units[i + 1:i + 3] if u.heading is None)
        final, initial = _FINAL.search(body), _INITIAL.search(body)
        budget = final or initial
        actual = _ACTUAL.search(body)
        if _ok(name) and (budget or actual):
            out.append(_Project(
                name, unit.ref,
                parse_amount(budget.group(1), budget.group(2)) if budget else None,
                parse_amount(actual.group(1), actual.group(2)) if actual else None))
    return out


def _from_tables(ctx: Context) -> list[_Project]:
    out: list[_Project] = []
    for index, table, _ in ctx.tables:
        grid = rows_of(table)
        for r, row in enumerate(grid[:3]):
            texts = [clean(c.text) if c else "" for c in row]
            name_col = next((c for c, t in enumerate(texts)
                             if re.fullmatch(r"(?:项目|专项)(?:名称)?|项目内容", t)), None)
            if name_col is None:
                continue
            budget_col = next((c for c, t in enumerate(texts) if re.search(r"全年预算|调整后?预算", t)),
                              next((c for c, t in enumerate(texts) if re.search(r"预算", t)), None))
            actual_col = next((c for c, t in enumerate(texts) if re.search(r"执行|实际|决算|支出数", t)), None)
            for data in grid[r + 1:]:
                name = _norm(text_at(data, name_col))
                if not _ok(name) or (budget_col is None and actual_col is None):
                    continue
                budget = cell_number(text_at(data, budget_col)) if budget_col is not None else None
                actual = cell_number(text_at(data, actual_col)) if actual_col is not None else None
                cell = data[name_col]
                assert cell is not None
                ref = SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
                out.append(_Project(name, ref, budget, actual))
            break
    return out


def _merge(found: list[_Project]) -> list[_Project]:
    merged: list[_Project] = []
    for project in found:
        same = next((m for m in merged if m.name == project.name
                     or (len(project.name) >= 4 and len(m.name) >= 4
                         and (project.name in m.name or m.name in project.name))), None)
        if same is None:
            merged.append(project)
            continue
        same.budget = same.budget if same.budget is not None else project.budget
        same.actual = same.actual if same.actual is not None else project.actual
    return merged


def extract(ctx: Context, facts: Facts) -> None:
    """Propose the list of projects."""
    found = _from_tables(ctx)
    for unit in ctx.units:
        found += _from_lists(unit)
    found += _from_subsections(ctx.units)
    projects = _merge(found)
    if projects:
        items = [{"name": p.name, "budget": p.budget, "actual": p.actual} for p in projects]
        parts = tuple((f"[{i}]", p.ref) for i, p in enumerate(projects))
        facts.propose("projects", items, 20, projects[0].ref, parts)
    elif _says_no_projects(ctx):
        facts.propose("projects", [], 10, ctx.units[0].ref)


def _says_no_projects(ctx: Context) -> bool:
    pattern = re.compile(r"项目支出(?:为)?\s*0(?:\.0+)?\s*万元|无项目支出|没有项目支出")
    return any(pattern.search(u.text) for u in ctx.units)
