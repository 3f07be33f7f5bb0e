"""`python main.py report …`: the indicator catalogue, templates, reports for a period.

    report list [--json]                          templates, indicators, period settings
    report run TEMPLATE --period P [--hamlet H] [--out FILE.xlsx] [--json] [--today D]
    report template-add FILE --name N [--cell KEY=Sheet!C7 …] [--json]
    report override CODE VALUE --period P --note "…" [--hamlet H] [--cumulative]

Periods: 2026-11 (month, with the commune's cut day), 2026-W47 (week, from the commune's
weekday), 2026 (year) or 2026-11-01..2026-11-14. `run` prints every figure; with --out it
also writes the .xlsx (audited). Aggregates only: no personal data is printed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.errors import XasoError


def _today(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise XasoError(f"Ngày “{text}” phải có dạng YYYY-MM-DD.") from None


def _hamlet_id(ws, name: str | None) -> str | None:
    from core.services import hamlets
    from core.text import fold

    if not name:
        return None
    for hamlet in hamlets.list_hamlets(ws, include_retired=True):
        if hamlet.id == name or fold(hamlet.name) == fold(name):
            return hamlet.id
    raise XasoError(f"Không có thôn, tổ dân phố “{name}”.")


def _period(ws, text: str):
    from core.reports import settings
    from core.reports.periods import parse_period

    return parse_period(text, settings.period_rules(ws))


def cmd_list(args) -> int:
    from cli import _print_json, _unlock
    from core.reports import settings
    from core.reports.catalogue import load_catalogue
    from core.reports.templates import list_templates

    ws = _unlock(args)
    try:
        templates = list_templates(ws)
        rules, targets = settings.period_rules(ws), settings.targets(ws)
    finally:
        ws.close()
    catalogue = load_catalogue()
    indicators = [i.as_dict() | {"target": targets.get(i.code, i.target)}
                  for i in catalogue.indicators]
    if args.json:
        _print_json({"templates": [t.as_dict() for t in templates], "indicators": indicators,
                     "periods": {"week_starts_on": rules.week_starts_on,
                                 "month_starts_on": rules.month_starts_on}})
        return 0
    print("Mẫu báo cáo:")
    for t in templates:
        print(f"  {t.id}\t{t.name}\t{len(t.cells)} ô")
    print("Chỉ tiêu:")
    for i in indicators:
        cumulative = " (lũy kế)" if i["cumulative"] else ""
        print(f"  {i['code']}\t{i['kind']}\t{i['name']['vi']}{cumulative}")
    return 0


def _show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def cmd_run(args) -> int:
    from cli import _print_json, _unlock
    from core.reports.compute import compute_report
    from core.reports.export import export_report
    from core.reports.templates import get_template

    ws = _unlock(args)
    try:
        period = _period(ws, args.period)
        hamlet_id = _hamlet_id(ws, args.hamlet)
        get_template(ws, args.template)  # an unknown template fails before any work
        if args.out:
            report = export_report(ws, args.template, period, Path(args.out), hamlet_id,
                                   _today(args.today)).report
        else:
            report = compute_report(ws, period, hamlet_id, _today(args.today))
    finally:
        ws.close()
    if args.json:
        _print_json(report.as_dict() | {"template": args.template,
                                        "out": str(Path(args.out).resolve()) if args.out
                                        else None})
        return 0
    print(f"{report.commune_name} — {report.hamlet_name or 'toàn xã'} — kỳ {period.label}: "
          f"{period.start.isoformat()} → {period.end.isoformat()}")
    for value in report.values:
        cumulative = f"\tlũy kế {_show(value.cumulative)}" if value.indicator.cumulative else ""
        mark = " (điều chỉnh)" if value.override else ""
        print(f"{value.code}\t{_show(value.value)}{mark}{cumulative}\t"
              f"{value.indicator.name['vi']}")
    if args.out:
        print(f"Đã lưu báo cáo: {Path(args.out).resolve()}")
    return 0


def cmd_template_add(args) -> int:
    from cli import _print_json, _unlock
    from core.reports.templates import save_template, scan_template

    content = Path(args.file).read_bytes()
    scan = scan_template(content)
    cells = dict(scan.cells)
    for item in args.cell or []:
        key, sep, ref = item.partition("=")
        if not sep:
            raise XasoError(f"“{item}” phải có dạng CHỈ_TIÊU=Trang!C7.")
        cells[key.strip()] = ref.strip()
    ws = _unlock(args)
    try:
        template = save_template(ws, args.name, content, cells)
    finally:
        ws.close()
    if args.json:
        _print_json(template.as_dict() | {"warnings": scan.warnings})
    else:
        print(f"Đã lưu mẫu “{template.name}” (mã {template.id}), {len(template.cells)} ô.")
        for warning in scan.warnings:
            print(f"Lưu ý: {warning}")
    return 0


def cmd_override(args) -> int:
    from cli import _unlock
    from core.reports.overrides import set_override

    ws = _unlock(args)
    try:
        period = _period(ws, args.period)
        item = set_override(ws, period, args.code, args.value, args.note,
                            _hamlet_id(ws, args.hamlet),
                            "cumulative" if args.cumulative else "value")
    finally:
        ws.close()
    print(f"Đã điều chỉnh {item.code} kỳ {period.label} thành {item.value}.")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("report", help="báo cáo: chỉ tiêu, mẫu báo cáo, lập báo cáo theo kỳ")
    report = p.add_subparsers(dest="report_cmd", required=True)
    lst = report.add_parser("list", parents=[common], help="mẫu báo cáo, chỉ tiêu, cách tính kỳ")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    run = report.add_parser("run", parents=[common], help="tính các chỉ tiêu của một kỳ")
    run.add_argument("template", help="mã mẫu báo cáo (report list); mẫu chung: default")
    run.add_argument("--period", required=True,
                     help="2026-11 (tháng), 2026-W47 (tuần), 2026 (năm), 2026-11-01..2026-11-14")
    run.add_argument("--hamlet", default=None, help="chỉ một thôn, tổ dân phố (tên)")
    run.add_argument("--out", default=None, help="ghi báo cáo ra tệp .xlsx")
    run.add_argument("--today", default=None, help="YYYY-MM-DD (mặc định: hôm nay)")
    run.add_argument("--json", action="store_true")
    run.set_defaults(func=cmd_run)
    add = report.add_parser("template-add", parents=[common],
                            help="lưu mẫu báo cáo .xlsx của tỉnh và cách gán chỉ tiêu vào ô")
    add.add_argument("file")
    add.add_argument("--name", required=True)
    add.add_argument("--cell", action="append", help="CHỈ_TIÊU=Trang!C7 (lặp lại được)")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_template_add)
    over = report.add_parser("override", parents=[common],
                             help="điều chỉnh số liệu của một chỉ tiêu (bắt buộc ghi lý do)")
    over.add_argument("code")
    over.add_argument("value")
    over.add_argument("--period", required=True)
    over.add_argument("--note", required=True)
    over.add_argument("--hamlet", default=None)
    over.add_argument("--cumulative", action="store_true", help="số lũy kế từ đầu năm")
    over.set_defaults(func=cmd_override)
