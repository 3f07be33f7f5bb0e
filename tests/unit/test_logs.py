"""The application log says what happened, never who it happened to."""

from __future__ import annotations

import json
import logging

from core.logs import LOG_NAME, RedactDigits, configure
from tests.unit.test_cli import DEMO_ENV, run


def test_id_like_digit_runs_are_masked():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "found %s and %s", ("038075000123",
                               "0912345678"), None)
    RedactDigits().filter(record)
    assert record.getMessage() == "found [số đã ẩn] and [số đã ẩn]"


def test_cli_session_log_has_events_but_no_personal_data(tmp_path):
    data = tmp_path / "d"
    run("demo", "--data-dir", str(data), "--persons", "300", "--quiet")
    env = {**DEMO_ENV, "XASO_LOG_LEVEL": "DEBUG"}
    hits = json.loads(run("search", "nguyen", "--json", "--data-dir", str(data), env=env).stdout)
    run("backup", "--data-dir", str(data), env=env)
    text = (data / LOG_NAME).read_text(encoding="utf-8")
    assert "unlocked by user" in text and "backup written" in text
    assert hits
    for hit in hits:
        assert hit["full_name"] not in text
        if hit["personal_number"]:
            assert hit["personal_number"] not in text
    assert "SELECT" not in text  # SQL (and its parameters) never reaches the log


def test_configure_twice_keeps_one_handler(tmp_path):
    configure(tmp_path)
    configure(tmp_path)
    assert sum(getattr(h, "xaso", False) for h in logging.getLogger().handlers) == 1
