"""Plausibility checks: a fact whose value cannot be what its metric says goes to review with the reason."""
from dataclasses import replace

from coopdata.plausibility import implausible, ranges, split_plausible
from coopdata.targets import Target

BASE = Target(metric="coops", comparator="eq", value_low=300.0, value_high=300.0, unit="count", frequency="once",
              target_year=2030, period_start=None, period_end=None, sector=None, qualifier=None,
              metric_text="300 hợp tác xã", evidence="Đến năm 2030 có 300 hợp tác xã", char_start=0, char_end=30,
              rule="count.head")


def test_a_plain_fact_is_plausible():
    assert implausible(BASE) is None


def test_shares_above_100_percent_and_prices_are_implausible():
    assert "outside" in implausible(replace(BASE, metric="effective_share", unit="percent", value_low=150, value_high=150))
    price = replace(BASE, metric="avg_coop_profit", unit="vnd", value_low=600, value_high=900)
    assert "avg_coop_profit" in implausible(price)


def test_revenue_read_as_a_count_of_cooperatives_is_implausible():
    assert implausible(replace(BASE, value_low=5e8, value_high=5e8)) is not None


def test_a_year_read_as_a_count_is_implausible():
    year = replace(BASE, value_low=2025, value_high=2025, evidence="thành lập năm 2025 hợp tác xã mới")
    assert "year" in implausible(year)


def test_every_range_row_is_ordered_and_explained():
    for (metric, unit), (lo, hi, why) in ranges().items():
        assert lo <= hi and why, (metric, unit)


def test_split_keeps_every_fact():
    bad = replace(BASE, unit="percent", metric="effective_share", value_low=120, value_high=120)
    keep, out = split_plausible((BASE, bad))
    assert keep == (BASE,) and [t for t, _ in out] == [bad]


def test_a_count_the_sentence_also_writes_as_money_is_still_a_count():
    from coopdata.plausibility import implausible
    from coopdata.targets import extract_targets

    text = ("Tới năm 2027 ngành nông nghiệp phấn đấu có ít nhất 5 mô hình hợp tác xã, mỗi mô hình có doanh thu từ 5 tỷ "
            "đồng/năm.")
    (count,) = [t for t in extract_targets(text) if t.unit == "count"]
    assert count.value_low == 5 and implausible(count) is None
