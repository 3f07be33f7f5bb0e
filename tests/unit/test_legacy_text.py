"""core.excel.legacy_text: TCVN3/VNI conversion and detection.

The encoders below are written independently of the module's tables: TCVN3 from the byte-order
code chart of TCVN 5712:1993 VN3 (runs of consecutive byte values), VNI from its composition
rules (base letter + mark byte), both as byte values decoded with Windows-1252 like a
spreadsheet reader does. The module stores letter-order glyph strings instead.
"""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.excel import legacy_text
from core.excel.legacy_text import LEGACY_ENCODINGS, convert, detect_legacy, looks_legacy

VOWELS = "aăâeêioôơuưy"
TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # -, huyền, hỏi, ngã, sắc, nặng
LOWER = [unicodedata.normalize("NFC", v + m) for v in VOWELS for m in TONE_MARKS] + ["đ"]
UPPER = [c.upper() for c in LOWER]
ALL_LETTERS = LOWER + UPPER
NON_ASCII = [c for c in ALL_LETTERS if not c.isascii()]

SAMPLES = [
    "Nguyễn Văn Đức",
    "Trần Thị Hương",
    "Thôn Đông Hòa, xã Quảng Ngọc, tỉnh Thanh Hóa",
    "Phường Nam Sầm Sơn",
    "Lưu Vệ",
    "Phạm Thị Thuý Hoà",
    "Lê Quốc Khánh",
    "Đặng Văn Ước",
    "Khu phố Nghĩa Trụ, phường Yên Nghĩa",
    "Bùi Thị Mỹ Duyên",
]


def _cp(byte: int) -> str:
    return bytes([byte]).decode("cp1252")


# --- TCVN3 encoder: code chart in byte order ---------------------------------------------------

_TCVN3_RUNS = (
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"),
    (0xB5, "àảãáạ"),
    (0xBB, "ằẳẵắ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xDC, "ĩíịò"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
)
TCVN3_ENC = {u: _cp(start + k) for start, run in _TCVN3_RUNS for k, u in enumerate(run)}


def tcvn3_encode(text: str) -> str:
    """Capital toned letters have no code: use the lowercase code (the .VnTimeH font's way)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch not in TCVN3_ENC and ch.lower() in TCVN3_ENC:
            ch = ch.lower()
        out.append(TCVN3_ENC.get(ch, ch))
    return "".join(out)


# --- VNI encoder: composition rules --------------------------------------------------------------

_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = TONE_MARKS[1:]
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_PLAIN = {"": None, _ACUTE: 0xF9, _GRAVE: 0xF8, _HOOK: 0xFB, _TILDE: 0xF5, _DOT: 0xEF}
_WITH_CIRC = {"": 0xE2, _ACUTE: 0xE1, _GRAVE: 0xE0, _HOOK: 0xE5, _TILDE: 0xE3, _DOT: 0xE4}
_WITH_BREVE = {"": 0xEA, _ACUTE: 0xE9, _GRAVE: 0xE8, _HOOK: 0xFA, _TILDE: 0xFC, _DOT: 0xEB}
_I_TONED = {_ACUTE: 0xED, _GRAVE: 0xEC, _HOOK: 0xE6, _TILDE: 0xF3, _DOT: 0xF2}


def _vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return _cp(0xF1 if ch == "đ" else 0xD1)
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if base.lower() not in "aeiouy" or not marks:
        return ch
    shape = next((m for m in marks if m in (_CIRC, _BREVE, _HORN)), "")
    tone = next((m for m in marks if m in TONE_MARKS[1:]), "")
    upper = base.isupper()
    codes: list[int] = []
    if shape == _HORN:
        codes.append(0xF4 if base.lower() == "o" else 0xF6)  # ơ, ư are single bytes
        if tone:
            codes.append(_PLAIN[tone])
        lead = ""
    elif base.lower() == "i" and tone:
        codes.append(_I_TONED[tone])
        lead = ""
    elif base.lower() == "y" and tone == _DOT:
        codes.append(0xEE)
        lead = ""
    else:
        lead = base
        table = {_CIRC: _WITH_CIRC, _BREVE: _WITH_BREVE}.get(shape, _PLAIN)
        codes.append(table[tone])
    if upper:
        codes = [c - 0x20 for c in codes]  # Latin-1 capitals sit 0x20 below the small letters
    return lead + "".join(map(_cp, codes))


def vni_encode(text: str) -> str:
    return "".join(_vni_letter(ch) for ch in unicodedata.normalize("NFC", text))


ENCODERS = {"tcvn3": tcvn3_encode, "vni": vni_encode}


def _is_nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


# --- the alphabet --------------------------------------------------------------------------------


def test_alphabet_has_134_non_ascii_letters_and_encoders_are_injective():
    assert LEGACY_ENCODINGS == ("tcvn3", "vni")
    assert len(TCVN3_CODELESS) == 60  # capital toned letters: no TCVN3 code of their own
    assert len(NON_ASCII) == 134
    assert len(set(map(tcvn3_encode, LOWER))) == len(LOWER)
    assert len(set(map(vni_encode, ALL_LETTERS))) == len(ALL_LETTERS)
    assert len(TCVN3_ENC) == 74  # 60 toned + ă â ê ô ơ ư đ + Ă Â Ê Ô Ơ Ư Đ


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_round_trip_every_letter(letter):
    encoded = vni_encode(letter)
    if not letter.isascii() and letter not in "ìíÌÍ":  # VNI keeps the Windows-1252 ì í
        assert encoded != letter
    assert convert(encoded, "vni") == letter


@pytest.mark.parametrize("letter", LOWER + ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"])
def test_tcvn3_round_trip_every_letter_with_a_code(letter):
    assert convert(tcvn3_encode(letter), "tcvn3") == letter


TCVN3_CODELESS = [c for c in UPPER if c.lower() in TCVN3_ENC and c not in TCVN3_ENC]


@pytest.mark.parametrize("letter", TCVN3_CODELESS)
def test_tcvn3_capital_toned_letters(letter):
    # Alone, the lowercase code can only give the lowercase letter (documented limit) ...
    assert convert(tcvn3_encode(letter), "tcvn3") == letter.lower()
    # ... but in a word typed in capitals the capital comes back.
    word = "TH" + letter + "N"
    assert convert(tcvn3_encode(word), "tcvn3") == word


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
@pytest.mark.parametrize("text", SAMPLES)
def test_round_trip_samples(encoding, text):
    encoded = ENCODERS[encoding](text)
    assert encoded != text
    assert not any(ord(c) > 0xFF for c in encoded)
    assert convert(encoded, encoding) == text
    assert convert(ENCODERS[encoding](text.upper()), encoding) == text.upper()


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_round_trip_nfd_source(encoding):
    text = "Nguyễn Thị Thuý Hoà"
    nfd = unicodedata.normalize("NFD", text)
    assert convert(ENCODERS[encoding](nfd), encoding) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALL_LETTERS + list("bcdghklmnpqrstvx0123456789 ,.-/"), max_size=40))
def test_vni_round_trip_any_text(text):
    assert convert(vni_encode(text), "vni") == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=LOWER + list("bcdghklmnpqrstvx0123456789 ,.-/"), max_size=40))
def test_tcvn3_round_trip_any_lowercase_text(text):
    assert convert(tcvn3_encode(text), "tcvn3") == text


# --- literal mojibake, known independently ------------------------------------------------------


@pytest.mark.parametrize("legacy, expected", [
    ("Ph¹m V¨n §øc", "Phạm Văn Đức"),
    ("NguyÔn", "Nguyễn"),
    ("Hµ Néi", "Hà Nội"),
    ("TiÕng ViÖt rÊt hay", "Tiếng Việt rất hay"),
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("M\xadêng Kh\xad¬ng", "Mường Khương"),
    ("Tr\xadêng THCS Qu¶ng Ngäc", "Trường THCS Quảng Ngọc"),
    ("NGUYÔN V¡N §øC", "NGUYỄN VĂN ĐỨC"),
])  # fmt: skip
def test_tcvn3_literals(legacy, expected):
    assert convert(legacy, "tcvn3") == expected


@pytest.mark.parametrize("legacy, expected", [
    ("Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức"),
    ("Haø Noäi", "Hà Nội"),
    ("Tieáng Vieät raát hay", "Tiếng Việt rất hay"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Tröôøng Sa", "Trường Sa"),
    ("Phaïm Thò Thuyû", "Phạm Thị Thuỷ"),
    ("Lyù Thaùi Toå, tænh Baéc Ninh", "Lý Thái Tổ, tỉnh Bắc Ninh"),
    ("NGUYEÃN VAÊN ÑÖÙC", "NGUYỄN VĂN ĐỨC"),
    ("Quaûng Ngaõi", "Quảng Ngãi"),
])  # fmt: skip
def test_vni_literals(legacy, expected):
    assert convert(legacy, "vni") == expected


# --- convert: what must not change ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
@pytest.mark.parametrize("text", [
    "", "Nguyen Van An", "001203004567", "12/03/1985", "Hello, world!",
    "Nguyễn Thị Thuý Hoà", "Đặng Văn Đức", "Thôn Đông Hòa, xã Quảng Ngọc",
])  # fmt: skip
def test_convert_leaves_ascii_and_unicode_alone(encoding, text):
    assert convert(text, encoding) == text
    nfd = unicodedata.normalize("NFD", text)
    assert convert(nfd, encoding) == text  # and the answer is NFC


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_convert_output_is_nfc(encoding):
    for text in SAMPLES + [s.upper() for s in SAMPLES]:
        out = convert(ENCODERS[encoding](text), encoding)
        assert _is_nfc(out), out
    assert _is_nfc(convert("e\u0301 Ph¹m", encoding))


def test_convert_rejects_unknown_encoding():
    with pytest.raises(ValueError):
        convert("Ph¹m", "viscii")


# --- detection -----------------------------------------------------------------------------------

UNICODE_CELLS = SAMPLES + [
    "Nguyễn Thị Thuý Hoà", "Đặng Văn Đức", "Hà Tây", "Lê Hoàng", "Hòa Bình", "Bé Tâm",
    "Số 12 đường Lê Lợi", "Nam", "Nữ", "Kinh", "Không",
]  # fmt: skip
FOREIGN_CELLS = [
    "Café Müller", "Zoë", "São Paulo", "François Hollande", "Jürgen Klopp", "Søren Kierkegaard",
    "Björk Guðmundsdóttir", "José María Gómez", "Crème brûlée", "naïve façade", "Smørrebrød",
    "Ångström", "Noël", "Gödel, Escher, Bach", "Düsseldorf", "Zürich", "München", "Straße",
    "Hôtel de Ville", "Côte d'Ivoire", "où est la gare", "le goût du thé", "Mañana", "Ñandú",
    "Hélène Dupré", "Raúl Peña", "Kraków", "Åsa Öberg", "Mäkinen", "dû sûr mûr", "maïs",
    "Lü Bu", "Tromsø", "Gérard Depardieu", "Renée Zellweger", "Chloë Grace", "Beyoncé",
]  # fmt: skip
PLAIN_CELLS = [
    "001203004567", "12/03/1985", "1985", "0912 345 678", "Nguyen Van An", "Ha Noi",
    "Total: 1,234.50", "ID-2024-0007", "hello world", "N/A", "x",
]  # fmt: skip


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_detect_legacy_samples(encoding):
    cells = [ENCODERS[encoding](s) for s in SAMPLES]
    assert detect_legacy(cells) == encoding
    assert detect_legacy(iter(cells)) == encoding  # any iterable, read once
    upper = [ENCODERS[encoding](s.upper()) for s in SAMPLES]
    assert detect_legacy(upper) == encoding
    # With numbers and ASCII cells around it, and non-string cells, still found.
    others: list = [None, 12, 3.5]
    assert detect_legacy(PLAIN_CELLS + cells + others) == encoding


@pytest.mark.parametrize("cells", [
    UNICODE_CELLS,
    [unicodedata.normalize("NFD", s) for s in UNICODE_CELLS],
    FOREIGN_CELLS,
    PLAIN_CELLS,
    UNICODE_CELLS + FOREIGN_CELLS + PLAIN_CELLS,
    [],
])  # fmt: skip
def test_detect_legacy_no_false_positive(cells):
    assert detect_legacy(cells) is None
    for cell in cells:
        if cell in SINGLE_CELL_LIMITS:
            continue
        assert looks_legacy(cell) is None, cell


# One cell is weak evidence: these read as TCVN3 ("Lỹ Bu") and only the sheet-level answer
# (which needs three words) keeps them apart.
SINGLE_CELL_LIMITS = {"Lü Bu"}


def test_single_cell_limits_are_real():
    assert all(looks_legacy(cell) == "tcvn3" for cell in SINGLE_CELL_LIMITS)
    assert detect_legacy(SINGLE_CELL_LIMITS) is None


def test_detect_legacy_literal_cells():
    assert detect_legacy(["Ph¹m V¨n §øc", "Hµ Néi", "NguyÔn ThÞ Lan"]) == "tcvn3"
    assert detect_legacy(["Nguyeãn Vaên Ñöùc", "Haø Noäi", "Traàn Thò Lan"]) == "vni"


def test_detect_legacy_needs_three_distinct_words():
    assert detect_legacy(["Hµ Néi"]) is None  # two words: not enough for a sheet
    assert detect_legacy(["Hµ Néi"] * 50) is None  # repeats are not new evidence
    assert detect_legacy(["Hµ Néi", "Ph¹m"]) == "tcvn3"
    assert detect_legacy(["Haø Noäi"] * 50) is None
    assert detect_legacy(["Haø Noäi", "Vaên"]) == "vni"


def test_mixed_sheet_reports_the_legacy_cells():
    # Chosen behaviour: Unicode cells are ignored, so a mostly-Unicode sheet with a couple of
    # legacy cells still reports the legacy encoding (they must not be imported as mojibake);
    # convert() leaves the Unicode cells as they are.
    unicode_cells = UNICODE_CELLS * 4
    legacy = ["NguyÔn V¨n §øc", "TrÇn ThÞ H\xad¬ng"]
    mixed = unicode_cells[:20] + legacy + unicode_cells[20:]
    assert detect_legacy(mixed) == "tcvn3"
    assert [convert(c, "tcvn3") for c in legacy] == ["Nguyễn Văn Đức", "Trần Thị Hương"]
    assert all(convert(c, "tcvn3") == c for c in unicode_cells if not c.isascii() and "Đ" in c)
    vni_legacy = ["Nguyeãn Vaên Ñöùc", "Traàn Thò Höông"]
    assert detect_legacy(unicode_cells + vni_legacy) == "vni"
    # One legacy cell of two words among Unicode cells is not enough evidence.
    assert detect_legacy(unicode_cells + ["Hµ Néi"]) is None
    # A legacy sheet with a few foreign words is still legacy...
    tcvn3_sheet = [tcvn3_encode(s) for s in SAMPLES]
    assert detect_legacy(tcvn3_sheet + ["Café Müller", "São Paulo", "Zoë"]) == "tcvn3"
    # ...but a few legacy-looking words inside lots of foreign text do not make a sheet legacy.
    assert detect_legacy(FOREIGN_CELLS + ["Hµ"]) is None


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_encodings_are_not_confused(encoding):
    other = "vni" if encoding == "tcvn3" else "tcvn3"
    for text in SAMPLES:
        cell = ENCODERS[encoding](text)
        assert looks_legacy(cell) == encoding, cell
        assert looks_legacy(cell) != other


@pytest.mark.parametrize("cell, expected", [
    ("Ph¹m V¨n §øc", "tcvn3"),
    ("NguyÔn", "tcvn3"),  # one word: one fixed word is enough
    ("Nguyeãn Vaên Ñöùc", "vni"),
    ("Haø Noäi", "vni"),
    ("An B×nh", "tcvn3"),  # one fixed word, and every word is Vietnamese afterwards
    ("Tr\xadêng THCS NguyÔn Du", "tcvn3"),
    ("NguyÔn Smith", None),  # half of the words stay foreign: too weak for a single cell
    ("An Cö", None),  # "An Cư" (VNI) or "An Cử" (TCVN3): both read equally well
    ("où est la gare", None),
    ("Nguyễn Văn Đức", None),
    ("Lê Hoàng", None),
    ("Café Müller", None),
    ("12/03/1985", None),
    ("", None),
])  # fmt: skip
def test_looks_legacy(cell, expected):
    assert looks_legacy(cell) == expected


def test_convert_cell_keeps_cells_that_already_read_as_vietnamese():
    """A sheet detected as VNI may still hold cells typed later in Unicode."""
    assert legacy_text.convert_cell("Lê Hoàng", "vni") == "Lê Hoàng"
    assert legacy_text.convert_cell("Hoaøng Vaên", "vni") == "Hoàng Văn"
    assert legacy_text.convert_cell("Ph¹m V¨n §øc", "tcvn3") == "Phạm Văn Đức"
    assert legacy_text.convert_cell("Thôn Đông Hòa", "tcvn3") == "Thôn Đông Hòa"
