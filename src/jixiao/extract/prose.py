"""Amounts stated in prose, each with the words that name it.

“2024年，单位预算收入1304.57万元，比上年1326.27万元减少21.76万元” gives three
amounts labelled “单位预算收入”, “比上年” and “减少”. A label runs back from the
amount to the nearest punctuation or the previous amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.extract.context import Context, Unit
from jixiao.extract.labels import category_of, stage_of
from jixiao.model.provenance import SourceRef
from jixiao.text.figures import Kind, Token, tokenize

_BOUNDARY = re.compile(r"[，,；;。：:（）()、！？\n]")
_SHORT_PAREN = re.compile(r"[（(][^（）()\d]{1,4}[）)]")
_DIFFERENCE = re.compile(r"比|较|增加|减少|增长|下降|超出|超支|节约|结余|结转|差额|调增|调减|追加|增幅|降幅|变动")
_ECONOMIC = re.compile(
    r"工资|商品|服务|资本|补助|公共服务|其他|专项|非税|事业|经营|上级|附属|社会保障|住房|债务|"
    r"教育|科学技术|文化|旅游|体育|卫生|健康|节能|环保|城乡社区|农林水|交通|资源|商业|金融|援助|"
    r"粮油|灾害|国防|公共安全|外交|就业|转移|基建|工程|培训|会议|差旅|办公|维修|租赁|物业|印刷")
_QUALIFIED = re.compile(r"总|全年|本年|年度|整体|部门|单位|累计|实际|财政拨款|合计|共|完成|决算")
_INCOME = re.compile(r"收入(?:总计|合计|总额)?(?:为|共|达|是)?$")
_STAGE_ONLY = re.compile(
    r"(?:(?:年初|全年|调整后?|部门|单位)预算(?:数|资金|总额|总数)?|(?:全年|实际|预算)?(?:执行数|决算数|决算支出数))"
    r"(?:为|共|是|达)?$")
_SPENDING = re.compile(r"支出(?:总额|合计|总计)?(?:为|共|达|是)?$|实际使用$|使用资金$")


@dataclass(frozen=True, slots=True)
class Amount:
    """One amount of a sentence."""

    label: str
    value: Decimal
    sentence: int
    start: int
    end: int


def amounts(text: str, tokens: Sequence[Token] | None = None) -> list[Amount]:
    """Every amount in `text`, with its label and sentence number.

    The amounts are the text's `Kind.AMOUNT` figures (`jixiao.text.figures`); `tokens`
    are the text's figures when the caller has them, else the text is scanned.
    """
    if tokens is None:
        tokens = tokenize(text) if "元" in text or "万" in text else ()
    money = [t for t in tokens if t.kind is Kind.AMOUNT]
    if not money:
        return []
    out: list[Amount] = []
    last_end = 0
    # A short bracketed word (（含）) is part of a label: its brackets become spaces.
    text = _SHORT_PAREN.sub(lambda m: " " + m.group(0)[1:-1] + " ", text)
    for token in money:
        head = text[last_end:token.start]
        cut = max((m.end() for m in _BOUNDARY.finditer(head)), default=0)
        label = head[cut:].strip()
        sentence = text.count("。", 0, token.start)
        out.append(Amount(label, token.value, sentence, token.start, token.end))
        last_end = token.end
    return out


def unit_amounts(ctx: Context, unit: Unit) -> list[Amount]:
    """`amounts` of a paragraph, read from the document's figures (budget and 三公 both read them)."""
    return ctx.shared(
        ("amounts", unit.text), lambda: amounts(unit.text, ctx.figures().get(unit.ref.block))
    )


def is_difference(label: str) -> bool:
    """True when the label introduces a difference, not a level."""
    return bool(_DIFFERENCE.search(label))


def prose_category(label: str, sections: tuple[str, ...]) -> str | None:
    """The category of a prose label (looser than in tables)."""
    category = category_of(label)
    if category is not None:
        return category
    bare = re.sub(r"一般公共预算|政府性基金", "", label)
    if (_ECONOMIC.search(bare) or "项目" in bare) and (
            "实际使用" in bare or not _SPENDING.search(bare)):
        return None
    if _STAGE_ONLY.search(bare):
        return "total"
    if _INCOME.search(bare) and not re.search(r"年初|上年|项目|专项", bare):
        return "income"
    if _SPENDING.search(bare):
        if re.search(r"实际使用|上述", bare) and any("项目" in s for s in sections[-1:]):
            return "project"
        return "total" if _QUALIFIED.search(bare) else None
    return None


def prose_stage(label: str, category: str, year: int | None) -> tuple[str, bool] | None:
    """(stage, explicit) for a prose amount; None when it names no usable stage."""
    stage = stage_of(label, year)
    if stage is None:
        return "actual", True
    if stage == "budget":
        if category == "income":
            return "actual", True
        if re.search(r"支出|使用", label) and not re.search(r"预算", label.split("支出")[-1] + label):
            return "actual", True
        return "final", False
    return stage, True


def ref_of(unit: Unit, amount: Amount) -> SourceRef:
    """The source of an amount inside a unit."""
    return SourceRef(unit.ref.block, unit.ref.position, unit.ref.text, unit.ref.row,
                     unit.ref.col, amount.start, amount.end)
