"""JSON bodies of the hub API (pydantic), so the published OpenAPI describes every answer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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
