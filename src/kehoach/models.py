"""The plan as data: pydantic models that serialise to the plan JSON (``kehoach.plan/1``).

See ``../shared/spec/plan-json.md``. Extra fields are allowed so that later stages (the
database, the review page) can carry more than the spec guarantees.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "kehoach.plan/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Signer(_Model):
    name: str | None = None
    title: str | None = None
    authority: str | None = None


class Meta(_Model):
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    signer: Signer = Field(default_factory=Signer)


class Reference(_Model):
    kind: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None


class Output(_Model):
    quantity: int
    unit: str
    per: str | None = None


class Task(_Model):
    id: str = ""
    text: str
    lead: list[str] = Field(default_factory=list)
    co_lead: list[str] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    timeframe: str | None = None
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    outputs: list[Output] = Field(default_factory=list)


class Report(_Model):
    period: str | None = None
    due: str | None = None
    to: str | None = None


class Plan(_Model):
    schema_: str = Field(default=SCHEMA, alias="schema")
    source: str | None = None
    meta: Meta = Field(default_factory=Meta)
    references: list[Reference] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="allow", populate_by_name=True, serialize_by_alias=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json")
