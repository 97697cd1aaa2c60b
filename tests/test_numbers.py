import pytest

from coopdata.numbers import parse_number


@pytest.mark.parametrize("written, value", [
    ("2.000", 2000), ("1,5", 1.5), ("05", 5), ("1.056,714", 1056.714), ("0,5", 0.5), ("140", 140), ("hai", 2),
])
def test_vietnamese_numerals(written, value):
    assert parse_number(written) == pytest.approx(value)
