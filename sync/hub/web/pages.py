"""The dashboard's routes (mounted by create_app under /dashboard, not in the OpenAPI).

Server-rendered HTML (Jinja2, autoescaped) and one stylesheet served by the hub itself: it
works on the hub's LAN without Internet, and needs no JavaScript. Every page answer carries a
strict CSP, no framing, and no-store (figures change with each sync; nothing stays in a shared
PC's cache). Blocking work (argon2, the database, openpyxl) runs in worker threads.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from core.reports.catalogue import load_catalogue
from sync.hub import admin
from sync.hub.ratelimit import TokenBuckets
from sync.hub.reports import PROGRESS_CODE, aggregate, commune_progress, progress_of
from sync.hub.schema import commune
from sync.hub.web import i18n, queries, workbook
from sync.hub.web.sessions import Sessions, WebUser, same

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "xaso_hub_session"
LOGIN_COOKIE = "xaso_hub_login"  # the login form's CSRF token (double submit)
LANG_COOKIE = "xaso_hub_lang"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSP = ("default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
_PERIOD = re.compile(r"\d{4}-(W\d{2}|\d{2})")
_COMMUNE = re.compile(r"\d{5}")
FRESH = timedelta(days=2)  # a commune's report older than this is shown as stale


def _secure(response: Response, cache: bool = False) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "private, max-age=3600" if cache else "no-store"
    return response


def _period(request: Request) -> str | None:
    value = request.query_params.get("period", "")
    return value if _PERIOD.fullmatch(value) else None


class Dashboard:
    def __init__(self, hub):
        self.hub = hub
        self.db = hub.db
        config = hub.config
        self.sessions = Sessions(hub.db, timedelta(hours=config.session_idle_hours))
        self.ip_buckets = TokenBuckets(config.login_ip_rate)
        self.user_buckets = TokenBuckets(config.login_user_rate)
        self.catalogue = load_catalogue()
        self.css = (HERE / "static" / "hub.css").read_bytes()
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"),
                               autoescape=select_autoescape(["html"]), trim_blocks=True,
                               lstrip_blocks=True)
        self.env.filters.update(when=i18n.when, day=i18n.day)

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def base(request: Request) -> str:
        return request.scope.get("root_path", "") + "/dashboard"

    @staticmethod
    def lang(request: Request) -> str:
        asked = request.query_params.get("lang")
        return i18n.pick(asked or request.cookies.get(LANG_COOKIE))

    def _cookie(self, request: Request, response: Response, name: str, value: str,
                max_age: int | None = None) -> None:
        response.set_cookie(name, value, max_age=max_age, path=self.base(request),
                            httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")

    def render(self, request: Request, template: str, status: int = 200,
               user: WebUser | None = None, **context) -> HTMLResponse:
        lang = self.lang(request)

        def t(text: str, **values) -> str:
            return i18n.translate(text, lang).format(**values)

        kept = {k: v for k, v in request.query_params.items() if k != "lang"}
        switch = {code: request.url.path + "?" + urlencode({**kept, "lang": code})
                  for code in i18n.LANGS}
        html = self.env.get_template(template).render(
            t=t, lang=lang, base=self.base(request), user=user, switch=switch,
            num=lambda value, decimals=0: i18n.number(value, lang, decimals),
            fig=lambda value, kind: i18n.figure(value, kind, lang),
            name_of=lambda indicator: indicator.name_in(lang),
            unit_of=lambda indicator: indicator.unit_in(lang), **context)
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in i18n.LANGS:
            self._cookie(request, response, LANG_COOKIE, lang, max_age=365 * 86400)
        return _secure(response)

    def refuse(self, request: Request, user: WebUser | None, status: int,
               message: str) -> HTMLResponse:
        return self.render(request, "error.html", status=status, user=user, message=message)

    async def user(self, request: Request) -> WebUser | None:
        return await run_in_threadpool(self.sessions.user, request.cookies.get(SESSION_COOKIE))

    def to_login(self, request: Request) -> Response:
        return _secure(RedirectResponse(self.base(request) + "/login", status_code=303))

    # -- login ----------------------------------------------------------------------------------

    def login_form(self, request: Request, status: int = 200, error: str | None = None,
                   username: str = "") -> HTMLResponse:
        token = request.cookies.get(LOGIN_COOKIE)
        token = token if token and 20 <= len(token) <= 64 else _token()
        response = self.render(request, "login.html", status=status, csrf=token, error=error,
                               username=username)
        self._cookie(request, response, LOGIN_COOKIE, token, max_age=3600)
        return response

    async def login(self, request: Request) -> Response:
        form = _form(await request.body()) or {}
        username = (form.get("username") or "").strip().lower()[:64]
        if not same(form.get("csrf"), request.cookies.get(LOGIN_COOKIE)):
            return self.login_form(request, 400, "Phiên đăng nhập đã hết hạn hoặc biểu mẫu "
                                                 "không hợp lệ; hãy thử lại.", username)
        client = request.client.host if request.client else "-"
        wait = self.ip_buckets.take(client) or self.user_buckets.take(username)
        if wait:
            response = self.render(request, "login.html", status=429, csrf=form["csrf"],
                                   error="Quá nhiều lần đăng nhập; hãy thử lại sau {seconds} "
                                         "giây.", seconds=wait, username=username)
            response.headers["Retry-After"] = str(wait)
            return response
        found = await run_in_threadpool(admin.verify_user, self.db, username,
                                        form.get("password") or "")
        if found is None:
            return self.login_form(request, 401, "Sai tên đăng nhập hoặc mật khẩu.", username)
        token = await run_in_threadpool(self.sessions.open, found["username"])
        response = _secure(RedirectResponse(self.base(request) + "/", status_code=303))
        self._cookie(request, response, SESSION_COOKIE, token)
        response.delete_cookie(LOGIN_COOKIE, path=self.base(request))
        return response

    async def logout(self, request: Request) -> Response:
        user = await self.user(request)
        form = _form(await request.body()) or {}
        if user is not None and not same(form.get("csrf"), user.csrf):
            return self.refuse(request, user, 403, "Phiên đăng nhập đã hết hạn hoặc biểu mẫu "
                                                   "không hợp lệ; hãy thử lại.")
        await run_in_threadpool(self.sessions.close, request.cookies.get(SESSION_COOKIE))
        response = self.to_login(request)
        response.delete_cookie(SESSION_COOKIE, path=self.base(request))
        return response

    # -- pages ----------------------------------------------------------------------------------

    async def overview(self, request: Request, user: WebUser) -> Response:
        lines, snapshots, periods = await run_in_threadpool(
            queries.overview, self.db, user, _period(request))
        key = _period(request) or (periods[0][0] if periods else None)
        progress = {code: commune_progress(self.catalogue, snapshots.get(code))
                    for code in (line.code for line in lines)}
        report = aggregate(self.catalogue, [(line.code, line.name) for line in lines],
                           snapshots, key or "")
        now = datetime.now(UTC)
        stale = {line.code for line in lines
                 if line.latest_report is None or now - line.latest_report > FRESH}
        headline = report.total(PROGRESS_CODE) if PROGRESS_CODE in self.catalogue.by_code \
            else None
        return self.render(request, "overview.html", user=user, lines=lines, periods=periods,
                           period=key, progress=progress, headline=headline, report=report,
                           stale=stale)

    async def commune(self, request: Request, user: WebUser, code: str) -> Response:
        if not _COMMUNE.fullmatch(code):
            return self.refuse(request, user, 404, "Không có xã này trên máy chủ.")
        if not user.may_see(code):
            return self.refuse(request, user, 403, "Tài khoản của bạn chỉ xem được xã của "
                                                   "mình.")

        def work():
            with self.db.read() as conn:
                name = conn.execute(select(commune.c.name)
                                    .where(commune.c.code == code)).scalar()
            if name is None:
                return None
            return name, *queries.commune_detail(self.db, code, _period(request))

        found = await run_in_threadpool(work)
        if found is None:
            return self.refuse(request, user, 404, "Không có xã này trên máy chủ.")
        name, devices, snapshot, periods = found
        rows = []
        for indicator in self.catalogue.indicators:
            figure = (snapshot.figures.get(indicator.code) if snapshot else None) or {}
            target = figure.get("target")
            rows.append((indicator, figure.get("value"), figure.get("cumulative"), target,
                         progress_of(indicator, figure.get("value"), figure.get("cumulative"),
                                     target)))
        return self.render(request, "commune.html", user=user, code=code, commune_name=name,
                           devices=devices, snapshot=snapshot, periods=periods,
                           period=snapshot.period_key if snapshot else _period(request),
                           rows=rows)

    async def province_report(self, request: Request, user: WebUser):
        communes, snapshots, periods, key = await run_in_threadpool(
            queries.province, self.db, user, _period(request))
        return aggregate(self.catalogue, communes, snapshots, key or ""), periods, key

    async def report_page(self, request: Request, user: WebUser) -> Response:
        report, periods, key = await self.province_report(request, user)
        return self.render(request, "report.html", user=user, report=report, periods=periods,
                           period=key)

    async def report_xlsx(self, request: Request, user: WebUser) -> Response:
        report, _periods, key = await self.province_report(request, user)
        if key is None:
            return self.refuse(request, user, 404, "Chưa có báo cáo nào được gửi lên.")
        data = await run_in_threadpool(workbook.build, report, self.lang(request))
        scope = f"-{user.commune_code}" if user.communes is not None else ""
        name = f"xaso-bao-cao{scope}-{key}.xlsx"
        return _secure(Response(data, media_type=XLSX, headers={
            "Content-Disposition": f'attachment; filename="{name}"'}))


def _token() -> str:
    return secrets.token_urlsafe(24)


def _form(body: bytes) -> dict[str, str] | None:
    """An application/x-www-form-urlencoded body (first value of each field), or None."""
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=10, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None
    return {k: v[0] for k, v in fields.items() if v}


def dashboard_router(hub) -> APIRouter:
    board = Dashboard(hub)
    router = APIRouter()

    async def guarded(request: Request, handler, **params) -> Response:
        """A page for logged-in users only; others are sent to the login form."""
        user = await board.user(request)
        if user is None:
            return board.to_login(request)
        return await handler(request, user, **params)

    @router.get("")
    async def bare(request: Request) -> Response:
        return _secure(RedirectResponse(board.base(request) + "/", status_code=303))

    @router.get("/login")
    async def login_page(request: Request) -> Response:
        if await board.user(request) is not None:
            return _secure(RedirectResponse(board.base(request) + "/", status_code=303))
        return board.login_form(request)

    @router.post("/login")
    async def login(request: Request) -> Response:
        return await board.login(request)

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        return await board.logout(request)

    @router.get("/")
    async def overview(request: Request) -> Response:
        return await guarded(request, board.overview)

    @router.get("/communes/{code}")
    async def commune_page(request: Request, code: str) -> Response:
        return await guarded(request, board.commune, code=code)

    @router.get("/report")
    async def report(request: Request) -> Response:
        return await guarded(request, board.report_page)

    @router.get("/report.xlsx")
    async def report_xlsx(request: Request) -> Response:
        return await guarded(request, board.report_xlsx)

    @router.get("/static/hub.css")
    async def stylesheet() -> Response:
        return _secure(Response(board.css, media_type="text/css; charset=utf-8"), cache=True)

    return router


__all__ = ["CSP", "LANG_COOKIE", "LOGIN_COOKIE", "SESSION_COOKIE", "Dashboard",
           "dashboard_router"]
