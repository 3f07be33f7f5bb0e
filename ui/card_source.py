"""Where a card read comes from: a PC/SC reader, or a training card ("thẻ mô phỏng") read in
process through the same reader code. Both run off the GUI thread and return the reading as
the CardReading JSON dict (plus the face image bytes, kept apart from the dict).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from card_reader.errors import CardError
from card_reader.reader import AccessKey, ReadOptions, read_card
from card_reader.trust import TrustStore

Progress = Callable[[str, float], None]
_training_lock = threading.Lock()
_training: dict[str, tuple] = {}  # preset -> (profile, trust): keys are generated once


def mrz_date(ddmmyyyy: str | None) -> str | None:
    """"17/05/1990" → "900517" (BAC wants the MRZ's YYMMDD); "không thời hạn" → "991231"."""
    from core.text import fold

    if fold(ddmmyyyy or "") == "khong thoi han":
        return "991231"  # what cards without expiry carry in the MRZ (DOMAIN.md §4)
    parts = (ddmmyyyy or "").strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    return f"{parts[2][2:]}{int(parts[1]):02d}{int(parts[0]):02d}"


def read_real(id_number: str, dob: str | None, expiry: str | None, data_dir: Path,
              progress: Progress, cancel: threading.Event,
              reader: str | None = None) -> tuple[dict, bytes | None]:
    from card_reader.pcsc import Connection

    options = ReadOptions(key=AccessKey(id_number, mrz_date(dob), mrz_date(expiry)),
                          trust=TrustStore.bundled(data_dir / "trust"), progress=progress,
                          cancel=cancel)
    reading = read_card(lambda: Connection(reader), options)
    data = reading.to_json_dict()
    data["reader_name"] = reader or "PC/SC"
    return data, reading.face_image


def training_presets() -> list[str]:
    from card_reader.virtual.profile import preset_names

    return preset_names()


def _training_card(preset: str):
    from card_reader.virtual.profile import load_preset

    with _training_lock:
        if preset not in _training:
            keys = Path(tempfile.gettempdir()) / "xaso-training-keys"
            profile = load_preset(preset, keys)
            trust_dir = Path(tempfile.mkdtemp(prefix="xaso-training-trust-"))
            (trust_dir / "training-csca.der").write_bytes(profile.csca_cert_der)
            _training[preset] = (profile, TrustStore(trust_dir))
        return _training[preset]


def read_training(preset: str, progress: Progress,
                  cancel: threading.Event) -> tuple[dict, bytes | None]:
    """Read a simulated resident's card: the whole reader path, no hardware."""
    from card_reader.virtual.card import VirtualCard
    from card_reader.virtual.local import LocalTransport

    profile, trust = _training_card(preset)
    person = profile.person
    key = AccessKey(person.id_number)
    if not profile.options.pace:  # a BAC-only card: the MRZ dates, as the officer would type
        key = AccessKey(person.id_number, *profile.bac_key[1:])
    reading = read_card(lambda: LocalTransport(VirtualCard(profile)),
                        ReadOptions(key=key, trust=trust, progress=progress, cancel=cancel))
    data = reading.to_json_dict()
    data["reader_name"] = "thẻ mô phỏng"
    data["training"] = True
    return data, reading.face_image


__all__ = ["CardError", "read_real", "read_training", "training_presets", "mrz_date"]
