"""Target extraction on real sentences (from the seeds and real plans' wording)."""
import pytest

from coopdata.targets import extract_targets
from coopdata.text import normalise

from .conftest import RAW as RAW_DIR, read_raw


def facts(text: str, year: int | None = None):
    return [(t.metric, t.comparator, t.value_low, t.value_high, t.unit, t.frequency, t.target_year, t.sector)
            for t in extract_targets(normalise(text), year)]


def test_list_head_shares_its_comparator_until_a_semicolon():
    got = facts("- Đến năm 2030, toàn tỉnh có khoảng 450 hợp tác xã, 110 tổ hợp tác và 05 liên hiệp hợp tác xã; 05 liên hiệp HTX")
    assert got[:3] == [
        ("coops", "approx", 450, 450, "count", "once", 2030, None),
        ("coop_groups", "approx", 110, 110, "count", "once", 2030, None),
        ("coop_unions", "approx", 5, 5, "count", "once", 2030, None),
    ]


def test_members_attach_to_their_organisation():
    got = facts("Mục tiêu cụ thể, đến năm 2030: Toàn thành phố có khoảng 2.000 tổ hợp tác, với trên 80.000 thành viên; "
                "400 hợp tác xã, với trên 40.000 thành viên hợp tác xã; 05 liên hiệp hợp tác xã, với 20 hợp tác xã thành viên")
    assert [g[:3] for g in got] == [
        ("coop_groups", "approx", 2000), ("coop_group_members", "gt", 80000), ("coops", "eq", 400),
        ("coop_members", "gt", 40000), ("coop_unions", "eq", 5), ("coop_union_member_coops", "eq", 20)]


def test_annual_founding_with_tro_len():
    got = facts("(1) Hằng năm, thành lập mới từ 30 tổ hợp tác trở lên với trên 90 thành viên; "
                "thành lập mới từ 05 hợp tác xã trở lên với 35 thành viên trở lên.")
    assert got == [
        ("new_coop_groups", "gte", 30, 30, "count", "annual", None, None),
        ("new_coop_group_members", "gt", 90, 90, "count", "annual", None, None),
        ("new_coops", "gte", 5, 5, "count", "annual", None, None),
        ("new_coop_members", "gte", 35, 35, "count", "annual", None, None),
    ]


def test_shares_ranges_and_percent_of_coops():
    got = facts("Bảo đảm trên 60% tổ chức kinh tế tập thể đạt loại tốt, khá, trong đó có ít nhất 55% tham gia liên kết "
                "theo chuỗi giá trị; có từ 80 - 100 hợp tác xã ứng dụng công nghệ cao vào sản xuất đến năm 2030. "
                "Có khoảng 15% hợp tác xã ứng dụng công nghệ cao.")
    assert ("good_rated_share", "gt", 60, 60, "percent", "once", 2030, None) in got
    assert ("value_chain_share", "gte", 55, 55, "percent", "once", 2030, None) in got
    assert ("high_tech_coops", "range", 80, 100, "count", "once", 2030, None) in got
    assert any(g[0] == "high_tech_coops" and g[4] == "percent" and g[1] == "approx" for g in got)


def test_heading_scopes_year_and_sector():
    text = ("2.2. Đến năm 2045\n\n- Thu hút tối thiểu 20% dân số tham gia các tổ chức kinh tế tập thể.\n\n"
            "III. ĐỊNH HƯỚNG PHÁT TRIỂN\n\n1. Về phát triển kinh tế tập thể trong lĩnh vực nông lâm nghiệp, thủy sản\n\n"
            "- Đến năm 2030, toàn tỉnh có khoảng 450 hợp tác xã.")
    assert facts(text) == [
        ("population_participation_share", "gte", 20, 20, "percent", "once", 2045, None),
        ("coops", "approx", 450, 450, "count", "once", 2030, "agriculture"),
    ]


@pytest.mark.parametrize("text", [
    "Hiện nay toàn tỉnh có 350 HTX, 472 tổ hợp tác.",
    "Năm 2024 đã thành lập mới 81 HTX, đạt 75% kế hoạch.",
    "Năm 2024, tỉnh dành hơn 24 tỷ đồng kinh phí cho KTTT, HTX.",
    "Thực hiện Chương trình hành động số 118-CTr/TU, ngày 30/8/2022 của Tỉnh ủy, nhiệm kỳ 2020-2025.",
    "Tỷ lệ hộ nghèo giảm 1,5%/năm; diện tích lúa 80.000 ha.",
])
def test_traps_are_not_targets(text):
    assert facts(text) == []


def test_money_and_growth():
    got = facts("2.1. Đến năm 2025\n- Mỗi HTX có doanh thu bình quân 3,5 tỷ đồng/năm; thành viên có thu nhập bình quân "
                "65 triệu đồng/người/năm.\n- Khu vực kinh tế tập thể tăng trưởng bình quân 6,5%/năm.")
    assert ("avg_coop_revenue", "eq", 3.5e9, 3.5e9, "vnd", "once", 2025, None) in got
    assert ("avg_member_income", "eq", 65e6, 65e6, "vnd", "once", 2025, None) in got
    assert ("sector_growth_rate", "eq", 6.5, 6.5, "percent_per_year", "annual", None, None) in got


def test_every_evidence_span_holds_its_number_in_every_seed():
    for name in ["000_fc78e224d5c3ad2e.txt", "002_60d9c8c77c2896ba.txt", "003_332bc788bce855f1.txt"]:
        text = read_raw(name)
        targets = extract_targets(text)
        assert targets
        for t in targets:
            span = text[t.char_start:t.char_end]
            assert span == t.evidence
            assert any(ch.isdigit() for ch in span), t


def test_seeds_without_targets_give_none():
    assert extract_targets(read_raw("001_8fee367bdd49f08e.txt")) == []
    assert extract_targets(read_raw("004_26065e70449cfa03.txt")) == []


def test_unicode_form_and_tone_convention_do_not_change_the_facts():
    import unicodedata
    from coopdata.text import normalise as norm
    original = (RAW_DIR / "003_332bc788bce855f1.txt").read_text(encoding="utf-8")
    new_style = original.replace("hòa", "hoà").replace("ủy", "uỷ").replace("thủy", "thuỷ").replace("Hòa", "Hoà")
    variant = unicodedata.normalize("NFD", new_style)
    assert variant != original
    a = [(t.metric, t.value_low, t.target_year, t.char_start) for t in extract_targets(norm(original))]
    b = [(t.metric, t.value_low, t.target_year, t.char_start) for t in extract_targets(norm(variant))]
    assert a == b and len(a) == 14


def test_a_nationwide_list_is_not_an_estimate():
    # "cả nước có" holds the letters of "ước có" (an estimate cue): cues are whole words
    got = facts("Mục tiêu cụ thể: Đến năm 2035: Cả nước có khoảng 900 tổ hợp tác, với 30.000 thành viên; "
                "600 hợp tác xã với 70.000 thành viên.")
    assert [g[:3] for g in got] == [("coop_groups", "approx", 900), ("coop_group_members", "approx", 30000),
                                    ("coops", "eq", 600), ("coop_members", "eq", 70000)]
    assert all(g[6] == 2035 for g in got)


def test_a_bracket_after_new_organisations_breaks_them_down():
    got = facts("Đến năm 2028, tỉnh thành lập mới 60 hợp tác xã (45 hợp tác xã nông nghiệp, 15 hợp tác xã phi nông nghiệp).")
    assert {g[0] for g in got} == {"new_coops"}
    assert sorted(g[2] for g in got) == [15, 45, 60]


def test_a_comparator_between_the_verb_and_the_number_keeps_the_flow():
    got = facts("Phấn đấu đến năm 2040 sẽ hỗ trợ phát triển gần 300 tổ hợp tác, 120 HTX.")
    assert [g[:3] for g in got] == [("new_coop_groups", "approx", 300), ("new_coops", "approx", 120)]


def test_members_of_the_raised_total_are_not_new_members():
    got = facts("Năm 2027 phấn đấu thành lập mới 40 hợp tác xã, nâng tổng số hợp tác xã lên 500 hợp tác xã "
                "với khoảng 20.000 thành viên.", 2027)
    assert ("coop_members", "approx", 20000) in [g[:3] for g in got]
    assert "new_coop_members" not in {g[0] for g in got}


def test_a_paragraph_opened_by_a_connective_and_a_year_scopes_the_next_one():
    text = ("Theo đó, đến năm 2029, tỉnh thành lập mới 80 hợp tác xã.\n"
            "Tỉnh vận động các tổ hợp tác nâng lên; trong đó, thành lập mới 40 tổ hợp tác trong lĩnh vực nông nghiệp.")
    got = facts(text)
    assert ("new_coop_groups", 40.0, 2029) in [(g[0], g[2], g[6]) for g in got]


def test_a_paragraph_that_opens_with_results_can_turn_to_aims():
    text = ("Theo báo cáo, trong giai đoạn 5 năm qua, khu vực kinh tế tập thể tăng trưởng khoảng 4,5%. "
            "Mục tiêu trong 5 năm tới là xây dựng từ 200 - 300 mô hình HTX ứng dụng công nghệ cao.")
    got = facts(text)
    assert [g[:4] for g in got] == [("high_tech_coops", "range", 200, 300)]
    assert facts("Theo thống kê, đến cuối năm 2024 toàn tỉnh có 520 hợp tác xã.") == []


def test_a_breakdown_opened_by_trong_do_co_counts_new_ones():
    got = facts("Năm 2027, tỉnh phấn đấu thành lập mới 18 hợp tác xã, trong đó, có 11 hợp tác xã nông nghiệp và 30 tổ hợp tác.", 2027)
    assert [g[0] for g in got] == ["new_coops", "new_coops", "new_coop_groups"]


def test_figures_of_the_current_state_and_file_names_are_not_aims():
    got = facts("Phấn đấu đến năm 2030 có 450 hợp tác xã hoạt động hiệu quả trong tổng số hơn 600 hợp tác xã hiện nay.")
    assert [g[2] for g in got] == [450]
    assert facts("Ảnh: htx 3.jpg") == []
    assert facts("Năm 2024, toàn tỉnh có 3.100 tổ hợp tác với 40.000 thành viên.") == []


def test_an_effective_share_with_no_weak_cooperative_left():
    got = facts("Đến năm 2028, 85% số hợp tác xã hoạt động ổn định, hiệu quả, không có đơn vị yếu kém.")
    assert ("effective_share", 85) in [(g[0], g[2]) for g in got]
    assert ("weak_coop_share", 0) in [(g[0], g[2]) for g in got]


def test_a_bare_year_after_den_scopes_the_aim_and_a_bracketed_current_figure_does_not_block():
    got = facts("Tỉnh vừa đề ra chỉ tiêu đến 2028, toàn tỉnh có 260 hợp tác xã (hiện nay là 210 hợp tác xã) và 60.000 thành viên.")
    assert [(g[0], g[2], g[6]) for g in got] == [("coops", 260, 2028), ("coop_members", 60000, 2028)]


def test_word_segmented_text_reads_like_plain_text():
    assert facts("đến năm 2028 dự_kiến có 90 hợp_tác_xã") == facts("đến năm 2028 dự kiến có 90 hợp tác xã")
    assert facts("đến năm 2028 dự_kiến có 90 hợp_tác_xã")[0][:3] == ("coops", "eq", 90)


def test_per_unit_phrases_economy_growth_and_operating_members_are_not_aims():
    # "bình quân 01 HTX": per cooperative, not one cooperative
    got = facts("Đến năm 2027, doanh thu bình quân 01 hợp tác xã đạt 3 tỷ đồng/năm.")
    assert [g[0] for g in got] == ["avg_coop_revenue"]
    # the province's GRDP growth is not the collective sector's
    assert facts("Giai đoạn 2026 - 2030, tỉnh phấn đấu tăng trưởng GRDP đạt 8%/năm.") == []
    # members of cooperatives operating now are not members of new ones
    got = facts("Năm 2026, số hợp tác xã thành lập mới ổn định với 420 hợp tác xã đang hoạt động, khoảng 30.000 thành viên.", 2026)
    assert "new_coop_members" not in [g[0] for g in got]


def test_a_headline_restating_the_body_is_one_fact_read_from_the_body():
    text = ("Tỉnh Y phấn đấu thành lập mới 24 hợp tác xã\n\n"
            "Theo Kế hoạch năm 2027 của UBND tỉnh, đến năm 2027 tỉnh phấn đấu thành lập mới 24 hợp tác xã.")
    got = facts(text)
    assert [(g[0], g[2], g[6]) for g in got] == [("new_coops", 24, 2027)]


def test_an_open_future_borrows_no_year():
    text = "KẾ HOẠCH phát triển kinh tế tập thể đến năm 2030\nTỉnh phấn đấu trong thời gian tới, tỷ lệ hợp tác xã hoạt động hiệu quả đạt từ 75% trở lên."
    got = facts(text)
    assert [(g[0], g[2], g[6]) for g in got] == [("effective_share", 75, None)]


def test_a_year_past_a_semicolon_belongs_to_the_next_aim():
    text = ("Theo đó, tỉnh phấn đấu đến năm 2030 có 900 hợp tác xã. Đồng thời, có từ 60-80 hợp tác xã ứng dụng "
            "công nghệ cao; tầm nhìn đến năm 2045 có 1.500 hợp tác xã.")
    got = {(g[0], g[2]): g[6] for g in facts(text)}
    assert got[("high_tech_coops", 60)] == 2030 and got[("coops", 1500)] == 2045


def test_a_plan_named_with_its_period_scopes_the_paragraphs_after_it():
    text = ("Trong kế hoạch phát triển kinh tế tập thể giai đoạn 2026 - 2030, tỉnh đặt mục tiêu phát triển mô hình mới.\n"
            "Đặc biệt, tỷ trọng đóng góp vào GRDP của khu vực kinh tế tập thể là 1,2%.")
    got = facts(text)
    assert [(g[0], g[2], g[6]) for g in got] == [("grdp_share", 1.2, 2030)]


def test_a_list_of_increases_closed_by_its_base_year_is_growth_in_that_year():
    text = ("Phấn đấu năm 2027, số thành viên hợp tác xã tăng từ 6% trở lên; "
            "thu nhập bình quân của người lao động trong hợp tác xã tăng từ 8% trở lên so với năm 2026.")
    got = facts(text, 2027)
    assert [(g[0], g[2], g[4], g[5], g[6]) for g in got] == [
        ("member_growth_rate", 6, "percent_per_year", "once", 2027),
        ("income_growth", 8, "percent_per_year", "once", 2027)]


def test_money_without_dong_and_an_aim_clause_after_results():
    got = facts("Nâng thu nhập bình quân của một lao động trong kinh tế tập thể từ 9 triệu năm 2025 lên 18 triệu vào năm 2030.")
    assert [(g[0], g[2], g[4], g[6]) for g in got] == [("avg_member_income", 18e6, "vnd", 2030)]
    got = facts("Trên cơ sở những kết quả đã đạt được trong các năm qua, cần tiếp tục vận động, đến năm 2030 dự kiến "
                "khoảng 120 HTX và 900 tổ hợp tác.")
    assert [(g[0], g[2], g[6]) for g in got] == [("coops", 120, 2030), ("coop_groups", 900, 2030)]


def test_an_aim_stated_twice_is_one_fact_with_the_comparator_the_text_gives():
    text = ("Phấn đấu thành lập mới 900 hợp tác xã trong năm 2027\n\nPhấn đấu thành lập mới 900 hợp tác xã trong năm 2027\n\n"
            "Phấn đấu năm 2027, thành lập ít nhất 1.500 tổ hợp tác, 900 HTX và 10 liên hiệp HTX.")
    got = [(g[0], g[1], g[2]) for g in facts(text)]
    assert got.count(("new_coops", "gte", 900)) == 1 and not any(g[0] == "new_coops" and g[1] == "eq" for g in got)


def test_a_bracketed_period_dates_a_flow_and_a_raised_count_of_cooperatives_in_models():
    got = facts("Dự kiến trong 5 năm tới (2026 - 2030) tỉnh sẽ phát triển mới 80 HTX.")
    assert [(g[0], g[2], g[5], g[6]) for g in got] == [("new_coops", 80, "period_total", 2030)]
    got = facts("Mục tiêu của Liên minh là sẽ đưa số lượng HTX toàn tỉnh lên 600 - 650 mô hình vào năm 2028.")
    assert [(g[0], g[2], g[3]) for g in got] == [("coops", 600, 650)]


def test_a_year_report_of_the_current_count_is_not_an_aim():
    text = "Kế hoạch năm 2027\nPhấn đấu năm 2027 thành lập mới 30 HTX. Năm 2026, toàn tỉnh có 3.200 tổ hợp tác, với 41.000 thành viên."
    assert [(g[0], g[2]) for g in facts(text, 2027)] == [("new_coops", 30)]


def test_a_wrapped_results_heading_keeps_its_rows_out():
    text = ("KẾ HOẠCH PHÁT TRIỂN KINH TẾ TẬP THỂ NĂM 2027\nPhần thứ nhất\nĐÁNH GIÁ TÌNH HÌNH PHÁT\n"
            "TRIỂN KINH TẾ TẬP THỂ NĂM 2026\nI. TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP\nTHỂ, HỢP TÁC XÃ.\n"
            "+ Hợp tác xã nông nghiệp:\n|\n210 HTX.\n|\n+ Hợp tác xã vận tải:\n|\n12 HTX.\n")
    assert facts(text, 2027) == []


def test_prices_and_yields_per_area_are_not_aims():
    text = "Đến năm 2028, lợi nhuận bình quân của HTX đạt 600 triệu đồng; nông dân lãi từ 30-35 triệu đồng/ha, giá bán 8.000 đồng/kg."
    assert [(g[0], g[2]) for g in facts(text)] == [("avg_coop_profit", 6e8)]


def test_a_per_year_at_the_end_of_a_list_is_every_items():
    got = facts("Kế hoạch đến năm 2030\nTỉnh vận động thành lập mới từ 6 hợp tác xã, 8 tổ hợp tác/năm.")
    assert [(g[0], g[2], g[5]) for g in got] == [("new_coops", 6, "annual"), ("new_coop_groups", 8, "annual")]


def test_an_approximate_list_stays_approximate_through_its_members_up_to_a_semicolon():
    got = facts("Mục tiêu đến năm 2030, cả nước có khoảng 150.000 tổ hợp tác với 2,5 triệu thành viên, 50.000 hợp tác xã "
                "với 9 triệu thành viên; 400 liên hiệp hợp tác xã.")
    assert [g[1] for g in got] == ["approx", "approx", "approx", "approx", "eq"]
    # a new predicate or a bracket is not the list
    got = facts("Đến năm 2030 có khoảng 1.500 tổ hợp tác, thu hút 5.000 thành viên.")
    assert [g[1] for g in got] == ["approx", "eq"]


def test_a_news_lead_naming_agricultural_cooperatives_does_not_make_every_aim_agricultural():
    text = ("Thông tin từ UBND tỉnh, tỉnh vừa đề ra chỉ tiêu đến năm 2028 toàn tỉnh có 240 hợp tác xã và 50.000 thành "
            "viên, trong đó nhiều hợp tác xã nông nghiệp làm ăn hiệu quả, tạo việc làm cho nhiều lao động ở nông thôn "
            "và góp phần xây dựng nông thôn mới trên địa bàn.")
    assert {g[7] for g in facts(text)} == {None}


def test_one_worker_in_a_per_worker_income_is_not_a_count():
    got = facts("Đến năm 2028, thu nhập bình quân của 01 lao động thường xuyên trong hợp tác xã đạt 80 triệu đồng/năm.")
    assert [(g[0], g[2]) for g in got] == [("avg_member_income", 8e7)]


def test_numbers_written_in_words_are_read_by_the_numeral_grammar():
    got = facts("Đến năm 2030, toàn tỉnh có khoảng hai nghìn năm trăm tổ hợp tác với ba mươi nghìn thành viên.")
    assert [(g[0], g[2]) for g in got] == [("coop_groups", 2500), ("coop_group_members", 30000)]
    got = facts("Năm 2027 phấn đấu thành lập mới hai hợp tác xã.", 2027)
    assert [(g[0], g[2]) for g in got] == [("new_coops", 2)]
    assert facts("Đến năm 2030 có nhiều hợp tác xã hoạt động hiệu quả.") == []


def test_mot_as_an_article_is_no_count():
    assert facts("Đến năm 2030, có một hợp tác xã được xếp hạng cao.") == []
    assert [g[2] for g in facts("Năm 2027, tỉnh thành lập một liên hiệp hợp tác xã.", 2027)] == [1]


def test_phat_trien_names_a_stock_unless_helped_or_in_a_founding_list():
    got = facts("Đề án phát triển 12.000 hợp tác xã nông nghiệp hoạt động có hiệu quả đến năm 2030.")
    assert [(g[0], g[5]) for g in got] == [("coops", "once")]
    got = facts("Đến năm 2040, thành phố sẽ tư vấn và hỗ trợ phát triển gần 400 tổ hợp tác.")
    assert [g[0] for g in got] == ["new_coop_groups"]
    got = facts("Đến năm 2030, Chương trình đặt ra:\n- phát triển mới 60 HTX;\n- phát triển 01 - 02 LHHTX;")
    assert [g[0] for g in got] == ["new_coops", "new_coop_unions"]


def test_a_congress_ordinal_and_an_upgrade_from_average_are_no_counts_of_cooperatives():
    assert [g[0] for g in facts("Đây là mục tiêu Liên minh HTX tỉnh đề ra tại Đại hội 7, nhiệm kỳ 2026-2031.")] == []
    got = facts("Đến năm 2028, tỉnh hỗ trợ ít nhất 3 hợp tác xã/năm từ trung bình lên khá.")
    assert [g[0] for g in got] == ["other"]


def test_a_total_number_a_plan_that_founds_and_a_parallel_income_clause():
    got = facts("Năm 2027 phấn đấu nâng tổng số liên hiệp của tỉnh lên 08 liên hiệp với tổng số 60 hợp tác xã thành viên.", 2027)
    assert ("coop_union_member_coops", 60) in [(g[0], g[2]) for g in got]
    got = facts("Hiện nay tỉnh có 900 hợp tác xã. Ngoài ra, đề án cũng thành lập mới 300 hợp tác xã nông nghiệp đến năm 2030.")
    assert [(g[0], g[2]) for g in got] == [("new_coops", 300)]
    got = facts("Đến năm 2028, thu nhập bình quân của thành viên HTX khoảng 35 triệu đồng/người/năm; "
                "thành viên THT khoảng 25 triệu đồng/người/năm.")
    assert [(g[0], g[2]) for g in got] == [("avg_member_income", 35e6), ("avg_member_income", 25e6)]


def test_a_yearly_cue_ends_at_a_new_predicate():
    got = facts("Phấn đấu đến năm 2030 có 300 hợp tác xã, thành lập mới 90 hợp tác xã, bình quân mỗi năm thành lập mới "
                "từ 18 hợp tác xã, có 02 liên hiệp hợp tác xã hoạt động có hiệu quả.")
    by = {(g[0], g[2]): (g[5], g[6]) for g in got}
    assert by[("new_coops", 18)] == ("annual", None)
    assert by[("coop_unions", 2)] == ("once", 2030)
    got = facts("Hằng năm thành lập mới 30 tổ hợp tác, 5 hợp tác xã.")
    assert [g[5] for g in got] == ["annual", "annual"]


def test_innovation_is_not_a_new_cooperative():
    got = facts("Trong giai đoạn 2026 - 2030, tỉnh phấn đấu hỗ trợ 40 hợp tác xã ứng dụng đổi mới công nghệ.")
    assert "new_coops" not in [g[0] for g in got]


def test_a_scale_word_with_a_dotless_i_is_read_not_a_crash():
    # case-insensitive matching lets "trıệu" (U+0131) through as "triệu": the value must be scaled the same way
    text = "Mục tiêu đến năm 2030: thu nhập bình quân của thành viên hợp tác xã đạt 6 trıệu đồng/tháng."
    facts = extract_targets(normalise(text))
    assert [f.value_low for f in facts if f.unit == "vnd"] == [6e6]


def test_an_amount_per_union_or_per_group_is_not_a_cooperatives_average():
    got = facts("Năm 2026 phấn đấu thành lập mới 02 liên hiệp hợp tác xã, doanh thu bình quân một liên hiệp hợp tác xã "
                "đạt 4.000 triệu đồng/năm; lợi nhuận bình quân một tổ hợp tác đạt 90 triệu đồng/năm; doanh thu bình "
                "quân một hợp tác xã đạt 2,5 tỷ đồng/năm.")
    money = [(g[0], g[2]) for g in got if g[4] == "vnd"]
    assert money == [("other", 4e9), ("other", 9e7), ("avg_coop_revenue", 2.5e9)]


def test_income_of_a_cooperative_is_not_its_members_income():
    got = facts("Năm 2026, phấn đấu thu nhập bình quân HTX là 3,5 tỷ đồng; thu nhập bình quân của thành viên HTX "
                "đạt 75 triệu đồng/người/năm.")
    assert [(g[0], g[2]) for g in got if g[4] == "vnd"] == [("other", 3.5e9), ("avg_member_income", 7.5e7)]


def test_one_named_cooperatives_money_is_not_an_average():
    got = facts("Phấn đấu đến năm 2026, HTX Nông nghiệp Phú Thịnh đạt doanh thu 6 tỷ đồng; doanh thu bình quân của "
                "HTX Nông nghiệp đạt 2 tỷ đồng.")
    assert [(g[0], g[2]) for g in got if g[4] == "vnd"] == [("other", 6e9), ("avg_coop_revenue", 2e9)]


def test_a_yearly_number_of_organisations_is_a_number_founded_each_year():
    got = facts("Giai đoạn 2026-2030 thành lập mới 150 hợp tác xã (bình quân 30 hợp tác xã/năm), mỗi năm có thêm "
                "40 tổ hợp tác.")
    assert ("new_coops", 150, "period_total") in [(g[0], g[2], g[5]) for g in got]
    assert ("new_coops", 30, "annual") in [(g[0], g[2], g[5]) for g in got]
    assert all(g[0] not in ("coops", "coop_groups", "coop_unions") for g in got if g[5] == "annual")


def test_past_a_comma_a_phrase_names_its_own_subject():
    got = facts("Phấn đấu đến năm 2030, số hợp tác xã toàn tỉnh đạt 1.200 hợp tác xã, thành viên đạt 160.000 người.")
    assert [(g[0], g[2]) for g in got] == [("coops", 1200), ("coop_members", 160000)]


def test_a_revenue_line_that_sorts_cooperatives_is_not_their_average():
    got = facts("Năm 2026 phấn đấu có 15 hợp tác xã đạt doanh thu trên 5 tỷ đồng/năm; doanh thu bình quân của hợp "
                "tác xã đạt 2 tỷ đồng.")
    assert [(g[0], g[2]) for g in got if g[4] == "vnd"] == [("other", 5e9), ("avg_coop_revenue", 2e9)]


def test_a_sector_named_as_a_field_before_or_after_the_figure():
    got = facts("Đến năm 2030, thành lập mới 140 hợp tác xã (100 hợp tác xã lĩnh vực nông nghiệp, 40 hợp tác xã lĩnh "
                "vực phi nông nghiệp); tỷ lệ HTX hoạt động hiệu quả trong lĩnh vực nông nghiệp đạt 75%, trong lĩnh vực "
                "phi nông nghiệp đạt 85%.")
    assert [(g[2], g[7]) for g in got] == [(140, None), (100, "agriculture"), (40, "non_agriculture"),
                                           (75, "agriculture"), (85, "non_agriculture")]


def test_an_approximate_list_stays_approximate_through_a_unions_member_cooperatives():
    got = facts("Phấn đấu đến năm 2030, cả nước có khoảng 140.000 tổ hợp tác với 1,9 triệu thành viên, 45.000 HTX với "
                "8 triệu thành viên, 1.000 liên hiệp HTX với 5.000 HTX thành viên.")
    assert [(g[0], g[1]) for g in got][-2:] == [("coop_unions", "approx"), ("coop_union_member_coops", "approx")]


def test_at_least_may_stand_before_its_verb():
    got = facts("Hằng năm, tỉnh hỗ trợ ít nhất có 3 hợp tác xã từ trung bình lên khá; toàn tỉnh tối thiểu phải có 1 "
                "hợp tác xã kiểu mới.")
    assert [(g[1], g[2]) for g in got] == [("gte", 3), ("gte", 1)]


def test_a_sector_after_a_list_of_organisation_nouns():
    got = facts("Đến năm 2030 phát triển 12.000 hợp tác xã, liên hiệp hợp tác xã nông nghiệp hoạt động có hiệu quả.")
    assert [(g[0], g[2], g[7]) for g in got] == [("coops", 12000, "agriculture")]


def test_named_cooperatives_enumerated_for_a_programme_are_not_a_count_of_all():
    got = facts("Đến năm 2030 sẽ có 8 hợp tác xã Tân Phong, An Bình (huyện Nam Sơn), Hòa Lạc tham gia xây dựng mô hình "
                "hợp tác xã kiểu mới; 5 hợp tác xã Đông Hưng, Phú Lộc nhận hỗ trợ; có 300 hợp tác xã Nông nghiệp.")
    assert [(g[0], g[2]) for g in got] == [("model_coops", 8), ("other", 5), ("coops", 300)]


def test_boundaries_written_for_a_fast_scan_split_as_their_plain_forms():
    import random
    import re

    from coopdata import targets as T
    plain = {T._BOUNDARY: r"[;\n!?]|\.(?=\s|$)|:\s", T._LEAD_END: r":\s|\.\s|[;(]", T._FIRST_CLAUSE: r",\s|:\s"}
    rng = random.Random(7)
    for fast, source in plain.items():
        slow = re.compile(source)
        for _ in range(3000):
            s = "".join(rng.choice("ab .;:,!?()\n\t\u00a0x1") for _ in range(rng.randint(0, 20)))
            a, b = rng.randint(0, 20), rng.randint(0, 20)
            assert [m.span() for m in fast.finditer(s, a, b)] == [m.span() for m in slow.finditer(s, a, b)], (source, s)
            assert fast.split(s, maxsplit=1) == slow.split(s, maxsplit=1)


def test_a_two_stage_aim_takes_the_year_it_is_completed():
    got = facts("Tỉnh chọn 14 hợp tác xã xây dựng mô hình, đạt các mục tiêu cơ bản vào năm 2026 và hoàn thiện mô hình "
                "đến năm 2030; thành lập mới 30 hợp tác xã vào năm 2026, nâng tổng số lên 400 hợp tác xã vào năm 2028.")
    assert [(g[2], g[6]) for g in got] == [(14, 2030), (30, 2026), (400, 2028)]


def test_a_long_paragraph_naming_another_plan_lends_no_horizon():
    text = ("Theo đó, tỉnh hỗ trợ mỗi năm ít nhất 3 hợp tác xã lên loại khá; xây dựng ít nhất 4 hợp tác xã sản xuất "
            "theo chuỗi giá trị.\nTrước đó, tỉnh đã ban hành Đề án số 12/ĐA-UBND về hỗ trợ phát triển kinh tế tập "
            "thể giai đoạn 2021-2025, giao cho Liên minh Hợp tác xã tỉnh phối hợp với các sở, ngành và các huyện, "
            "thị xã triển khai các nội dung hỗ trợ thành lập mới, củng cố, nâng cao hiệu quả hoạt động của các tổ "
            "chức kinh tế tập thể trên địa bàn theo từng vùng.\n")
    assert [(g[2], g[6]) for g in facts(text) if g[2] == 4] == [(4, None)]
    titled = "KẾ HOẠCH phát triển kinh tế tập thể giai đoạn 2026-2030\nXây dựng ít nhất 4 hợp tác xã kiểu mới.\n"
    assert [g[6] for g in facts(titled)] == [2030]


def test_revenue_and_profit_written_together_grow_together():
    got = facts("Đến năm 2030, doanh thu, lợi nhuận bình quân của một hợp tác xã tăng 8-10%/năm.")
    assert sorted(g[0] for g in got) == ["profit_growth_rate", "revenue_growth_rate"]


def test_the_count_heads_in_one_pattern_name_the_first_head_that_matches():
    from coopdata import vocabulary as V
    for text in ("HTX thành viên", "hợp tác xã mới", "thành viên", "tổ hợp tác", "tổ chức KTTT", "KTTT", "liên minh HTX",
                 "người lao động", "lượt cán bộ", "mô hình", "quỹ tín dụng", "đơn vị", "xã", "", "LHHTX", "Tổ viên"):
        first = next(((kind, m.end()) for kind, p in V.COUNT_HEADS if (m := p.match(text))), None)
        m = V.COUNT_HEAD.match(text)
        assert (m and (V.COUNT_HEADS[int(m.lastgroup[1:])][0], m.end())) == first, text


def test_a_target_built_at_once_is_the_one_init_builds():
    import pytest as _pytest

    from coopdata.targets import Target, _target
    fact = dict(metric="coops", comparator="gte", value_low=30.0, value_high=30.0, unit="count", frequency="once",
                target_year=2030, period_start=None, period_end=None, sector=None, qualifier=None,
                metric_text="ít nhất 30 HTX", rule="count.head")
    made, built = _target(fact, "ít nhất 30 HTX", 5, 19), Target(**fact, evidence="ít nhất 30 HTX", char_start=5, char_end=19)
    assert made == built and repr(made) == repr(built) and vars(made) == vars(built) and list(vars(made)) == list(vars(built))
    with _pytest.raises(TypeError):
        _target({**fact, "extra": 1}, "x", 0, 1)


def test_a_new_subject_past_a_comma_is_not_the_share_before_it():
    got = facts("Đến năm 2030, phấn đấu 80% số hợp tác xã hoạt động hiệu quả, tỷ lệ hợp tác xã yếu kém còn dưới 3%.")
    assert [g[:3] for g in got] == [("effective_share", "eq", 80), ("weak_coop_share", "lt", 3)]
    got = facts("Năm 2025, số hợp tác xã hoạt động hiệu quả chiếm 30% trở lên và giải thể các hợp tác xã yếu kém.")
    assert [g[:3] for g in got] == [("effective_share", "gte", 30)]


def test_figures_per_cooperative_are_not_totals_of_members():
    # the size of each cooperative, and an average per cooperative
    assert [g[:3] for g in facts("Năm 2025, xây dựng 04 hợp tác xã có quy mô từ trên 200 thành viên.")] == [
        ("other", "eq", 4)]
    assert [g[:3] for g in facts("Năm 2025, bình quân thành viên hợp tác xã đạt 30 thành viên/hợp tác xã.")] == [
        ("other", "eq", 30)]
    # members of the cooperatives founded stay members
    assert [g[0] for g in facts("Năm 2025, thành lập mới 12 hợp tác xã với trên 200 thành viên.")] == [
        "new_coops", "new_coop_members"]


def test_cooperatives_an_action_is_done_to_are_no_count_of_all():
    assert [g[:3] for g in facts("Đến năm 2030, phấn đấu củng cố từ 500 hợp tác xã trở lên.")] == [("other", "gte", 500)]
    assert [g[:3] for g in facts("Giai đoạn 2026-2030, hỗ trợ 40 hợp tác xã ứng dụng công nghệ cao.")] == [
        ("high_tech_coops", "eq", 40)]  # what the supported cooperatives are still names the metric
    assert [g[0] for g in facts("Đến năm 2030, toàn tỉnh có 500 hợp tác xã.")] == ["coops"]


def test_whose_income_grows_names_the_growth():
    got = facts("Tới năm 2028, nâng thu nhập của các thành viên, người lao động HTX lên, tăng trên 12%/năm.")
    assert [g[:3] for g in got] == [("income_growth", "gt", 12)]
    assert [g[0] for g in facts("Đến năm 2025, số thành viên hợp tác xã tăng bình quân 5%/năm.")] == ["member_growth_rate"]


def test_shares_of_state_officials_are_not_cooperative_managers():
    got = facts("Đến năm 2025, 100% cán bộ quản lý nhà nước về kinh tế tập thể được tập huấn.")
    assert [g[0] for g in got] == ["other"]
    assert [g[0] for g in facts("Đến năm 2025, 100% cán bộ quản lý hợp tác xã được tập huấn.")] == [
        "trained_coop_staff"]
    assert [g[0] for g in facts("Đến năm 2025, 40% cán bộ quản lý hợp tác xã có trình độ trung cấp.")] == [
        "trained_manager_share"]


def test_fair_and_excellent_is_a_good_rating():
    assert [g[0] for g in facts("Đến năm 2030, có 75% hợp tác xã đạt loại khá và giỏi.")] == ["good_rated_share"]


def test_a_paragraph_that_goes_on_from_a_plan_reads_in_its_time():
    text = ("Tỉnh vừa ban hành kế hoạch phát triển kinh tế tập thể năm 2026.\n"
            "Theo đó, doanh thu bình quân của hợp tác xã đạt 2 tỷ đồng trở lên.\n"
            "Trong đó, số hợp tác xã đạt loại tốt, khá chiếm từ 60% trở lên.\n")
    assert [(g[0], g[6]) for g in facts(text)] == [("avg_coop_revenue", 2026), ("good_rated_share", 2026)]
    horizon = "Chương trình đặt mục tiêu cụ thể đến năm 2030.\nTrong đó, củng cố từ 800 hợp tác xã trở lên.\n"
    assert [(g[0], g[6]) for g in facts(horizon)] == [("other", 2030)]
    # a year of results does not carry, nor does a paragraph that does not go on from the one before
    results = facts("Năm 2025, toàn tỉnh có 300 hợp tác xã.\nTrong đó, 70% hợp tác xã đạt loại khá.\n")
    assert [g[6] for g in results if g[0] == "good_rated_share"] == [None]
    apart = ("Kinh tế tập thể của tỉnh\nLãnh đạo tỉnh nêu rõ các mục tiêu cần đạt đến năm 2030.\n"
             "Doanh thu bình quân của hợp tác xã đạt 2 tỷ đồng.\n")
    assert [g[6] for g in facts(apart)] == [None]


def test_a_part_of_a_yearly_figure_is_yearly_too():
    got = facts("Giai đoạn 2026 - 2030, mỗi năm thành lập mới từ 40 hợp tác xã trở lên, trong đó, có ít nhất 25 hợp tác "
                "xã nông nghiệp.")
    assert [(g[0], g[2], g[5], g[7]) for g in got] == [("new_coops", 40, "annual", None),
                                                       ("new_coops", 25, "annual", "agriculture")]


def test_a_news_page_of_a_one_year_plan_dates_its_flows_to_that_year():
    from dataclasses import replace

    from coopdata.ingest import Document
    from coopdata.tables import parse_document

    text = ("Tin hoạt động\nUBND tỉnh vừa ban hành Kế hoạch phát triển kinh tế tập "
            "thể năm 2027.\nPhấn đấu đến năm 2027, khu vực kinh tế tập thể phát triển mạnh.\nCụ thể, phấn đấu thành lập "
            "mới 40 hợp tác xã trở lên để đến hết năm 2027 có 420 hợp tác xã.\n")
    p = parse_document(Document("kh.txt", "0" * 64, "utf-8", len(text.encode()), text, {}))
    got = {(t.metric, t.value_low, t.frequency, t.target_year) for t in p.targets + p.candidates}
    assert ("new_coops", 40, "once", 2027) in got and ("coops", 420, "once", 2027) in got
    # a lead that looks past the plan's own year is about a period: its aims are dated by their own phrases
    from coopdata.tables import plan_year
    untitled = replace(p.plan, title=None)
    assert plan_year(untitled, text) == 2027
    assert plan_year(untitled, text.replace("đến năm 2027, khu", "đến năm 2030, khu")) is None


def test_a_share_of_farm_output_is_no_share_of_cooperatives():
    assert facts("Đến năm 2025, tỷ lệ giá trị sản phẩm nông nghiệp được sản xuất dưới hình thức hợp tác, liên kết "
                 "đạt 40%.") == []
    assert [g[0] for g in facts("Đến năm 2025, tỷ lệ hợp tác xã tham gia liên kết chuỗi giá trị đạt 40%.")] == [
        "value_chain_share"]


def test_cooperatives_chosen_for_a_programme_are_no_count_of_all():
    # chosen to perfect and replicate a model: the model cooperatives the spec names; chosen for anything else: other
    assert [g[:3] for g in facts("Năm 2025, lựa chọn 5 hợp tác xã tiêu biểu để hoàn thiện, nhân rộng mô hình.")] == [
        ("model_coops", "eq", 5)]
    assert [g[:3] for g in facts("- Đến năm 2026, chọn tối đa 04 hợp tác xã để làm thí điểm theo 9 mô hình của Đề án.")] == [
        ("model_coops", "lte", 4)]
    assert [g[:3] for g in facts("Năm 2025, lựa chọn 6 hợp tác xã để hỗ trợ đầu tư hạ tầng.")] == [("other", "eq", 6)]


def test_a_time_of_day_is_no_quantity():
    got = facts("Mỗi năm phấn đấu có thêm từ 20 tới 30 hợp tác xã mới (08:45 14/09/2026)")
    assert [g[2] for g in got] == [20]


def test_the_whole_sectors_growth_takes_no_sector_from_a_heading():
    text = ("2. Về phát triển hợp tác xã nông nghiệp:\n"
            "Đến năm 2025, tốc độ tăng trưởng bình quân của khu vực kinh tế tập thể đạt 7%/năm; tỷ trọng đóng góp "
            "vào GRDP đạt 5%; có 300 hợp tác xã.\n")
    got = {g[0]: g[7] for g in facts(text)}
    assert got == {"sector_growth_rate": None, "grdp_share": None, "coops": "agriculture"}


def test_the_subject_named_before_a_figure_gives_its_sector():
    got = facts("Đến năm 2027, tổng số tổ viên tham gia tổ hợp tác nông nghiệp là 41.000 tổ viên.")
    assert [(g[0], g[7]) for g in got] == [("coop_group_members", "agriculture")]


def test_eliminating_weak_cooperatives_brings_their_share_to_zero_and_is_no_rating():
    got = facts("Đến năm 2028, toàn tỉnh có khoảng 150 hợp tác xã nông nghiệp, trong đó có trên 65% số HTX hoạt động "
                "khá giỏi, giảm số HTX trung bình, xóa HTX yếu kém.")
    assert [g[:3] for g in got] == [("coops", "approx", 150), ("good_rated_share", "gt", 65),
                                    ("weak_coop_share", "eq", 0)]
    got = facts("Đến năm 2028 huyện có trên 55% HTX xếp loại hoạt động khá, không để còn HTX nào tồn tại hình thức.")
    assert [g[:3] for g in got] == [("good_rated_share", "gt", 55), ("weak_coop_share", "eq", 0)]
    assert facts("Năm 2028, xóa đói giảm nghèo cho 200 hộ.") == []


def test_weak_written_with_a_comma_or_as_a_rating_is_weak():
    # real pages write "yếu, kém" as often as "yếu kém", and name the weakest rating "xếp loại yếu"
    got = facts("Đến năm 2028:\n- hạ tỷ lệ HTX yếu, kém xuống dưới 12%;")
    assert [g[:3] for g in got] == [("weak_coop_share", "lt", 12)]
    assert [g[:3] for g in facts("Đến năm 2028, không còn hợp tác xã yếu, kém.")] == [("weak_coop_share", "eq", 0)]
    got = facts("Năm 2027, huyện phấn đấu không còn HTX xếp loại yếu, nâng tỷ lệ HTX xếp loại tốt, khá lên trên 70% "
                "tổng số HTX.")
    # the zero-weak aim is read on its own and does not name the share after it
    assert sorted(g[:3] for g in got) == [("good_rated_share", "gt", 70), ("weak_coop_share", "eq", 0)]
    # a cooperative lifted from the weak rating is rated, not weak; "chủ yếu" (mainly) is no rating
    assert [g[0] for g in facts("Đến năm 2028, nâng 25% HTX từ loại yếu lên loại khá.")] != ["weak_coop_share"]
    assert [g[0] for g in facts("Đến năm 2028, 40% HTX có lãi, chủ yếu trong nông nghiệp.")] == ["profitable_coop_share"]


def test_a_yearly_cue_makes_a_share_a_yearly_aim():
    # the spec's frequency rule ("hằng năm / mỗi năm / bình quân mỗi năm" → annual) names no metric
    got = facts("Giai đoạn 2026 - 2030, phấn đấu hằng năm có 85% số HTX hoạt động có lãi.")
    assert [(g[0], g[5], g[6]) for g in got] == [("profitable_coop_share", "annual", None)]
    got = facts("Nhiệm kỳ 2026 - 2031, bình quân mỗi năm có 40 - 45% số HTX xếp loại khá, giỏi.")
    assert [(g[0], g[1], g[5]) for g in got] == [("good_rated_share", "range", "annual")]
    # without one the share is a state to reach
    assert [g[5] for g in facts("Đến năm 2030, có 85% số HTX hoạt động có lãi.")] == ["once"]


def test_one_figure_for_both_kinds_of_organisation_counts_them_together():
    # "N HTX, THT" with no figure for the second kind: one count of both, founded or not
    got = facts("Đến năm 2027, Hội phối hợp hỗ trợ thành lập 15 hợp tác xã, tổ hợp tác do nông dân trẻ quản lý.")
    assert [(g[0], g[2], g[6]) for g in got] == [("new_collective_orgs", 15, 2027)]
    assert [g[0] for g in facts("Năm 2027, toàn huyện phấn đấu thành lập mới 6 HTX, Tổ hợp tác.")] == ["new_collective_orgs"]
    assert [g[0] for g in facts("Đến năm 2030 có 300 tổ hợp tác và HTX hoạt động hiệu quả.")] == ["other"]
    # each kind with its own figure stays apart
    got = facts("Đến năm 2030, toàn tỉnh có 320 HTX, 640 THT.")
    assert [g[0] for g in got] == ["coops", "coop_groups"]


def test_the_sectors_workforce_is_its_workers_but_not_the_workers_it_adds():
    got = facts("Đến năm 2030, nâng tổng số lao động làm việc trong khu vực kinh tế tập thể đạt 31.000 lao động.")
    assert [(g[0], g[2]) for g in got] == [("coop_workers", 31000)]
    assert [g[0] for g in facts("Đến năm 2030, số lao động trong các HTX đạt 8.500 lao động.")] == ["coop_workers"]
    assert [g[0] for g in facts("Đến năm 2030, thu hút thêm 12.000 lao động làm việc trong khu vực kinh tế hợp tác xã.")
            ] == ["other"]
    assert [g[0] for g in facts("Đến năm 2030, tạo việc làm cho khoảng 40.000 lao động.")] == ["other"]


def test_a_growth_rate_keeps_its_subject_through_a_long_qualifier():
    got = facts("Phấn đấu tốc độ tăng doanh thu bình quân hàng năm của các HTX nông nghiệp trên địa bàn toàn huyện đạt 9%.")
    assert [(g[0], g[4], g[5]) for g in got] == [("revenue_growth_rate", "percent_per_year", "annual")]


def test_every_commune_with_a_cooperative_is_the_full_share_of_communes():
    got = facts("Phấn đấu đến năm 2028, mỗi xã đạt chuẩn nông thôn mới đều có ít nhất 1 HTX hoạt động hiệu quả.")
    assert [g[:5] for g in got] == [("communes_with_coops_share", "eq", 100, 100, "percent")]
    got = facts("Đến năm 2028, mỗi xã xây dựng nông thôn mới có tối thiểu 01 hợp tác xã.")
    assert [g[:3] for g in got] == [("communes_with_coops_share", "eq", 100)]


def test_a_figure_for_each_district_is_no_total_unless_it_founds():
    # "mỗi huyện có 1 mô hình": the plan's total is not 1; a founding aim per district stays (readers keep it)
    assert facts("Đến năm 2028, mỗi huyện, thị xã có ít nhất 1 mô hình HTX kiểu mới hoạt động hiệu quả.") == []
    assert facts("Đến năm 2028, mỗi huyện có từ 8 THT điển hình trở lên.") == []
    got = facts("Năm 2028, phấn đấu mỗi huyện thành lập mới 3 - 4 tổ hợp tác.")
    assert [g[0] for g in got] == ["new_coop_groups"]


def test_the_revenue_of_exemplary_cooperatives_is_no_average_of_all():
    got = facts("Đến năm 2028, toàn huyện có 45 HTX; 02 HTX điển hình hoạt động hiệu quả, doanh thu bình quân đạt từ "
                "3,5 tỷ đồng/năm trở lên.")
    assert [g[0] for g in got] == ["coops", "model_coops"]
    assert [g[0] for g in facts("Đến năm 2028, doanh thu bình quân của HTX đạt 3,5 tỷ đồng/năm.")] == ["avg_coop_revenue"]


def test_so_alone_measures_against_a_year_as_so_voi_does():
    # "so năm 2026" is written for "so với năm 2026": growth in a one-year plan against the year before
    got = facts("Năm 2027, phấn đấu tổng doanh thu của khu vực kinh tế tập thể tăng 12% so năm 2026.")
    assert [(g[0], g[4], g[5], g[6]) for g in got] == [("revenue_growth_rate", "percent_per_year", "once", 2027)]


def test_a_bracket_that_rises_against_a_base_year_speaks_of_its_own_figure():
    got = facts("Đến năm 2030, tỉnh sẽ có 7 liên HTX (tăng 3 liên HTX so với năm 2020), 820 HTX (tăng 390 HTX so với "
                "năm 2020), 600 tổ hợp tác (tăng 100 THT so với năm 2020).")
    assert [g[:3] for g in got] == [("coop_unions", "eq", 7), ("coops", "eq", 820), ("coop_groups", "eq", 600)]


def test_by_the_end_of_a_year_is_a_horizon_not_a_result():
    text = ("Kế hoạch đề ra các chỉ tiêu năm 2027: Tiếp tục củng cố các HTX hiện có. Đến cuối năm 2027, toàn tỉnh có "
            "khoảng 400 HTX với 19.000 thành viên.")
    assert [g[:3] for g in facts(text)] == [("coops", "approx", 400), ("coop_members", "approx", 19000)]
    assert facts("Cuối năm 2026, toàn tỉnh có 380 HTX.") == []


def test_a_growth_rate_is_a_growth_without_per_year():
    got = facts("Đến năm 2028, khu vực kinh tế hợp tác đạt tốc độ tăng trưởng 8% trở lên, tham gia vào chuỗi giá trị.")
    assert [g[:5] for g in got] == [("sector_growth_rate", "gte", 8, 8, "percent_per_year")]


def test_formal_only_cooperatives_are_weak_and_a_one_year_plan_dates_their_end():
    got = facts("Đến năm 2027, toàn tỉnh sẽ không còn HTX hoạt động hình thức.")
    assert [(g[0], g[2], g[6]) for g in got] == [("weak_coop_share", 0, 2027)]
    assert [(g[0], g[6]) for g in facts("Không còn hợp tác xã ngưng, nghỉ hoạt động.", 2026)] == [("weak_coop_share", 2026)]


def test_a_count_up_to_a_month_is_a_result():
    assert facts("Tính hết tháng 11-2025, toàn thành phố có 424 tổ hợp tác.") == []


def test_a_rise_by_a_number_of_cooperatives_is_no_stock():
    assert [g[:3] for g in facts("Mục tiêu tăng 400 hợp tác xã đến năm 2030")] == [("other", "eq", 400)]
    assert [g[:3] for g in facts("Đến năm 2030, tăng lên 800 HTX.")] == [("coops", "eq", 800)]


def test_cooperatives_chosen_for_a_pilot_and_new_jobs_are_no_stocks():
    got = facts("Đến năm 2025, phát triển 18 HTX kiểu mới; trong đó 10 HTX được chọn thí điểm.")
    assert [g[:3] for g in got][1:] == [("other", "eq", 10)]
    assert [g[0] for g in facts("Hằng năm tạo việc làm mới và thường xuyên cho trên 3.000 lao động.")] == ["other"]
    assert [g[0] for g in facts("Đến năm 2030, các HTX tạo việc làm thường xuyên cho 5.000 lao động.")] == ["coop_workers"]


def test_the_fields_cooperatives_work_in_are_not_what_they_are():
    got = facts("Năm 2028, huyện phấn đấu có 26 hợp tác xã thuộc các ngành trồng trọt công nghệ cao và du lịch.")
    assert [g[0] for g in got] == ["coops"]
    assert [g[0] for g in facts("Đến năm 2025, có 30 hợp tác xã ứng dụng công nghệ cao.")] == ["high_tech_coops"]


def test_a_floor_opening_a_plain_pair_of_shares_covers_both():
    got = facts("Đến năm 2030, tỉnh phấn đấu ít nhất 55% hợp tác xã hoạt động có hiệu quả và 25% hợp tác xã ứng dụng "
                "công nghệ cao.")
    assert [g[:3] for g in got] == [("effective_share", "gte", 55), ("high_tech_coops", "gte", 25)]
    # a first share with clauses of its own keeps the floor to itself
    got = facts("Đến năm 2030, ít nhất 60% HTX vận hành hiệu quả, có chất lượng và 80% số cán bộ quản lý HTX có trình "
                "độ cao đẳng.")
    assert [g[1] for g in got] == ["gte", "eq"]


def test_the_sector_reads_through_an_abbreviation_in_brackets():
    got = facts("Năm 2029 tỉnh sẽ có chừng 130 hợp tác xã (HTX) nông nghiệp; phấn đấu trên 60% số HTX nông nghiệp xếp "
                "loại khá giỏi.")
    assert [(g[0], g[7]) for g in got] == [("coops", "agriculture"), ("good_rated_share", "agriculture")]


def test_the_members_of_the_cooperatives_a_sentence_names_are_their_members():
    got = facts("Năm 2026, lập mới 20 hợp tác xã; dự tính tổng số thành viên của 20 hợp tác xã mới khoảng 900 người.")
    assert [g[:3] for g in got] == [("new_coops", "eq", 20), ("new_coop_members", "approx", 900)]
    assert [g[0] for g in facts("Năm 2026, số thành viên của các hợp tác xã đạt 12.000 người.")] == ["coop_members"]


def test_a_count_up_to_the_end_of_a_year_is_a_result_unless_it_is_the_aims():
    assert facts("Tính đến hết năm 2026, cả huyện có 61 HTX, 1 liên hiệp HTX và 88 tổ hợp tác.") == []
    assert [g[0] for g in facts("Chỉ tiêu tính đến hết năm 2027: khoảng 400 HTX.")] == ["coops"]


def test_a_congress_resolution_sets_aims_to_the_end_of_the_term_it_opens():
    text = ("Ông A tiếp tục giữ chức Chủ tịch Liên minh HTX tỉnh\n"
            "Đại hội đại biểu Liên minh Hợp tác xã tỉnh lần thứ II, nhiệm kỳ 2026-2031 đã bế mạc.\n"
            "Đại hội đã tổng kết nhiệm kỳ 2021-2026, thông qua Điều lệ sửa đổi.\n"
            "Nghị quyết Đại hội đề ra các chỉ tiêu: thành lập mới 400 tổ hợp tác, 120 HTX và 4 liên hiệp HTX.\n")
    got = facts(text)
    assert [(g[0], g[5], g[6]) for g in got] == [("new_coop_groups", "period_total", 2031),
                                                 ("new_coops", "period_total", 2031),
                                                 ("new_coop_unions", "period_total", 2031)]


def test_households_taking_part_are_no_share_of_the_population():
    assert [g[:3] for g in facts("Đến năm 2030, thu hút trên 80% hộ sản xuất nông nghiệp tham gia hợp tác xã.")] == [
        ("other", "gt", 80)]
    assert [g[0] for g in facts("Đến năm 2030, thu hút tối thiểu 20% dân số tham gia hợp tác xã.")] == [
        "population_participation_share"]



def test_an_item_that_names_its_own_noun_is_not_the_organisations_before_it():
    assert [g[:3] for g in facts("Năm 2026, phát triển mới 4 tổ hợp tác và 5 trang trại.")] == [("new_coop_groups", "eq", 4)]
    assert [g[0] for g in facts("Năm 2026, thành lập mới 20 HTX và 5 tổ hợp tác.")] == ["new_coops", "new_coop_groups"]


def test_a_year_the_province_had_is_a_result_whatever_names_come_between():
    assert facts("Trong năm 2025, toàn tỉnh Sóc Trăng có 4 hợp tác xã được cấp nhãn hiệu, 27 hợp tác xã ứng dụng công "
                 "nghệ cao.") == []
    assert [g[0] for g in facts("Năm 2027, toàn tỉnh Bắc Ninh sẽ có 300 hợp tác xã.")] == ["coops"]
    assert [g[0] for g in facts("Năm 2027, toàn tỉnh phấn đấu có 300 hợp tác xã.")] == ["coops"]


def test_parts_restatements_and_farm_measures_add_no_fact():
    # the parts of a figure by place, a share restated as a count, income per hectare
    got = facts("Năm 2027, vận động thành lập mới tối thiểu 02 HTX (TX Sông Cầu: 01 HTX và huyện Tuy An: 01 HTX).")
    assert [g[:3] for g in got] == [("new_coops", "gte", 2)]
    got = facts("Đến năm 2027, có ít nhất 10% tổng số HTX ứng dụng công nghệ cao, với số lượng tương đương 25 HTX.")
    assert [g[:3] for g in got] == [("high_tech_coops", "gte", 10)]
    assert facts("Đến năm 2027, thu nhập trên đơn vị diện tích đất nông nghiệp tăng gấp 1,5 lần so với năm 2021.") == []
    assert [g[0] for g in facts("Đến năm 2027, thu nhập của thành viên HTX tăng gấp 1,5 lần.")] == ["income_growth"]
    # cooperatives a programme works on, and a list cut off before its noun
    assert [g[0] for g in facts("Đến năm 2030, củng cố, nâng cao chất lượng hoạt động cho 35 HTX nông nghiệp.")] == ["other"]
    assert [g[2] for g in facts("Lũy kế đến năm 2027 là 140 THT và 01 ")] == [140]


def test_a_limit_is_no_aim_and_registering_by_the_rules_is_complying():
    got = facts("Năm 2027: mỗi xã hạn chế việc có trên 1 HTX làm cùng một sản phẩm; bảo đảm 100% HTX mới lập đăng ký "
                "hoạt động theo đúng quy định.")
    assert [g[:3] for g in got] == [("law_compliant_coop_share", "eq", 100)]


def test_pilot_cooperatives_criterion_numbers_and_added_income():
    assert [g[0] for g in facts("Năm 2026, huyện chọn 6 hợp tác xã điểm để làm mẫu.")] == ["model_coops"]
    got = facts("Năm 2026 thành lập mới 10 HTX, ưu tiên các xã đang phấn đấu đạt tiêu chí 13 về tổ chức sản xuất.")
    assert [g[2] for g in got] == [10]
    got = facts("Năm 2026, phấn đấu hơn 50% HTX xếp loại khá giỏi, thu nhập thành viên HTX tăng thêm 20%.")
    assert [g[0] for g in got] == ["good_rated_share", "income_growth"]


def test_an_item_with_its_own_dissolving_verb_is_no_founding():
    got = facts("Giai đoạn 2026 – 2030, thành lập mới 390 HTX và 50 HTX giải thể; 150 THT được thành lập mới và 20 THT bị "
                "giải thể.")
    assert [(g[0], g[2]) for g in got] == [("new_coops", 390), ("dissolved_coops", 50), ("new_coop_groups", 150),
                                           ("other", 20)]


def test_a_part_of_the_organisations_founded_is_founded_too():
    text = ("Tin kinh tế\nTheo kế hoạch giai đoạn 2026-2030, tỉnh thành lập mới khoảng 90 tổ hợp tác, 70 HTX, 4 liên hiệp "
            "HTX cùng 2 quỹ tín dụng. Trong đó, có khoảng 40 HTX nông nghiệp.\n")
    got = facts(text)
    assert got[-1][:3] == ("new_coops", "approx", 40) and got[-1][5:8] == ("period_total", 2030, "agriculture")


def test_a_share_after_va_so_is_a_new_subject():
    got = facts("Phấn đấu đến cuối năm 2027, tỉnh có 80% HTX sản xuất kinh doanh có lãi và số HTX khá, giỏi đạt 25%.")
    assert [g[:3] for g in got] == [("profitable_coop_share", "eq", 80), ("good_rated_share", "eq", 25)]


def test_growth_against_the_year_before_to_a_horizon_is_yearly():
    got = facts("Tới cuối năm 2027, phấn đấu thu nhập bình quân thành viên HTX mỗi năm tăng 10-15% so với năm trước.")
    assert [(g[0], g[5], g[6]) for g in got] == [("income_growth", "annual", None)]
    got = facts("Năm 2027, doanh thu tăng từ 10% trở lên so với năm 2026.")
    assert [(g[0], g[5], g[6]) for g in got] == [("revenue_growth_rate", "once", 2027)]


def test_the_number_of_participants_in_a_scheme_is_no_count_of_all():
    got = facts("Năm 2025 dự án nhận số lượng tham gia tối đa 5 HTX, ưu tiên HTX làm mô hình nông nghiệp sạch.")
    assert [g[:3] for g in got] == [("other", "lte", 5)]
    assert [g[0] for g in facts("Đến năm 2025, số lượng HTX đạt 500.")] == ["coops"]


def test_communes_with_at_least_one_cooperative_are_a_share_not_a_count():
    assert [g[:3] for g in facts("Đến năm 2027, 100% xã có ít nhất 1 HTX hoạt động hiệu quả.")] == [
        ("communes_with_coops_share", "eq", 100)]
    assert facts("Để đạt tiêu chí đó, mỗi xã muốn về đích nông thôn mới đều phải có tối thiểu 1 HTX, 2 tổ hợp tác.") == []


def test_a_congress_report_of_results_takes_no_year_from_the_term():
    text = ("ĐẠI HỘI LIÊN MINH HỢP TÁC XÃ TỈNH LẦN THỨ VII\n"
            "Đại hội Liên minh HTX tỉnh lần thứ VII, nhiệm kỳ 2025 – 2030 khai mạc với 130 đại biểu chính thức.\n"
            "Hiện mọi HTX của tỉnh đều vào Liên minh, trải ra 6 lĩnh vực chính với 100% HTX có trụ sở.\n"
            "Nghị quyết Đại hội đề ra chỉ tiêu thành lập mới 90 HTX.\n")
    got = facts(text)
    assert ("new_coops", 90, "period_total", 2030) in [(g[0], g[2], g[5], g[6]) for g in got]
    assert all(g[6] is None for g in got if g[0] != "new_coops")  # delegates and fields are no counts either
    assert 130 not in [g[2] for g in got] and 6 not in [g[2] for g in got]


def test_communes_without_a_cooperative_are_no_share_with_one():
    got = facts("Năm 2026, phấn đấu 90% số xã có HTX hoạt động. Hiện vẫn còn 12 xã chưa có HTX, chiếm 20%.")
    assert [g[:3] for g in got] == [("communes_with_coops_share", "eq", 90)]


def test_existing_cooperatives_named_after_a_list_are_no_result():
    # "các HTX hiện có" names the cooperatives a task is done to; "HTX hiện có 120" would report a count
    got = facts("Một là, thành lập thêm 06 hợp tác xã, nâng tổng số lên 142 hợp tác xã, kiện toàn các hợp tác xã hiện "
                "có theo Luật Hợp tác xã năm 2023.", 2027)
    assert [g[:3] + (g[6],) for g in got] == [("new_coops", "eq", 6, 2027), ("coops", "eq", 142, 2027)]
    from coopdata.vocabulary import PAST
    assert PAST.search("số hợp tác xã hiện có 120") and PAST.search("toàn tỉnh hiện có 120 hợp tác xã")
    assert not PAST.search("kiện toàn các hợp tác xã hiện có theo Luật")


def test_a_period_in_the_quoted_name_of_another_scheme_dates_nothing():
    text = ("Kế hoạch đề ra mục tiêu: chỉ đạo 12 hợp tác xã điểm tham gia Đề án “Nhân rộng mô hình hợp tác xã kiểu "
            "mới giai đoạn 2021 - 2025”.")
    assert [(g[0], g[2], g[6]) for g in facts(text, 2027)] == [("model_coops", 12, 2027)]
    # the name of the page's own scheme dates its aims
    own = ("UBND tỉnh đã duyệt Đề án “Phát triển hợp tác xã nông nghiệp đến năm 2028”.\n"
           "- hướng dẫn lập mới 35 hợp tác xã;")
    assert [(g[0], g[2], g[6]) for g in facts(own)] == [("new_coops", 35, 2028)]


def test_a_quoted_schemes_period_in_the_lead_leaves_a_one_year_plan_its_year():
    from dataclasses import replace

    from coopdata.ingest import Document
    from coopdata.tables import parse_document, plan_year

    text = ("Tin địa phương\nTỉnh ban hành Kế hoạch phát triển kinh tế tập thể năm 2027.\nKế hoạch nêu các mục tiêu: "
            "phát triển mới 07 hợp tác xã; chỉ đạo 10 hợp tác xã điểm thực hiện Đề án “Nâng cao hiệu quả hợp tác xã "
            "giai đoạn 2021 - 2025”.\n")
    p = parse_document(Document("kh.txt", "0" * 64, "utf-8", len(text.encode()), text, {}))
    assert plan_year(replace(p.plan, title=None), text) == 2027
    assert plan_year(replace(p.plan, title=None), text.replace("“Nâng", "Nâng").replace("2025”", "2025")) is None


def test_the_previous_numbers_noun_is_no_subject_for_the_next_item():
    got = facts("Năm 2027, Hội phấn đấu mỗi huyện xây dựng mới 1 hợp tác xã và thành lập 1 câu lạc bộ nông dân.")
    assert [(g[0], g[2]) for g in got] == [("new_coops", 1)]
    got = facts("Phấn đấu đến năm 2030, số hợp tác xã tăng từ 120 hợp tác xã lên 150.")
    assert ("coops", 150) in [(g[0], g[2]) for g in got]


def test_income_higher_by_a_factor_is_its_growth():
    got = facts("Mục tiêu đến năm 2028: thu nhập của thành viên hợp tác xã cao hơn 1,8 lần so với năm 2023.")
    assert [(g[0], g[2], g[4], g[6]) for g in got] == [("income_growth", 1.8, "times", 2028)]


def test_training_coverage_is_trained_staff_and_a_level_reached_is_the_managers_share():
    got = facts("Đến năm 2028: 85% cán bộ quản lý hợp tác xã được đào tạo, bồi dưỡng; 30% giám đốc hợp tác xã được đào "
                "tạo sơ cấp nghề quản lý; khoảng 25% cán bộ hợp tác xã có bằng cao đẳng, đại học.")
    assert [(g[0], g[2]) for g in got] == [("trained_coop_staff", 85), ("trained_manager_share", 30),
                                           ("trained_manager_share", 25)]
    got = facts("Đến năm 2028, 100% thành viên hợp tác xã được tập huấn để nâng trình độ quản lý.")
    assert [g[0] for g in got] == ["trained_coop_staff"]
    # formal training alone is the way to a level: the managers' share
    assert [g[0] for g in facts("Đến năm 2028, khoảng 55% cán bộ chủ chốt hợp tác xã được đào tạo.")] == [
        "trained_manager_share"]


def test_tasks_animals_and_barns_are_no_counts():
    assert facts("Năm 2027, Liên minh HTX tỉnh tập trung thực hiện 6 nhiệm vụ trọng tâm.") == []
    assert facts("Thời gian tới, hợp tác xã phấn đấu nâng đàn bò lên 900 con, xây thêm 2 trại nuôi.") == []


def test_a_legal_preamble_cites_other_acts_figures():
    text = ("Căn cứ Quyết định số 12/QĐ-TTg phê duyệt Đề án “Phát triển 9.000 hợp tác xã nông nghiệp đến năm 2027”;\n"
            "Mục tiêu: đến năm 2027, toàn tỉnh có 160 hợp tác xã nông nghiệp.")
    assert [(g[0], g[2]) for g in facts(text)] == [("coops", 160)]


def test_a_count_at_a_month_or_a_past_year_of_the_province_is_a_result():
    assert facts("Đến hết tháng 3/2027, tỉnh Lào Cai có 210 hợp tác xã, trong đó có 150 hợp tác xã nông nghiệp.") == []
    assert facts("Năm 2026, tỉnh Lào Cai có 31 hợp tác xã được thành lập mới.") == []
    # a horizon at the end of a year stays an aim, and so does a month the aim is set to
    assert [(g[0], g[2]) for g in facts("Phấn đấu đến cuối năm 2028, tỉnh Lào Cai có 75% hợp tác xã có lãi.")] == [
        ("profitable_coop_share", 75)]
    assert [(g[0], g[2]) for g in facts("Đến hết tháng 6/2028, tỉnh phấn đấu có 250 hợp tác xã.")] == [("coops", 250)]


def test_capital_and_a_rise_in_revenue_are_no_money_aims():
    got = facts("Mục tiêu năm 2027: tổng vốn hoạt động của các hợp tác xã là 900 tỷ đồng; doanh thu bình quân "
                "đạt 2,5 tỷ đồng/hợp tác xã.")
    assert [(g[0], g[2]) for g in got] == [("avg_coop_revenue", 2.5e9)]
    got = facts("Phấn đấu năm 2027, doanh thu bình quân đạt 3 tỷ đồng/HTX, tăng 200 triệu đồng so với năm 2026.")
    assert [(g[0], g[2]) for g in got] == [("avg_coop_revenue", 3e9)]


def test_a_sentence_measured_against_its_plan_reports_results():
    assert facts("Năm 2026, doanh thu bình quân đạt 2,8 tỷ đồng/hợp tác xã, đạt 104% so với kế hoạch năm 2026.") == []
    assert facts("Cả năm thành lập mới 40 hợp tác xã, vượt 30% kế hoạch đề ra.") == []
    # an aim that names its plan is still an aim
    got = facts("Phấn đấu năm 2027 thành lập mới 40 hợp tác xã, vượt chỉ tiêu Trung ương giao.")
    assert [(g[0], g[2]) for g in got] == [("new_coops", 40)]


def test_one_named_cooperatives_figures_are_no_aims():
    assert facts("Hợp tác xã Dịch vụ Chè Tân Hòa (huyện Phú Lương) thu hút 45 thành viên, phấn đấu năm 2027 đạt doanh "
                 "thu 3 tỷ đồng.") == []
    got = facts("HTX Nông nghiệp phấn đấu đến năm 2027 có 120 hợp tác xã nông nghiệp.")
    assert [(g[0], g[2]) for g in got] == [("coops", 120)]


def test_shares_and_models_of_farms_are_not_of_cooperatives():
    got = facts("Đến năm 2027, huyện có 30 hợp tác xã; riêng kinh tế trang trại hình thành 200 mô hình, trong đó 15% "
                "trang trại ứng dụng công nghệ cao.")
    assert [(g[0], g[2]) for g in got] == [("coops", 30)]


def test_htxnn_is_an_agricultural_cooperative():
    got = facts("Đến năm 2028, toàn tỉnh có 300 HTXNN, trong đó 40% HTXNN liên kết với doanh nghiệp.")
    assert [(g[0], g[2], g[7]) for g in got] == [("coops", 300, "agriculture"), ("value_chain_share", 40, "agriculture")]


def test_the_members_of_a_union_founded_are_its_member_cooperatives():
    got = facts("Đến năm 2028, thành lập 1 liên hiệp HTX nông nghiệp với số thành viên ban đầu tối thiểu là 4 HTX.")
    assert [(g[0], g[2]) for g in got] == [("new_coop_unions", 1), ("coop_union_member_coops", 4)]


def test_what_grows_may_follow_the_figure():
    got = facts("Mục tiêu đến năm 2028: tăng trưởng 12%/năm vốn góp của thành viên, tăng 15%/năm doanh thu bình quân "
                "của HTX và tăng 20%/năm thu nhập của người lao động.")
    assert [(g[0], g[2]) for g in got] == [("other", 12), ("revenue_growth_rate", 15), ("income_growth", 20)]


def test_a_congress_term_dates_only_sentences_that_state_aims():
    text = ("Khai mạc Đại hội Liên minh HTX tỉnh lần thứ VII, nhiệm kỳ 2025 – 2030.\n"
            "Đại hội có ý nghĩa với hơn 25.000 thành viên hợp tác xã. Đại hội sẽ đề ra phương hướng nhiệm kỳ mới.\n"
            "Trong nhiệm kỳ qua, khu vực phía Bắc của tỉnh thành lập mới 41 HTX.\n"
            "Đại hội đề ra chỉ tiêu thành lập mới 120 HTX.\n")
    got = [(g[0], g[2], g[6]) for g in facts(text)]
    assert ("new_coops", 120, 2030) in got
    assert all(g[2] is None for g in got if g[1] in (25000, 41))


def test_a_plenum_number_is_no_count():
    assert facts("Năm 2027, Liên minh HTX tỉnh đẩy mạnh thực hiện Nghị quyết Trung ương 5 về kinh tế tập thể.") == []


def test_courses_given_to_a_share_of_staff_are_training_coverage():
    got = facts("Giai đoạn 2026 - 2030, tổ chức tập huấn, bồi dưỡng kỹ năng quản trị cho ít nhất 75% cán bộ hợp tác xã.")
    assert [(g[0], g[2]) for g in got] == [("trained_coop_staff", 75)]


def test_an_undated_headline_below_the_chrome_restates_the_dated_body():
    text = ("Tin tức sự kiện hôm nay\nTỉnh Hậu Giang: Phấn đấu có 75% hợp tác xã hoạt động có lãi\n"
            "Phấn đấu đến cuối năm 2028, tỉnh có 75% hợp tác xã sản xuất kinh doanh có lãi.\n")
    assert [(g[0], g[2], g[6]) for g in facts(text)] == [("profitable_coop_share", 75, 2028)]


def test_a_list_of_shares_of_plain_nouns_shares_its_closing_predicate():
    got = facts("Phấn đấu đến năm 2028 có 60% HTX (30/50 HTX), 40% THT (20/50 THT) có liên kết sản xuất với doanh nghiệp.")
    assert [(g[0], g[2]) for g in got] == [("value_chain_share", 60), ("value_chain_share", 40)]
    # a share whose own words come before it keeps them ("… có trình độ đại học trên 45% và 100% … được tập huấn")
    got = facts("Đến năm 2028, cán bộ quản lý HTX có trình độ đại học trên 45% và 100% cán bộ HTX được tập huấn.")
    assert [(g[0], g[2]) for g in got] == [("trained_manager_share", 45), ("trained_coop_staff", 100)]
    assert facts("Đến năm 2028, có 30% hội quán liên kết với doanh nghiệp.") == []


def test_a_money_cue_after_a_comma_names_the_next_amount():
    got = facts("Mục tiêu năm 2027: mỗi hợp tác xã được hỗ trợ 300 triệu đồng, doanh thu bình quân đạt 2,5 tỷ đồng.")
    assert [(g[0], g[2]) for g in got if g[4] == "vnd"] == [("avg_coop_revenue", 2.5e9)]


def test_a_yearly_head_does_not_reach_past_a_semicolon_into_another_aim():
    text = ("Nhiệm kỳ 2026 - 2031, Liên minh HTX tỉnh phấn đấu mỗi năm thành lập mới 12 HTX trở lên; thu nhập của "
            "thành viên HTX tăng 1,8 lần.\n")
    got = {(g[0], g[5]) for g in facts(text)}
    assert ("new_coops", "annual") in got and ("income_growth", "annual") not in got
    # the same sentence after another one on its line (the head's offsets count from the sentence's start)
    text = ("Đại hội đã thông qua nghị quyết. Phấn đấu mỗi năm thành lập mới 12 HTX trở lên; thu nhập của thành viên "
            "HTX tăng 1,8 lần.\n")
    got = {(g[0], g[5]) for g in facts(text)}
    assert ("new_coops", "annual") in got and ("income_growth", "annual") not in got
    # a bare item after the semicolon still shares the head's year
    got = facts("Hằng năm, thành lập mới từ 25 tổ hợp tác trở lên; thành lập mới từ 4 hợp tác xã trở lên.\n")
    assert [(g[0], g[5]) for g in got] == [("new_coop_groups", "annual"), ("new_coops", "annual")]


def test_cooperatives_of_a_kind_added_over_a_period_are_a_period_total():
    text = ("Trong kế hoạch phát triển kinh tế tập thể giai đoạn 2026-2030, toàn tỉnh phấn đấu có thêm khoảng 40 hợp "
            "tác xã nông nghiệp có sản phẩm OCOP.\n")
    assert [(g[0], g[2], g[5], g[6]) for g in facts(text)] == [("ocop_coops", 40, "period_total", 2030)]
    # without "thêm" the same count is the stock to reach
    text = text.replace("có thêm khoảng", "có khoảng")
    assert [(g[0], g[5]) for g in facts(text)] == [("ocop_coops", "once")]


def test_an_item_with_its_own_predicate_takes_neither_the_yearly_cue_nor_the_founding_verb_of_its_neighbours():
    text = ("Mục tiêu của kế hoạch là hỗ trợ thành lập mới 120 hợp tác xã mỗi năm, nâng tổng số hợp tác xã lên 1.760 "
            "đơn vị và thành lập mới 6 liên hiệp hợp tác xã.\n")
    assert [(g[0], g[2], g[5]) for g in facts(text)] == [
        ("new_coops", 120, "annual"), ("coops", 1760, "once"), ("new_coop_unions", 6, "once")]
    # a stock followed by "và thành lập mới N …" is no founding; "N HTX mới" still is one
    got = facts("Đến năm 2030, tỉnh phấn đấu có hơn 2.600 hợp tác xã và thành lập mới 900 HTX.\n")
    assert [(g[0], g[2]) for g in got] == [("coops", 2600), ("new_coops", 900)]
    got = facts("Năm 2027, số thành viên tham gia 15 hợp tác xã mới khoảng 700 người.\n")
    assert ("new_coops", 15) in [(g[0], g[2]) for g in got]


def test_a_figure_in_the_headline_and_the_body_is_read_from_the_body():
    text = ("Tin nóng\n\nTỉnh X: Hỗ trợ thành lập mới 60 hợp tác xã mỗi năm\n\n"
            + "Trang chủ | Kinh tế | Nông nghiệp | Xã hội | Văn hóa | Thể thao | Pháp luật | Giáo dục | Y tế\n" * 3
            + "\nMục tiêu tổng quát của kế hoạch là hỗ trợ thành lập mới 60 hợp tác xã mỗi năm.\n")
    got = extract_targets(normalise(text))
    assert len(got) == 1 and got[0].evidence.startswith("Mục tiêu tổng quát")


def test_cooperatives_operating_as_the_rules_require_are_the_law_compliant_share():
    text = "Đến năm 2027, có 100% số hợp tác xã tổ chức, hoạt động theo đúng quy định.\n"
    assert [(g[0], g[2]) for g in facts(text)] == [("law_compliant_coop_share", 100)]
    # the law made known to every cooperative is no compliance
    assert [g[0] for g in facts("Đến năm 2027, Luật Hợp tác xã được phổ biến tới 100% hợp tác xã.\n")] != [
        "law_compliant_coop_share"]


def test_a_view_counter_a_zone_or_firms_counted_beside_cooperatives_are_no_count_of_them():
    text = ("Đến năm 2027, khuyến khích các HTX xây dựng thương hiệu và hình thành ít nhất 12 vùng sản xuất tập trung "
            "do HTX chỉ đạo; kết nạp thêm 10 - 15 doanh nghiệp vào Liên minh HTX.\n2,315 lượt xem\n")
    assert facts(text) == []


def test_a_year_followed_by_its_own_figure_dates_the_next_item():
    text = ("Với mục tiêu phấn đấu đến năm 2027, kinh tế tập thể đóng góp 3,2% vào GDP của tỉnh và đến năm 2030 là "
            "3,6%.\n")
    assert [(g[0], g[2], g[6]) for g in facts(text)] == [("grdp_share", 3.2, 2027), ("grdp_share", 3.6, 2030)]
    assert [g[6] for g in facts("Phấn đấu thành lập mới 50 HTX vào năm 2027.\n")] == [2027]


def test_units_take_what_they_count_from_their_subject():
    assert [(g[0], g[2]) for g in facts("Mục tiêu đến năm 2027 là nâng tổng số hợp tác xã lên 1.640 đơn vị.\n")] == [
        ("coops", 1640)]
    assert [(g[0], g[2]) for g in facts("Năm 2027, số lượng Liên hiệp HTX đạt 9 đơn vị.\n")] == [("coop_unions", 9)]
    assert facts("Để đạt mục tiêu trên đến năm 2027, 3 đơn vị sẽ phối hợp củng cố hợp tác xã.\n") == []
    # units admitted to the alliance are its members: counted, as 'other'
    assert [g[0] for g in facts("Năm 2027, kết nạp thêm 12 đơn vị vào Liên minh Hợp tác xã tỉnh.\n")] == ["other"]


def test_a_bracket_that_breaks_a_share_down_does_not_name_it():
    text = "Đến năm 2027, số HTX nông nghiệp hoạt động hiệu quả đạt trên 85% (trong đó xếp loại tốt, khá đạt 50%).\n"
    assert [(g[0], g[2]) for g in facts(text)] == [("effective_share", 85), ("good_rated_share", 50)]
    # a page cut inside the bracket
    assert [g[0] for g in facts(text[:text.index("khá") + 2] + "\n")] == ["effective_share"]


def test_organisations_founded_in_the_whole_term_are_its_total():
    text = ("Thời gian tới, tỉnh hỗ trợ thành lập mới hợp tác xã để đạt chỉ tiêu phát triển mới 60 hợp tác xã trong cả "
            "nhiệm kỳ; nâng tổng số hợp tác xã toàn tỉnh đến cuối năm 2030 lên 500.\n")
    assert ("new_coops", 60, "period_total", 2030) in [(g[0], g[2], g[5], g[6]) for g in facts(text)]


def test_a_figure_in_another_scheme_s_quoted_name_is_no_aim_of_the_page():
    text = ("Đến năm 2027, tỉnh triển khai Quyết định của Thủ tướng Chính phủ phê duyệt Đề án “Phát triển 12.000 hợp tác "
            "xã nông nghiệp hoạt động có hiệu quả đến năm 2027”, phấn đấu có 40 hợp tác xã kiểu mới.\n")
    assert [(g[0], g[2]) for g in facts(text)] == [("model_coops", 40)]
    # straight quotes around the whole name, the scheme's word inside them
    text = ("Ngày 14/01/2027, UBND tỉnh ban hành Kế hoạch thực hiện \"Đề án phát triển 12.000 Hợp tác xã nông nghiệp "
            "hoạt động có hiệu quả đến năm 2027\", phấn đấu có 40 hợp tác xã kiểu mới.\n")
    assert [(g[0], g[2]) for g in facts(text)] == [("model_coops", 40)]
    # a name the line breaks before its closing quote runs to the line's end
    assert facts("Thực hiện Đề án “Phát triển 12.000 hợp tác xã nông nghiệp đến năm 2027\nhoạt động hiệu quả”.\n") == []


def test_members_of_both_kinds_together_are_the_collective_economy_s():
    assert [(g[0], g[2]) for g in facts("Đến năm 2027, kinh tế HTX, THT thu hút khoảng 40.000 thành viên tham gia.\n")] == [
        ("collective_members", 40000)]
    assert [g[0] for g in facts("Đến năm 2027, các tổ hợp tác thu hút khoảng 4.000 thành viên.\n")] == [
        "coop_group_members"]


def test_courses_named_well_before_the_share_still_make_it_trained_staff():
    text = ("Mục tiêu của Đề án đến năm 2027 là đào tạo, bồi dưỡng, tập huấn các nghiệp vụ, chuyên môn về hoạt động "
            "quản lý điều hành, sản xuất kinh doanh, thị trường cho 100% cán bộ quản lý, điều hành của các HTX.\n")
    assert [(g[0], g[2]) for g in facts(text)] == [("trained_coop_staff", 100)]


def test_a_list_closed_by_its_founding_verb_founds_every_item():
    text = ("Tỉnh đặt mục tiêu đến năm 2027 sẽ có 60 - 70 hợp tác xã, liên hiệp hợp tác xã và 10 - 12 mô hình tổ chức "
            "kinh tế tập thể được thành lập mới.\n")
    assert ("new_coops", 60, "period_total") in [(g[0], g[2], g[5]) for g in facts(text)]
    # an item with a predicate of its own keeps its reading
    got = facts("Đến năm 2027 có 60 hợp tác xã đạt loại khá và 10 hợp tác xã được thành lập mới.\n")
    assert [(g[0], g[2]) for g in got] == [("coops", 60), ("new_coops", 10)]


def test_what_belongs_to_the_cooperatives_is_not_a_count_of_them():
    text = "Đến năm 2027, doanh thu và lãi của hợp tác xã tăng bình quân từ 6"
    assert facts(text) == []


def test_cooperatives_founded_with_a_value_chain_are_new_cooperatives():
    text = "Năm 2027, tỉnh phấn đấu thành lập mới 12 hợp tác xã nông nghiệp gắn với chuỗi liên kết sản xuất.\n"
    assert [(g[0], g[2]) for g in facts(text)] == [("new_coops", 12)]
    assert [g[0] for g in facts("Năm 2027, phấn đấu có 12 hợp tác xã tham gia chuỗi liên kết sản xuất.\n")] == [
        "value_chain_share"]


def test_an_aim_after_blanked_results_keeps_its_own_sentence_as_evidence():
    text = ("Theo báo cáo tại hội nghị, đến hết năm 2026, toàn tỉnh có 180 HTX hoạt động, vượt 20 HTX so với kế hoạch. "
            "Doanh thu bình quân đạt 900 triệu đồng/HTX, góp phần xây dựng nông thôn mới. Năm 2027, toàn tỉnh phấn "
            "đấu thành lập mới 30 THT và 12 HTX.\n")
    got = extract_targets(normalise(text))
    assert [(t.metric, t.value_low) for t in got] == [("new_coop_groups", 30), ("new_coops", 12)]
    assert all(t.evidence.startswith("Năm 2027") for t in got)


def test_a_plan_title_s_year_is_not_a_law_s_and_a_results_paragraph_dates_no_plan():
    from coopdata.ingest import Document
    from coopdata.tables import parse_document
    text = ("Trong năm, còn thực hiện các chỉ tiêu: thành lập mới 6 HTX, 100% HTX hoạt động đúng Luật HTX năm 2012; "
            "thành lập mới 40 tổ hợp tác.\n\nNăm 2026, tỉnh đã hỗ trợ kinh phí tập huấn cho các HTX.\n")
    doc = Document(source_file="x.txt", raw_sha256="0" * 64, encoding="utf-8", bytes=len(text.encode()),
                   text=normalise(text), manifest={})
    assert {t.target_year for t in parse_document(doc).targets + parse_document(doc).candidates} == {None}


def test_cooperatives_using_digital_technology_are_the_digital_adoption_count():
    text = "Đến năm 2027, có trên 50 HTX nông nghiệp ứng dụng công nghệ số trong sản xuất, kinh doanh.\n"
    assert [(g[0], g[2]) for g in facts(text)] == [("digital_adoption_share", 50)]


def test_young_graduates_brought_to_cooperatives_are_no_managers_qualification():
    text = "Đến năm 2027, có 10% - 15% số HTX có lao động trẻ tốt nghiệp cao đẳng, đại học về làm việc tại HTX.\n"
    assert [(g[0], g[2]) for g in facts(text)] == [("other", 10)]
    text = "Đến năm 2027, 60% cán bộ quản lý HTX có trình độ cao đẳng, đại học.\n"
    assert [g[0] for g in facts(text)] == ["trained_manager_share"]


def test_organisations_developed_over_a_period_are_founded_in_it():
    text = ("Theo chiến lược, trong giai đoạn 2026 - 2030 thành phố phát triển 240 hợp tác xã và 4 liên hiệp hợp tác "
            "xã.\n")
    assert [(g[0], g[2], g[5], g[6]) for g in facts(text)] == [
        ("new_coops", 240, "period_total", 2030), ("new_coop_unions", 4, "period_total", 2030)]
    # a state to reach by a year stays a stock
    assert [(g[0], g[5]) for g in facts("Đến năm 2030, huyện phấn đấu phát triển trên 30 hợp tác xã.\n")] == [
        ("coops", "once")]
    text = "Giai đoạn 2026 - 2030, phát triển 240 hợp tác xã hoạt động hiệu quả.\n"
    assert [g[0] for g in facts(text)] == ["coops"]


def test_cooperatives_a_plan_adds_against_its_own_start_are_a_flow():
    text = ("Chỉ tiêu giai đoạn 2026–2030: tỉnh muốn có thêm gần 40 HTX nông nghiệp có sản phẩm được chứng nhận OCOP so "
            "với đầu kỳ.\n")
    assert [(g[0], g[2], g[5], g[6]) for g in facts(text)] == [("ocop_coops", 40, "period_total", 2030)]
    # a rise against a past year is a result
    assert facts("Năm 2026, toàn tỉnh có 320 HTX, tăng 20 HTX so với năm 2025.\n") == []


def test_a_share_of_all_cooperatives_named_well_before_it_is_kept():
    text = ("Mục tiêu đến năm 2027:\n- HTX ở những xã đã đăng ký phấn đấu đạt chuẩn nông thôn mới nâng cao hoặc nông "
            "thôn mới kiểu mẫu đều (100%) được củng cố, kiện toàn.\n")
    assert [(g[0], g[2], g[6]) for g in facts(text)] == [("other", 100, 2027)]


def test_a_part_named_for_one_sector_keeps_that_sector():
    # the subject with its sector before the figure ("HTX nông nghiệp chiếm N"), the item that says what it is
    # ("N HTX là HTX nông nghiệp") and a clause set apart for a sector ("riêng với HTX nông nghiệp, tỷ lệ này …")
    def sectors(text):
        return [(t.value_low, t.sector) for t in extract_targets(text)]

    assert sectors("Đến năm 2030, tổng số HTX là 420, trong đó HTX nông nghiệp chiếm 310.") == [
        (420.0, None), (310.0, "agriculture")]
    assert sectors("Năm 2026, thành lập mới 18 HTX, trong đó 14 HTX là HTX nông nghiệp.") == [
        (18.0, None), (14.0, "agriculture")]
    assert sectors("Đến năm 2027, tỷ lệ HTX xếp loại tốt, khá trên 65% tổng số HTX; riêng với HTX nông nghiệp, "
                   "tỷ lệ này là trên 75%.") == [(65.0, None), (75.0, "agriculture")]


def test_a_subheading_that_restates_a_dated_aim_of_the_body_is_the_same_aim():
    lead = ("Sau nhiều năm triển khai chương trình, với sự vào cuộc của cả hệ thống chính trị và sự đồng thuận của "
            "người dân, kinh tế tập thể của tỉnh đã có nhiều chuyển biến, nhiều mô hình hợp tác xã làm ăn hiệu quả "
            "được nhân rộng ở các huyện, thị xã và thành phố trong tỉnh; đời sống thành viên từng bước được nâng "
            "lên, nhiều sản phẩm của hợp tác xã có mặt ở các chợ đầu mối.\n\n")
    assert len(lead) > 300  # past the headline of the page: what is read there is read as body
    body = ("\n\nĐến năm 2027, tỉnh phấn đấu có trên 70% hợp tác xã nông nghiệp đạt loại tốt, khá trở lên trong tổng "
            "số hợp tác xã đang hoạt động.")
    facts = extract_targets(lead + "Phấn đấu có trên 70% hợp tác xã nông nghiệp đạt loại tốt" + body)
    assert [(t.value_low, t.target_year) for t in facts] == [(70.0, 2027)]
    # a sentence of the body (closed by a stop) is no subheading: the rules keep its reading
    facts = extract_targets(lead + "Tỉnh phấn đấu có trên 70% hợp tác xã nông nghiệp đạt loại tốt." + body)
    assert [(t.value_low, t.target_year) for t in facts] == [(70.0, None), (70.0, 2027)]


def test_the_head_of_one_named_cooperative_speaks_of_that_cooperative():
    # "Giám đốc HTX <tên> cho biết, …": the figures that follow are that cooperative's, not a plan's
    assert extract_targets("Ông Lê Văn Tâm, Giám đốc HTX Nông nghiệp Phú Lộc cho biết, HTX hoạt động từ năm 2021, "
                           "với 35 thành viên và phấn đấu đến năm 2027 có 60 thành viên.") == []
    assert extract_targets("Đại diện HTX khởi nghiệp Tân Hưng chia sẻ, đến năm 2026 HTX sẽ có 40 thành viên.") == []
    # heads of cooperatives in general (no name) may report a plan's aim; and a plan's own sentence is read
    assert [(t.metric, t.value_low) for t in extract_targets(
        "Giám đốc các HTX cho biết, đến năm 2027 toàn tỉnh phấn đấu có 500 HTX.")] == [("coops", 500.0)]
    assert [(t.metric, t.value_low) for t in extract_targets(
        "Đến năm 2027, toàn tỉnh phấn đấu có 500 HTX với 30.000 thành viên.")] == [("coops", 500.0),
                                                                              ("coop_members", 30000.0)]


def test_one_firms_partner_cooperatives_are_no_count_of_the_provinces():
    assert extract_targets("Đến năm 2025, Tập đoàn Phú An liên kết với 12 hợp tác xã trong tỉnh.") == []
    assert extract_targets("Đến năm 2025, Công ty TNHH Hòa Bình liên kết cà phê bền vững với 10 hợp tác xã.") == []
    # the province's own count is read as before
    assert [(t.metric, t.value_low) for t in extract_targets("Đến năm 2025, toàn tỉnh có 300 HTX.")] == [("coops", 300.0)]


def test_a_share_of_cooperatives_operating_well_is_the_good_rated_share():
    # "hoạt động tốt" rates as "hoạt động khá" does: both shares of one sentence are read
    facts = extract_targets("Phấn đấu đến năm 2027, tỷ lệ HTX nông nghiệp hoạt động tốt đạt ít nhất 30%, tỷ lệ HTX "
                            "nông nghiệp hoạt động khá đạt ít nhất 40%.")
    assert [(t.metric, t.value_low, t.target_year) for t in facts] == [("good_rated_share", 30.0, 2027),
                                                                       ("good_rated_share", 40.0, 2027)]
