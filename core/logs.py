"""Application log: a small rotating file in the data folder, never any personal data.

Code logs events, ids and counts, never names or numbers of residents. As a second line of
defence a filter masks digit runs of ID-number length (9–12 digits: CMND, personal number,
phone), and the libraries that could echo SQL parameters (SQLAlchemy) are held at WARNING.
A windowed frozen app has no stdout/stderr, so only a file handler is used.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

LOG_NAME = "xaso.log"
_ID_LIKE = re.compile(r"(?<!\d)\d{9,12}(?!\d)")
_QUIET = ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "sqlalchemy.orm")


class RedactDigits(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _ID_LIKE.search(message):
            record.msg, record.args = _ID_LIKE.sub("[số đã ẩn]", message), None
        return True


def configure(data_dir: Path, level: str | None = None) -> Path:
    """Log to <data_dir>/xaso.log (1 MB × 3). Level from XASO_LOG_LEVEL, default INFO."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "xaso", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.xaso = True
    handler.addFilter(RedactDigits())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level or os.environ.get("XASO_LOG_LEVEL", "INFO"))
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return path
