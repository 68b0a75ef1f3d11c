"""The evaluation record: the JSON contract of ``jixiao extract`` (``jixiao.record/1``).

Field meanings are documented in ``spec/record.md`` of the shared material and in
``docs/record.md``. Amounts are `Decimal` in 万元; they serialise as JSON numbers.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from jixiao.model.money import json_number

SCHEMA_ID: Literal["jixiao.record/1"] = "jixiao.record/1"

Amount = Annotated[Decimal | None, PlainSerializer(lambda v: None if v is None else json_number(v), when_used="json")]
Count = Annotated[int | None, Field(ge=0)]
Grade = Literal["优", "良", "中", "差"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Staffing(_Part):
    """编制数, 在职人数, 离退休人数."""

    authorized: Count = None
    actual: Count = None
    retired: Count = None


class Income(_Part):
    """收入合计 of the year, of the year before where the report compares, and 年初预算收入."""

    total: Amount = None
    prior_year: Amount = None
    initial: Amount = None


class BudgetSplit(_Part):
    """A budget stage split into 基本支出 and 项目支出."""

    total: Amount = None
    basic: Amount = None
    project: Amount = None


class BudgetActual(BudgetSplit):
    """Actual spending; basic expenditure further split into 人员经费 and 公用经费."""

    personnel: Amount = None
    public: Amount = None


class Budget(_Part):
    """年初预算, 全年预算 (调整后), 全年执行数."""

    initial: BudgetSplit = Field(default_factory=BudgetSplit)
    final: BudgetSplit = Field(default_factory=BudgetSplit)
    actual: BudgetActual = Field(default_factory=BudgetActual)
    prior_year_expenditure: Amount = None


class ThreeSplit(_Part):
    """三公经费: 因公出国（境）费, 公务用车购置及运行费, 公务接待费, 合计."""

    overseas: Amount = None
    vehicles: Amount = None
    reception: Amount = None
    total: Amount = None


class ThreePublic(_Part):
    """三公经费, budgeted and actual."""

    budget: ThreeSplit = Field(default_factory=ThreeSplit)
    actual: ThreeSplit = Field(default_factory=ThreeSplit)


class Project(_Part):
    """A project named with its money: (final) budget and actual spending."""

    name: str = Field(min_length=1)
    budget: Amount = None
    actual: Amount = None


class Indicator(_Part):
    """One row of the indicator table (``unit``: 计量单位 where a form gives it a column)."""

    level1: str | None = None
    level2: str | None = None
    name: str = Field(min_length=1)
    target: str | None = None
    actual: str | None = None
    weight: Amount = None
    score: Amount = None
    deviation: str | None = None
    unit: str | None = None


class ProjectInfo(_Part):
    """项目名称, 主管部门 and 实施单位 of a project form."""

    name: str | None = None
    competent_department: str | None = None
    implementing_unit: str | None = None


class Stages(_Part):
    """One source of funds by stage: 年初预算数, 全年预算数, 全年执行数."""

    initial: Amount = None
    final: Amount = None
    actual: Amount = None


class Funds(_Part):
    """The rows under 年度资金总额 of a 自评表, by source."""

    fiscal: Stages = Field(default_factory=Stages)
    carryover: Stages = Field(default_factory=Stages)
    other: Stages = Field(default_factory=Stages)


class BudgetExecution(_Part):
    """The budget-execution row of a 自评表 as the form states it (rate in percent)."""

    weight: Amount = None
    rate: Amount = None
    score: Amount = None


class Goals(_Part):
    """年度总体目标: the expected goal and what the form says was achieved."""

    expected: str | None = None
    achieved: str | None = None


class SelfEvaluation(_Part):
    """The total score and grade the report claims."""

    score: Amount = None
    grade: Grade | None = None


class Record(_Part):
    """One unit's performance self-evaluation for one fiscal year."""

    schema_: Literal["jixiao.record/1"] = Field(default=SCHEMA_ID, alias="schema")
    kind: Literal["department", "project"] = "department"
    department: str | None = None
    year: Annotated[int | None, Field(ge=1990, le=2100)] = None
    staffing: Staffing = Field(default_factory=Staffing)
    income: Income = Field(default_factory=Income)
    budget: Budget = Field(default_factory=Budget)
    three_public: ThreePublic = Field(default_factory=ThreePublic)
    project: ProjectInfo = Field(default_factory=ProjectInfo)
    funds: Funds = Field(default_factory=Funds)
    budget_execution: BudgetExecution = Field(default_factory=BudgetExecution)
    goals: Goals = Field(default_factory=Goals)
    projects: list[Project] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    self_evaluation: SelfEvaluation = Field(default_factory=SelfEvaluation)
    problems: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of the record, with ``schema`` as its first key."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The record as JSON text (UTF-8 characters kept as written)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Record:
        """Parse and validate a record from JSON text."""
        return cls.model_validate_json(text)

    def is_empty(self) -> bool:
        """True when no fact beyond the identity fields was found."""
        blank = Record(department=self.department, year=self.year, kind=self.kind)
        return self.to_dict() == blank.to_dict()
