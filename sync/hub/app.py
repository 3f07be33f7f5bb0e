"""The hub's HTTP API (FastAPI); docs/SYNC.md is the contract, `/openapi.json` describes it.

Blocking work (signature checks, decoding, the database) runs in worker threads; at most
`max_concurrent_pushes` batches are applied at once, the others wait their turn. Every answer
is logged with method, route template, status, device id and counts, never rows or names.
"""

from __future__ import annotations

import json
import logging
import re
import time
from datetime import UTC, datetime
from typing import Annotated

import anyio
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.reports.catalogue import load_catalogue
from sync.hub import admin, report_store
from sync.hub.activity import ActivityRecorder
from sync.hub.attachments import AttachmentStore
from sync.hub.config import HubConfig
from sync.hub.db import Database
from sync.hub.errors import (
    AttachmentNotFound,
    BodyTooLarge,
    HubError,
    Internal,
    InvalidRequest,
    MethodNotAllowed,
    NotFound,
    RateLimited,
    from_forbidden,
    protocol_status,
)
from sync.hub.intake import DeviceRecord, authenticate, receive_batch
from sync.hub.keys import load_or_create_keys
from sync.hub.ledger import DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, Forbidden, pull_page
from sync.hub.models import (
    AttachmentState,
    BatchResultModel,
    Enrolled,
    EnrollRequest,
    ErrorBody,
    Hello,
    PullPageModel,
    ReportStored,
    ReportUpload,
)
from sync.hub.ratelimit import TokenBuckets
from sync.hub.reference import reference_versions
from sync.hub.updates import install as install_updates
from sync.protocol import ProtocolError, encode_batch_result
from sync.protocol.requests import HEADERS, NonceCache
from sync.protocol.wire import MAX_INT, format_time

log = logging.getLogger("xaso.hub")

SMALL_BODY = 64 * 1024  # enroll, and the (empty) bodies of signed GETs
REPORT_BODY = 256 * 1024  # PUT /v1/report: up to 10 periods of every indicator
_SHA = r"^[0-9a-f]{64}$"
_SHA_IN_PATH = re.compile(r"[0-9a-f]{64}")


def _now_text() -> str:
    return format_time(datetime.now(UTC))


# -- errors -----------------------------------------------------------------------------------

class BodyLimitExceeded(StarletteHTTPException):
    """Raised from `receive` once a body passes its limit; FastAPI lets HTTPExceptions through."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(status_code=413, detail="body too large")


def _error_response(code: str, status: int, detail: str, message: str, extra: dict | None = None,
                    headers: dict | None = None) -> JSONResponse:
    body = {"error": code, "detail": detail, "message": message, **(extra or {})}
    if status == 401:
        body["server_time"] = _now_text()  # lets the device re-measure its clock skew
    return JSONResponse(body, status_code=status, headers=headers)


def _hub_error(exc: HubError) -> JSONResponse:
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    return _error_response(exc.code, exc.status, exc.detail or exc.code, str(exc), exc.extra,
                           headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HubError)
    async def _on_hub_error(request: Request, exc: HubError):
        return _hub_error(exc)

    @app.exception_handler(ProtocolError)
    async def _on_protocol_error(request: Request, exc: ProtocolError):
        return _error_response(exc.code, protocol_status(exc), exc.detail or exc.code, str(exc))

    @app.exception_handler(Forbidden)
    async def _on_forbidden(request: Request, exc: Forbidden):
        return _hub_error(from_forbidden(exc))

    @app.exception_handler(RequestValidationError)
    async def _on_validation(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        place = ".".join(str(p) for p in first.get("loc", ()) if not isinstance(p, int))
        return _hub_error(InvalidRequest(f"{place or 'request'}: {first.get('type', 'invalid')}"))

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 413:
            limit = getattr(exc, "limit", 0)
            return _hub_error(BodyTooLarge(limit))
        if exc.status_code == 405:
            return _hub_error(MethodNotAllowed(request.method))
        if exc.status_code == 404:
            return _hub_error(NotFound("path"))
        if exc.status_code == 400:  # FastAPI could not decode the body (e.g. not UTF-8)
            return _hub_error(InvalidRequest("body: cannot be parsed"))
        return _error_response("http_error", exc.status_code, str(exc.detail)[:200],
                               "Yêu cầu không được máy chủ đồng bộ chấp nhận.")

    @app.exception_handler(Exception)
    async def _on_crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, _template(request.scope))
        return _hub_error(Internal(type(exc).__name__))


# -- middleware: IP rate limit, body limit, access log ----------------------------------------

def _template(scope) -> str:
    route = scope.get("route")
    if route is not None and getattr(route, "path", None):
        return route.path
    return _SHA_IN_PATH.sub("{sha256}", _route_path(scope) if "path" in scope else "-")


def _route_path(scope) -> str:
    """The path the routes see: without the `--root-path` a prefix-stripping proxy implies."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


class HubMiddleware:
    def __init__(self, app, *, hub: Hub):
        self.app = app
        self.hub = hub

    def _body_limit(self, method: str, path: str) -> int:
        if path == "/v1/push":
            return self.hub.config.max_body
        if method == "PATCH" and path.startswith("/v1/attachments/"):
            return self.hub.config.max_chunk
        if path == "/v1/report":
            return REPORT_BODY
        return SMALL_BODY

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = [500]
        state = scope.setdefault("state", {})

        async def send_logged(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            refusal = self._refuse_early(scope)
            if refusal is not None:
                await refusal(scope, receive, send_logged)
                return
            limit = self._body_limit(scope["method"], _route_path(scope))
            received = [0]

            async def receive_limited():
                message = await receive()
                if message["type"] == "http.request":
                    received[0] += len(message.get("body", b""))
                    if received[0] > limit:
                        raise BodyLimitExceeded(limit)
                return message

            await self.app(scope, receive_limited, send_logged)
        finally:
            counts = " ".join(f"{k}={v}" for k, v in state.get("counts", {}).items())
            log.info("%s %s %d device=%s %s%.1fms", scope["method"], _template(scope), status[0],
                     state.get("device_id", "-"), counts + " " if counts else "",
                     (time.perf_counter() - started) * 1000)

    def _refuse_early(self, scope):
        """A 429 or 413 decided from the headers alone, before anything is read."""
        client = scope.get("client") or ("-", 0)
        wait = self.hub.ip_buckets.take(client[0])
        if wait:
            return _hub_error(RateLimited(wait))
        limit = self._body_limit(scope["method"], _route_path(scope))
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > limit
                except ValueError:
                    return _hub_error(InvalidRequest("Content-Length: not a number"))
                if too_big:
                    return _hub_error(BodyTooLarge(limit))
        return None


# -- the application --------------------------------------------------------------------------

class Hub:
    """What one running hub holds: database, keys, stores, limits."""

    def __init__(self, config: HubConfig):
        self.config = config
        self.db = Database(config.database_url)
        self.db.create_schema()
        self.keys = load_or_create_keys(config.data_dir)
        self.reference = reference_versions()
        self.attachments = AttachmentStore(config.attachments_dir, self.db,
                                           max_size=config.max_attachment)
        self.nonces = NonceCache()
        self.device_buckets = TokenBuckets(config.device_rate)
        self.ip_buckets = TokenBuckets(config.ip_rate)
        self.enroll_buckets = TokenBuckets(config.enroll_rate)
        self.activity = ActivityRecorder(self.db)
        self._push_limiter: anyio.CapacityLimiter | None = None
        self.report_codes = frozenset(load_catalogue().by_code)

    @property
    def push_limiter(self) -> anyio.CapacityLimiter:
        if self._push_limiter is None:  # made inside the event loop, on first use
            self._push_limiter = anyio.CapacityLimiter(self.config.max_concurrent_pushes)
        return self._push_limiter

    def charge_device(self, device_id: str) -> None:
        wait = self.device_buckets.take(device_id)
        if wait:
            raise RateLimited(wait)

    def authenticate(self, request: Request, body: bytes) -> DeviceRecord:
        scope = request.scope
        # The target as the device sent it, with the prefix of a proxy that strips one
        # (uvicorn --root-path puts it back in front of raw_path).
        path = scope.get("raw_path") or scope["path"].encode("utf-8")
        target = path.decode("latin-1")
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        record = authenticate(self.db, self.nonces, request.headers, request.method, target, body)
        scope["state"]["device_id"] = record.device_id
        self.charge_device(record.device_id)
        return record


def _responses(*statuses: int, content: dict | None = None) -> dict:
    answers: dict = {s: {"model": ErrorBody} for s in statuses}
    if content:
        answers.update(content)
    return answers


_SIGNED = {"parameters": [{"name": h, "in": "header", "required": True,
                           "schema": {"type": "string"}} for h in HEADERS]}
_BINARY_BODY = {"required": True, "content": {"application/octet-stream": {
    "schema": {"type": "string", "format": "binary"}}}}


async def _signed_device(request: Request) -> DeviceRecord:
    """A dependency run before a JSON body is validated: a stranger gets 401, not a 422."""
    body = await request.body()
    return await run_in_threadpool(request.app.state.hub.authenticate, request, body)


SignedDevice = Annotated[DeviceRecord, Depends(_signed_device)]


def create_app(config: HubConfig) -> FastAPI:
    hub = Hub(config)
    app = FastAPI(title="Xã Số hub", version="1",
                  description="Sync hub of Xã Số: see docs/SYNC.md. Errors are "
                              "{error, detail, message} with a Vietnamese message.")
    app.state.hub = hub
    _install_error_handlers(app)
    app.add_middleware(HubMiddleware, hub=hub)

    @app.get("/v1/hello", response_model=None, responses=_responses(
        429, content={200: {"model": Hello}}))
    async def hello() -> Response:
        return JSONResponse({"api": 1, **hub.keys.public(), "server_time": _now_text(),
                             "max_body": config.max_body})

    @app.post("/v1/enroll", response_model=None, responses=_responses(
        403, 409, 413, 422, 429, content={200: {"model": Enrolled}}))
    async def enroll(request: Request, body: EnrollRequest) -> Response:
        client = request.client.host if request.client else "-"
        wait = hub.enroll_buckets.take(client)
        if wait:
            raise RateLimited(wait)
        answer = await run_in_threadpool(admin.enroll, hub.db, hub.keys, body.code,
                                         body.device_name, body.public_key)
        request.state.device_id = answer["device_id"]
        return JSONResponse(answer)

    @app.post("/v1/push", response_model=None, responses=_responses(
        400, 401, 403, 409, 413, 429, content={200: {"model": BatchResultModel}}),
        openapi_extra={"requestBody": _BINARY_BODY})
    async def push(request: Request) -> Response:
        data = await request.body()

        def work():
            batch, result = receive_batch(hub.db, data, max_body=config.max_body,
                                          before_apply=_note_device)
            hub.activity.note(batch.device_id, "push")
            return batch, result

        def _note_device(device_id: str) -> None:
            request.state.device_id = device_id
            hub.charge_device(device_id)

        batch, result = await anyio.to_thread.run_sync(work, limiter=hub.push_limiter)
        counts: dict[str, int] = {"ops": len(batch.ops)}
        for r in result.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        request.state.counts = counts
        return Response(encode_batch_result(result), media_type="application/json")

    @app.get("/v1/pull", response_model=None, responses=_responses(
        401, 403, 413, 422, 429, content={200: {"model": PullPageModel}}),
        openapi_extra=_SIGNED)
    async def pull(request: Request,
                   after: int = Query(0, ge=0, le=MAX_INT),
                   limit: int = Query(DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT)) -> Response:
        body = await request.body()

        def work():
            device = hub.authenticate(request, body)
            with hub.db.read() as conn:
                page = pull_page(conn, device.commune_code, after, limit)
            hub.activity.note(device.device_id, "pull")
            return page

        page = await run_in_threadpool(work)
        request.state.counts = {"changes": len(page.changes)}
        changes = [{"cursor": c, "entity": e, "entity_id": i, "version": v, "row": row}
                   for c, e, i, v, row in page.changes]
        text = json.dumps({"format": "xaso-sync-pull", "version": 1, "changes": changes,
                           "next_cursor": page.next_cursor, "more": page.more,
                           "reference": hub.reference}, ensure_ascii=False,
                          separators=(",", ":"))
        return Response(text.encode("utf-8"), media_type="application/json")

    sha_path = Path(pattern=_SHA, description="SHA-256 of the file, 64 lowercase hex")

    @app.get("/v1/attachments/{sha256}", response_model=None, responses=_responses(
        401, 403, 413, 422, 429, content={200: {"model": AttachmentState}}),
        openapi_extra=_SIGNED)
    async def attachment_state(request: Request, sha256: str = sha_path) -> Response:
        body = await request.body()

        def work():
            device = hub.authenticate(request, body)
            return hub.attachments.state(device.commune_code, sha256)

        return JSONResponse(await run_in_threadpool(work))

    @app.patch("/v1/attachments/{sha256}", response_model=None, responses=_responses(
        401, 403, 409, 413, 422, 429, content={200: {"model": AttachmentState}}),
        openapi_extra={**_SIGNED, "requestBody": _BINARY_BODY})
    async def attachment_upload(
            request: Request, sha256: str = sha_path,
            upload_offset: int = Header(alias="Upload-Offset", ge=0, le=MAX_INT),
            upload_length: int = Header(alias="Upload-Length", ge=0, le=MAX_INT)) -> Response:
        body = await request.body()

        def work():
            device = hub.authenticate(request, body)
            return hub.attachments.write_chunk(device.commune_code, device.device_id, sha256,
                                               upload_offset, upload_length, body)

        state = await run_in_threadpool(work)
        request.state.counts = {"bytes": len(body)}
        return JSONResponse(state)

    @app.get("/v1/attachments/{sha256}/content", response_model=None, responses=_responses(
        401, 403, 404, 413, 422, 429, content={
            200: {"description": "the file", "content": {"application/octet-stream": {
                "schema": {"type": "string", "format": "binary"}}}},
            206: {"description": "the requested byte range", "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
            400: {"description": "malformed Range header",
                  "content": {"text/plain": {"schema": {"type": "string"}}}},
            416: {"description": "Range not satisfiable",
                  "content": {"text/plain": {"schema": {"type": "string"}}}}}),
        openapi_extra=_SIGNED)
    async def attachment_content(request: Request, sha256: str = sha_path) -> Response:
        body = await request.body()

        def work():
            device = hub.authenticate(request, body)
            return hub.attachments.content_path(device.commune_code, sha256)

        path = await run_in_threadpool(work)
        if path is None:
            raise AttachmentNotFound("attachment: none complete for this commune")
        return FileResponse(path, media_type="application/octet-stream")

    @app.put("/v1/report", response_model=None, responses=_responses(
        401, 403, 413, 422, 429, content={200: {"model": ReportStored}}),
        openapi_extra=_SIGNED)
    async def put_report(request: Request, body: ReportUpload,
                         device: SignedDevice) -> Response:
        answer = await run_in_threadpool(report_store.store_report, hub.db, device, body,
                                         hub.report_codes)
        request.state.counts = answer
        return JSONResponse(answer)

    from sync.hub.web import dashboard_router  # jinja2 only where the dashboard is served

    app.include_router(dashboard_router(hub), prefix="/dashboard", include_in_schema=False)
    install_updates(app, config)  # GET /v1/updates/manifest and files (docs/UPDATES.md)

    @app.get("/", include_in_schema=False)
    async def root(request: Request) -> Response:
        return RedirectResponse(request.scope.get("root_path", "") + "/dashboard/",
                                status_code=303)

    return app


__all__ = ["Hub", "create_app"]
