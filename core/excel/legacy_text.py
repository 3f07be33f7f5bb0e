"""TCVN3 (ABC) and VNI mojibake in old spreadsheets: detect it and convert it to NFC Unicode.

Old Vietnamese Excel files were typed with 8-bit "font encodings": the file stores bytes that
show as Vietnamese only with a special font (.VnTime for TCVN3, VNI-Times for VNI). Read as
Unicode (openpyxl, calamine), each byte comes back as its Windows-1252 character, so
"Phạm Văn Đức" reads "Ph¹m V¨n §øc" (TCVN3) or "Phaïm Vaên Ñöùc" (VNI). DOMAIN.md §10: detect
this and offer conversion, never store mojibake silently.

Only Latin-1 characters occur in such text (neither encoding uses bytes 0x80-0x9F for letters),
so a string with any letter above U+00FF (Vietnamese ă đ ơ ư ạ…, combining marks, Cyrillic…)
is real Unicode: `convert` returns it unchanged and detection ignores it.

Detection rule (`detect_legacy`, `looks_legacy`): split the text into words, convert each word
and count the distinct words the conversion changes that are not Vietnamese syllables as they
stand ("candidates") and, among them, those that become Vietnamese syllables ("fixed"). A
sample is legacy when fixed >= 3 and fixed >= 60% of candidates; if both encodings score the
same, None. For one string (`looks_legacy`) one fixed word is enough if more than half of its
words are syllables after conversion. Words that are already valid syllables ("Hòa", "Lê",
"Thò") carry no evidence either way and are skipped.

Text already in Unicode is skipped cell by cell, so a mostly-Unicode sample with a few legacy
cells still reports the legacy encoding: those cells must not be imported as mojibake, and
`convert` leaves the Unicode cells alone. Latin-1-only Unicode words ("Hoàng") would still be
read as legacy by `convert`; in a mixed sheet convert only the cells `looks_legacy` flags.

Standard library only (core layer rule); no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["LEGACY_ENCODINGS", "convert", "detect_legacy", "looks_legacy"]

LEGACY_ENCODINGS = ("tcvn3", "vni")

_normalize = unicodedata.normalize

# ---------------------------------------------------------------------------------------------
# Letters and tones
# ---------------------------------------------------------------------------------------------

# Tone order used by every table below: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_SAC, _NANG = 4, 5
_VOWELS = "aăâeêioôơuưy"
_TONED: dict[str, tuple[str, int]] = {}  # "ễ" -> ("ê", 3)
for _v in _VOWELS:
    for _t, _m in enumerate(_TONE_MARKS[1:], start=1):
        _TONED[_normalize("NFC", _v + _m)] = (_v, _t)


def _letter(vowel: str, tone: int) -> str:
    """The precomposed Unicode letter for a toneless lowercase vowel and a tone number."""
    return _normalize("NFC", vowel + _TONE_MARKS[tone])


# ---------------------------------------------------------------------------------------------
# Code tables
# ---------------------------------------------------------------------------------------------
# Sources: TCVN 5712:1993 code table VN3 (the "ABC" .Vn* fonts) and the VNI-Windows font layout,
# as published in Vietnamese keyboard/converter programs (cross-checked against the TCVN and
# VNI tables of xvnkb by Dao Hai Lam, tcvn.h / vni.h, and the examples of the npm package
# vietnamese-conversion). Written here as the Windows-1252 characters of the legacy bytes.
# Each row: the letter in the tone order above (toneless, huyền, hỏi, ngã, sắc, nặng).

# TCVN3: one byte per letter. Only lowercase toned letters have codes (0xB5-0xFE); the capitals
# Ă Â Ê Ô Ơ Ư Đ have their own codes (0xA1-0xA7), the lowercase shaped bases are 0xA8-0xAE.
# Capital toned letters were shown with a separate font (.VnTimeH) that draws the lowercase
# codes as capitals, so they are the same bytes as lowercase: see _tcvn3_word. (TCVN 5712 VN1
# puts capitals at 0x80-0x9F and control codes; ABC files do not use them, and read as
# Windows-1252 they would be ordinary quotes and dashes, so they are not converted.)
_TCVN3_ROWS = {
    "a": "aµ¶·¸¹",
    "ă": "¨»¼½¾Æ",
    "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ",
    "ê": "ªÒÓÔÕÖ",
    "i": "i×ØÜÝÞ",
    "o": "oßáâãä",
    "ô": "«åæçèé",
    "ơ": "¬êëìíî",
    "u": "uïñòóô",
    "ư": "\xadõö÷øù",  # ư is 0xAD, the soft hyphen of Windows-1252
    "y": "yúûüýþ",
}
_TCVN3_EXTRA = {"®": "đ", "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"}

# VNI-Windows: base letter + one mark byte (tone, or shape and tone together); ơ ư đ, i with a
# tone and ỵ are single bytes. Capitals use the capital forms of the same bytes (str.upper):
# "Ấ" is "AÁ", "Ư" is "Ö", "Đ" is "Ñ".
_VNI_ROWS = {
    "a": "a aø aû aõ aù aï",
    "ă": "aê aè aú aü aé aë",
    "â": "aâ aà aå aã aá aä",
    "e": "e eø eû eõ eù eï",
    "ê": "eâ eà eå eã eá eä",
    "i": "i ì æ ó í ò",
    "o": "o oø oû oõ où oï",
    "ô": "oâ oà oå oã oá oä",
    "ơ": "ô ôø ôû ôõ ôù ôï",
    "u": "u uø uû uõ uù uï",
    "ư": "ö öø öû öõ öù öï",
    "y": "y yø yû yõ yù î",
}
_VNI_EXTRA = {"ñ": "đ", "Ñ": "Đ"}


def _build_tcvn3() -> dict[str, str]:
    table = dict(_TCVN3_EXTRA)
    for vowel, row in _TCVN3_ROWS.items():
        for tone, code in enumerate(row):
            if not code.isascii():
                table[code] = _letter(vowel, tone)
    return table


def _build_vni() -> dict[str, str]:
    table = dict(_VNI_EXTRA)
    for vowel, row in _VNI_ROWS.items():
        for tone, code in enumerate(row.split()):
            if not code.isascii():
                letter = _letter(vowel, tone)
                table[code] = letter
                table[code.upper()] = letter.upper()
    for same in "ìÌíÍ":  # VNI's ì í are the Windows-1252 ì í: nothing to convert
        del table[same]
    return table


_TCVN3 = _build_tcvn3()
_TCVN3_TABLE = str.maketrans(_TCVN3)
_TCVN3_CAPITALS = frozenset("¡¢£¤¥¦§")
_VNI = _build_vni()
# Longest first: a base vowel with its mark byte wins over the base alone.
_VNI_RE = re.compile("|".join(map(re.escape, sorted(_VNI, key=len, reverse=True))))

# ---------------------------------------------------------------------------------------------
# Vietnamese syllable check
# ---------------------------------------------------------------------------------------------
# A syllable is: optional initial consonant (cluster) + vowel nucleus + optional final
# consonant, with at most one tone mark. Deliberately small: no spelling rules (k/c, gh/g,
# tone placement), just enough to tell "Phạm" from "Ph¹m" and "Müller".
_INITIALS = (
    "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_FINALS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
_STOP_FINALS = frozenset(("c", "ch", "p", "t"))  # these take only sắc or nặng
_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi "
    "ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "iêu yêu oai oay oeo uây uôi uya uyê uyu ươi ươu".split()
)
# Nuclei that end in a glide take no final; short/rising ones need one ("ăn", "tiên", "muốn").
_NO_FINAL = frozenset(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ "
    "iêu yêu oai oay oeo uây uôi uya uyu ươi ươu".split()
)
_NEEDS_FINAL = frozenset("ă â iê yê uô ươ uyê oo oă uâ".split())
_SHAPED = frozenset("ăâêôơư")


def _tone_placed(nucleus: str, pos: int, final: str) -> bool:
    """Is the tone on a vowel of `nucleus` where Vietnamese puts it? On the (last) vowel with a
    breve/circumflex/horn; else the middle of three, the last before a final, either of the
    two in oa/oe/uy (old "hoà" and new "hòa" style), the first of other pairs ("mèo", "của")."""
    shaped = [k for k, c in enumerate(nucleus) if c in _SHAPED]
    if shaped:
        return pos == shaped[-1]
    if len(nucleus) == 1:
        return True
    if len(nucleus) == 3:
        return pos == 1
    if final:
        return pos == 1
    return nucleus in ("oa", "oe", "uy") or pos == 0


def _is_syllable(word: str) -> bool:
    """True if `word` (NFC, any case) is shaped like one Vietnamese syllable."""
    tone, tone_at = 0, -1
    chars = []
    for k, ch in enumerate(word.lower()):
        hit = _TONED.get(ch)
        if hit is not None:
            if tone:
                return False
            ch, tone = hit
            tone_at = k
        chars.append(ch)
    s = "".join(chars)
    for initial in _INITIALS:
        if not s.startswith(initial):
            continue
        i = j = len(initial)
        while j < len(s) and s[j] in _VOWELS:
            j += 1
        nucleus, final = s[i:j], s[j:]
        if (
            nucleus in _NUCLEI
            and final in _FINALS
            and not (final and nucleus in _NO_FINAL)
            and not (not final and nucleus in _NEEDS_FINAL)
            and not (final in _STOP_FINALS and tone not in (_SAC, _NANG))
            and (not tone or i <= tone_at < j and _tone_placed(nucleus, tone_at - i, final))
        ):
            return True  # "gi"/"qu" also retried as "g"/"q"+vowel ("gìn") by the shorter ones
    return False


# ---------------------------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------------------------

# A letter above U+00FF (other than the few Windows-1252 ones) means real Unicode text.
_CP1252_LETTERS = frozenset("ŒœŠšŽžŸƒ")
_WORD_RE = re.compile(r"[A-Za-z\u00a1-\u00ff]+")  # ASCII letters and every Latin-1 code


def _is_unicode_text(text: str) -> bool:
    """True if `text` holds a letter or mark no legacy text read as Windows-1252 can hold."""
    for ch in text:
        if ch > "\u00ff" and ch not in _CP1252_LETTERS:
            if unicodedata.category(ch)[0] in "LM":
                return True
    return False


def _all_caps(text: str) -> bool:
    """Typed in capitals? Case evidence: ASCII letters and TCVN3's seven capital codes (at
    least two, all capitals). The other codes are lowercase-only and say nothing."""
    cased = [c.isupper() for c in text if c.isascii() and c.isalpha()]
    cased += [True for c in text if c in _TCVN3_CAPITALS]
    return len(cased) >= 2 and all(cased)


def _tcvn3_word(word: str) -> str:
    """TCVN3 word -> Unicode. Toned letters have lowercase codes only (capitals were drawn by
    an uppercase .VnTimeH font from the same codes), so they convert to lowercase unless the
    word (or, in convert, the whole text) was typed in capitals: "NGUYÔN" -> "NGUYỄN",
    "NguyÔn" -> "Nguyễn"; a lone "Ô" gives "ễ"."""
    new = word.translate(_TCVN3_TABLE)
    return new.upper() if _all_caps(word) else new


def _vni_word(word: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI[m.group()], word)


_WORD_CONVERTERS = {"tcvn3": _tcvn3_word, "vni": _vni_word}


@lru_cache(maxsize=16384)
def _convert_word(word: str, encoding: str) -> str:
    return _normalize("NFC", _WORD_CONVERTERS[encoding](word))


def convert(text: str, encoding: str) -> str:
    """Legacy text -> NFC Unicode. Text with no legacy characters, and text that is already
    Unicode Vietnamese (it holds letters above U+00FF), comes back unchanged (NFC)."""
    if encoding not in LEGACY_ENCODINGS:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    text = _normalize("NFC", text)
    if text.isascii() or _is_unicode_text(text):
        return text
    out = _WORD_RE.sub(lambda m: _convert_word(m.group(), encoding), text)
    if encoding == "tcvn3" and _all_caps(text):
        out = out.upper()  # "Hµ NéI" -> "HÀ NỘI": one-capital words follow the whole cell
    return _normalize("NFC", out)


def convert_cell(text: str, encoding: str) -> str:
    """One cell of a sheet detected as legacy: converted, unless it already reads as
    Vietnamese (every word a syllable as it stands). Sheets mix old and new cells, and a
    Unicode name made only of Latin-1 letters ("Lê Hoàng") would be garbled by VNI rules."""
    text = _normalize("NFC", text)
    words = [w for w in _WORD_RE.findall(text) if not w.isascii()]
    if all(_is_syllable(w) for w in words):
        return text
    return convert(text, encoding)


# ---------------------------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------------------------

_MIN_FIXED = 3  # distinct words, for a sample of cells
_MIN_SHARE = 0.6


def _words(texts: Iterable[object]) -> set[str]:
    """Distinct words of two letters or more from the texts that could be legacy text."""
    words: set[str] = set()
    for text in texts:
        if not isinstance(text, str) or text.isascii():
            continue
        text = _normalize("NFC", text)
        if _is_unicode_text(text):
            continue
        words.update(w for w in _WORD_RE.findall(text) if len(w) >= 2 and not w.isascii())
    return words


def _evidence(words: set[str], encoding: str) -> tuple[int, int]:
    """(fixed, candidates) for `encoding`: see the module docstring."""
    fixed = candidates = 0
    for word in words:
        new = _convert_word(word, encoding)
        if new == word or _is_syllable(word):
            continue
        candidates += 1
        fixed += _is_syllable(new)
    return fixed, candidates


def _decide(words: set[str], min_fixed: int) -> str | None:
    scores = {}
    for encoding in LEGACY_ENCODINGS:
        fixed, candidates = _evidence(words, encoding)
        if fixed >= min_fixed and fixed >= _MIN_SHARE * candidates:
            scores[encoding] = (fixed, fixed / candidates)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # both read equally well: no way to tell
    return ranked[0][0]


def detect_legacy(texts: Iterable[str]) -> str | None:
    """'tcvn3', 'vni' or None, from a sample of cell texts (e.g. the first few hundred text
    cells of a sheet). Needs at least three distinct words that the conversion turns into
    Vietnamese syllables; non-string items and Unicode cells are ignored."""
    return _decide(_words(texts), _MIN_FIXED)


def looks_legacy(text: str) -> str | None:
    """Per-string guess for a single cell: 'tcvn3', 'vni' or None. One fixed word is enough
    when, after conversion, more than half of the cell's words are Vietnamese syllables
    ("An B×nh" yes, "où est la gare" no). Weak evidence: prefer detect_legacy on the sheet."""
    choice = _decide(_words([text]), 1)
    if choice is None:
        return None
    tokens = [w for w in _WORD_RE.findall(_normalize("NFC", text)) if len(w) >= 2]
    valid = sum(_is_syllable(_convert_word(w, choice)) for w in tokens)
    return choice if 2 * valid > len(tokens) else None
