"""Plausibility: figures that are possible but call for an explanation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.provenance import SourceRef
from jixiao.review import roles
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import ratio
from jixiao.review.registry import Hit, check
from jixiao.review.scan import sentences_in, units_holding
from jixiao.review.text import Sentence
from jixiao.text.figures import Kind, Token

#: Execution below this share of the budget is abnormal (rules.md §8.1 yellow warning).
LOW_EXECUTION = Decimal(80)


def execution_pairs(ctx: ReviewContext) -> Iterator[tuple[str, Decimal, Decimal, str]]:
    """(what, budget, spent, field path) for the department and each project."""
    budget = ctx.record.budget
    if budget.final.total and budget.actual.total is not None:
        yield "部门整体支出", budget.final.total, budget.actual.total, "budget.actual.total"
    for index, project in enumerate(ctx.record.projects):
        if project.budget and project.actual is not None:
            yield f"项目“{project.name}”", project.budget, project.actual, f"projects[{index}]"


@check(
    "execution-rate-low",
    severity=Severity.WARNING,
    title="预算执行率低于80%",
    template="{what}预算{budget}万元，执行{spent}万元，执行率{rate}%，低于80%",
    suggestion="说明执行率偏低的原因（如资金下达晚、项目未完工），并提出改进措施",
    example={
        "what": "项目“档案数字化经费”",
        "budget": Decimal(40),
        "spent": Decimal("18.20"),
        "rate": Decimal("45.50"),
    },
)
def execution_low(ctx: ReviewContext) -> Iterator[Hit]:
    """Execution below 80 % of the (final) budget."""
    for what, budget, spent, path in execution_pairs(ctx):
        rate = ratio(spent, budget)
        if rate < LOW_EXECUTION:
            yield Hit({"what": what, "budget": budget, "spent": spent, "rate": rate}, ctx.ref(path))


@check(
    "spending-over-budget",
    severity=Severity.WARNING,
    title="支出超过预算",
    template="{what}支出{spent}万元，超过预算{budget}万元（超出{over}万元）",
    suggestion="说明超预算支出的原因及调整预算的依据；如预算已调整，请填报调整后预算数",
    example={
        "what": "部门整体支出",
        "spent": Decimal("1000"),
        "budget": Decimal("950"),
        "over": Decimal(50),
    },
)
def over_budget(ctx: ReviewContext) -> Iterator[Hit]:
    """Spending above the (final) budget, for the department, projects and 三公经费."""
    pairs = list(execution_pairs(ctx))
    three = ctx.record.three_public
    if three.budget.total is not None and three.actual.total is not None:
        pairs.append(
            ("“三公”经费", three.budget.total, three.actual.total, "three_public.actual.total")
        )
    for what, budget, spent, path in pairs:
        if spent > budget:
            values = {"what": what, "spent": spent, "budget": budget, "over": spent - budget}
            yield Hit(values, ctx.ref(path))


@check(
    "staff-over-establishment",
    severity=Severity.WARNING,
    title="在职人数超过编制数",
    template="在职人数{staff}人超过编制数{quota}人（超出{over}人）",
    suggestion="说明超编原因（如借调、政策性安置）及消化计划",
    example={"staff": 43, "quota": 42, "over": 1},
)
def over_establishment(ctx: ReviewContext) -> Iterator[Hit]:
    """More people in post than the approved establishment: in the record, or stated in prose (“核定编制30人……在职在编实有人员36人”)."""
    staffing = ctx.record.staffing
    if (
        staffing.authorized is not None
        and staffing.actual is not None
        and staffing.actual > staffing.authorized
    ):
        values = {
            "staff": staffing.actual,
            "quota": staffing.authorized,
            "over": staffing.actual - staffing.authorized,
        }
        refs = ctx.refs("staffing.actual", "staffing.authorized")
        yield Hit(values, refs, key=("overstaff", staffing.actual, staffing.authorized))
    for staff, quota, ref in stated_staffing(ctx):
        if staff > quota:
            values = {"staff": staff, "quota": quota, "over": staff - quota}
            yield Hit(values, (ref,), key=("overstaff", staff, quota))


_ESTABLISHMENT = re.compile(r"(?:编制|编制数|编制人数|核定人数|核定编制数?)(?:为|共|是)?$")
_IN_POST = re.compile(r"(?:在职|实有|在编|在岗)")
_IN_POST_END = re.compile(r"(?:人数|人员)(?:为|共|是)?$")
_NOT_IN_POST = re.compile(r"离退休|退休|离休|聘用|编外|临时|借调")


def _people(sentence: Sentence) -> Iterator[tuple[str, Token]]:
    """("quota" | "staff", token) for each head count of `sentence` that names one of them."""
    for token in sentence.of(Kind.COUNT):
        if token.unit not in ("人", "名") or token.nested:
            continue
        label = sentence.label(token)
        if "其中" in sentence.text[: token.start] or _NOT_IN_POST.search(label):
            continue
        if _ESTABLISHMENT.search(label) and not _IN_POST_END.search(label):
            yield "quota", token
        elif _IN_POST.search(label) and _IN_POST_END.search(label):
            yield "staff", token


def stated_staffing(ctx: ReviewContext) -> Iterator[tuple[int, int, SourceRef]]:
    """(in post, establishment, where) for each head count stated after its establishment in prose."""
    quota: int | None = None
    unit = -1
    # A head count is reported only after an establishment (编制, 核定人数) in its unit.
    for sentence in sentences_in(ctx, units_holding(ctx, "编制", "核定人数")):
        if sentence.unit != unit:
            quota, unit = None, sentence.unit
        if not sentence.has(Kind.COUNT):
            continue
        for role, token in _people(sentence):
            if role == "quota":
                quota = int(token.value)
            elif quota is not None:
                yield int(token.value), quota, sentence.ref
                quota = None


_SPLITS = (("total", "支出合计"), ("basic", "基本支出"), ("project", "项目支出"))
DEFAULT_ADJUSTMENT = Decimal("0.3")


def adjustment_threshold(ctx: ReviewContext) -> Decimal:
    """The share of change (年初 → 调整后) beyond which a budget is flagged (profile's ``budget_adjustment``)."""
    value = getattr(ctx.profile, "budget_adjustment", None)
    return value if isinstance(value, Decimal) else DEFAULT_ADJUSTMENT


#: The stages `_stated` asks for (`_budget_stage`: 年初 and 调整后).
_ASKED_STAGES = frozenset(("initial", "final"))
#: The words of the categories `_stated` asks for (basic, project: `roles.category`).
_ASKED = re.compile(r"基本支出|基本经费|项目支出|项目经费|专项")


def _staged_amounts(
    ctx: ReviewContext,
) -> dict[tuple[str | None, str | None], dict[Decimal, SourceRef]]:
    """(stage, category) → amounts the prose states with them, for sentences naming 年初 or 调整.

    Only basic and project money is asked for: a sentence naming neither (nor a fund
    type, whose removal could join the words) is skipped.
    """
    found: dict[tuple[str | None, str | None], dict[Decimal, SourceRef]] = {}
    for sentence in ctx.with_kind(Kind.AMOUNT, "年初", "调整"):
        text = sentence.text
        if not _ASKED.search(text) and not roles.names_fund_type(text):
            continue  # no amount of it can name basic or project money
        for token in sentence.of(Kind.AMOUNT):
            label = sentence.wide_label(token)
            stage = roles.stage(label)
            if stage not in _ASKED_STAGES:
                continue  # `_stated` asks for the 年初 and 调整后 figures only
            amounts = found.setdefault((stage, roles.category(label)), {})
            if token.value not in amounts:  # the first place it is stated (its source built once)
                amounts[token.value] = sentence.ref
    return found


def _stated(ctx: ReviewContext, stage: str, category: str) -> tuple[Decimal, SourceRef] | None:
    """The one amount the prose states for (stage, category), else None."""
    found = ctx.shared("staged-amounts", _staged_amounts).get((stage, category), {})
    return next(iter(found.items())) if len(found) == 1 else None


def _budget_stage(
    ctx: ReviewContext, stage: str, split: str
) -> tuple[Decimal, tuple[SourceRef, ...]] | None:
    value = getattr(getattr(ctx.record.budget, stage), split)
    if value is not None:
        return value, ctx.ref(f"budget.{stage}.{split}")
    if split == "total":
        return None
    stated = _stated(ctx, stage, split)
    return (stated[0], (stated[1],)) if stated is not None else None


@check(
    "budget-adjusted-far",
    severity=Severity.WARNING,
    title="年中预算调整幅度过大",
    template="{what}年初预算{initial}万元，调整后预算{final}万元，{direction}{change}万元（{rate}%），超过{threshold}%{spent}",
    suggestion="说明年中追加或调减预算的原因和依据；预算编制应准确，调整率过高说明年初预算不够科学",
    example={
        "what": "项目支出",
        "initial": Decimal("120.00"),
        "final": Decimal("58.40"),
        "direction": "调减",
        "change": Decimal("61.60"),
        "rate": Decimal("51.33"),
        "threshold": Decimal(30),
        "spent": "；实际支出58.10万元，为年初预算的48.42%",
    },
)
def budget_adjusted(ctx: ReviewContext) -> Iterator[Hit]:
    """A budget (total, basic, project) whose 调整后 figure departs from its 年初 figure by more than the profile's ``budget_adjustment``; spending is set against the 年初 figure too. The figures come from the record, else from prose that names the stage and the category."""
    threshold = adjustment_threshold(ctx)
    for split, name in _SPLITS:
        initial = _budget_stage(ctx, "initial", split)
        final = _budget_stage(ctx, "final", split)
        if initial is None or final is None or initial[0] <= 0:
            continue
        change = final[0] - initial[0]
        if abs(change) <= initial[0] * threshold:
            continue
        actual = getattr(ctx.record.budget.actual, split)
        spent = (
            f"；实际支出{actual}万元，为年初预算的{ratio(actual, initial[0])}%"
            if actual is not None
            else ""
        )
        values = {
            "what": name,
            "initial": initial[0],
            "final": final[0],
            "direction": "调增" if change > 0 else "调减",
            "change": abs(change),
            "rate": ratio(abs(change), initial[0]),
            "threshold": (threshold * 100).normalize(),
            "spent": spent,
        }
        yield Hit(values, initial[1] + final[1], key=("adjusted", split))
