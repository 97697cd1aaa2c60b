"""The modality cues (data/modality.csv): every row's example is a test, and cues never match inside words."""
import pytest

from coopdata.modality import CLASSES, cue_rows, cues_in, patterns, sentence_around


@pytest.mark.parametrize("cls,pattern,example", cue_rows(), ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None)
def test_every_cue_row_matches_its_example(cls, pattern, example):
    assert cls in CLASSES
    assert cls in cues_in(example), f"{pattern!r} ({cls}) does not match its own example {example!r}"


def test_cues_are_bounded_by_words():
    # "nước có" holds "ước có" and "hiện" hides in "thực hiện": neither is an estimate or a current state
    assert "estimate" not in cues_in("Cả nước có khoảng 45.000 hợp tác xã")
    assert "result" not in cues_in("Tổ chức thực hiện tốt mục tiêu")
    assert "result" in cues_in("Hiện toàn tỉnh có 120 hợp tác xã")


def test_aim_and_result_sentences_are_told_apart():
    aim = cues_in("Phấn đấu đến năm 2030, toàn tỉnh có 500 hợp tác xã")
    result = cues_in("Năm 2023, toàn tỉnh đã thành lập mới 40 hợp tác xã, tăng 12 so với năm 2022")
    assert "aim" in aim and "result" not in aim
    assert "result" in result


def test_sentence_around_finds_the_heading_that_scopes_a_list():
    text = "Mục tiêu đến năm 2030:\n- Có 300 hợp tác xã; 50 tổ hợp tác.\nHiện có 200 HTX."
    start = text.index("50 tổ")
    s = sentence_around(text, start, start + 10)
    assert s.heading.startswith("Mục tiêu đến năm 2030")
    assert s.before.startswith("- Có 300")
    last = text.index("200")
    assert sentence_around(text, last, last + 3).heading == ""


def test_every_class_has_a_pattern():
    assert set(patterns()) == set(CLASSES)


def test_a_trained_manager_is_no_past_result():
    assert "result" not in cues_in("Số cán bộ quản lý hợp tác xã đã qua đào tạo trình độ đại học đạt 700 người")


@pytest.mark.parametrize("cls,pattern,example", cue_rows(), ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None)
def test_presence_answers_like_the_cue_patterns(cls, pattern, example):
    from coopdata.modality import presence

    for text in (example, example.lower(), example.upper(), "Tổ chức thực hiện tốt. " + example[len(example) // 2:]):
        for c, p in presence().items():
            assert bool(p.search(text)) == bool(patterns()[c].search(text)), (c, text)


def test_presence_tells_aims_from_results_in_a_plan_sentence():
    from coopdata.modality import _plain_openings, presence

    aim = "Đến năm 2030, toàn tỉnh phấn đấu có 500 hợp tác xã, trong đó ít nhất 30% ứng dụng công nghệ cao"
    result = "Tổ chức thực hiện tốt Kế hoạch: năm 2023 đã thành lập mới 40 HTX, tăng 12 HTX so với năm 2022"
    found = {c for c, p in presence().items() if p.search(aim)}
    assert found == {c for c, p in patterns().items() if p.search(aim)} and {"aim", "breakdown"} <= found
    assert "result" not in found and presence()["result"].search(result)
    assert _plain_openings(r"(?:đến|tới) (?:hết )?năm") == ["đến (?:hết )?năm", "tới (?:hết )?năm"]
    assert _plain_openings(r"\bsẽ\b") == [r"sẽ\b"] and _plain_openings(r"\b\d") == [r"\b\d"]


def test_sentence_bounds_are_those_of_a_scan_of_the_window():
    from coopdata.modality import _SENT_END, _bounds

    def scanned(text, start, end, reach):
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        s = max((m.end() for m in _SENT_END.finditer(text, lo, start)), default=lo)
        m = _SENT_END.search(text, end, hi)
        return s, m.start() if m else hi

    text = ("Kế hoạch số 12/KH-UBND.\nMục tiêu: đến năm 2030 có 500 HTX. Thu nhập đạt 60 triệu đồng/người/năm!"
            " Giai đoạn 2026-2030 (TP.HCM) thành lập mới 100 HTX.Có 5 liên hiệp?")
    for start in range(len(text) + 1):
        for end in (start, min(len(text), start + 7)):
            for reach in (600, 12, 1):
                assert _bounds(text, start, end, reach) == scanned(text, start, end, reach), (start, end, reach)


def test_presence_of_several_classes_is_any_of_them():
    from coopdata.modality import presence, presence_any

    both = presence_any(("result", "estimate"))
    for s in ("Ước năm 2024 có 150 HTX", "Đến nay toàn tỉnh có 120 HTX", "Phấn đấu đến năm 2030 có 500 HTX",
              "Cả nước có khoảng 45.000 hợp tác xã", "ƯỚC TÍNH 30% HTX"):
        assert bool(both.search(s)) == bool(presence()["result"].search(s) or presence()["estimate"].search(s)), s


def test_the_ministry_of_planning_is_no_plan():
    assert "aim" not in cues_in("Theo Bộ Kế hoạch và Đầu tư, cả nước có 32.000 hợp tác xã")
    assert "aim" not in cues_in("Sở Kế hoạch và Đầu tư tỉnh cho biết")
    assert "aim" in cues_in("Theo kế hoạch, năm 2026 thành lập mới 20 hợp tác xã")


def test_sentence_ends_written_for_a_fast_scan_are_the_plain_ones():
    import random
    import re

    from coopdata.modality import _SENT_END
    slow = re.compile(r"[.!?](?=\s|$)|\n")
    rng = random.Random(3)
    for _ in range(3000):
        s = "".join(rng.choice("ab .!?;\n\t\u00a0x") for _ in range(rng.randint(0, 20)))
        assert [m.span() for m in _SENT_END.finditer(s)] == [m.span() for m in slow.finditer(s)], s


def test_having_set_an_aim_is_no_result():
    assert "result" not in cues_in("Tỉnh đã đề ra nhiều giải pháp, phấn đấu đến năm 2027 phát triển thêm 40 hợp tác xã")
    assert "result" not in cues_in("Kế hoạch đã được phê duyệt với mục tiêu thành lập mới 30 hợp tác xã")
    assert "result" in cues_in("Năm 2026, tỉnh đã thành lập mới 30 hợp tác xã")
    assert "result" in cues_in("Hai tháng đầu năm 2026, tỉnh thành lập mới 6 hợp tác xã")


def test_a_rise_from_today_to_an_aim_is_no_result():
    assert "result" not in cues_in("Phấn đấu nâng tỷ trọng đóng góp vào GRDP từ 8% hiện nay lên 12% vào năm 2030")
    assert "result" in cues_in("Tỷ trọng đóng góp vào GRDP hiện nay là 8%")


def test_raising_the_number_of_operating_groups_is_no_result():
    assert "result" not in cues_in("Có thêm 40 THT ra đời, nâng số THT đang hoạt động lên 900")
    assert "result" in cues_in("Trong đó 612 HTX đang hoạt động")


def test_there_were_n_cooperatives_founded_is_a_result():
    assert "result" in cues_in("Qua mười năm 2014 – 2023, huyện có 64 THT được thành lập mới")
    assert "result" not in cues_in("Đến năm 2030: 105 HTX được thành lập mới (gồm 95 HTX nông nghiệp)")


def test_a_numbered_section_line_is_the_heading_of_the_sentence_below():
    from coopdata.modality import sentence_around
    text = "I. MỤC TIÊU\n2. Mục tiêu đến năm 2030\nThành phố có 300 hợp tác xã.\n"
    at = text.index("300")
    assert sentence_around(text, at, at + 3).heading.strip() == "2. Mục tiêu đến năm 2030"
    prose = "2. Năm qua tỉnh đã thành lập mới nhiều hợp tác xã, tổ hợp tác.\nThành phố có 300 hợp tác xã.\n"
    assert sentence_around(prose, prose.index("300"), prose.index("300") + 3).heading == ""


def test_a_plan_measured_against_is_no_aim_cue():
    from coopdata.modality import cues_in
    assert "aim" not in cues_in("Thành lập mới 30 hợp tác xã, tăng 20% so với kế hoạch, vượt kế hoạch giao.")
    assert "aim" in cues_in("Kế hoạch năm 2027 thành lập mới 30 hợp tác xã.")


def test_founded_with_a_result_marker_is_a_result():
    # "thành lập mới được N": what was founded, as "thành lập được N" is
    assert "result" in cues_in("Toàn tỉnh thành lập mới được 9 HTX nông nghiệp")
    assert "result" not in cues_in("Phấn đấu thành lập mới 9 HTX nông nghiệp")
