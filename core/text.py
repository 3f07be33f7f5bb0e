"""Vietnamese text helpers: normalisation, search folding, tone canonicalisation, collation keys
and detection/conversion of legacy 8-bit encodings (TCVN3/ABC, VNI-Windows).

Standard library only (core layer rule). Everything here runs on every imported or generated
name, so the hot paths use precomputed tables and per-word caches: personal names are built
from a vocabulary of a few thousand syllables, which makes word-level caching very effective.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

__all__ = [
    "LEVEL_SEP",
    "PERSON_SEP",
    "canonical_tones",
    "fold",
    "fold_tokens",
    "name_key",
    "nfc",
    "nfc_or_none",
    "person_sort_key",
    "vn_sort_key",
]

_normalize = unicodedata.normalize
_is_normalized = unicodedata.is_normalized

# ---------------------------------------------------------------------------------------------
# Tones
# ---------------------------------------------------------------------------------------------

# Tone numbers double as secondary collation weights:
# none < huyền (grave) < hỏi (hook) < ngã (tilde) < sắc (acute) < nặng (dot below).
TONE_NONE, TONE_HUYEN, TONE_HOI, TONE_NGA, TONE_SAC, TONE_NANG = range(6)
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_MARK_TONE = {m: t for t, m in enumerate(_TONE_MARKS) if m}

_BASE_VOWELS = "aăâeêioôơuưy"
_TONED: dict[str, tuple[str, int]] = {}  # toned vowel -> (toneless vowel, tone)
_WITH_TONE: dict[tuple[str, int], str] = {}  # (toneless vowel, tone) -> toned vowel
for _v in _BASE_VOWELS + _BASE_VOWELS.upper():
    for _t, _m in enumerate(_TONE_MARKS):
        _c = _normalize("NFC", _v + _m)
        assert len(_c) == 1, _c  # every Vietnamese toned vowel has a precomposed form
        _WITH_TONE[(_v, _t)] = _c
        if _t:
            _TONED[_c] = (_v, _t)
del _v, _t, _m, _c

# ---------------------------------------------------------------------------------------------
# NFC
# ---------------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    """Unicode NFC, stripped, internal whitespace runs collapsed to one space."""
    # Fast path (imports call this millions of times): text already clean is returned as is.
    # Every whitespace but the ASCII space is non-printable, so a printable string without
    # leading, trailing or double spaces has nothing to collapse.
    if (_is_normalized("NFC", s) and s.isprintable() and "  " not in s
            and s[:1] != " " and s[-1:] != " "):
        return s
    return " ".join(_normalize("NFC", s).split())


def nfc_or_none(s: str | None) -> str | None:
    """nfc() that passes None through and turns blank input into None (store NULL, not '')."""
    if s is None:
        return None
    r = nfc(s)
    return r or None


# ---------------------------------------------------------------------------------------------
# Folding (search keys)
# ---------------------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Every precomposed Latin letter whose NFD is an ASCII letter + combining marks folds to
    # that letter; this covers all Vietnamese letters except đ, which has no decomposition.
    for cp in chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        d = _normalize("NFD", chr(cp))
        if (
            len(d) > 1
            and d[0].isascii()
            and d[0].isalpha()
            and all(map(unicodedata.combining, d[1:]))
        ):
            table[cp] = d[0].lower()
    table[ord("đ")] = table[ord("Đ")] = "d"
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    for cp in range(0x300, 0x370):  # stray combining marks from decomposed input
        table[cp] = None
    return table


_FOLD_TABLE = _build_fold_table()


def _fold_slow(t: str) -> str:
    # Rare path: letters the table does not know (ß, ø, Greek, CJK, ...).
    d = _normalize("NFD", t)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return d.casefold().translate(_FOLD_TABLE)


@lru_cache(maxsize=16384)
def _fold_token(tok: str) -> str:
    t = tok.translate(_FOLD_TABLE)
    return t if t.isascii() else _fold_slow(t)


def fold(s: str) -> str:
    """Diacritic-insensitive search key: "Đặng  Văn Đức" -> "dang van duc".

    Equivalent to NFD, dropping combining marks, mapping đ/Đ to d, casefold and collapsing
    whitespace, but done with one translate table for the usual (Vietnamese/Latin) case and
    cached per word (names reuse a small vocabulary).
    """
    r = " ".join(map(_fold_token, s.split()))
    if "  " in r or r[:1] == " " or r[-1:] == " ":  # a word made only of stray marks
        r = " ".join(r.split())
    return r


_TOKEN_RE = re.compile(r"[^\W_]+")


def fold_tokens(s: str) -> list[str]:
    """Alphanumeric tokens of fold(s): "Lê Thị Hồng-Nhung (2)" -> ["le", "thi", "hong", "nhung", "2"]."""
    return _TOKEN_RE.findall(fold(s))


# ---------------------------------------------------------------------------------------------
# Syllable structure (shared by tone canonicalisation and legacy-encoding detection)
# ---------------------------------------------------------------------------------------------

_VOWELS = frozenset(_BASE_VOWELS)
_SHAPED = frozenset("ăâêôơư")  # vowels carrying a breve, circumflex or horn
# Longest first so that "ngh" wins over "ng" and "n", "nh" over "n", etc.
_INITIALS = (
    "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
_FINALS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi "
    "ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "iêu yêu oai oay oeo uây uôi uya uyê uyu ươi ươu".split()
)


def _nucleus_span(base: str) -> tuple[int, int] | None:
    """(start, end) of the vowel nucleus of a lowercase toneless syllable, None if not one."""
    n = len(base)
    i = 0
    for ini in _INITIALS:
        if base.startswith(ini):
            i = len(ini)
            break
    if i == 2 and base[1] in "iu" and base[0] in "gq" and (n == 2 or base[2] not in _VOWELS):
        # "gi"/"qu" are clusters only before another vowel: "gì", "gìn" keep i as the vowel.
        if base[0] == "q":
            return None
        i = 1
    j = i
    while j < n and base[j] in _VOWELS:
        j += 1
    if j == i or base[i:j] not in _NUCLEI or base[j:] not in _FINALS:
        return None
    return i, j


def _tone_index(base: str, i: int, j: int) -> int:
    """Index in `base` of the vowel that carries the tone (see canonical_tones)."""
    for k in range(j - 1, i - 1, -1):
        if base[k] in _SHAPED:
            return k
    if j < len(base) or j - i == 1:
        return j - 1
    if j - i == 3:
        return i + 1
    return i


def _strip_tones(word: str) -> tuple[str, int, int] | None:
    """(toneless word, tone, index of toned letter); None when several letters carry a tone."""
    tone = 0
    pos = -1
    for k, ch in enumerate(word):
        tv = _TONED.get(ch)
        if tv is not None:
            if tone:
                return None
            tone, pos = tv[1], k
    if not tone:
        return word, 0, -1
    return word[:pos] + _TONED[word[pos]][0] + word[pos + 1 :], tone, pos


def _is_vn_syllable(word: str) -> bool:
    """True if `word` (NFC) is shaped like one Vietnamese syllable."""
    st = _strip_tones(word.lower())
    return st is not None and _nucleus_span(st[0]) is not None


# ---------------------------------------------------------------------------------------------
# Tone placement
# ---------------------------------------------------------------------------------------------


def _canon_word(word: str) -> str:
    st = _strip_tones(word)
    if st is None or not st[1]:
        return word
    base, tone, pos = st
    lower = base.lower()
    if len(lower) != len(base):
        return word
    span = _nucleus_span(lower)
    if span is None:
        return word  # not a Vietnamese syllable (ethnic-minority or foreign name): keep
    k = _tone_index(lower, *span)
    if k == pos:
        return word
    return base[:k] + _WITH_TONE[(base[k], tone)] + base[k + 1 :]


_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=16384)
def _canon_token(tok: str) -> str:
    if tok.isalpha():
        return _canon_word(tok)
    return _LETTER_RUN_RE.sub(lambda m: _canon_word(m.group()), tok)


def canonical_tones(s: str) -> str:
    """Put every tone mark where the traditional placement rule puts it; output NFC.

    Vietnamese has two conventions for the tone mark of the open syllables "oa", "oe", "uy":
    on the first vowel (hòa, khỏe, thúy; "kiểu cũ", used by most official datasets, e.g. the
    province names "Thanh Hóa", "Khánh Hòa") or on the second (hoà, khoẻ, thuý; "kiểu mới" of
    the 1980s school reform). Both are correct and both occur, so "Hoà" and "Hòa" must compare
    equal. We map to the first convention: oà→òa, oá→óa, oả→ỏa, oã→õa, oạ→ọa, oè→òe,
    uý→úy, uỳ→ùy, ... . Every other syllable is spelled the same way under both conventions.

    Rule applied per syllable (after stripping its single tone mark):
      1. Initial consonants are skipped, including the clusters "qu" and "gi": their u/i is
         part of the consonant, never the vowel ("Quý", "Quỳnh", "quả", "Giàu", "giữa"), except
         "gi" with no other vowel ("gì", "gìn") where i is the vowel.
      2. If the nucleus has a vowel with breve, circumflex or horn (ă â ê ô ơ ư), the tone
         goes on it, on the last one for "ươ" ("người", "được", "Nguyễn", "thuở").
      3. Else if a final consonant follows, the tone goes on the last vowel ("Hoàng",
         "Huỳnh", "toán", "quýt").
      4. Else: single vowel -> that vowel; three vowels -> the middle one ("hoài", "khuỷu");
         two vowels -> the first one ("hòa", "thúy", "khỏe", "mùa", "mía", "tài").

    Misplaced marks ("Qúy", "hoà", "gìau") are moved as well. Words that are not single
    Vietnamese syllables (several tone marks, unknown letter patterns such as "H'Hen" or
    "Ksor") are left untouched. Case is preserved.
    """
    return " ".join(map(_canon_token, _normalize("NFC", s).split(" ")))


@lru_cache(maxsize=16384)
def _name_key_token(tok: str) -> str:
    return _normalize("NFC", _canon_token(tok).casefold())


def name_key(s: str) -> str:
    """Comparison key keeping diacritics: NFC, canonical tone placement, casefold, spaces
    collapsed. Two names with equal keys differ only in tone placement, spacing or case."""
    return " ".join(map(_name_key_token, _normalize("NFC", s).split()))


def search_key(s: str) -> str:
    """Folded tokens joined by single spaces: what person search indexes and compares.

    FTS5 splits on the same non-alphanumerics, so a name matches exactly when
    search_key(name) == search_key(query), and a token prefix when ' tok' occurs in
    ' ' + search_key(name).
    """
    return " ".join(fold_tokens(s))


# ---------------------------------------------------------------------------------------------
# Collation
# ---------------------------------------------------------------------------------------------

# Key layout: primary weights + LEVEL_SEP + tone weights + LEVEL_SEP + case weights.
# Every weight character sorts above LEVEL_SEP, so a string that is a prefix of another
# ("an"/"anh") sorts first; binary (code point / UTF-8 byte) order of keys is the collation.
PERSON_SEP = "\x01"
LEVEL_SEP = "\x02"
_WORD_W = "\x03"  # whitespace: below every other primary weight, so word-by-word order
# Weights are single ASCII bytes wherever possible: the key is stored in an index that search
# walks in order, so every byte saved is a page less to decrypt.
_SYMBOL_W = "\x04"  # prefix for punctuation/symbols (rare in names): below digits and letters
_DIGITS_W = 0x05  # chr(_DIGITS_W + len) + digits: numbers compare by value ("Thôn 2" < "Thôn 10")
_MAX_DIGITS = 0x3B  # run lengths above this share one weight (chr(0x40) stays below letters)
_LETTER_W = 0x41  # 33 letters: "A" … "a"
_OTHER_LETTER_W = "\x7e"  # prefix for letters outside the Vietnamese/Latin alphabet
_TONE_W = "012345"
_CASE_W = ("0", "1")  # lower before upper

# Vietnamese alphabet; f j w z (foreign words) slotted in Latin order.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_SORT_LETTER: dict[str, tuple[str, int, str]] = {}  # char -> (primary, tone, case)
for _idx, _letter in enumerate(_ALPHABET):
    _p = chr(_LETTER_W + _idx)
    for _ch, _case in ((_letter, _CASE_W[0]), (_letter.upper(), _CASE_W[1])):
        _SORT_LETTER[_ch] = (_p, 0, _case)
        if _letter in _VOWELS:
            for _t in range(1, 6):
                _SORT_LETTER[_WITH_TONE[(_ch, _t)]] = (_p, _t, _case)
del _idx, _letter, _p, _ch, _case, _t


def _slow_letter_info(ch: str) -> tuple[str, int, str] | None:
    # Latin letters with non-Vietnamese marks (ñ, ü, ç...) sort with their base letter.
    d = _normalize("NFD", ch)
    info = _SORT_LETTER.get(d[0])
    if info is None or len(d) == 1:
        return None
    tone = next((_MARK_TONE[m] for m in d[1:] if m in _MARK_TONE), info[1])
    return info[0], tone, info[2]


@lru_cache(maxsize=32768)
def _sort_parts(tok: str) -> tuple[str, str, str]:
    """(primary, tone, case) weights of one whitespace-free NFC token."""
    p: list[str] = []
    t: list[str] = []
    c: list[str] = []
    run_tone = -1  # tone of the current letter run (one per syllable, placement-insensitive)
    i, n = 0, len(tok)
    while i < n:
        ch = tok[i]
        info = _SORT_LETTER.get(ch)
        if info is None and ch.isalpha():
            info = _slow_letter_info(ch)
        if info is not None:
            p.append(info[0])
            c.append(info[2])
            if run_tone <= 0:
                run_tone = info[1]
            i += 1
            continue
        if run_tone >= 0:
            t.append(_TONE_W[run_tone])
            run_tone = -1
        if "0" <= ch <= "9":
            j = i + 1
            while j < n and "0" <= tok[j] <= "9":
                j += 1
            digits = tok[i:j].lstrip("0") or "0"
            p.append(chr(_DIGITS_W + min(len(digits), _MAX_DIGITS)))
            p.append(digits)
            i = j
            continue
        if "!" <= ch <= "~":
            p.append(_SYMBOL_W + ch)
        else:
            cat = unicodedata.category(ch)
            if cat[0] in "LN":
                p.append(_OTHER_LETTER_W + ch)
            elif cat[0] not in "MC":  # stray marks and control characters carry no weight
                p.append(_SYMBOL_W + ch)
        i += 1
    if run_tone >= 0:
        t.append(_TONE_W[run_tone])
    return "".join(p), "".join(t), "".join(c)


def _join_key(parts: list[tuple[str, str, str]]) -> str:
    if len(parts) == 1:
        p, t, c = parts[0]
        return p + LEVEL_SEP + t + LEVEL_SEP + c
    ps, ts, cs = zip(*parts)  # noqa: B905 - always 3-tuples; strict= costs ~20% here
    return f"{_WORD_W.join(ps)}{LEVEL_SEP}{''.join(ts)}{LEVEL_SEP}{''.join(cs)}"


def vn_sort_key(s: str) -> str:
    """Key whose plain binary order is Vietnamese alphabetical order.

    Level 1: base letters over the whole string, alphabet a ă â b c d đ e ê (f) g h i (j) k l
    m n o ô ơ p q r s t u ư v (w) x y (z); words compared word by word; digit runs by numeric
    value. Level 2: tones, no tone < huyền < hỏi < ngã < sắc < nặng (one weight per syllable,
    so "Hoà" and "Hòa" get the same key). Level 3: case, lower before upper.
    Examples: "an" < "anh" < "ăn" < "âm" < "ba"; "Dương" < "Đào"; "Lan" < "Làn" < "Lán".
    Suitable for an indexed TEXT column with BINARY collation (UTF-8 byte order equals code
    point order).
    """
    toks = _normalize("NFC", s).split()
    if not toks:
        return LEVEL_SEP + LEVEL_SEP
    return _join_key(list(map(_sort_parts, toks)))


def person_sort_key(full_name: str) -> str:
    """Order people as Vietnamese lists do: by given name (last word) first, then by the whole
    name. Only an ordering device: identity code never splits names."""
    toks = _normalize("NFC", full_name).split()
    if not toks:
        return LEVEL_SEP + LEVEL_SEP + PERSON_SEP + LEVEL_SEP + LEVEL_SEP
    parts = list(map(_sort_parts, toks))
    return _join_key(parts[-1:]) + PERSON_SEP + _join_key(parts)
