"""Update notices served by the hub (docs/UPDATES.md): plain GETs, no device signature.

    GET /v1/updates/manifest        <hub data>/updates/xaso-update.json (the signed envelope)
    GET /v1/updates/files/{name}    a file of <hub data>/updates/ (safe names only)

The hub only passes the files on: the envelope is signed with the release key offline, and
the app checks that signature and each file's SHA-256 itself, so a hub (or anyone between) can
withhold an update but never forge one. The operator copies a release into the folder:

    hub-data/updates/xaso-update.json
    hub-data/updates/XaSo-0.2.0-setup.exe

Mounted by `install(app, config)` (one call in create_app); errors are the hub's
{error, detail, message} bodies.
"""

from __future__ import annotations

import re
from pathlib import Path as FilePath

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from core.updates import ENVELOPE_NAME, MAX_ENVELOPE_BYTES
from sync.hub.config import HubConfig
from sync.hub.models import ErrorBody

FOLDER_NAME = "updates"
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
_NAME = re.compile(NAME_PATTERN)
_NO_CACHE = {"Cache-Control": "no-cache"}


class UpdateEnvelope(BaseModel):
    manifest: str = Field(description="base64 of the exact manifest bytes (UTF-8 JSON)")
    key_id: str = Field(description="16 hex: the release key that signed it")
    signature: str = Field(description="base64 Ed25519 signature over the manifest bytes")


def updates_dir(config: HubConfig) -> FilePath:
    return FilePath(config.data_dir) / FOLDER_NAME


def _folder(request: Request) -> FilePath:
    folder = getattr(request.app.state, "updates_dir", None)
    if folder is None:
        folder = updates_dir(request.app.state.hub.config)
    return FilePath(folder)


def _not_found(detail: str, message: str) -> JSONResponse:
    return JSONResponse({"error": "not_found", "detail": detail, "message": message},
                        status_code=404)


def _safe_file(folder: FilePath, name: str) -> FilePath | None:
    """`folder/name` when it is a regular file inside the folder (no traversal, no link out)."""
    if not _NAME.fullmatch(name) or ".." in name:
        return None
    try:
        root = folder.resolve(strict=True)
        path = (folder / name).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if path.parent != root or not path.is_file():
        return None
    return path


def _read_envelope(folder: FilePath) -> bytes | None:
    path = _safe_file(folder, ENVELOPE_NAME)
    if path is None:
        return None
    with path.open("rb") as f:
        return f.read(MAX_ENVELOPE_BYTES + 1)  # the app refuses anything larger anyway


router = APIRouter(tags=["updates"])


@router.get("/v1/updates/manifest", response_model=None, responses={
    200: {"description": "the signed update notice", "content": {
        "application/json": {"schema": UpdateEnvelope.model_json_schema()}}},
    404: {"model": ErrorBody}, 429: {"model": ErrorBody}})
async def update_manifest(request: Request) -> Response:
    data = await run_in_threadpool(_read_envelope, _folder(request))
    if data is None:
        return _not_found(f"{FOLDER_NAME}/{ENVELOPE_NAME}",
                          "Máy chủ chưa có thông báo cập nhật nào.")
    return Response(data, media_type="application/json", headers=_NO_CACHE)


@router.get("/v1/updates/files/{name}", response_model=None, responses={
    200: {"description": "the file", "content": {"application/octet-stream": {
        "schema": {"type": "string", "format": "binary"}}}},
    404: {"model": ErrorBody}, 422: {"model": ErrorBody}, 429: {"model": ErrorBody}})
async def update_file(request: Request, name: str = Path(
        pattern=NAME_PATTERN, description="file name as the manifest gives it")) -> Response:
    path = await run_in_threadpool(_safe_file, _folder(request), name)
    if path is None:
        return _not_found(f"{FOLDER_NAME}/file", "Máy chủ không có tệp cập nhật này.")
    return FileResponse(path, media_type="application/octet-stream", filename=path.name)


def install(app: FastAPI, config: HubConfig) -> None:
    """Mount the update routes on the hub app, serving `<config.data_dir>/updates/`."""
    app.state.updates_dir = updates_dir(config)
    app.include_router(router)


__all__ = ["install", "router", "updates_dir"]
