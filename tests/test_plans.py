"""Plan metadata of every seed, as the texts state it."""
from datetime import date

import pytest

from coopdata.plans import canonical_docnum, extract_plan
from coopdata.tables import parse_document
from coopdata.ingest import inventory, decode

from .conftest import RAW, read_raw


def test_an_giang_news_lead():
    p = extract_plan(read_raw("001_8fee367bdd49f08e.txt"))
    assert (p.province.name, p.doc_number, p.issue_date) == ("An Giang", "1206/QĐ-UBND", date(2020, 5, 28))
    assert p.implements == ("70-KL/TW", "12/CT-TTg")


def test_yen_bai_city_inside_its_province():
    p = extract_plan(read_raw("002_60d9c8c77c2896ba.txt"))
    assert (p.province.name, p.province.code) == ("Yên Bái", "15")
    assert p.locality == "thành phố Yên Bái" and p.admin_level == "district"
    assert (p.doc_number, p.issue_date) == ("209-KH/TU", date(2023, 4, 14))
    assert p.implements == ("118-CTr/TU", "20-NQ/TW")


def test_nam_dinh_legal_database_page():
    p = extract_plan(read_raw("003_332bc788bce855f1.txt"))
    assert (p.province.name, p.province.code, p.province_source) == ("Nam Định", "36", "header")
    assert (p.doc_number, p.issue_date, p.signer) == ("139/KH-UBND", date(2022, 10, 13), "Trần Anh Dũng")
    assert p.implements[:2] == ("23-CTr/TU", "20-NQ/TW")


def test_national_plan_has_no_province():
    p = extract_plan(read_raw("004_26065e70449cfa03.txt"))
    assert p.admin_level == "national" and p.province is None
    assert p.doc_number == "39/QĐ-BCĐĐMPTKTTTHTX"
    assert p.implements == ("20-NQ/TW", "09/NQ-CP")


def test_can_tho_province_comes_from_the_manifest():
    files, _ = inventory(RAW)
    f = next(f for f in files if f.source_file == "000_fc78e224d5c3ad2e.txt")
    parsed = parse_document(decode(RAW, f))
    assert extract_plan(parsed.doc.text).province is None  # the text never names its city
    assert (parsed.plan.province.name, parsed.plan.province_source) == ("Cần Thơ", "manifest")
    assert parsed.plan.doc_number == "49-CTr/TU" and parsed.plan.issue_date is None


def test_document_numbers_are_canonical():
    assert canonical_docnum("209 - KH/TU") == "209-KH/TU"
    assert canonical_docnum("23-CTR/TU") == "23-CTr/TU"


# Real pages (news leads, portals, party programmes, reviews): sentences of our own with the same shapes.

def _meta(*lines: str):
    from coopdata.text import normalise
    return extract_plan(normalise("\n".join(lines)))


def _summary(p):
    return (p.province.name if p.province else None, p.admin_level, p.doc_number, p.issue_date)


def test_national_news_lead_with_a_dotted_date():
    p = _meta("Kế hoạch phát triển hợp tác xã giai đoạn mới",
              "Thủ tướng Chính phủ vừa ký Quyết định số 2045/QĐ-TTg ngày 3.9.2024 phê duyệt Đề án phát triển hợp tác xã.",
              "Đến năm 2030, cả nước có khoảng 50.000 hợp tác xã.")
    assert _summary(p) == (None, "national", "2045/QĐ-TTg", date(2024, 9, 3))


def test_number_then_issuer_then_a_date_in_words():
    p = _meta("Quyết định số 812/QĐ-TTg của Thủ tướng Chính phủ ngày 5 tháng 6 năm 2019 về việc phê duyệt Đề án hỗ trợ hợp tác xã.")
    assert _summary(p) == (None, "national", "812/QĐ-TTg", date(2019, 6, 5))


def test_date_before_the_number_in_the_same_sentence():
    p = _meta("Để nâng cao hiệu quả kinh tế hợp tác, ngày 10/5/2021, Ban Chấp hành Trung ương đã ban hành "
              "Nghị quyết số 31-NQ/TW về kinh tế tập thể.")
    assert _summary(p) == (None, "national", "31-NQ/TW", date(2021, 5, 10))


def test_provincial_lead_with_a_date_in_words():
    p = _meta("UBND tỉnh Quảng Nam vừa ban hành Kế hoạch số 512/KH-UBND ngày 14 tháng 3 năm 2023 về phát triển hợp tác xã.")
    assert _summary(p) == ("Quảng Nam", "province", "512/KH-UBND", date(2023, 3, 14))


def test_number_of_a_plan_the_lead_says_was_just_issued():
    p = _meta("Tỉnh Phú Thọ cho biết sẽ thành lập mới 60 hợp tác xã trong hai năm tới.",
              "Đây là mục tiêu nêu trong Kế hoạch số 77/KH-UBND về hợp tác xã giai đoạn 2024 - 2025 do UBND tỉnh vừa ban hành.")
    assert _summary(p) == ("Phú Thọ", "province", "77/KH-UBND", None)


def test_number_written_without_its_suffix():
    p = _meta("UBND tỉnh Gia Lai ban hành Kế hoạch số 215, ngày 9/8/2023 về phát triển kinh tế tập thể năm 2024.")
    assert _summary(p) == ("Gia Lai", "province", "215", date(2023, 8, 9))
    p = _meta("UBND tỉnh Gia Lai vừa ban hành Kế hoạch 216 ngày 10/8/2023 về hợp tác xã.")
    assert _summary(p) == ("Gia Lai", "province", "216", date(2023, 8, 10))
    assert p.doc_type == "Kế hoạch"
    p = _meta("UBND tỉnh Gia Lai vừa ban hành Kế hoạch 2025, ngày 10/8/2023 về hợp tác xã.")  # a year, not a number
    assert _summary(p) == ("Gia Lai", "province", None, None)


def test_number_and_date_in_brackets_after_the_act():
    p = _meta("Phát triển hợp tác xã nông nghiệp tỉnh Cao Bằng",
              "UBND tỉnh ban hành Kế hoạch nâng cao hiệu quả hợp tác xã trên địa bàn tỉnh đến năm 2021 "
              "(Kế hoạch số 48/KH-UBND, ngày 5/3/2020).")
    assert _summary(p) == ("Cao Bằng", "province", "48/KH-UBND", date(2020, 3, 5))


def test_provincial_page_implementing_a_national_resolution_keeps_its_province():
    p = _meta("Hòa Bình: Nâng chất hợp tác xã nông nghiệp",
              "Sau hai năm triển khai Nghị quyết số 106/NQ-CP của Chính phủ về hợp tác xã nông nghiệp, tỉnh Hòa Bình "
              "đã hỗ trợ 40 hợp tác xã.")
    assert _summary(p) == ("Hòa Bình", "province", None, None)
    assert p.implements == ("106/NQ-CP",)


def test_provincial_report_citing_the_central_committee_is_provincial():
    p = _meta("Liên minh HTX tỉnh Điện Biên vừa có báo cáo sơ kết một năm thực hiện Nghị quyết số 20-NQ/TW.",
              "Ngay sau khi Nghị quyết của Ban Chấp hành Trung ương Đảng được ban hành, Ban Thường vụ Tỉnh ủy đã ban hành "
              "Chương trình hành động.")
    assert _summary(p) == ("Điện Biên", "province", None, None)


def test_party_programme_after_the_national_resolution_it_implements():
    p = _meta("Bắc Giang đẩy mạnh hợp tác xã kiểu mới trên địa bàn.",
              "Ngày 16/6/2022, Ban Chấp hành Trung ương ban hành Nghị quyết số 20-NQ/TW.",
              "Ngay sau đó, Tỉnh ủy Bắc Giang đã ban hành Chương trình hành động số 45-CTr/TU để thực hiện.")
    assert _summary(p) == ("Bắc Giang", "province", "45-CTr/TU", None)


def test_an_earlier_document_the_page_recalls_is_not_its_own():
    p = _meta("Theo đó, tỉnh hỗ trợ ít nhất 3 hợp tác xã mỗi năm.",
              "Trước đó, tỉnh Hà Tĩnh đã ban hành Đề án số 12/ĐA-UBND về kinh tế tập thể.")
    assert _summary(p) == ("Hà Tĩnh", "province", None, None)


def test_cooperatives_and_communes_named_like_a_province_do_not_move_the_page():
    p = _meta("Năm 2025 sẽ có hợp tác xã Bình Định, Quang Hưng và xã Thái Bình tham gia mô hình.",
              "HTX dịch vụ Hà Tĩnh Xanh ở xã Phú Lộc cũng được hỗ trợ.",
              "Đây là cách Tây Ninh khuyến khích hợp tác xã phát triển.")
    assert _summary(p)[:2] == ("Tây Ninh", "province")


def test_a_partner_cooperative_union_is_not_the_page_city():
    p = _meta("Năm 2025, Liên minh HTX thành phố đã thành lập 12 hợp tác xã mới.",
              "Liên minh HTX đã ký kết chương trình hợp tác với Liên hiệp HTX thương mại TP. Hồ Chí Minh.")
    assert _summary(p) == (None, "province", None, None)  # a city's own union speaks: provincial, city not named


def test_credit_caption_and_venue_do_not_make_a_national_page_provincial():
    credit = _meta("Liên minh HTX Việt Nam tập trung củng cố hệ thống trong năm tới.", "", "Theo Báo Cần Thơ")
    caption = _meta("Đề án phát triển hợp tác xã đã được Thủ tướng Chính phủ phê duyệt.",
                    "Hợp tác xã nuôi bò ở Vĩnh Phúc Ảnh: TL")
    venue = _meta("Đại hội toàn quốc Liên minh HTX Việt Nam sẽ diễn ra tại Hà Nội.")
    assert [_summary(p)[:2] for p in (credit, caption, venue)] == [(None, "national")] * 3


def test_a_general_article_about_the_country_is_national():
    p = _meta("Ở nước ta, kinh tế tập thể có lịch sử gần 70 năm.", "Cả nước hiện có hơn 30.000 hợp tác xã.")
    assert _summary(p)[:2] == (None, "national")


def test_the_country_as_a_market_does_not_make_a_provincial_page_national():
    p = _meta("Sở Công Thương đã kết nối hợp tác xã với các tỉnh, thành trong cả nước.",
              "Đến nay, trên địa bàn tỉnh Bình Thuận đã có 20 hợp tác xã ứng dụng công nghệ cao.")
    assert _summary(p)[:2] == ("Bình Thuận", "province")


def test_a_page_that_names_no_province_gets_none():
    p = _meta("Năm 2025, toàn tỉnh thành lập mới 50 hợp tác xã.", "Liên minh HTX tỉnh sẽ tư vấn cho các xã Tân Lập và Yên Hòa.")
    assert _summary(p) == (None, "province", None, None)  # provincial, not national, and no province is guessed


def test_district_in_the_title():
    p = _meta("H. Bắc Hà, Lào Cai: Phát triển hợp tác xã gắn với du lịch",
              "Theo HĐND huyện, 6 tháng đầu năm huyện đã thành lập 4 hợp tác xã.")
    assert (p.province.name, p.admin_level, p.locality) == ("Lào Cai", "district", "huyện Bắc Hà")


def test_a_weather_widget_names_no_place():
    p = _meta("Hà Nội: 31°C Hà Nội", "TP Hồ Chí Minh: 33°C TP Hồ Chí Minh", "",
              "Tỉnh Phú Yên đặt mục tiêu năm 2025 có 150 hợp tác xã.")
    assert (p.province.name, p.admin_level, p.locality) == ("Phú Yên", "province", None)


def test_lead_date_without_a_year():
    after_parent = _meta("L.T.S: Ngày 12-3, Tỉnh ủy Ninh Thuận ban hành Chương trình hành động thực hiện Nghị quyết số "
                         "15-NQ/TW ngày 20/1/2023 của Bộ Chính trị về phát triển tỉnh.")
    dateline = _meta("Sẽ thành lập liên hiệp hợp tác xã tại Long An", "", "08:30' - 15/05/2024",
                     "BNEWS Ngày 14/5, Liên minh HTX Việt Nam và UBND tỉnh Long An ký thỏa thuận hợp tác.")
    assert _summary(after_parent) == ("Ninh Thuận", "province", None, date(2023, 3, 12))
    assert _summary(dateline) == ("Long An", "province", None, date(2024, 5, 14))


def test_word_segmented_province_names():
    p = _meta("Quyết_định phê_duyệt kế_hoạch phát_triển kinh_tế tập_thể", "Ủy ban nhân_dân tỉnh",
              "Điều 1 : Phê_duyệt kế_hoạch trên địa_bàn tỉnh Quảng_Ngãi như sau :")
    assert _summary(p)[:2] == ("Quảng Ngãi", "province")


def test_provinces_named_after_a_national_act_are_examples():
    p = _meta("Thủ tướng Chính phủ vừa ban hành Quyết định số 999/QĐ-TTg ngày 1/2/2024 phê duyệt Đề án hợp tác xã. "
              "Một số địa phương như Hà Nội, Đồng Nai đã có nhiều hợp tác xã kiểu mới.")
    assert _summary(p) == (None, "national", "999/QĐ-TTg", date(2024, 2, 1))


def test_a_local_number_makes_the_page_local_even_after_a_national_act():
    p = _meta("Phát triển hợp tác xã kiểu mới",
              "Thực hiện Nghị quyết số 20-NQ/TW, ngày 16/6/2022, Ban Chấp hành Trung ương đã ban hành nghị quyết; "
              "Tỉnh ủy Bắc Giang đã ban hành Chương trình hành động số 45-CTr/TU.")
    assert _summary(p) == ("Bắc Giang", "province", "45-CTr/TU", None)
    assert p.implements == ("20-NQ/TW",)


def test_a_district_body_acting_first_makes_the_page_district_level():
    plan = _meta("UBND huyện Mộc Châu (Sơn La) vừa ban hành Kế hoạch số 120/KH-UBND ngày 2/3/2022 về hợp tác xã.")
    party = _meta("Huyện ủy Mộc Châu, tỉnh Sơn La vừa ban hành Chương trình hành động số 12-CTr/HU về hợp tác xã.")
    for p in (plan, party):
        assert (p.province.name, p.admin_level, p.locality) == ("Sơn La", "district", "huyện Mộc Châu")
    assert (plan.doc_number, plan.issue_date, party.doc_number) == ("120/KH-UBND", date(2022, 3, 2), "12-CTr/HU")
    # the province acting on one of its districts is still the province
    p = _meta("UBND tỉnh Sơn La đã giao UBND huyện Mộc Châu thành lập 10 hợp tác xã.")
    assert (p.province.name, p.admin_level, p.locality) == ("Sơn La", "province", None)


@pytest.mark.parametrize("lead, province", [
    ("Liên minh HTX tỉnh Hà Giang đặt mục tiêu thành lập 50 hợp tác xã.", "Hà Giang"),
    ("TP Hồ Chí Minh đặt mục tiêu năm 2025 có 700 hợp tác xã.", "Hồ Chí Minh"),
    ("Huế: Liên minh HTX thành phố đặt chỉ tiêu 15 hợp tác xã mới.", "Thừa Thiên Huế"),
    ("Đăk Lăk phấn đấu năm 2026 thành lập mới ít nhất 30 hợp tác xã.", "Đắk Lắk"),
    ("Sáng 3/4, tỉnh Sơn La tổ chức hội nghị về hợp tác xã.", "Sơn La"),
])
def test_province_named_in_the_lead(lead, province):
    p = _meta(lead)
    assert (p.province.name, p.admin_level) == (province, "province")


def test_the_title_skips_the_page_chrome():
    p = _meta("Chủ nhật 07/01/2024 08:15", "Hotline: 0123 456 789", "Kinh tế - Xã hội",
              "Yên Bái: Nâng cao chất lượng hợp tác xã nông nghiệp", "Tỉnh Yên Bái hiện có 300 hợp tác xã.")
    assert p.title == "Yên Bái: Nâng cao chất lượng hợp tác xã nông nghiệp"
    assert (p.province.name, p.province_source) == ("Yên Bái", "title")
    p = _meta("date 2024-03-02 Hợp tác xã kiểu mới phát triển mạnh ở vùng cao", "Tỉnh Lai Châu có 400 hợp tác xã.")
    assert p.title == "Hợp tác xã kiểu mới phát triển mạnh ở vùng cao"
    assert _meta("Kế hoạch năm 2026.", "Đến năm 2030, có 150 hợp tác xã.").title == "Kế hoạch năm 2026."  # short, no chrome


def test_a_lead_sentence_that_opens_on_the_plan():
    p = _meta("Theo Kế hoạch số 45/KH-UBND ngày 20/2/2024 của UBND tỉnh Lai Châu, năm 2024 tỉnh thành lập mới 30 hợp tác xã.")
    assert _summary(p) == ("Lai Châu", "province", "45/KH-UBND", date(2024, 2, 20))
    p = _meta("Tại Kế hoạch số 77/KH-UBND, UBND tỉnh Phú Yên đặt mục tiêu năm 2025 có 150 hợp tác xã.")
    assert _summary(p) == ("Phú Yên", "province", "77/KH-UBND", None)


def test_date_after_a_passive_issuing_verb():
    p = _meta("Kế hoạch số 46/KH-UBND được UBND tỉnh Lai Châu ban hành ngày 21/2/2024 đặt mục tiêu 30 hợp tác xã mới.")
    assert _summary(p) == ("Lai Châu", "province", "46/KH-UBND", date(2024, 2, 21))


def test_a_venue_city_does_not_make_a_national_meeting_local():
    p = _meta("Liên minh HTX Việt Nam vừa tổ chức hội nghị tại TP Hồ Chí Minh. Cả nước hiện có 31.000 hợp tác xã.")
    assert _summary(p)[:2] == (None, "national")


def test_the_national_decisions_a_local_decision_cites_do_not_make_it_national():
    p = _meta("Quyết định phê duyệt kế hoạch phát triển kinh tế tập thể 5 năm giai đoạn 2011 - 2015",
              "Ủy ban nhân dân tỉnh",
              "Căn cứ Quyết định số 105/QĐ-TTg ngày 1/3/2010 của Thủ tướng Chính phủ phê duyệt kế hoạch phát triển "
              "kinh tế tập thể;",
              "Xét đề nghị của Sở Kế hoạch và Đầu tư,",
              "Quyết định :",
              "Điều 1 : Phê duyệt kế hoạch " + "phát triển kinh tế tập thể, " * 30 + "trên địa bàn tỉnh Hậu Giang.")
    assert _summary(p)[:2] == ("Hậu Giang", "province")
    assert p.implements == ("105/QĐ-TTg",)


def test_document_numbers_are_found_as_the_plain_pattern_finds_them():
    import re

    from coopdata.plans import _DOCNUM, _DOCNUM_SLOW

    lead = ("Thực hiện Kế hoạch số 264/KH-UBND ngày 6/10/2022 và Nghị quyết 20-NQ/TW, Quyết định 1318/QĐ-TTg, "
            "văn bản a12/KH, 2023/12-KH, 45 - KH/TU; Kế hoạch 141, số 07/2024/NQ-HĐND và /5/KH-SNN")
    assert [m.span() for m in _DOCNUM.finditer(lead)] == [m.span() for m in re.finditer(_DOCNUM_SLOW, lead)] != []


def test_a_page_that_names_only_districts_of_one_province_gets_that_province():
    text = ("Quý I, toàn tỉnh thành lập mới 3 hợp tác xã\n"
            "Trong quý I, huyện Dầu Tiếng thành lập mới 2 hợp tác xã, huyện Bắc Tân Uyên thành lập mới 1 hợp tác xã.\n")
    plan = extract_plan(text)
    assert plan.province is not None and plan.province.name == "Bình Dương"
    assert plan.province_source == "districts" and plan.admin_level == "province"
    # the longest district name wins ("Gò Công Đông", not the city "Gò Công"); both are in the same province anyway
    assert extract_plan("Các hợp tác xã ở huyện Gò Công Đông đẩy mạnh sản xuất.\n").province.name == "Tiền Giang"


def test_districts_of_two_provinces_or_a_name_shared_by_several_say_nothing():
    assert extract_plan("Huyện Dầu Tiếng và thị xã Sa Pa trao đổi kinh nghiệm hợp tác xã.\n").province is None
    assert extract_plan("Huyện Châu Thành có 12 hợp tác xã nông nghiệp.\n").province is None


def test_a_district_plan_that_names_no_province_keeps_its_district():
    plan = extract_plan("UBND huyện Mộc Châu ban hành Kế hoạch số 55/KH-UBND ngày 10/3/2026 phát triển kinh tế tập "
                        "thể. Theo đó, huyện phấn đấu thành lập mới 8 hợp tác xã.\n")
    assert plan.province.name == "Sơn La" and plan.province_source == "districts"
    assert plan.admin_level == "district" and plan.locality == "huyện Mộc Châu"


def test_the_rural_development_department_names_its_province():
    p = _meta("Mỗi năm thành lập ít nhất 10 hợp tác xã nông nghiệp",
              "Sở Nông nghiệp và Phát triển nông thôn Ninh Bình phối hợp với các huyện tổ chức tập huấn.")
    assert _summary(p)[:2] == ("Ninh Bình", "province")
    # a hamlet named like a province is still a hamlet
    assert _meta("Tổ hợp tác ở thôn Thái Bình được hỗ trợ 20 triệu đồng.").province is None


def test_the_provincial_alliance_names_its_province_and_a_decision_it_has_is_its_number():
    p = _meta("Thông tin từ Liên minh Hợp tác xã Ninh Bình, đến đầu tháng 10-2026, trên địa bàn tỉnh có 12 hợp tác xã.")
    assert _summary(p)[:2] == ("Ninh Bình", "province")
    assert _meta("Hợp tác xã Thái Bình Xanh được hỗ trợ 20 triệu đồng.").province is None  # a cooperative's name
    p = _meta("UBND tỉnh Hà Nam vừa có Quyết định 4012/QĐ-UBND về kế hoạch củng cố hợp tác xã.")
    assert p.doc_number == "4012/QĐ-UBND"


def test_a_breadcrumb_is_chrome_not_the_title():
    p = _meta("TIN TỨC SỰ KIỆN > KINH TẾ > ĐỊA PHƯƠNG", "Tỉnh ban hành Kế hoạch phát triển hợp tác xã năm 2027",
              "Tỉnh có 300 hợp tác xã.")
    assert p.title == "Tỉnh ban hành Kế hoạch phát triển hợp tác xã năm 2027"


def test_a_plan_number_written_bare_before_its_subject_or_after_a_decision():
    assert _meta("(TTX) - UBND tỉnh vừa ban hành Kế hoạch 1375 triển khai thực hiện đề án phát triển hợp tác xã.",
                 "Phấn đấu có 200 hợp tác xã.").doc_number == "1375"
    assert _meta("UBND tỉnh vừa ban hành Kế hoạch số 412 về phát triển kinh tế tập thể năm 2027.",
                 "Phấn đấu có 200 hợp tác xã.").doc_number == "412"
    assert _meta("UBND tỉnh vừa ra Quyết định số 981/QĐ-UBND ban hành Kế hoạch phát triển hợp tác xã.",
                 "Phấn đấu có 200 hợp tác xã.").doc_number == "981/QĐ-UBND"
    assert _meta("UBND tỉnh vừa ban hành Kế hoạch 5 năm phát triển hợp tác xã.", "Phấn đấu có 200 HTX.").doc_number is None


def test_a_plan_number_cited_in_brackets_after_the_title():
    p = _meta("Kế hoạch số 742 ngày 03 tháng 4 năm 2027 của Sở Nông nghiệp về kinh tế tập thể",
              "Kế hoạch thực hiện Nghị quyết của Thành ủy (Theo Kế hoạch số 742/KH-SNN ngày 03 tháng 4 năm 2027 của Sở "
              "Nông nghiệp)", "Thành phố có 130 hợp tác xã.")
    assert p.doc_number == "742/KH-SNN"


def test_a_lead_that_opens_on_the_day_after_a_news_agencys_tag():
    p = _meta("Phấn đấu thành lập mới 40 hợp tác xã (08:10 20/03/2027)",
              "HNM - Ngày 19/3, UBND thành phố ban hành Kế hoạch số 88/KH-UBND về kinh tế tập thể năm 2027.",
              "Thành phố có 1.500 hợp tác xã.")
    assert (p.doc_number, str(p.issue_date)) == ("88/KH-UBND", "2027-03-19")


def test_a_list_of_provinces_names_markets_not_the_page_s_province():
    text = ("Hợp tác xã bưởi ở huyện Trần Đề mở rộng vùng trồng\n"
            "Sản phẩm của hợp tác xã đã có mặt ở các tỉnh, thành phố như TP.HCM, Long An, Cà Mau, Bạc Liêu.\n")
    plan = extract_plan(text)
    assert plan.province.name == "Sóc Trăng" and plan.province_source == "districts"
    # two provinces named together are no list: the page stays theirs
    assert extract_plan("Tỉnh Long An và tỉnh Cà Mau ký kết hợp tác phát triển hợp tác xã.\n").province is not None


def test_a_district_page_is_not_national_for_naming_the_country():
    text = ("Thị xã Ayun Pa nhân rộng mô hình kinh tế tập thể\n"
            "Những năm gần đây, thị xã Ayun Pa đẩy mạnh tuyên truyền về hợp tác xã. Sản phẩm nón lá của hợp tác xã "
            "được bán khắp cả nước.\n")
    plan = extract_plan(text)
    assert plan.admin_level == "province" and plan.province.name == "Gia Lai"
    assert extract_plan("Cả nước có thêm nhiều hợp tác xã kiểu mới.\n").admin_level == "national"


def test_a_page_that_says_toan_tinh_takes_the_province_of_its_paper():
    text = ("Đẩy mạnh phát triển hợp tác xã\n\nTheo dõi Báo Phú Yên trên Google News\n\n"
            "Ủy ban nhân dân tỉnh vừa ban hành kế hoạch phát triển kinh tế tập thể. Toàn tỉnh phấn đấu thành lập mới "
            "40 hợp tác xã.\n")
    plan = extract_plan(text)
    assert (plan.province.name, plan.province_source) == ("Phú Yên", "masthead")
    # without the words of a provincial page the paper says nothing; two papers say nothing either
    assert extract_plan("Hợp tác xã chè mở rộng sản xuất\n\nTheo dõi Báo Phú Yên trên Google News\n").province is None
    two = text + "Theo Báo Kon Tum.\n"
    assert extract_plan(two).province is None


def test_the_president_s_name_is_not_the_city():
    text = ("Tỉnh đoàn triển khai chương trình thanh niên khởi nghiệp\n"
            "Ủy ban nhân dân tỉnh giao Đoàn Thanh niên Cộng sản Hồ Chí Minh chủ trì, phấn đấu thành lập 10 hợp tác xã "
            "thanh niên ở huyện Trần Đề.\n")
    assert extract_plan(text).province.name == "Sóc Trăng"
    assert extract_plan("UBND TP. Hồ Chí Minh ban hành kế hoạch phát triển hợp tác xã.\n").province.code == "79"
