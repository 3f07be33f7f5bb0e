"""`python main.py person match --card-json FILE [--json]`: who a card reading belongs to;
`person export-data ID --out FILE.xlsx`: everything held about one person."""

from __future__ import annotations

import json
from pathlib import Path

from core.errors import XasoError


def cmd_match(args) -> int:
    from cli import _print_json, _unlock
    from core.matching import OUTCOME_LABELS
    from core.services import card_desk

    try:
        card = json.loads(Path(args.card_json).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise XasoError(f"Không đọc được tệp dữ liệu thẻ {args.card_json}: tệp không có hoặc "
                        "không phải JSON (dùng: python main.py card read … --json).") from exc
    if not isinstance(card, dict):
        raise XasoError("Tệp dữ liệu thẻ phải là một đối tượng JSON.")
    ws = _unlock(args)
    try:
        result = card_desk.match_card(ws, card)
    finally:
        ws.close()
    if args.json:
        _print_json({"outcome": str(result.outcome), "person_id": result.person_id,
                     "candidates": [vars(c) for c in result.candidates]})
    else:
        print(OUTCOME_LABELS[result.outcome])
        for c in result.candidates:
            print(f"  {c.full_name}\t{c.dob or ''}\t{c.personal_number or ''}\t"
                  f"{'; '.join(c.reasons)}")
    return 0


def cmd_export_data(args) -> int:
    from cli import _unlock
    from core.services import subject_access

    ws = _unlock(args)
    try:
        done = subject_access.export_subject_data(ws, args.person_id, Path(args.out))
    finally:
        ws.close()
    print(f"Đã ghi dữ liệu của cư dân vào {done.path} ({done.rows} dòng).")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("person", help="cư dân: khớp thẻ với dữ liệu")
    person = p.add_subparsers(dest="person_cmd", required=True)
    m = person.add_parser("match", parents=[common],
                          help="tìm cư dân ứng với một lần đọc thẻ (JSON của card read --json)")
    m.add_argument("--card-json", required=True)
    m.add_argument("--json", action="store_true")
    m.set_defaults(func=cmd_match)
    e = person.add_parser("export-data", parents=[common],
                          help="mọi dữ liệu về một cư dân ra .xlsx (trả lời yêu cầu của chủ thể "
                               "dữ liệu); có ghi nhật ký")
    e.add_argument("person_id")
    e.add_argument("--out", required=True)
    e.set_defaults(func=cmd_export_data)
