"""The standard phrasings of a report's figures, written so that extraction reads them back.

Every function states only what the record holds: an unknown (None) figure is left
out of the sentence, never written as 0, and a sentence with nothing to say is None.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.record import Budget, BudgetActual, BudgetSplit, Record, Staffing, ThreeSplit

CN_NUMERALS = "一二三四五六七八九十"
_CENT = Decimal("0.01")


def amount(value: Decimal | None) -> str:
    """An amount in 万元 as text with at least two decimals (“962.51”, “0.00”); None → ""."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(_CENT)
    return format(value, "f")


def score(value: Decimal | None) -> str:
    """A score or weight as written, without trailing zeros (“98”, “9.5”); None → ""."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(part: Decimal | None, whole: Decimal | None) -> str:
    """part ÷ whole as a percentage with two decimals; "" when either is unknown or whole is 0."""
    if part is None or whole is None or whole == 0:
        return ""
    return f"{(part / whole * 100).quantize(_CENT)}%"


def cn_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for outline numbering)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else CN_NUMERALS[tens - 1] + "十"
    return head + (CN_NUMERALS[ones - 1] if ones else "")


def numbered(items: list[str], *, arabic: bool = False) -> list[str]:
    """Items as “（一）…”, “（二）…” (or “1.…”, “2.…”), each ending with a full stop."""
    out = []
    for i, item in enumerate(items, start=1):
        text = item.strip()
        if text and text[-1] not in "。；！？.;":
            text += "。"
        out.append(f"{i}.{text}" if arabic else f"（{cn_ordinal(i)}）{text}")
    return out


def _money(label: str, value: Decimal | None) -> str | None:
    return None if value is None else f"{label}{amount(value)}万元"


def staffing_sentence(staffing: Staffing) -> str | None:
    """“本部门编制数X人，在职人数Y人，离退休人数Z人。” with the known parts only."""
    parts = []
    if staffing.authorized is not None:
        parts.append(f"编制数{staffing.authorized}人")
    if staffing.actual is not None:
        parts.append(f"在职人数{staffing.actual}人")
    if staffing.retired is not None:
        parts.append(f"离退休人数{staffing.retired}人")
    return "本部门" + "，".join(parts) + "。" if parts else None


def _split_clause(label: str, split: BudgetSplit) -> str | None:
    """“年初预算X万元，其中基本支出年初预算A万元，项目支出年初预算B万元”: each part names its stage."""
    head = _money(label, split.total)
    subs = [
        s
        for s in (_money(f"基本支出{label}", split.basic), _money(f"项目支出{label}", split.project))
        if s
    ]
    if head is None:
        return "，".join(subs) if subs else None
    return head + ("，其中" + "，".join(subs) if subs else "")


def _actual_clause(actual: BudgetActual) -> str | None:
    basic = _money("基本支出", actual.basic)
    inner = [
        s for s in (_money("人员经费", actual.personnel), _money("公用经费", actual.public)) if s
    ]
    if basic and inner:
        basic += "（" + "，".join(inner) + "）"
    elif inner:
        basic = "基本支出中" + "，".join(inner)
    subs = [s for s in (basic, _money("项目支出", actual.project)) if s]
    head = _money("全年支出", actual.total)
    if head is None:
        return "全年支出中" + "，".join(subs) if subs else None
    return head + ("，其中" + "，".join(subs) if subs else "")


def budget_sentence(budget: Budget) -> str | None:
    """“年初预算X万元，其中…。全年预算Y万元，其中…。全年支出Z万元，其中基本支出…（人员经费…，公用经费…），项目支出…。”.

    One sentence per stage, so that no reader sums the parts of one stage into another's total.
    """
    clauses = [
        _split_clause("年初预算", budget.initial),
        _split_clause("全年预算", budget.final),
        _actual_clause(budget.actual),
    ]
    known = [c for c in clauses if c]
    return "。".join(known) + "。" if known else None


def income_sentence(record: Record) -> str | None:
    """“本年度收入合计X万元，上年收入合计Y万元。本年度支出合计Z万元，上年W万元。” (known parts)."""
    income = [
        s
        for s in (
            _money("本年度收入合计", record.income.total),
            _money("上年收入合计", record.income.prior_year),
        )
        if s
    ]
    text = "，".join(income) + "。" if income else ""
    prior = record.budget.prior_year_expenditure
    if prior is not None:
        spent = record.budget.actual.total
        head = f"本年度支出合计{amount(spent)}万元，上年" if spent is not None else "上年支出"
        text += f"{head}{amount(prior)}万元。"
    return text or None


def three_public_sentence(label: str, split: ThreeSplit) -> str | None:
    """“三公经费预算X万元，其中因公出国（境）费…，公务用车购置及运行费…，公务接待费…。”."""
    subs = [
        s
        for s in (
            _money("因公出国（境）费", split.overseas),
            _money("公务用车购置及运行费", split.vehicles),
            _money("公务接待费", split.reception),
        )
        if s
    ]
    head = _money(label, split.total)
    if head is None and not subs:
        return None
    text = head or label.removesuffix("合计")
    if subs:
        text += ("，其中" if head else "：") + "，".join(subs)
    return text + "。"


def projects_sentence(record: Record) -> str | None:
    """“项目支出N万元（其中A X万元；B Y万元），为全年项目支出预算M万元的R%。”.

    The named projects are those with an actual amount; the share is stated when the
    final project budget is known and not zero.
    """
    named = [p for p in record.projects if p.actual is not None]
    total = record.budget.actual.project
    if total is None and not named:
        return None
    inner = "；".join(f"{p.name}{amount(p.actual)}万元" for p in named)
    head = f"本年度项目支出{amount(total)}万元" if total is not None else "本年度项目支出"
    if inner:
        head += f"（其中{inner}）" if total is not None else f"：{inner}"
    final = record.budget.final.project
    if total is not None and final:
        head += f"，为全年项目支出预算{amount(final)}万元的{percent(total, final)}"
    return head + "。"


def evaluation_sentence(record: Record) -> str | None:
    """“经自评，…自评得分X分，等级为“优”。” with the known parts."""
    return self_evaluation_sentence(record, "本部门{year}部门整体支出绩效", "等级")


def self_evaluation_sentence(record: Record, subject: str, grade_word: str) -> str | None:
    """“经自评，<subject>自评得分X分，<grade_word>为“优”。” with the known parts.

    `subject` may name ``{year}`` (“2024年度”, or “本年度” when the record has no year).
    """
    ev = record.self_evaluation
    parts = []
    if ev.score is not None:
        parts.append(f"自评得分{score(ev.score)}分")
    if ev.grade is not None:
        parts.append(f"{grade_word}为“{ev.grade}”")
    if not parts:
        return None
    year = f"{record.year}年度" if record.year else "本年度"
    return f"经自评，{subject.format(year=year)}" + "，".join(parts) + "。"
