"""The reader against the virtual card in-process (training mode's path, no PC/SC)."""

from __future__ import annotations

import io
import random

from PIL import Image

from card_reader.reader import AccessKey, ReadOptions, read_card
from card_reader.trust import TrustStore
from card_reader.virtual.card import VirtualCard
from card_reader.virtual.local import LocalTransport
from card_reader.virtual.profile import load_profile, preset_data


def _big_jpeg(path, size=40_000):
    """A noisy JPEG over `size` bytes, so DG2 runs past offset 0x7FFF."""
    rng = random.Random(3)
    side = 200
    while True:
        img = Image.frombytes("RGB", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side * 3)))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=90)
        if buf.tell() > size:
            path.write_bytes(buf.getvalue())
            return buf.getvalue()
        side += 40


def test_large_face_is_read_past_offset_0x7fff_with_b1(tmp_path):
    face = _big_jpeg(tmp_path / "face.jpg")
    data = preset_data("le-van-hung")
    data["face"] = str(tmp_path / "face.jpg")
    data["options"] = {**data.get("options", {}), "extended_length": False}
    profile = load_profile(data, tmp_path / "keys")
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "csca.der").write_bytes(profile.csca_cert_der)
    transports = []

    def connect():
        transports.append(LocalTransport(VirtualCard(profile)))
        return transports[-1]

    reading = read_card(connect, ReadOptions(key=AccessKey(profile.id_number),
                                             trust=TrustStore(tmp_path / "trust")))
    assert reading.face_image == face
    assert reading.passive_auth.passed
    odd_ins = [c for c in transports[-1].commands if c[1] == 0xB1]
    assert odd_ins, "offsets above 0x7FFF need READ BINARY B1"


def test_progress_is_reported_and_cancel_stops_the_read(tmp_path):
    import threading

    import pytest

    from card_reader.reader import Cancelled

    profile = load_profile(preset_data("le-van-hung"), tmp_path / "keys")
    steps = []
    reading = read_card(lambda: LocalTransport(VirtualCard(profile)),
                        ReadOptions(key=AccessKey(profile.id_number),
                                    progress=lambda step, f: steps.append((step, f))))
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert {"access", "DG2", "DG13", "verify"} <= {s for s, _ in steps}
    assert reading.full_name

    cancel = threading.Event()

    def on_progress(step, fraction):
        if step == "DG2":
            cancel.set()

    with pytest.raises(Cancelled):
        read_card(lambda: LocalTransport(VirtualCard(profile)),
                  ReadOptions(key=AccessKey(profile.id_number), progress=on_progress,
                              cancel=cancel))


class _BankCard:
    """A contactless card without the ICAO application (e.g. a bank card): every file and
    application is unknown to it."""

    atr = bytes.fromhex("3B8880014D4946415245320074")

    def transmit(self, command: bytes) -> bytes:
        return bytes.fromhex("6A82")


def test_a_card_without_the_icao_application_is_unsupported():
    import pytest

    from card_reader.errors import UnsupportedCardError

    key = AccessKey("038192900202", "921105", "321105")
    with pytest.raises(UnsupportedCardError, match="không phải thẻ căn cước"):
        read_card(_BankCard, ReadOptions(key=key))
