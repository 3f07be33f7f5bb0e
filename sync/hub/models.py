"""JSON bodies of the hub API (pydantic), so the published OpenAPI describes every answer."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)

from sync.protocol.wire import MAX_INT

RowValue = str | int | float | None


class ErrorBody(BaseModel):
    error: str = Field(description="machine code, e.g. bad_signature")
    detail: str = Field(description="English place, never personal data")
    message: str = Field(description="Vietnamese sentence for people")
    server_time: str | None = Field(None, description="on 401: the hub's clock (RFC 3339 Z)")
    offset: int | None = Field(None, description="on 409 offset_mismatch: bytes already held")


class Hello(BaseModel):
    api: Literal[1]
    hub_id: str
    server_time: str
    signing_key: str = Field(description="base64 Ed25519 public key (signs USB acks)")
    sealing_key: str = Field(description="base64 X25519 public key (USB bundles)")
    max_body: int = Field(description="largest request body, and batch once decompressed")


class EnrollRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=64)
    device_name: str = Field(min_length=1, max_length=100)
    public_key: str = Field(min_length=1, max_length=100)


class Enrolled(BaseModel):
    device_id: str
    commune_code: str
    commune_name: str
    hub_id: str
    signing_key: str
    sealing_key: str


class OpResultModel(BaseModel):
    op_id: str
    status: Literal["applied", "duplicate", "mismatch", "rejected", "conflict", "held"]
    original_status: Literal["applied", "rejected", "conflict"] | None
    server_version: int | None
    server_row: dict[str, RowValue] | None
    errors: dict[str, str]
    waiting_for: list[str]


class BatchResultModel(BaseModel):
    format: Literal["xaso-sync-result"]
    version: Literal[1]
    batch_id: str
    server_time: str
    cursor: int
    results: list[OpResultModel]


class PullChange(BaseModel):
    cursor: int
    entity: str
    entity_id: str
    version: int
    row: dict[str, RowValue]


class ReferenceVersions(BaseModel):
    admin_units: str
    record_types: str


class PullPageModel(BaseModel):
    format: Literal["xaso-sync-pull"]
    version: Literal[1]
    changes: list[PullChange]
    next_cursor: int
    more: bool
    reference: ReferenceVersions


class AttachmentState(BaseModel):
    sha256: str
    size: int | None
    offset: int
    complete: bool


# -- PUT /v1/report: a commune's computed report figures (docs/SYNC.md "Report figures") -----

MAX_REPORT_PERIODS = 10
MAX_REPORT_CODES = 200  # the catalogue has 41; room for newer catalogues on the PC
MAX_FIGURE = 1e12
_Figure = Annotated[float, Field(ge=0, le=MAX_FIGURE, allow_inf_nan=False)]
_Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
_WEEK_KEY = re.compile(r"\d{4}-W\d{2}")
_MONTH_KEY = re.compile(r"\d{4}-\d{2}")


class ReportFigure(BaseModel):
    """One indicator of one period: the reported figure (a manual override when there is one),
    the cumulative figure from January, the numerator/denominator behind it, the target."""

    model_config = ConfigDict(extra="forbid")

    value: StrictBool | _Figure | None = None
    cumulative: StrictBool | _Figure | None = None
    num: _Figure | None = None
    den: _Figure | None = None
    target: _Figure | None = None


class ReportPeriod(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^\d{4}-(W\d{2}|\d{2})$", description="2026-11 or 2026-W48")
    kind: Literal["week", "month"]
    start: date
    end: date = Field(description="inclusive")
    values: dict[_Code, ReportFigure] = Field(max_length=MAX_REPORT_CODES)

    @model_validator(mode="after")
    def _consistent(self):
        pattern = _WEEK_KEY if self.kind == "week" else _MONTH_KEY
        if not pattern.fullmatch(self.key):
            raise ValueError("key does not name a period of this kind")
        days = (self.end - self.start).days + 1
        if not 1 <= days <= (7 if self.kind == "week" else 31):
            raise ValueError("start/end do not span one period of this kind")
        return self


class ReportUpload(BaseModel):
    model_config = ConfigDict(extra="forbid")

    computed_at: AwareDatetime = Field(description="hub time (device clock + measured skew)")
    app_version: str = Field(pattern=r"^[A-Za-z0-9._+-]{1,40}$")
    pending_changes: int = Field(ge=0, le=MAX_INT, description="unsynced outbox entries")
    periods: list[ReportPeriod] = Field(min_length=1, max_length=MAX_REPORT_PERIODS)

    @field_validator("computed_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        try:
            value = value.astimezone(UTC)
        except OverflowError:
            raise ValueError("computed_at out of range") from None
        if not 2000 <= value.year < 2100:
            raise ValueError("computed_at out of range")
        return value

    @model_validator(mode="after")
    def _distinct(self):
        if len({p.key for p in self.periods}) != len(self.periods):
            raise ValueError("a period key appears twice")
        return self


class ReportStored(BaseModel):
    stored: int = Field(description="periods whose figures replaced the hub's (newer)")
    stale: int = Field(description="periods kept as they were: the hub holds newer figures")
    ignored: int = Field(description="indicator codes the hub's catalogue does not know")
