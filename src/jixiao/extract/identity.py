"""The reporting unit's name, the fiscal year and the kind of evaluation."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from jixiao.extract.context import Context, Unit, strip_mark
from jixiao.extract.facts import Facts
from jixiao.extract.numbers import clean
from jixiao.model.provenance import SourceRef

ORG_SUFFIX = (r"(?:常务委员会|委员会|常委会|办公室|办公厅|政府|局|厅|委|院|中心|馆|站|所|队|"
              r"协会|联合会|学校|大学|学院|医院|集团|公司|部|处|科|社|团|会|署|台|办|"
              r"街道办事处|办事处|街道|乡|镇)")
_NAME_LABEL = re.compile(r"(?:部门|单位|预算部门|预算单位|填报单位)(?:（单位）|\(单位\))?(?:名称|全称)")
_PROSE_LABEL = re.compile(
    r"^(?!主办|承办|协办|技术支持|维护|发布|来源|网站|版权|建设|运维)"
    r"(?:[^：:]{0,6})(?:部门|单位|填报单位)(?:（单位）|\(单位\))?(?:名称|全称)?\s*[:：]\s*(.+)$")
_SEAL = re.compile(r"[（(]\s*(?:盖章|公章|签章)\s*[）)]")
_TITLE = re.compile(r"(?:\d{4})\s*年度?\s*(.{2,40}?)(?:部门)?整体(?:预算)?支出")
_TITLE_NAME_FIRST = re.compile(
    rf"(?:^|[《“\"、\s])([^《“\"、\s\d]{{2,40}}?{ORG_SUFFIX})(?:[（(](?:本级|机关|本部)[)）])?"
    rf"(?:关于)?\s*[（(]?\s*(?:19|20)\d{{2}}\s*年度?")
#: A title with no year: “某县财政局部门整体支出绩效自评报告”.
_TITLE_NO_YEAR = re.compile(
    rf"^([^\d\s，。,]{{2,40}}?{ORG_SUFFIX})(?:部门|单位)?整体(?:预算)?(?:支出)?绩效")
#: A unit named alone on the line above its report's title (“某县司法局 / 关于…的自评报告”).
_NAME_LINE = re.compile(rf"^[^\d\s，。,:：]{{2,30}}{ORG_SUFFIX}$")
_ABOUT_TITLE = re.compile(r"^关于.{2,60}(?:报告|自评表)$")
_IS_SENTENCE = re.compile(rf"(?:^|[。；;])\s*([^\s，。；、：:“”]{{4,30}}?{ORG_SUFFIX})(?:是|为|系)")
_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年度")
#: A year that is not a date of writing (2018年7月, 2018年7月2日) or part of a range.
_YEAR_ANY = re.compile(r"(?<![\d〔\[（(-])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_ORG_END = re.compile(rf"{ORG_SUFFIX}$")


def _name(text: str) -> str | None:
    name = _SEAL.sub("", clean(text)).strip("　 ：:")
    name = re.sub(r"^关于", "", name)
    if not 2 <= len(name) <= 60 or not _ORG_END.search(name):
        return None
    return name


def _from_tables(ctx: Context, facts: Facts) -> None:
    for index, table, _ in ctx.tables:
        for row in table.rows():
            for i, cell in enumerate(row[:-1]):
                if _NAME_LABEL.search(cell.text) and len(cell.text) < 20:
                    name = _name(row[i + 1].text)
                    ref = SourceRef(index, row[i + 1].position, row[i + 1].text,
                                    row=cell.row, col=row[i + 1].col)
                    facts.propose("department", name, 40, ref)


def _from_labels(ctx: Context, facts: Facts) -> None:
    units = ctx.units
    for i, unit in enumerate(units[:80]):
        match = _PROSE_LABEL.match(unit.text)
        if not match:
            continue
        value = match.group(1)
        if i + 1 < len(units) and not _SEAL.search(value):
            follow = units[i + 1].text
            if _SEAL.search(follow) and len(follow) <= 20:
                value += follow
        facts.propose("department", _name(value), 35, unit.ref)


def _from_sentences(ctx: Context, facts: Facts) -> None:
    for unit in ctx.units[:120] + _title_cells(ctx):
        for match in _TITLE.finditer(unit.text):
            facts.propose("department", _name(match.group(1)), 30, unit.ref)
        first = _TITLE_NAME_FIRST.search(unit.text)
        if first and "绩效" in unit.text[first.end():first.end() + 30]:
            facts.propose("department", _name(first.group(1)), 30, unit.ref)
        bare = _TITLE_NO_YEAR.match(unit.text)
        if bare and len(unit.text) <= 60:
            facts.propose("department", _name(bare.group(1)), 28, unit.ref)
        found = _IS_SENTENCE.search(unit.text)
        if found:
            facts.propose("department", _name(found.group(1)), 20, unit.ref)


def _from_name_line(ctx: Context, facts: Facts) -> None:
    units = ctx.units[:30]
    for unit, nxt in itertools.pairwise(units):
        if _NAME_LINE.match(unit.text) and _ABOUT_TITLE.match(nxt.text) and "绩效" in nxt.text:
            facts.propose("department", _name(unit.text), 30, unit.ref)


def _year(units: list[Unit]) -> tuple[int, Unit] | None:
    for unit in units[:60]:
        if re.search(r"绩效|评价|报告", unit.text) and len(unit.text) <= 80:
            match = _YEAR_TITLE.search(unit.text)
            if match:
                return int(match.group(1)), unit
    for unit in units:
        match = _YEAR_TITLE.search(unit.text)
        if match:
            return int(match.group(1)), unit
    counts = Counter(int(m.group(1)) for u in units for m in _YEAR_ANY.finditer(u.text))
    if not counts:
        return None
    year = counts.most_common(1)[0][0]
    first = next(u for u in units if str(year) in u.text)
    return year, first


def extract(ctx: Context, facts: Facts) -> None:
    """Propose department, year and kind."""
    _from_tables(ctx, facts)
    _from_labels(ctx, facts)
    _from_sentences(ctx, facts)
    _from_name_line(ctx, facts)
    found = _year(ctx.units + ctx.cell_units())
    if found:
        ctx.year = found[0]
        facts.propose("year", found[0], 10, found[1].ref)
    kind = _kind(ctx)
    if kind is not None:
        facts.propose("kind", kind[0], 10, kind[1].ref)


_TITLE_WORDS = re.compile(r"绩效|自评|评价")
_DEPARTMENT_TITLE = re.compile(r"整体")
_PROJECT_TITLE = re.compile(r"项目|专项|转移支付|资金绩效|经费绩效")
_PROJECT_HEADING = re.compile(r"^项目(?:基本)?(?:情况|概况)|^项目资金|^项目绩效")
_DEPARTMENT_HEADING = re.compile(r"^(?:部门|单位)(?:（单位）|\(单位\))?(?:基本)?(?:情况|概况)")


def _kind(ctx: Context) -> tuple[str, Unit] | None:
    """Project or department, from the title first, then from the outline's first headings."""
    for unit in ctx.units[:40] + _title_cells(ctx):
        text = unit.text
        if len(text) > 80 or not _TITLE_WORDS.search(text):
            continue
        if _DEPARTMENT_TITLE.search(text):
            return "department", unit
        if _PROJECT_TITLE.search(text) and re.search(r"报告|表", text):
            return "project", unit
    for unit in ctx.units[:200]:
        if unit.heading is None:
            continue
        title = strip_mark(unit.text)
        if _DEPARTMENT_HEADING.match(title):
            return "department", unit
        if _PROJECT_HEADING.match(title):
            return "project", unit
    return _kind_inline(ctx)


def _title_cells(ctx: Context) -> list[Unit]:
    """The first cells of the first tables: a worksheet's title rows."""
    out = []
    for index, table, sections in ctx.tables[:2]:
        for cell in table.cells[:4]:
            ref = SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
            out.append(Unit(cell.text, ref, sections))
    return out


_REPORTED = re.compile(r"现将(.{2,50}?)(?:报告|汇报)如下")
_INLINE_HEADING = re.compile(r"[一1]\s*[、.．]\s*(项目|部门|单位)(?:（单位）|\(单位\))?(?:基本)?(?:情况|概况)")


def _kind_inline(ctx: Context) -> tuple[str, Unit] | None:
    """In text that lost its lines: what “现将…报告如下” names, or the first inline heading."""
    for unit in ctx.units[:5]:
        said = _REPORTED.search(unit.text[:800])
        if said and _DEPARTMENT_TITLE.search(said.group(1)):
            return "department", unit
        if said and _PROJECT_TITLE.search(said.group(1)):
            return "project", unit
        heading = _INLINE_HEADING.search(unit.text[:1500])
        if heading:
            return ("project" if heading.group(1) == "项目" else "department"), unit
    return None
