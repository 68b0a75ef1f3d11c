"""The record contract: JSON shape, Decimal amounts, validation."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from jixiao.model.money import D, json_number, to_wan
from jixiao.model.record import Indicator, Record
from jixiao.model.schema import generate, record_schema

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "spec" / "record.schema.json"


def test_empty_record_has_schema_first_and_validates_against_the_shipped_schema() -> None:
    data = Record(department="某县某局", year=2024).to_dict()
    assert next(iter(data)) == "schema"
    assert data["schema"] == "jixiao.record/1"
    jsonschema.validate(data, record_schema())


def test_shipped_schema_is_generated_from_the_model() -> None:
    assert record_schema() == json.loads(json.dumps(generate()))


def test_shipped_schema_checks_records() -> None:
    full = Record.model_validate(
        {
            "department": "某局",
            "year": 2024,
            "budget": {"final": {"total": "12.5"}},
            "indicators": [{"name": "甲", "weight": 10, "score": 9.5}],
            "self_evaluation": {"grade": "优"},
        }
    ).to_dict()
    jsonschema.validate(full, record_schema())
    for bad in ({"year": 1800}, {"self_evaluation": {"grade": "甲"}}, {"budgett": 1}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**full, **bad}, record_schema())


@pytest.mark.skipif(not SCHEMA.is_file(), reason="needs ../shared/spec beside the checkout")
def test_a_record_validates_against_the_shared_contract() -> None:
    data = Record(department="某县某局", year=2024).to_dict()
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_amounts_are_decimal_inside_and_numbers_in_json() -> None:
    record = Record.model_validate({"budget": {"final": {"total": "1304.57"}}})
    assert record.budget.final.total == Decimal("1304.57")
    text = record.to_json()
    assert '"total": 1304.57' in text
    again = Record.from_json(text)
    assert again.budget.final.total == Decimal("1304.57")


def test_integral_amounts_serialise_as_integers() -> None:
    assert json_number(Decimal("20.00")) == 20
    assert json_number(Decimal("0.5")) == 0.5


def test_unknown_fields_and_bad_values_are_refused() -> None:
    with pytest.raises(ValidationError):
        Record.model_validate({"budget": {"final": {"sum": 1}}})
    with pytest.raises(ValidationError):
        Record.model_validate({"staffing": {"actual": -1}})
    with pytest.raises(ValidationError):
        Record.model_validate({"self_evaluation": {"grade": "优秀"}})
    with pytest.raises(ValidationError):
        Indicator(name="")


def test_is_empty_only_when_nothing_beyond_identity() -> None:
    assert Record(department="某单位", year=2023).is_empty()
    assert not Record(problems=["一个问题"]).is_empty()


def test_money_conversion_keeps_digits() -> None:
    assert to_wan(D("12345.6"), "元") == Decimal("1.23456")
    assert to_wan(D("1.5"), "亿元") == Decimal("15000.0")
    assert D("1,234.50") == Decimal("1234.50")
    with pytest.raises(ValueError, match="not a number"):
        D("十二")
