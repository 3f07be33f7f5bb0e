import random
import sqlite3
import time
import unicodedata

import pytest

from core import demo_names
from core.excel.legacy_text import convert as convert_legacy
from core.excel.legacy_text import detect_legacy, looks_legacy
from core.text import (
    LEVEL_SEP,
    canonical_tones,
    fold,
    fold_tokens,
    name_key,
    nfc,
    nfc_or_none,
    person_sort_key,
    vn_sort_key,
)


def _is_nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


# --- nfc ---------------------------------------------------------------------------------------


def test_nfc_composes_decomposed_input_and_collapses_spaces():
    decomposed = "  Nguye\u0302\u0303n \t Va\u0306n\u00a0 \u0110u\u031b\u0301c  "
    assert nfc(decomposed) == "Nguyễn Văn Đức"
    assert len(nfc("e\u0323\u0302")) == 1  # ệ, marks in either order compose


def test_nfc_or_none():
    assert nfc_or_none(None) is None
    assert nfc_or_none("   ") is None
    assert nfc_or_none(" Hoa\u0300 ") == "Hoà"


# --- fold --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đặng Văn Đức", "dang van duc"),
        ("ĐỖ THỊ ẢNH", "do thi anh"),
        ("đ Đ", "d d"),
        ("Ệ ẫ ặ ự ỡ ỵ", "e a a u o y"),  # stacked marks
        ("Nguye\u0302\u0303n", "nguyen"),  # decomposed input
        ("e\u0323\u0302 o\u031b\u0300", "e o"),  # decomposed, non-canonical mark order
        ("  Trần\t\tThị   Bích  ", "tran thi bich"),
        ("Hồ Chí Minh-2024", "ho chi minh-2024"),
        ("Straße", "strasse"),  # non-Vietnamese letters go through the slow path
        ("", ""),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_fold_matches_reference_definition_on_vocabulary():
    def reference(s):
        d = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
        d = "".join(c for c in d if not unicodedata.combining(c))
        return " ".join(d.casefold().split())

    words = set()
    for w in (
        demo_names.SURNAMES,
        demo_names.MALE_MIDDLE,
        demo_names.FEMALE_MIDDLE,
        demo_names.MALE_GIVEN,
        demo_names.FEMALE_GIVEN,
        demo_names.HAMLETS,
    ):
        words.update(w.values)
    for word in words:
        assert fold(word) == reference(word), word
        assert fold(word.upper()) == reference(word), word
        assert fold(unicodedata.normalize("NFD", word)) == reference(word), word


def test_fold_tokens():
    assert fold_tokens("Lê Thị Hồng-Nhung (2)") == ["le", "thi", "hong", "nhung", "2"]
    assert fold_tokens("  ") == []
    assert fold_tokens("Thôn_Đông") == ["thon", "dong"]


# --- canonical_tones / name_key ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Hoà", "Hòa"),
        ("Hòa", "Hòa"),
        ("Thuý", "Thúy"),
        ("Thúy", "Thúy"),
        ("Thuỷ", "Thủy"),
        ("Khoẻ", "Khỏe"),
        ("Khoá", "Khóa"),
        ("Hoạ", "Họa"),
        ("Uỷ", "Ủy"),
        ("HOÀ", "HÒA"),
        ("Quý", "Quý"),  # qu + y: the tone is on y
        ("Qúy", "Quý"),  # misplaced on the u of "qu"
        ("Quỳnh", "Quỳnh"),
        ("Quả", "Quả"),
        ("Giàu", "Giàu"),  # gi + au
        ("Gìau", "Giàu"),
        ("gì", "gì"),  # gi without another vowel: i is the vowel
        ("Hoàng", "Hoàng"),  # final consonant: last vowel
        ("Huỳnh", "Huỳnh"),
        ("Toán", "Toán"),
        ("Nguyễn", "Nguyễn"),
        ("Người", "Người"),
        ("Hoài", "Hoài"),  # three vowels: middle
        ("Khuỷu", "Khuỷu"),
        ("Mùa", "Mùa"),
        ("Giữa", "Giữa"),
        ("H'Hen Niê", "H'Hen Niê"),  # not Vietnamese syllables: untouched
    ],
)
def test_canonical_tones(variant, canonical):
    assert canonical_tones(variant) == canonical
    assert _is_nfc(canonical_tones(variant))


def test_canonical_tones_keeps_other_text_and_handles_decomposed_input():
    assert canonical_tones("Nguyễn Thị Hoà, thôn Thuý-Hoà") == "Nguyễn Thị Hòa, thôn Thúy-Hòa"
    assert canonical_tones(unicodedata.normalize("NFD", "Lê Thuý")) == "Lê Thúy"


def test_name_key_equal_only_for_tone_placement_spacing_and_case():
    assert name_key("  NGUYỄN  thị HOÀ ") == name_key("Nguyễn Thị Hòa")
    assert name_key("Lê Thuý Quỳnh") == name_key("lê thúy quỳnh")
    assert name_key(unicodedata.normalize("NFD", "Đặng Khoẻ")) == name_key("đặng khỏe")
    assert name_key("Nguyễn Thị Hoa") != name_key("Nguyễn Thị Hòa")  # a different name
    assert name_key("Lê Văn Đức") != name_key("Lê Văn Dức")
    assert name_key("Trần Văn Anh") != name_key("Trần Văn Ánh")
    assert name_key("Lê Thị Hoà") == "lê thị hòa"


# --- collation ---------------------------------------------------------------------------------


def _vn_sorted(items):
    return sorted(items, key=vn_sort_key)


def test_vn_sort_key_alphabet_and_tones():
    expected = ["an", "anh", "ăn", "âm", "ba"]
    assert _vn_sorted(reversed(expected)) == expected
    assert _vn_sorted(["Đào", "Dương"]) == ["Dương", "Đào"]
    expected = ["Lan", "Làn", "Lản", "Lãn", "Lán", "Lạn"]
    assert _vn_sorted(reversed(expected)) == expected
    # base letters over the whole string first, tones only break ties
    assert _vn_sorted(["Lán", "Lanh"]) == ["Lán", "Lanh"]
    # case is the last level, lower first
    assert _vn_sorted(["An", "an", "àn"]) == ["an", "An", "àn"]
    # words compare word by word
    assert _vn_sorted(["Lê Anh", "Lê An Bình"]) == ["Lê An Bình", "Lê Anh"]
    # numbers by value
    assert _vn_sorted(["Thôn 10", "Thôn 2", "Thôn Yên", "Thôn 1"]) == [
        "Thôn 1", "Thôn 2", "Thôn 10", "Thôn Yên"
    ]  # fmt: skip


def test_vn_sort_key_is_placement_and_normalisation_insensitive():
    assert vn_sort_key("Hoà") == vn_sort_key("Hòa")
    assert vn_sort_key(unicodedata.normalize("NFD", "Đặng  Thuý")) == vn_sort_key("Đặng Thúy")


EXPECTED_15 = [
    "Bùi Thị Lan",
    "Dương Văn Minh",
    "Đào Duy Anh",
    "Đặng Văn Lâm",
    "Hà Văn Chung",
    "Hoàng Văn Ân",
    "Hồ Thị Hoa",
    "Lê Văn An",
    "Lê Văn Anh",
    "Lê Văn Ân",
    "Ngô Thị Bích",
    "Nguyễn Thị Anh",
    "Nguyễn Thị Ánh",
    "Phạm Văn Dũng",
    "Phạm Văn Đức",
]


def test_vn_sort_key_shuffled_names():
    for seed in range(5):
        names = EXPECTED_15[:]
        random.Random(seed).shuffle(names)
        assert _vn_sorted(names) == EXPECTED_15


def test_vn_sort_key_binary_order_in_sqlite():
    names = EXPECTED_15[:]
    random.Random(1).shuffle(names)
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE p (name TEXT, sort_key TEXT)")
    con.execute("CREATE INDEX p_sort ON p (sort_key)")
    con.executemany("INSERT INTO p VALUES (?, ?)", [(n, vn_sort_key(n)) for n in names])
    rows = [r[0] for r in con.execute("SELECT name FROM p ORDER BY sort_key")]
    assert rows == EXPECTED_15


def test_level_separator_sorts_below_every_weight():
    vocab = set()
    for w in (
        demo_names.SURNAMES,
        demo_names.MALE_GIVEN,
        demo_names.FEMALE_GIVEN,
        demo_names.HAMLETS,
        demo_names.ETHNICITIES,
    ):
        vocab.update(w.values)
    for word in vocab:
        key = vn_sort_key(word)
        assert key.count(LEVEL_SEP) == 2
        assert min(key.replace(LEVEL_SEP, "")) > LEVEL_SEP, word


def test_person_sort_key_orders_by_given_name_first():
    people = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Anh", "Phạm Thị An", "Đỗ Văn Ân"]
    assert sorted(people, key=person_sort_key) == [
        "Phạm Thị An",
        "Trần Thị An",
        "Lê Văn Anh",
        "Đỗ Văn Ân",
        "Nguyễn Văn Bình",
    ]
    assert person_sort_key("  Lê   Hoà ") == person_sort_key("Lê Hòa")
    assert person_sort_key("Ân") > person_sort_key("Zô An")  # one-word names work too


# --- legacy encodings (core.excel.legacy_text; more in test_legacy_text.py) --------------------------------------------------------------------------

TCVN3_SAMPLES = [
    ("NguyÔn ThÞ H\u00ad¬ng", "Nguyễn Thị Hương"),
    ("TrÇn V¨n Hïng", "Trần Văn Hùng"),
    ("§Æng Quèc B¶o", "Đặng Quốc Bảo"),
    ("Lª ThÞ Thóy", "Lê Thị Thúy"),
    ("Ph¹m §øc Th¾ng", "Phạm Đức Thắng"),
    ("Hoµng Minh Qu©n", "Hoàng Minh Quân"),
    ("§ç Xu©n Tr\u00adêng", "Đỗ Xuân Trường"),
]

VNI_SAMPLES = [
    ("Nguyeãn Thò Höông", "Nguyễn Thị Hương"),
    ("Traàn Vaên Huøng", "Trần Văn Hùng"),
    ("Ñaëng Quoác Baûo", "Đặng Quốc Bảo"),
    ("Leâ Thò Thuùy", "Lê Thị Thúy"),
    ("Phaïm Ñöùc Thaéng", "Phạm Đức Thắng"),
    ("Hoaøng Minh Quaân", "Hoàng Minh Quân"),
    ("NGUYEÃN VAÊN ÑÖÙC", "NGUYỄN VĂN ĐỨC"),
    ("Ngöôøi Vieät Nam", "Người Việt Nam"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_SAMPLES)
def test_tcvn3_detect_and_convert(legacy, unicode):
    assert looks_legacy(legacy) == "tcvn3"
    assert convert_legacy(legacy, "tcvn3") == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_SAMPLES)
def test_vni_detect_and_convert(legacy, unicode):
    assert looks_legacy(legacy) == "vni"
    assert convert_legacy(legacy, "vni") == unicode


def test_legacy_column_sample_and_passthrough():
    column = [legacy for legacy, _ in TCVN3_SAMPLES] + ["12/05/1987; Th«n 3"]
    assert detect_legacy(column) == "tcvn3"
    assert convert_legacy(column[-1], "tcvn3") == "12/05/1987; Thôn 3"
    with pytest.raises(ValueError):
        convert_legacy("x", "viscii")


def test_legacy_needs_strong_evidence():
    assert detect_legacy(["Nguyeãn"]) is None  # one word is not enough for a sheet
    assert looks_legacy("Nguyeãn Nguyễn Vaên") is None  # real Unicode present


FIFTY_NAMES = [
    "Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Long", "Phạm Thị Thu Hà", "Hoàng Văn Đức",
    "Huỳnh Thị Ngọc Ánh", "Phan Văn Tài", "Vũ Thị Hương", "Võ Minh Khôi", "Đặng Thị Lan",
    "Bùi Quang Huy", "Đỗ Thị Mai", "Hồ Văn Hùng", "Ngô Thị Nga", "Dương Văn Dũng",
    "Lý Thị Thúy", "Trịnh Đình Quân", "Mai Thị Hoà", "Đinh Văn Lâm", "Đào Thị Quỳnh",
    "Lương Văn Đạt", "Hà Thị Huyền", "Cao Văn Sơn", "Lại Thị Yến", "Tạ Văn Toàn",
    "Quách Thị Hằng", "Phùng Văn Thắng", "Lò Văn Chiến", "Lê Hoà", "Châu Thúy Vy",
    "Hà Hoàng Lê", "Lê Châu Hà", "Tô Hoài", "Lê Thành Tâm", "Hoàng Hà My",
    "Trần Hoà Bình", "Lê Thị Thu Hoài", "Hà Anh Tú", "Lê Văn Tám", "Nguyễn Thị Thủy",
    "Lê Hà Vy", "Hoàng Lê Châu", "Mai Anh Tú", "Châu Văn Tài", "Lê Ánh Dương",
    "Hà Minh Châu", "Phan Thị Thuý", "Vi Thị Hoà", "Hà Thị Lý", "Y Moan Ksor",
]  # fmt: skip

ENGLISH_AND_EUROPEAN = [
    "The quick brown fox jumps over the lazy dog",
    "Café crème brûlée, naïve résumé, déjà vu",
    "Müller Köln Straße Göteborg Åsa Ærø Øst",
    "España Peña Núñez São Paulo façade",
    "© 2024 Company® – price £5 · 10% ½ off",
]


def test_no_false_positive_on_normal_text():
    for name in FIFTY_NAMES:
        assert looks_legacy(name) is None, name
    assert looks_legacy("\n".join(FIFTY_NAMES)) is None
    for text in ENGLISH_AND_EUROPEAN:
        assert looks_legacy(text) is None, text
    assert looks_legacy("\n".join(ENGLISH_AND_EUROPEAN)) is None


def test_no_false_positive_on_latin1_only_vietnamese_names():
    # Unicode names made only of Latin-1 characters are the hardest case: they contain
    # à á â ê ô ú... like the mojibake does.
    rng = random.Random(7)
    pool = demo_names
    latin1 = []
    while len(latin1) < 300:
        name = demo_names.full_name(
            pool.SURNAMES.pick(rng), pool.FEMALE_MIDDLE.pick(rng), pool.FEMALE_GIVEN.pick(rng)
        )
        if all(ord(c) < 0x100 for c in name):
            latin1.append(name)
    for name in latin1:
        assert looks_legacy(name) is None, name
    assert looks_legacy("\n".join(latin1)) is None


# --- speed (informational) ---------------------------------------------------------------------


def test_fold_speed_report():
    rng = random.Random(3)
    names = [
        demo_names.full_name(
            demo_names.SURNAMES.pick(rng),
            demo_names.MALE_MIDDLE.pick(rng),
            demo_names.MALE_GIVEN.pick(rng),
        )
        for _ in range(100_000)
    ]
    for fn in (fold, name_key, person_sort_key):
        t0 = time.perf_counter()
        for n in names:
            fn(n)
        dt = time.perf_counter() - t0
        print(f"{fn.__name__}: {dt / len(names) * 1e6:.2f} us/name over {len(names)} names")
    assert fold(names[0]).isascii()


# --- demo vocabulary ---------------------------------------------------------------------------


def test_demo_names_are_clean_weighted_lists():
    lists = [
        getattr(demo_names, n)
        for n in (
            "SURNAMES",
            "MALE_MIDDLE",
            "FEMALE_MIDDLE",
            "MALE_GIVEN",
            "FEMALE_GIVEN",
            "ETHNICITIES",
            "RELIGIONS",
            "HAMLETS",
            "RELATIONSHIPS",
        )
    ]
    for w in lists:
        assert len(w.values) == len(w.cum_weights) == len(set(w.values))
        assert all(b > a for a, b in zip(w.cum_weights, w.cum_weights[1:], strict=False))
        for v in w.values:
            assert v == nfc(v) and _is_nfc(v), v
    assert demo_names.SURNAMES.values[0] == "Nguyễn"
    assert 0.35 < demo_names.SURNAMES.cum_weights[0] / demo_names.SURNAMES.total < 0.42
    assert len(demo_names.MALE_GIVEN.values) >= 75 and len(demo_names.FEMALE_GIVEN.values) >= 75
    assert set(demo_names.RELATIONSHIPS.values) | {demo_names.RELATIONSHIP_HEAD} == set(
        demo_names.RELATIONSHIP_SEX
    )
    rng1, rng2 = random.Random(5), random.Random(5)
    assert demo_names.SURNAMES.sample(rng1, 50) == demo_names.SURNAMES.sample(rng2, 50)
