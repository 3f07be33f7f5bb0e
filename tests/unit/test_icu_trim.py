"""Which ICU data items the frozen app drops (installer/icu_trim.py); the trimmed library
itself is checked by the frozen app's selftest (Vietnamese case, collation, time-zone names)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))

from icu_trim import removable  # noqa: E402


def test_keeps_root_vietnamese_english_and_shared_tables():
    items = ["root.res", "vi.res", "vi_VN.res", "en.res", "en_US_POSIX.res", "res_index.res",
             "pool.res", "coll/root.res", "coll/vi.res", "coll/ucadata.icu", "coll/res_index.res",
             "zone/vi.res", "zoneinfo64.res", "metaZones.res", "timezoneTypes.res",
             "supplementalData.res", "likelySubtags.res", "cnvalias.icu", "nfkc.nrm",
             "curr/pool.res"]
    assert removable(items) == []


def test_drops_other_locales_and_unused_kinds():
    items = ["fr.res", "zh_Hant_TW.res", "coll/zh.res", "coll/de__PHONEBOOK.res", "zone/ja.res",
             "brkitr/word.brk", "translit/el_Latn.res", "rbnf/vi.res", "ibm-1258_P100-1997.cnv",
             "rfc3491.spp", "unames.icu", "confusables.cfu", "sr_Latn_BA.res", "yue_Hans.res"]
    assert removable(items) == items
