from datetime import date

import pytest

from core.dates import PartialDate, age_on, parse_partial_date
from core.errors import ValidationError

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize("text, iso, precision", [
    ("02/09/1945", "1945-09-02", "day"), ("2.9.1945", "1945-09-02", "day"),
    ("1945-09-02", "1945-09-02", "day"), ("02091945", "1945-09-02", "day"),
    ("09/1945", "1945-09", "month"), ("1945-09", "1945-09", "month"), ("1945", "1945", "year"),
])
def test_parse(text, iso, precision):
    parsed = parse_partial_date(text, today=TODAY)
    assert (parsed.iso(), parsed.precision) == (iso, precision)
    assert PartialDate.from_iso(iso) == parsed


@pytest.mark.parametrize("text", ["31/02/2000", "13/2000", "hôm qua", "", "1850", "01/01/2027"])
def test_reject(text):
    with pytest.raises(ValidationError) as err:
        parse_partial_date(text, today=TODAY)
    assert err.value.errors["dob"]


def test_age_with_partial_dates():
    assert age_on(PartialDate(2012, 11, 28), TODAY) == 14
    assert age_on(PartialDate(2012, 11, 29), TODAY) == 13
    assert age_on(PartialDate(2012), TODAY) == 13  # latest possible birthday: not yet 14
    assert age_on(PartialDate(2012, 10), TODAY) == 14
