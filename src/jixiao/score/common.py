"""Common indicators of the department-wide framework (财预〔2013〕53号), computed from a record.

Each indicator names its formula and inputs. When an input is missing the value is None
with status ``insufficient`` (数据不足) — never guessed; when the base of a ratio is zero
the status is ``not_applicable``. Formulas: shared ``rules.md`` §1 (#1, #2, #4, #5, #9–11,
#19) and §2.5. The record has no prior-year 三公经费, no budgeted 公用经费 and no 政府采购
field, so those indicators report 数据不足 until the record grows such fields.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.model.record import Record
from jixiao.score.explain import fmt
from jixiao.score.result import CommonIndicator
from jixiao.score.rules import percent

Inputs = dict[str, Decimal | None]


def _ratio(
    name: str, formula: str, inputs: Inputs, good: str,
    compute: Callable[[Decimal, Decimal], Decimal] | None = None,
) -> CommonIndicator:
    """A percentage from the first (numerator) and second (base) inputs."""
    labels = list(inputs)
    num, base = inputs[labels[0]], inputs[labels[1]]
    missing = [k for k, v in inputs.items() if v is None]
    if missing or num is None or base is None:
        return CommonIndicator(name, None, formula, inputs, "insufficient",
                               f"数据不足：缺少{'、'.join(missing)}", good=good)
    if base == 0:
        return CommonIndicator(name, None, formula, inputs, "not_applicable",
                               f"{labels[1]}为 0，比率无意义", good=good)
    value = percent(compute(num, base) if compute else num / base)
    shown = "，".join(f"{k} {fmt(v)}" for k, v in inputs.items())
    return CommonIndicator(name, value, formula, inputs, "ok",
                           f"{formula.split('=')[0].strip()} = {fmt(value)}%（{shown}）", good=good)


def _dec(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def staff_control(record: Record) -> CommonIndicator:
    """在职人员控制率 = 在职人数 ÷ 编制数."""
    inputs: Inputs = {"在职人数": _dec(record.staffing.actual),
                      "编制数": _dec(record.staffing.authorized)}
    return _ratio("在职人员控制率", "在职人员控制率 = 在职人数 ÷ 编制数 × 100%", inputs, "≤100%")


def three_public_change(record: Record) -> CommonIndicator:
    """三公经费变动率: needs last year's 三公经费, which the record does not carry."""
    inputs: Inputs = {"本年三公经费预算数": record.three_public.budget.total,
                      "上年三公经费预算数": None}
    return _ratio("“三公经费”变动率",
                  "“三公经费”变动率 = (本年三公经费 − 上年三公经费) ÷ 上年三公经费 × 100%",
                  inputs, "≤0", lambda a, b: (a - b) / b)


def three_public_control(record: Record) -> CommonIndicator:
    """三公经费控制率 = 实际支出 ÷ 预算数."""
    inputs: Inputs = {"三公经费实际支出数": record.three_public.actual.total,
                      "三公经费预算数": record.three_public.budget.total}
    return _ratio("“三公经费”控制率",
                  "“三公经费”控制率 = 三公经费实际支出数 ÷ 三公经费预算数 × 100%", inputs, "≤100%")


def public_funds_control(record: Record) -> CommonIndicator:
    """公用经费控制率: needs the budgeted 公用经费, which the record does not carry."""
    inputs: Inputs = {"实际支出公用经费": record.budget.actual.public, "预算安排公用经费": None}
    return _ratio("公用经费控制率",
                  "公用经费控制率 = 实际支出公用经费 ÷ 预算安排公用经费 × 100%", inputs, "≤100%")


def budget_execution(record: Record) -> CommonIndicator:
    """预算执行率 = 全年执行数 ÷ 全年预算数."""
    inputs: Inputs = {"全年执行数": record.budget.actual.total,
                      "全年预算数": record.budget.final.total}
    return _ratio("预算执行率", "预算执行率 = 全年执行数 ÷ 全年预算数 × 100%", inputs, "→100%")


def budget_adjustment(record: Record) -> CommonIndicator:
    """预算调整率 = (全年预算数 − 年初预算数) ÷ 年初预算数."""
    inputs: Inputs = {"全年预算数": record.budget.final.total,
                      "年初预算数": record.budget.initial.total}
    return _ratio("预算调整率", "预算调整率 = (全年预算数 − 年初预算数) ÷ 年初预算数 × 100%",
                  inputs, "越低越好", lambda a, b: (a - b) / b)


def project_execution(record: Record) -> CommonIndicator:
    """项目支出预算执行率 (overall) = 项目支出执行数 ÷ 项目支出预算数."""
    inputs: Inputs = {"项目支出执行数": record.budget.actual.project,
                      "项目支出预算数": record.budget.final.project}
    return _ratio("项目支出预算执行率",
                  "项目支出预算执行率 = 项目支出执行数 ÷ 项目支出全年预算数 × 100%", inputs, "→100%")


def per_project_execution(record: Record) -> list[CommonIndicator]:
    """预算执行率 of each named project."""
    return [
        _ratio(f"项目预算执行率：{p.name}", "项目预算执行率 = 项目支出 ÷ 项目预算 × 100%",
               {"项目支出": p.actual, "项目预算": p.budget}, "→100%")
        for p in record.projects
    ]


def procurement_execution(record: Record) -> CommonIndicator:
    """政府采购执行率: the record has no 政府采购 fields, so always 数据不足 for now."""
    del record  # no field yet; kept for a uniform signature
    inputs: Inputs = {"实际政府采购金额": None, "政府采购预算数": None}
    return _ratio("政府采购执行率",
                  "政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%", inputs, "→100%")


COMMON = (
    staff_control, three_public_change, three_public_control, public_funds_control,
    budget_execution, budget_adjustment, project_execution, procurement_execution,
)


def common_indicators(record: Record) -> list[CommonIndicator]:
    """All common indicators of a record, in the framework's order, projects last."""
    return [compute(record) for compute in COMMON] + per_project_execution(record)
