"""The qualifier column (data/qualifiers.csv): every row's example is a test, and figures of one metric for one
year are told apart by it. Sentences are our own, shaped like the real ones."""
import pytest

from coopdata.qualifiers import qualifier, rows
from coopdata.targets import extract_targets


def _facts(text: str) -> list[tuple[str, float, str | None]]:
    return [(t.metric, t.value_low, t.qualifier) for t in extract_targets(text)]


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"{r.kind}-{r.side}")
def test_every_row_qualifies_its_example(row):
    value, expected = row.expect.split("|", 1)
    facts = [t for t in extract_targets(row.example) if t.value_low == float(value)]
    assert facts, f"no fact of value {value} in {row.example!r}"
    assert facts[0].metric in row.metrics, (facts[0].metric, row.metrics)
    assert expected in (facts[0].qualifier or "").split("; "), (row.kind, facts[0].qualifier)


def test_counts_of_one_year_are_told_apart_by_their_rating():
    facts = _facts("Đến năm 2027: số HTX nông nghiệp toàn tỉnh lên 70 đơn vị; trong đó 45 HTX xếp loại khá và "
                   "25 HTX ở mức trung bình.")
    assert facts == [("coops", 70.0, None), ("coops", 45.0, "xếp loại khá"), ("coops", 25.0, "ở mức trung bình")]


def test_a_qualifier_after_one_item_is_not_the_next_items():
    # the level follows the 45 % and stands before the 30 %: each gets its own, none the other's
    facts = _facts("Năm 2026, tỷ lệ cán bộ HTX có trình độ đại học là 30% và có trình độ trung cấp là 45%.")
    assert [q for _, _, q in facts] == ["trình độ đại học", "trình độ trung cấp"]
    facts = _facts("Đến năm 2030, cán bộ quản lý HTX được đào tạo: 45% có trình độ trung cấp, 35% có trình độ đại học.")
    assert facts[1] == ("trained_manager_share", 35.0, "trình độ đại học")
    assert "trình độ trung cấp" in facts[0][2]


def test_training_for_the_directors_trade_is_named():
    (fact,) = _facts("Đến năm 2027, khoảng 40% cán bộ quản lý HTX được đào tạo nghề giám đốc HTX.")
    assert fact[2] == "được đào tạo nghề giám đốc HTX"


def test_incomes_of_members_and_of_workers():
    facts = _facts("Đến năm 2030, thu nhập bình quân của thành viên đạt 75 triệu đồng/người/năm, người lao động đạt "
                   "62 triệu đồng/người/năm.")
    assert facts == [("avg_member_income", 75e6, "thành viên"), ("avg_member_income", 62e6, "người lao động")]


def test_a_monthly_income_says_so():
    (fact,) = _facts("Phấn đấu đến năm 2027, thu nhập bình quân của người lao động đạt 8 triệu đồng/tháng.")
    assert fact[2] == "người lao động; đồng/tháng"
    (fact,) = _facts("Phấn đấu đến năm 2027, thu nhập bình quân của người lao động đạt 90 triệu đồng/người/năm.")
    assert fact[2] == "người lao động"


def test_revenues_of_cooperatives_and_of_groups():
    facts = _facts("Đến năm 2025, doanh thu bình quân của HTX đạt khoảng 1.800 triệu đồng, tổ hợp tác đạt khoảng "
                   "250 triệu đồng.")
    assert facts == [("avg_coop_revenue", 1.8e9, None), ("avg_coop_revenue", 2.5e8, "tổ hợp tác")]


def test_a_plain_count_has_no_qualifier():
    assert _facts("Đến năm 2030, toàn tỉnh có 600 hợp tác xã và 900 tổ hợp tác.") == [
        ("coops", 600.0, None), ("coop_groups", 900.0, None)]


def test_qualifier_reads_only_the_metrics_a_row_names():
    # "đang hoạt động" narrows a count of cooperatives, not a share of managers
    assert qualifier("coops", "", "", " HTX đang hoạt động", "") == "đang hoạt động"
    assert qualifier("trained_manager_share", "", "", "% HTX đang hoạt động", "") is None
    assert qualifier("unknown_metric", "đang hoạt động ", "đang hoạt động ", "", "") is None
