"""`main.py report …` as a user runs it (real processes) on the hand-checked commune."""

from __future__ import annotations

import json

import openpyxl

from tests.conftest import ADMIN_PASSWORD
from tests.report_commune import province_template, seed
from tests.unit.test_cli import run

ENV = {"XASO_USER": "admin", "XASO_PASSWORD": ADMIN_PASSWORD}


def test_report_list_and_run_json(admin_ws, tmp_path):
    seed(admin_ws)
    data = str(admin_ws.data_dir)
    listed = json.loads(run("report", "list", "--json", "--data-dir", data, env=ENV).stdout)
    assert [t["id"] for t in listed["templates"]] == ["default"]
    assert listed["periods"] == {"week_starts_on": 1, "month_starts_on": 1}
    codes = [i["code"] for i in listed["indicators"]]
    assert {"vneid_collected", "vneid_coverage_14", "quality_g1", "follow_ups_overdue"} <= set(
        codes)

    out = tmp_path / "thang-11.xlsx"
    result = run("report", "run", "default", "--period", "2026-11", "--today", "2026-11-28",
                 "--out", str(out), "--json", "--data-dir", data, env=ENV)
    report = json.loads(result.stdout)
    assert report["period"] == {"kind": "month", "label": "2026-11", "start": "2026-11-01",
                                "end": "2026-11-30", "days": 30}
    assert report["out"] == str(out.resolve()) and out.exists()
    values = {i["code"]: i for i in report["indicators"]}
    assert (values["vneid_collected"]["value"], values["vneid_collected"]["cumulative"]) == (3, 5)
    assert values["vneid_coverage_14"]["value"] == 71.4
    assert values["vneid_coverage_14"]["by_hamlet"] == {"Thôn Đông": 75.0, "Thôn Tây": 50.0,
                                                        "—": 100.0}
    assert values["collection_held"]["value"] is False

    week = json.loads(run("report", "run", "default", "--period", "2026-W45", "--today",
                          "2026-11-28", "--hamlet", "thon dong", "--json", "--data-dir", data,
                          env=ENV).stdout)
    assert week["hamlet"] == "Thôn Đông"
    assert (week["period"]["start"], week["period"]["end"]) == ("2026-11-03", "2026-11-09")
    figures = {i["code"]: i["value"] for i in week["indicators"]}
    assert figures["vneid_collected"] == 1  # b on 11-03 (e on 11-12 is the next week)
    assert figures["vneid_activated"] == 1  # a on 11-05
    custom = json.loads(run("report", "run", "default", "--period", "2026-11-01..2026-11-02",
                            "--today", "2026-11-28", "--json", "--data-dir", data,
                            env=ENV).stdout)
    assert {i["code"]: i["value"] for i in custom["indicators"]}["vneid_activated"] == 1  # i


def test_report_cli_template_override_and_errors(admin_ws, tmp_path):
    seed(admin_ws)
    data = str(admin_ws.data_dir)
    form = tmp_path / "mau-tinh.xlsx"
    form.write_bytes(province_template())
    added = json.loads(run("report", "template-add", str(form), "--name", "Mẫu tỉnh",
                           "--cell", "vneid_collected='Biểu 01'!C8", "--json",
                           "--data-dir", data, env=ENV).stdout)
    assert added["id"] == "mau-tinh" and added["cells"]["vneid_collected"] == "'Biểu 01'!C8"
    run("report", "override", "vneid_collected", "9", "--period", "2026-11", "--note",
        "Số liệu công an tỉnh gửi về", "--data-dir", data, env=ENV)
    out = tmp_path / "bieu.xlsx"
    run("report", "run", "mau-tinh", "--period", "2026-11", "--today", "2026-11-28", "--out",
        str(out), "--data-dir", data, env=ENV)
    sheet = openpyxl.load_workbook(out)["Biểu 01"]
    assert (sheet["C8"].value, sheet["C5"].value, sheet["C6"].value) == (9, 3, 71.4)

    for args, message in ((("run", "default", "--period", "2026-13"), "không hợp lệ"),
                          (("run", "nope", "--period", "2026-11"), "mẫu báo cáo"),
                          (("run", "default", "--period", "2026-11", "--hamlet", "Thôn 9"),
                           "Thôn 9"),
                          (("override", "vneid_collected", "5", "--period", "2026-11",
                            "--note", ""), "lý do")):
        failed = run("report", *args, "--data-dir", data, env=ENV, check=False)
        assert failed.returncode == 1 and message in failed.stderr, failed.stderr
