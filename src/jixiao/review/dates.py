"""Dates and years: titles that name different years, a publication before the evaluation,
dates and document numbers written incompletely.

The years and dates are the tokens of the context; only the words around them are read
here. A title is a unit that begins with (a name and) a year and ends with 报告 or 表,
or a form's “（2023年度）”, or a 评价年度 field; a notice cited in 《》 is not a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.registry import Hit, check
from jixiao.review.scan import units_holding
from jixiao.text.figures import Kind, Token

_TITLE = re.compile(
    r"^\s*(?:\d+[、.．]\s*)?《?(?P<pre>[^。，,；;：:！？!?《》]{0,40}?)"
    r"(?P<year>(?:19|20)\d{2})\s*年度?(?P<mid>[^。，,；;：:！？!?《》\n]{0,30}?)"
    r"(?P<doc>报告|表)"
)
_ABOUT = re.compile(r"(?:绩效|自评|评价)")
_BRACKET_YEAR = re.compile(r"(?:报告|表)?\s*[（(]\s*((?:19|20)\d{2})\s*年度?\s*[）)]")
_CLOSED_YEAR = re.compile(r"年度?[）)]")
_YEAR_FIELD = re.compile(r"(?:评价|自评|预算|考核)年度\s*[：:]\s*((?:19|20)\d{2})(?!\d)")
_PUBLISHED = re.compile(r"(?:发布|公开|著录)(?:时间|日期)\s*[：:]?\s*$")
_EVALUATED = re.compile(r"(?:自评|评价|报告|填报|编制|编报)(?:时间|日期)\s*[：:]?\s*$")
_DATE_FIELD = re.compile(
    r"(?P<label>(?:自评|评价|报告|填报|编制|编报|发布|成文)(?:时间|日期))\s*[：:]\s*"
    r"(?P<value>[^\s，,；;。]*)"
)
_CN_NUMERALS = frozenset("〇零一二三四五六七八九十")
_BLANK_DATE = re.compile(r"(?<![\d〇零一二三四五六七八九十])年\s{2,}月\s+日")
_DOC_BRACKET = re.compile(r"[〔［【〕］】]")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fa5]{1,8}(?:[〔［【]\s*(?:19|20)\d{2}\d{1,4}\s*号|(?<![〔［【\d])(?:19|20)\d{2}\s*[〕］】]\s*\d{1,4}\s*号)"
)


@dataclass(frozen=True)
class TitleYear:
    """A year a title gives for the document, and where."""

    year: int
    text: str
    ref: SourceRef


def title_years(ctx: ReviewContext) -> Iterator[TitleYear]:
    """The years the document's titles (and 评价年度 fields) give it, in order."""
    candidates = set(ctx.units_with(Kind.YEAR)) | set(ctx.units_with(Kind.DATE))
    candidates.update(units_holding(ctx, "年度"))
    for index in sorted(candidates):
        unit = ctx.units[index]
        for year, text in _titles(unit.text):
            yield TitleYear(year, text, unit.ref)


def _titles(text: str) -> Iterator[tuple[int, str]]:
    title = _TITLE.match(text) if "报告" in text or "表" in text else None  # its (?P<doc>)
    if (
        title
        and _ABOUT.search(title.group("mid") + title.group("pre"))
        and "关于开展" not in title.group("pre")
    ):
        yield int(title.group("year")), title.group(0).strip().lstrip("《")
    closes = ("）" in text or ")" in text) and _CLOSED_YEAR.search(text)  # its closing bracket
    for match in _BRACKET_YEAR.finditer(text) if closes else ():
        if (
            match.group(0).lstrip().startswith(("报告", "表"))
            or text.strip() == match.group(0).strip()
        ):
            yield int(match.group(1)), match.group(0).strip()
    field = "年度" in text and ("：" in text or ":" in text)  # its words and its colon
    for match in _YEAR_FIELD.finditer(text) if field else ():
        yield int(match.group(1)), match.group(0).strip()


@check(
    "title-year-conflict",
    severity=Severity.WARNING,
    title="标题、表头所写的年度不一致",
    template="文件所写的年度不一致：“{first}”为{year1}年度，“{second}”为{year2}年度",
    suggestion="统一文件标题、封面和表头的评价年度",
    example={
        "first": "某区林业局2022年度部门整体绩效自评表",
        "year1": 2022,
        "second": "某区林业局2023年度部门整体绩效自评表",
        "year2": 2023,
    },
)
def title_year_conflict(ctx: ReviewContext) -> Iterator[Hit]:
    """The titles of one document (file title, cover, form heading, 评价年度) naming different years."""
    found = title_years(ctx)
    first = next(found, None)
    other = next((t for t in found if t.year != first.year), None) if first else None
    if first is not None and other is not None:
        values = {
            "first": first.text[:50],
            "year1": first.year,
            "second": other.text[:50],
            "year2": other.year,
        }
        yield Hit(values, (first.ref, other.ref))


@dataclass(frozen=True)
class LabelledDate:
    """A date with the label before it (发布时间, 自评时间 …)."""

    token: Token
    label: str
    ref: SourceRef

    @property
    def key(self) -> tuple[int, int, int]:
        """(year, month, day) with missing parts as 0."""
        return int(self.token.value), self.token.month or 0, self.token.day or 0


def labelled_dates(ctx: ReviewContext) -> Iterator[LabelledDate]:
    """Dates that stand right after a label of publication or of evaluation."""
    for sentence in ctx.with_kind(Kind.DATE):
        for token in sentence.of(Kind.DATE):
            before = sentence.text[max(0, token.start - 12) : token.start]
            if _PUBLISHED.search(before) or _EVALUATED.search(before):
                label = _PUBLISHED.search(before) or _EVALUATED.search(before)
                assert label is not None
                yield LabelledDate(token, label.group(0).strip(" ：:"), sentence.ref)


def _precision(a: LabelledDate, b: LabelledDate) -> int:
    """How many of (year, month, day) both dates give."""
    return min(2 if a.token.day is None else 3, 2 if b.token.day is None else 3)


@check(
    "published-before-evaluated",
    severity=Severity.WARNING,
    title="发布时间早于报告所写的自评（报告）时间",
    template="{published_label}为{published}，早于文中的{evaluated_label}{evaluated}：报告称在发布之后才完成",
    suggestion="核对自评时间（报告日期）与发布时间，更正写错的一个",
    example={
        "published_label": "发布时间",
        "published": "2022-03-15",
        "evaluated_label": "自评时间",
        "evaluated": "2022年11月",
        "month": 11,
    },
)
def published_before_evaluated(ctx: ReviewContext) -> Iterator[Hit]:
    """A publication date (发布时间/发布日期/著录日期) earlier than the stated 自评时间/报告日期, compared at the precision both give."""
    dates = list(labelled_dates(ctx))
    published = [d for d in dates if _PUBLISHED.search(d.label + "：")]
    evaluated = [d for d in dates if _EVALUATED.search(d.label + "：")]
    for pub in published[:1]:
        for ev in evaluated:
            depth = _precision(pub, ev)
            if pub.key[:depth] < ev.key[:depth]:
                values = {
                    "published_label": pub.label,
                    "published": pub.token.text,
                    "evaluated_label": ev.label,
                    "evaluated": ev.token.text,
                    "month": ev.token.month or 0,
                }
                yield Hit(values, (pub.ref, ev.ref))
                return


@check(
    "date-incomplete",
    severity=Severity.INFO,
    title="日期未填写或写法不完整",
    template="{label}{value}{problem}",
    suggestion="按“2024年6月30日”或“2024-06-30”的格式填写完整日期",
    example={"label": "填报日期", "value": "“202406”", "problem": "不是完整的日期"},
)
def date_incomplete(ctx: ReviewContext) -> Iterator[Hit]:
    """A 填报日期/报告日期 field that is blank or not a date (“202511”), and a “年 月 日” left blank."""
    for index in units_holding(ctx, "日期", "时间", "月"):
        unit = ctx.units[index]
        text = unit.text
        for match in _DATE_FIELD.finditer(text):
            value = match.group("value")
            start = match.start("value")
            dated = any(t.kind is Kind.DATE and t.start == start for t in ctx.unit_tokens[index])
            if dated:
                continue
            if value[:1] in _CN_NUMERALS:
                continue
            problem = "未填写" if not value[:1].isdigit() else "不是完整的日期"
            value = value if problem != "未填写" else ""
            shown = f"“{value}”" if value else ""
            values = {"label": match.group("label"), "value": shown, "problem": problem}
            yield Hit(values, (unit.ref,))
        if _BLANK_DATE.search(text):
            values = {"label": "落款日期", "value": "“年  月  日”", "problem": "未填写"}
            yield Hit(values, (unit.ref,))


@check(
    "doc-number-malformed",
    severity=Severity.INFO,
    title="文号写法不规范",
    template="文号“{number}”缺少六角括号“〔〕”的一半，年份与序号连在一起",
    suggestion="文号按“机关代字〔年份〕序号”书写，如“某财绩〔2024〕3号”",
    example={"number": "某财绩〔20243号"},
)
def doc_number_malformed(ctx: ReviewContext) -> Iterator[Hit]:
    """A document number whose 〔年份〕 bracket is opened and not closed (or closed and not opened)."""
    for index in units_holding(ctx, "号"):
        unit = ctx.units[index]
        if _DOC_BRACKET.search(unit.text) is None:
            continue  # every `_DOC_NUMBER` holds one of its brackets (the pattern opens with words)
        for match in _DOC_NUMBER.finditer(unit.text):
            yield Hit({"number": match.group(0)}, (unit.ref,))
