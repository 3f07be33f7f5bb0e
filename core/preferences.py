"""Preferences of this PC that are needed before anyone logs in (the UI language), and those of
the machine rather than of the commune (where to look for updates, when it last looked).

Kept in `preferences.json` next to the store, in plain text: they hold no personal data, and
the login window must already speak the chosen language. Written atomically (a new file
renamed over the old one), so a crash leaves either the old or the new preferences.
A missing or damaged file means the defaults.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

FILE_NAME = "preferences.json"
DEFAULTS = {"language": "vi"}
# Kept only once set (load_preferences(...).get(key, "")): the update notice's source address
# (empty: the enrolled hub, docs/UPDATES.md) and the day of the last start-up check.
OPTIONAL = {"update_url": "", "update_checked_on": ""}
KNOWN = DEFAULTS | OPTIONAL
log = logging.getLogger(__name__)


def load_preferences(data_dir: Path) -> dict:
    try:
        stored = json.loads((Path(data_dir) / FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return dict(DEFAULTS)
    except (OSError, ValueError):
        log.warning("preferences file unreadable; using defaults")
        return dict(DEFAULTS)
    if not isinstance(stored, dict):
        return dict(DEFAULTS)
    return DEFAULTS | {k: v for k, v in stored.items() if k in KNOWN and isinstance(v, str)}


def save_preference(data_dir: Path, key: str, value: str) -> None:
    if key not in KNOWN:
        raise KeyError(key)
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    merged = load_preferences(data_dir) | {key: value}
    tmp = data_dir / (FILE_NAME + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(merged, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, data_dir / FILE_NAME)
