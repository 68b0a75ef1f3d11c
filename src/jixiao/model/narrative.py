"""The narrative of a report: the prose that is not a figure, kept beside the record.

A `Narrative` holds what a report says about the unit's functions and organisation,
its goals and the work done, the causes of its problems, how results are used and
published, any other section, and its 落款 (signing unit and date). Extraction fills
it from a document; rendering writes it back, so last year's report can be updated
into this year's. It serialises to JSON (``jixiao.narrative/1``).
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

NARRATIVE_SCHEMA_ID = "jixiao.narrative/1"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Topic(_Part):
    """A titled passage, like one item of the work done (“1.政治引领有新高度”)."""

    title: str | None = None
    text: str = ""


class ProjectNote(_Part):
    """What the report says about one project beyond its money."""

    name: str = Field(min_length=1)
    text: str = ""


class Narrative(_Part):
    """The prose of a report; every field is optional and absent prose is marked “待补充”."""

    schema_: str = Field(default=NARRATIVE_SCHEMA_ID, alias="schema")
    title: str | None = None
    preamble: str | None = None
    functions: list[str] = Field(default_factory=list)
    organization: str | None = None
    government_funds: str | None = None
    state_capital: str | None = None
    social_insurance: str | None = None
    goal_expected: str | None = None
    goal_achieved: str | None = None
    work_done: list[Topic] = Field(default_factory=list)
    project_notes: list[ProjectNote] = Field(default_factory=list)
    problem_causes: str | None = None
    application: str | None = None
    publication: str | None = None
    other: str | None = None
    #: Sections of the source that fit no field above (like 资产管理情况), kept in order.
    other_sections: list[Topic] = Field(default_factory=list)
    filled_by: str | None = None
    phone: str | None = None
    #: The 落款: the signing unit and the date as written (“2024年3月15日”).
    signed_by: str | None = None
    signed_on: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        """The narrative as JSON text."""
        data = self.model_dump(mode="json", by_alias=True)
        return json.dumps(data, ensure_ascii=False, indent=2)

    def note_for(self, project: str) -> str | None:
        """The note written for `project`, if any."""
        for note in self.project_notes:
            if note.name == project and note.text:
                return note.text
        return None

    def is_empty(self) -> bool:
        """True when no prose at all is held."""
        return self == Narrative()
