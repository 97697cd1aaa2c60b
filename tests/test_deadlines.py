from datetime import date

from coopdata.deadlines import extract_deadlines
from coopdata.text import normalise

from .conftest import read_raw


def dl(text, issued=date(2023, 3, 14)):
    return [(d.due_date, d.due_precision, d.recurrence) for d in extract_deadlines(normalise(text), issued)]


def test_yen_bai_annual_report():
    got = extract_deadlines(read_raw("002_60d9c8c77c2896ba.txt"), date(2023, 4, 14))
    assert [(d.recurrence, d.due_date) for d in got] == [("annual", None)]
    assert "hằng năm báo cáo kết quả thực hiện với Ban Thường vụ Thành ủy" in got[0].evidence
    assert got[0].responsible.startswith("Các chi, đảng bộ trực thuộc Thành ủy")


def test_sentence_forms():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n"
            "1. Sở Kế hoạch và Đầu tư chủ trì, hoàn thành trong Quý III/2023; tổng hợp, báo cáo UBND tỉnh kết quả "
            "thực hiện Kế hoạch trước ngày 15/12 hằng năm.\n"
            "2. UBND các huyện xây dựng kế hoạch, hoàn thành trước ngày 30/4/2023; định kỳ 6 tháng báo cáo kết quả.\n"
            "3. Sở Thông tin và Truyền thông đưa vào vận hành trong tháng 6/2024.")
    assert dl(text) == [
        (date(2023, 9, 30), "quarter", "once"), (date(2023, 12, 15), "day", "annual"),
        (date(2023, 4, 30), "day", "once"), (None, None, "semiannual"), (date(2024, 6, 30), "month", "once")]


def test_target_years_are_not_deadlines():
    assert dl("II. MỤC TIÊU\n- Đến năm 2030, hằng năm thành lập mới 30 HTX; tổ chức sơ kết vào năm 2025.") == []


def test_task_table_rows():
    text = ("STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
            "1 | Tổ chức hội nghị | Sở Kế hoạch và Đầu tư | - | Quý I/2024\n"
            "2 | Tuyên truyền | Sở Thông tin và Truyền thông | Báo tỉnh | Thường xuyên\n"
            "3 | Cập nhật số liệu | Sở Kế hoạch và Đầu tư | - | Hằng quý, trước ngày 20 của tháng cuối quý")
    got = extract_deadlines(normalise(text), date(2023, 12, 18))
    assert [(d.due_date, d.recurrence, d.responsible, d.partners) for d in got] == [
        (date(2024, 3, 31), "once", "Sở Kế hoạch và Đầu tư", None),
        (None, "continuous", "Sở Thông tin và Truyền thông", "Báo tỉnh"),
        (date(2023, 12, 20), "quarterly", "Sở Kế hoạch và Đầu tư", None)]


def test_dates_that_put_no_task_on_anyone_are_no_deadlines():
    # a founding date, a page's bare date line, a yearly quantified aim (a target)
    assert dl("Hợp tác xã được thành lập từ tháng 5/2009, ban đầu chỉ có 12 thành viên.") == []
    assert dl("tháng 4/2023\nTin tức hoạt động hợp tác xã.") == []
    assert dl("Hằng năm, tỉnh xây dựng và nhân rộng từ 3 - 4 mô hình hợp tác xã điển hình.") == []
    # a task on something already past keeps its deadline
    assert dl("Xử lý dứt điểm 20 HTX đã ngừng hoạt động, hoàn thành trước ngày 30/6/2026.") == [
        (date(2026, 6, 30), "day", "once")]
