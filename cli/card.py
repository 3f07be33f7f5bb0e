"""`python main.py card …`: list readers, read a chip card, parse a QR payload, run the virtual card.

Card errors print one Vietnamese line (or `{"error": code, "message": …}` with `--json`) and
exit 1. Reading a card prints what the card holds; nothing is written to the store or the log.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from card_reader.errors import CardError


def _user_trust_dir(args) -> Path:
    """Imported CSCA certificates live in the data folder, next to the store."""
    from core.store import Store

    return Store(getattr(args, "data_dir", None)).data_dir / "trust"


def _trust_store(args):
    from card_reader.trust import TrustStore

    if args.trust:
        return TrustStore(Path(args.trust))
    return TrustStore.bundled(_user_trust_dir(args))


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=str))


def _fail(args, err: CardError) -> int:
    if getattr(args, "json", False):
        _print_json({"error": err.code, "message": str(err)})
    else:
        print(f"Lỗi: {err}", file=sys.stderr)
    return 1


def cmd_readers(args) -> int:
    from card_reader.pcsc import reader_states

    try:
        states = reader_states()
    except CardError as err:
        return _fail(args, err)
    if args.json:
        _print_json([{"reader": name, "card_present": present} for name, present in states])
    elif not states:
        print("Không có đầu đọc thẻ nào.")
    else:
        for name, present in states:
            print(f"{name}\t{'có thẻ' if present else 'không có thẻ'}")
    return 0


_VERDICT = {"pass": "đạt", "fail": "KHÔNG đạt", "unknown": "chưa kiểm được"}


def _print_reading(data: dict) -> None:
    labels = {
        "id_number": "Số định danh", "full_name": "Họ và tên", "date_of_birth": "Ngày sinh",
        "sex": "Giới tính", "nationality": "Quốc tịch", "ethnicity": "Dân tộc",
        "religion": "Tôn giáo", "place_of_origin": "Quê quán",
        "place_of_residence": "Nơi thường trú", "identifying_marks": "Đặc điểm nhận dạng",
        "date_of_issue": "Ngày cấp", "date_of_expiry": "Có giá trị đến",
        "father_name": "Họ tên cha", "mother_name": "Họ tên mẹ", "spouse_name": "Họ tên vợ/chồng",
        "old_id_number": "Số CMND cũ",
    }
    for key, label in labels.items():
        if data.get(key):
            print(f"{label}: {data[key]}")
    pa = data.get("passive_auth")
    if pa:
        verdict = "hợp lệ" if pa["passed"] else "CHƯA xác thực được"
        print(f"Xác thực dữ liệu chip (PA): {verdict} (băm {_VERDICT[pa['dg_hashes']]}, "
              f"chữ ký {_VERDICT[pa['signature']]}, chuỗi chứng thư {_VERDICT[pa['chain']]})")
        for detail in pa["details"]:
            print(f"  - {detail}")
        print(f"Chống thẻ giả (xác thực chip CA / chủ động AA): {_VERDICT[data['chip_auth']]} / "
              f"{_VERDICT[data['active_auth']]}")
    if data.get("access"):
        print(f"Truy cập: {data['access']}; {data['apdu_count']} lệnh, "
              f"{data['bytes_read']} byte, {data['duration_ms']} ms")


def cmd_read(args) -> int:
    from card_reader.pcsc import Connection
    from card_reader.reader import AccessKey, ReadOptions, read_card
    method = "pace" if args.pace else "bac" if args.bac else "auto"
    try:
        trust = _trust_store(args)
        options = ReadOptions(
            key=AccessKey(_digits(args.id_number), args.dob, args.expiry),
            method=method,
            trust=trust,
            read_face=True,
        )
        reading = read_card(lambda: Connection(args.reader), options)
    except CardError as err:
        return _fail(args, err)
    if args.face and reading.face_image:
        from card_reader.lds.dg2 import face_to_png

        out = Path(args.face)
        image = face_to_png(reading.face_image) if out.suffix.lower() == ".png" else reading.face_image
        out.write_bytes(image)
    data = reading.to_json_dict()
    if args.json:
        _print_json(data)
    else:
        _print_reading(data)
    return 0


def _digits(value: str) -> str:
    from card_reader.errors import CardDataError

    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 12:
        raise CardDataError("Số định danh phải có đúng 12 chữ số.")
    return digits


def cmd_qr(args) -> int:
    from card_reader.qr import parse_qr

    try:
        reading = parse_qr(args.payload)
    except CardError as err:
        return _fail(args, err)
    data = reading.to_json_dict()
    if args.json:
        _print_json(data)
    else:
        _print_reading(data)
    return 0


def cmd_virtual(args) -> int:
    from card_reader.virtual.vpcd import serve

    try:
        return serve(args.data, args.host, args.port, key_dir=args.keys, trust_out=args.trust_out)
    except CardError as err:
        return _fail(args, err)


def cmd_trust(args) -> int:
    from card_reader.trust import TrustStore

    folder = _user_trust_dir(args)
    try:
        if args.trust_cmd == "import":
            data = Path(args.file).read_bytes()
            store = TrustStore(folder)
            folder.mkdir(parents=True, exist_ok=True)
            new = (store.import_master_list(data) if args.master_list
                   else store.import_certificate(data))
            print(f"Đã nhập {len(new)} chứng thư mới vào {folder}.")
            return 0
        certs = TrustStore.bundled(folder).certificates
    except OSError as err:
        print(f"Lỗi: không đọc được tệp ({err.strerror}).", file=sys.stderr)
        return 1
    except CardError as err:
        return _fail(args, err)
    rows = [{"subject": c.subject.human_friendly,
             "not_after": c.not_valid_after.date().isoformat()} for c in certs]
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['subject']}\t(hết hạn {row['not_after']})")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("card", help="thẻ căn cước gắn chip: đầu đọc, đọc thẻ, mã QR, thẻ mô phỏng")
    card = p.add_subparsers(dest="card_cmd", required=True)

    r = card.add_parser("readers", help="liệt kê đầu đọc thẻ")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_readers)

    r = card.add_parser("read", help="đọc và xác thực chip của thẻ")
    r.add_argument("--reader", default=None, help="tên đầu đọc (mặc định: đầu đọc có thẻ)")
    r.add_argument("--id-number", required=True, help="số định danh 12 chữ số (khóa PACE)")
    r.add_argument("--dob", default=None, help="ngày sinh YYMMDD (chỉ cần cho BAC)")
    r.add_argument("--expiry", default=None, help="ngày hết hạn YYMMDD (chỉ cần cho BAC)")
    method = r.add_mutually_exclusive_group()
    method.add_argument("--pace", action="store_true", help="chỉ dùng PACE")
    method.add_argument("--bac", action="store_true", help="chỉ dùng BAC")
    r.add_argument("--face", default=None, help="ghi ảnh chân dung ra tệp (.png để chuyển đổi)")
    r.add_argument("--trust", default=None,
                   help="chỉ tin các chứng thư CSCA trong thư mục này (mặc định: chứng thư "
                        "kèm ứng dụng và chứng thư đã nhập)")
    r.add_argument("--data-dir", default=None, help="thư mục dữ liệu (chứng thư đã nhập)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_read)

    r = card.add_parser("trust", help="chứng thư CSCA tin cậy để xác thực chip")
    trust = r.add_subparsers(dest="trust_cmd", required=True)
    t = trust.add_parser("list", parents=[common], help="liệt kê chứng thư tin cậy")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_trust)
    t = trust.add_parser("import", parents=[common],
                         help="nhập chứng thư CSCA (PEM/DER) hoặc danh sách CSCA của ICAO")
    t.add_argument("file")
    t.add_argument("--master-list", action="store_true", help="tệp là CSCA master list")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_trust)

    r = card.add_parser("qr", help="phân tích nội dung mã QR trên thẻ")
    r.add_argument("payload")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_qr)

    r = card.add_parser("virtual", help="chạy thẻ mô phỏng (vpcd) cho đào tạo và kiểm thử")
    r.add_argument("--data", default=None,
                   help="tệp JSON mô tả cư dân trên thẻ, hoặc tên một thẻ mẫu có sẵn")
    r.add_argument("--keys", default=None, help="thư mục lưu khóa và chứng thư thử nghiệm")
    r.add_argument("--host", default="127.0.0.1")
    r.add_argument("--port", type=int, default=35963)
    r.add_argument("--trust-out", default=None,
                   help="ghi chứng thư CSCA thử nghiệm của thẻ vào thư mục này (để --trust)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_virtual)
