"""`python main.py vneid worklist [--date D] [--json]` and `vneid coverage [--json]`."""

from __future__ import annotations

from datetime import date

from core.errors import XasoError


def _date(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise XasoError(f"Ngày “{text}” phải có dạng YYYY-MM-DD.") from None


def cmd_worklist(args) -> int:
    from cli import _print_json, _unlock
    from core.services import vneid_reports

    ws = _unlock(args)
    try:
        items = vneid_reports.worklist(ws, _date(args.date))
    finally:
        ws.close()
    if args.json:
        _print_json([vars(item) for item in items])
    else:
        for item in items:
            late = " (quá hạn)" if item.overdue else ""
            print(f"{item.due_date}{late}\t{item.full_name}\t{item.hamlet}\t{item.task}")
    return 0


def cmd_coverage(args) -> int:
    from cli import _print_json, _unlock
    from core.services import vneid_reports

    ws = _unlock(args)
    try:
        rows = vneid_reports.coverage(ws, _date(args.date))
    finally:
        ws.close()
    overall = vneid_reports.total(rows)
    if args.json:
        _print_json({"hamlets": [r.as_dict() for r in rows],
                     "total": overall.as_dict() | {"hamlet": None}})
    else:
        for r in [*rows, overall]:
            print(f"{r.hamlet or 'Toàn xã'}\t{r.eligible}\tđã thu nhận {r.collected}\t"
                  f"đã cấp {r.issued}\tđã kích hoạt {r.activated}\t{r.coverage_pct}%")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("vneid", help="định danh điện tử: việc hôm nay, độ phủ theo thôn")
    vneid = p.add_subparsers(dest="vneid_cmd", required=True)
    w = vneid.add_parser("worklist", parents=[common], help="việc cần làm đến hạn và quá hạn")
    w.add_argument("--date", default=None, help="YYYY-MM-DD (mặc định: hôm nay)")
    w.add_argument("--json", action="store_true")
    w.set_defaults(func=cmd_worklist)
    c = vneid.add_parser("coverage", parents=[common], help="độ phủ định danh mức 2 theo thôn")
    c.add_argument("--date", default=None, help="YYYY-MM-DD (mặc định: hôm nay)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_coverage)
