"""Figures a reader cannot tell apart (coopdata/told_apart.py), on tables of our own."""
import polars as pl

from coopdata.ingest import Document
from coopdata.tables import parse_document, targets_frame
from coopdata.told_apart import untold_rows


def _targets(text: str) -> pl.DataFrame:
    return targets_frame([parse_document(Document("kh.txt", "0" * 64, "utf-8", len(text.encode()), text, {}))])


def test_a_breakdown_told_apart_by_its_qualifier_is_not_reported():
    t = _targets("KẾ HOẠCH\nĐến năm 2027: số HTX nông nghiệp toàn tỉnh lên 70 đơn vị; trong đó 45 HTX xếp loại khá "
                 "và 25 HTX ở mức trung bình.")
    assert t.height == 3
    assert untold_rows(t).height == 0


def test_two_totals_for_one_year_are_reported():
    t = _targets("KẾ HOẠCH\nĐến năm 2030, toàn tỉnh có 500 hợp tác xã.\nPhấn đấu đến năm 2030 có 650 hợp tác xã.")
    untold = untold_rows(t)
    assert sorted(untold["value_low"].to_list()) == [500.0, 650.0]
    # the same figure stated twice is one aim, not two that disagree
    same = pl.concat([t.filter(pl.col("value_low") == 500.0)] * 2)
    assert untold_rows(same).height == 0


def test_other_metrics_are_told_apart_by_their_words():
    t = _targets("KẾ HOẠCH\nNăm 2026, bình quân mỗi liên hiệp có doanh thu 6 tỷ đồng/năm và lợi nhuận 700 triệu đồng/năm.")
    assert set(t["metric"]) == {"other"}
    assert untold_rows(t).height == 0


def test_the_check_on_targets_warns_and_does_not_block():
    import dagster as dg

    from pipelines.checks import targets_told_apart

    untold = targets_told_apart(_targets("KẾ HOẠCH\nĐến năm 2030, toàn tỉnh có 500 hợp tác xã.\n"
                                         "Phấn đấu đến năm 2030 có 650 hợp tác xã."))
    assert not untold.passed and untold.severity == dg.AssetCheckSeverity.WARN
    assert untold.metadata["rows"].value == 2
    assert targets_told_apart.check_specs and not next(iter(targets_told_apart.check_specs)).blocking
    told = targets_told_apart(_targets("KẾ HOẠCH\nĐến năm 2030, toàn tỉnh có 500 hợp tác xã."))
    assert told.passed


def test_the_quality_report_counts_them(tmp_path):
    from coopdata.quality import quality_report
    from coopdata.tables import deadlines_frame, plans_frame

    text = "KẾ HOẠCH\nĐến năm 2030, toàn tỉnh có 500 hợp tác xã.\nPhấn đấu đến năm 2030 có 650 hợp tác xã."
    parsed = [parse_document(Document("kh.txt", "0" * 64, "utf-8", len(text.encode()), text, {}))]
    report = quality_report(tmp_path / "no_gold", plans_frame(parsed), targets_frame(parsed), deadlines_frame(parsed))
    assert report["untold"]["rows"] == 2 and report["untold"]["plans"] == 1
