"""The decision step: each fact gets a confidence and reasons; unsure facts go to target_candidates."""
import datetime as dt
from coopdata.confidence import FEATURES, Model, features, model, score_targets
from coopdata.genre import page_genre
from coopdata.targets import extract_targets

PLAN = ("KẾ HOẠCH phát triển kinh tế tập thể năm 2025\n"
        "Mục tiêu đến năm 2025:\n"
        "- Phấn đấu thành lập mới 30 hợp tác xã và 40 tổ hợp tác.\n")
REVIEW = ("Tổng kết công tác kinh tế tập thể năm 2024 (ngày 10/01/2025)\n"
          "Theo thống kê, đến cuối năm 2024 toàn tỉnh đã có 350 hợp tác xã, tăng 20 hợp tác xã so với năm 2023.\n"
          "Trong năm qua đã thành lập mới 25 hợp tác xã.\n")


def _facts(text):
    return extract_targets(text)


def test_features_name_known_columns_only():
    for text in (PLAN, REVIEW):
        genre = page_genre(text)
        for t in _facts(text):
            assert set(features(text, t, genre)) <= set(FEATURES)


def test_aims_in_a_plan_score_above_results_in_a_review():
    m = model()
    plan_kept, plan_review = score_targets(PLAN, _facts(PLAN))
    rev_kept, rev_review = score_targets(REVIEW, _facts(REVIEW), issued=dt.date(2025, 12, 20))
    plan_conf = [t.confidence for t in plan_kept + plan_review]
    rev_conf = [t.confidence for t in rev_kept + rev_review]
    assert plan_conf and min(plan_conf) >= m.threshold, "a plain aim in a plan must be published"
    if rev_conf:  # the rules may already drop these; what they let through must score lower
        assert max(rev_conf) < min(plan_conf)
    assert all(t.reasons for t in plan_kept)


def test_split_at_the_threshold_keeps_every_fact():
    facts = _facts(PLAN)
    strict = Model({}, 0.0, 0.9, {})  # every fact has probability 0.5: all below 0.9
    kept, review = score_targets(PLAN, facts, m=strict)
    assert not kept and len(review) == len(facts)
    assert all(t.confidence == 0.5 for t in review)
    lenient = Model({}, 0.0, 0.1, {})
    kept, review = score_targets(PLAN, facts, m=lenient)
    assert len(kept) == len(facts) and not review


def test_model_file_has_a_threshold_and_how_it_was_chosen():
    m = model()
    assert 0 < m.threshold < 1
    assert "threshold_rule" in m.meta and "out_of_fold" in m.meta
    assert set(m.weights) <= set(FEATURES)


def test_first_line_is_read_without_copying_the_text_before():
    from coopdata.confidence import _on_first_line

    text = "  Tỉnh Nam Định phấn đấu có 500 HTX  \n\n Đến năm 2030 có 30 liên hiệp \n"
    for start in range(len(text) + 1):
        assert _on_first_line(text, start) == ("\n" not in text[:start].lstrip()), start
    assert not _on_first_line(text, text.index("Đến"))  # the second line's first word is not in the title
    one_line = "Tin kinh tế tập thể. " + "Tỉnh đã có nhiều hợp tác xã mới. " * 12 + "Phấn đấu có 500 HTX."
    assert _on_first_line(one_line, 5) and not _on_first_line(one_line, one_line.index("500"))


def test_page_date_comes_from_the_lead_but_not_from_a_cited_act():
    assert (page_genre(" date 2025-10-29 Tỉnh tổng kết kinh tế tập thể\n").page_year,
            page_genre(" date 2025-10-29 Tỉnh tổng kết kinh tế tập thể\n").page_month) == (2025, 10)
    # a date line with the month only ("date 2021-11"), never a period written with a hyphen
    assert (page_genre(" date 2021-11 Thị ủy sơ kết 3 năm phát triển hợp tác xã\n").page_year,
            page_genre(" date 2021-11 Thị ủy sơ kết 3 năm phát triển hợp tác xã\n").page_month) == (2021, 11)
    assert page_genre("Kế hoạch giai đoạn 2021-2025 phát triển hợp tác xã\n").page_year is None
    news = "Cập nhật 09:15, 14/03/2024\nTỉnh đặt mục tiêu thành lập mới 20 hợp tác xã.\n"
    assert (page_genre(news).page_year, page_genre(news).page_month) == (2024, 3)
    cited = ("Thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Trung ương, ngày 05/9/2023 tỉnh ban hành "
             "kế hoạch phát triển hợp tác xã.\n")
    assert page_genre(cited).page_year == 2023
    assert page_genre("Luật Hợp tác xã ngày 20/6/2012 quy định...\n").page_year is None
    assert page_genre("Thực hiện Nghị quyết 20 ngày 16/6/2022 của Ban Chấp hành Trung ương, tỉnh ...\n").page_year is None
    assert page_genre("Các huyện hoàn thành trước ngày 31/12/2026 việc rà soát hợp tác xã.\n").page_year is None
    # a header's issue date wins over any date in the lead
    assert page_genre(news, dt.date(2024, 1, 5)).page_month == 1


def test_a_time_frame_is_not_an_aim_cue_and_a_late_review_of_its_own_year_says_so():
    review = " date 2025-11-20 Kinh tế tập thể năm 2025\nGiai đoạn 2021-2025, tỉnh thành lập mới 120 hợp tác xã.\n"
    (fact,) = [t for t in _facts(review) if t.value_low == 120]
    f = features(review, fact, page_genre(review))
    assert "frame_before" in f and "aim_before" not in f
    assert "year_same" in f and "year_same_late" in f
    plan = "Kế hoạch ngày 10/02/2025\nMục tiêu năm 2025: phấn đấu thành lập mới 12 hợp tác xã.\n"
    (fact,) = [t for t in _facts(plan) if t.value_low == 12]
    f = features(plan, fact, page_genre(plan))
    assert "aim_before" in f and "year_same" in f and "year_same_late" not in f


def test_training_folds_keep_a_province_together_and_fit_learns_a_signal():
    import numpy as np

    from coopdata.train_confidence import _group, fit

    a = {"doc": "a.txt", "province": "Sơn La"}
    b = {"doc": "b.txt", "province": "Sơn La"}
    c = {"doc": "c.txt", "province": None}
    assert _group(a) == _group(b) != _group(c) == "doc:c.txt"
    X = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]] * 5)
    y = np.array([1.0, 1.0, 0.0, 0.0] * 5)
    coef, bias = fit(X, y, np.ones(len(y)), l2=1.0)
    assert coef[0] > 1.0 and abs(coef[1]) < 0.5  # the first column decides, the second is noise


def test_a_figure_for_a_year_before_the_pages_date_is_never_published():
    text = ("Cập nhật 10:20, 15/03/2026\nKinh tế tập thể phát triển\n"
            "Mục tiêu đến hết năm 2025, toàn tỉnh có 612 hợp tác xã; phấn đấu đến năm 2027 có 700 hợp tác xã.\n")
    kept, review = score_targets(text, _facts(text))
    assert [t.value_low for t in review if t.target_year == 2025] == [612]
    past = next(t for t in review if t.target_year == 2025)
    assert past.confidence <= 0.2 and past.reasons.startswith("-year_past")
    assert all(t.target_year != 2025 for t in kept)


def test_a_page_scraped_as_one_line_has_only_its_opening_words_as_title():
    one_line = ("Thu hoạch lúa tại một hợp tác xã nông nghiệp của tỉnh, ảnh minh họa. " * 3
                + "Những năm qua, kinh tế tập thể đã có bước chuyển. " * 4 + "Mục tiêu đến năm 2030 có 700 HTX.")
    assert len(one_line) > 300
    assert not page_genre(one_line).title_result  # "năm qua" is in the body run into the title
    assert page_genre("Tổng kết 5 năm qua kinh tế tập thể tỉnh\nNội dung.").title_result


def test_bootstrap_over_pages_brackets_the_point_score():
    import numpy as np

    from coopdata.train_confidence import _bootstrap

    rows = [{"doc": f"p{i}", "y": int(i % 4 != 0)} for i in range(40)]
    p = np.full(len(rows), 0.9)
    spread = _bootstrap(rows, p, {f"p{i}": 1 for i in range(40)}, threshold=0.5, n=500)
    lo, hi = spread["precision"]
    assert lo < 0.75 < hi and hi - lo < 0.35  # 30 of 40 right
    assert _bootstrap(rows, p, {}, 0.5) is None


def test_a_figure_for_the_year_a_page_reviews_is_never_published():
    text = ("Hội nghị đánh giá kết quả năm 2025, triển khai nhiệm vụ năm 2026\n"
            "Năm 2025, toàn tỉnh thành lập mới 35 hợp tác xã. Năm 2026, phấn đấu thành lập mới 40 hợp tác xã.\n")
    assert page_genre(text).reviewed_years == {2025}
    kept, review = score_targets(text, _facts(text))
    assert [t.value_low for t in kept] == [40]
    (past,) = [t for t in review if t.value_low == 35]
    assert past.confidence <= 0.2 and past.reasons.startswith("-year_reviewed")
    # a horizon is not a reviewed year
    assert page_genre("Đánh giá thực hiện Nghị quyết đến năm 2030; tổng kết giai đoạn 2021-2025\n").reviewed_years == set()


def test_a_period_is_reviewed_only_on_a_page_dated_after_its_final_review_could_be_held():
    import datetime as dt

    report = ("Sở Nông nghiệp tổ chức Hội nghị tổng kết thực hiện Chương trình phát triển hợp tác xã "
              "giai đoạn 2021 – 2025.\nTrong giai đoạn 2021 - 2025, toàn tỉnh thành lập mới 150 hợp tác xã.\n"
              "Giai đoạn 2026 - 2030, tỉnh phấn đấu thành lập mới 200 hợp tác xã.\n")
    assert page_genre(report, dt.date(2025, 11, 20)).reviewed_years == set(range(2021, 2026))
    assert page_genre(report, dt.date(2026, 1, 8)).reviewed_years == set(range(2021, 2026))
    kept, review = score_targets(report, _facts(report), dt.date(2025, 11, 20))
    assert 150 not in [t.value_low for t in kept] and 200 in [t.value_low for t in kept]
    assert [t.reasons.split(";")[0] for t in review if t.value_low == 150] == ["-year_reviewed"]
    # a plan names the same review as a task ahead of it: no year of the period is reviewed yet
    plan = "Năm 2025: tổng kết việc thực hiện Kế hoạch giai đoạn 2021-2025.\nPhấn đấu năm 2025 có 60 hợp tác xã.\n"
    assert page_genre(plan, dt.date(2025, 2, 10)).reviewed_years == set()
    assert page_genre(plan, dt.date(2022, 9, 1)).reviewed_years == set()
    assert page_genre(plan).reviewed_years == set()  # undated: nothing says the review is past


def test_a_past_year_in_a_dated_plan_goes_to_review_not_away():
    from coopdata.ingest import Document
    from coopdata.tables import parse_document

    text = ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM\nSố: 45/KH-UBND\nHà Nam, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\n"
            "Phát triển kinh tế tập thể năm 2026\nNăm 2025, toàn tỉnh đạt 320 hợp tác xã.\n"
            "Mục tiêu năm 2026: phấn đấu thành lập mới 25 hợp tác xã.\n")
    p = parse_document(Document("kh.txt", "0" * 64, "utf-8", len(text.encode()), text, {}))
    assert [t.value_low for t in p.targets] == [25]
    (past,) = [t for t in p.candidates if t.value_low == 320]
    assert "-year_past" in past.review_reason


def test_a_share_of_the_plan_reached_is_no_plan_in_the_title():
    lead = "Ba tháng đầu năm 2024, tỉnh thành lập mới 9 hợp tác xã, đạt gần 30% kế hoạch giao.\nThành viên tăng.\n"
    assert not page_genre(lead).title_plan and page_genre(lead).title_result
    assert page_genre("Kế hoạch phát triển hợp tác xã năm 2024\nNội dung.\n").title_plan


def test_a_one_year_plan_sets_no_aim_for_the_year_before():
    from coopdata.ingest import Document
    from coopdata.tables import parse_document

    text = ("Tin kinh tế\nUBND tỉnh vừa ban hành Kế hoạch phát triển kinh tế tập thể năm 2027.\n"
            "Theo đó, đến cuối năm 2027, toàn tỉnh phấn đấu có khoảng 480 HTX với 19.000 thành viên.\n"
            "Năm 2026, doanh thu bình quân đạt hơn 2,5 tỷ đồng/HTX; tổng số thành viên HTX là 18.500 người.\n")
    p = parse_document(Document("kh.txt", "0" * 64, "utf-8", len(text.encode()), text, {}))
    assert {t.value_low for t in p.targets} == {480, 19000}
    assert all(t.reasons.startswith("-year_past") for t in p.candidates if t.target_year == 2026)


def test_a_headline_year_after_vao_nam_is_a_horizon_not_a_one_year_plan():
    from coopdata.plans import extract_plan
    from coopdata.tables import plan_year

    text = "Tỉnh phấn đấu có 1.500 hợp tác xã vào năm 2030\nNội dung bài viết.\n"
    assert plan_year(extract_plan(text), text) is None


def test_an_ellipsis_ends_the_sentence_of_results_before_an_aim():
    from coopdata.modality import sentence_around

    text = ("Thời gian qua, trên địa bàn xuất hiện nhiều mô hình HTX mới như HTX công nghệ, HTX chăm sóc sức khỏe… "
            "Đến năm 2027, thành phố sẽ hỗ trợ phát triển khoảng 120 hợp tác xã.\n")
    i = text.index("khoảng 120")
    assert sentence_around(text, i, i + 20).before.startswith(" Đến năm 2027")
    (t,) = _facts(text)
    assert t.evidence.startswith("Đến năm 2027")


def test_the_criteria_of_an_award_are_no_aims():
    text = ("Để đạt được danh hiệu “Ngôi sao Hợp tác xã”, các đơn vị phải đạt nhiều tiêu chí, như: HTX nông nghiệp "
            "phải đạt doanh thu từ 1,5 tỷ đồng/năm… HTX phi nông nghiệp phải đạt tối thiểu doanh thu 5 tỷ đồng/năm.\n")
    assert _facts(text) == []


def test_a_finance_and_planning_department_is_no_plan_in_the_title():
    lead = "Dự hội nghị có đại diện Phòng Tài chính – Kế hoạch các huyện và Sở Kế hoạch và Đầu tư.\nNội dung.\n"
    assert not page_genre(lead).title_plan


def test_a_plan_measured_against_or_carried_out_is_no_plan_in_the_title():
    assert not page_genre("Quý I năm 2027, thành lập mới 30 HTX, tăng 20% so với kế hoạch\nNội dung.\n").title_plan
    assert not page_genre("Thực hiện Nghị quyết số 20-NQ/TW, tỉnh đã phát triển mạnh hợp tác xã\nNội dung.\n").title_plan
    assert page_genre("Kế hoạch thực hiện Nghị quyết số 20-NQ/TW của tỉnh\nNội dung.\n").title_plan


def test_a_report_goes_on_from_sentence_to_sentence_within_its_paragraph():
    report = ("Năm 2026, kinh tế tập thể tỉnh tiếp tục phát triển. Toàn tỉnh hiện có 210 hợp tác xã. Doanh thu bình "
              "quân là 2 tỷ đồng/hợp tác xã/năm.\n")
    on_new_line = report.replace("hợp tác xã. Doanh", "hợp tác xã.\nDoanh")
    for text, earlier in ((report, True), (on_new_line, False)):
        money = [t for t in _facts(text) if t.unit == "vnd"]
        assert money, text
        assert ("result_earlier" in features(text, money[0], page_genre(text))) is earlier
    aim = "Mục tiêu đến năm 2030 như sau. Doanh thu bình quân đạt 3 tỷ đồng/hợp tác xã/năm.\n"
    assert "aim_earlier" in features(aim, [t for t in _facts(aim) if t.unit == "vnd"][0], page_genre(aim))
