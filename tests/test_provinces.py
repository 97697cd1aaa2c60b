"""Province reference data, detection and the province-level tables."""
import polars as pl
import pytest

from coopdata import reference_build
from coopdata.coverage import provinces_2025_frame, provinces_frame
from coopdata.plans import extract_plan
from coopdata.provinces import district_province, find_province, province_by_name
from coopdata.text import normalise
from pipelines.cli import main
from schemas import Provinces, Provinces2025


def test_reference_files_equal_what_the_package_gives():
    assert reference_build.main(["--check"]) == 0


def test_reference_checks_hold():
    p63, p34 = Provinces.validate(provinces_frame()), Provinces2025.validate(provinces_2025_frame())
    assert p63.height == 63 and p34.height == 34
    assert p34["unchanged"].sum() == 11
    assert sorted(p34["merged_from"].explode().to_list()) == sorted(p63["province_code"].to_list())


def test_a_broken_crosswalk_fails_the_check():
    import pandera.polars as pa
    broken = provinces_2025_frame().with_columns(
        merged_from=pl.when(pl.col("province_code_2025") == "01").then(pl.lit(["01", "02"])).otherwise(pl.col("merged_from")))
    with pytest.raises(pa.errors.SchemaErrors):
        Provinces2025.validate(broken, lazy=True)


# (2024 code, name, 2025 code): a sample checked by hand against the official lists
# (GSO administrative unit codes; Resolution 202/2025/QH15)
OFFICIAL = [("01", "Hà Nội", "01"), ("02", "Hà Giang", "08"), ("15", "Yên Bái", "15"), ("10", "Lào Cai", "15"),
            ("36", "Nam Định", "37"), ("35", "Hà Nam", "37"), ("89", "An Giang", "91"), ("91", "Kiên Giang", "91"),
            ("92", "Cần Thơ", "92"), ("93", "Hậu Giang", "92"), ("94", "Sóc Trăng", "92"), ("74", "Bình Dương", "79"),
            ("77", "Bà Rịa - Vũng Tàu", "79"), ("49", "Quảng Nam", "48"), ("46", "Thừa Thiên Huế", "46"),
            ("62", "Kon Tum", "51"), ("52", "Bình Định", "52"), ("64", "Gia Lai", "52"), ("54", "Phú Yên", "66"),
            ("67", "Đắk Nông", "68"), ("60", "Bình Thuận", "68"), ("80", "Long An", "80"), ("72", "Tây Ninh", "80"),
            ("83", "Bến Tre", "86"), ("84", "Trà Vinh", "86"), ("30", "Hải Dương", "31"), ("44", "Quảng Bình", "44"),
            ("45", "Quảng Trị", "44"), ("38", "Thanh Hóa", "38"), ("96", "Cà Mau", "96"), ("95", "Bạc Liêu", "96")]


@pytest.mark.parametrize("code, name, code_2025", OFFICIAL)
def test_codes_and_crosswalk_match_the_official_lists(code, name, code_2025):
    row = provinces_frame().filter(pl.col("province_code") == code).row(0, named=True)
    assert (row["province_name"], row["province_code_2025"]) == (name, code_2025)


@pytest.mark.parametrize("written, code", [
    ("TỈNH NAM ĐỊNH", "36"), ("Thua Thien - Hue", "46"), ("Thừa Thiên - Huế", "46"), ("TP.HCM", "79"),
    ("thành phố Hồ Chí Minh", "79"), ("Dak Lak", "66"), ("Đăk Lăk", "66"), ("Khánh Hoà", "56"), ("Bà Rịa-Vũng Tàu", "77"),
])
def test_names_as_texts_write_them(written, code):
    p = province_by_name(written) or find_province(written)
    assert p is not None and p.code == code


def test_district_or_city_inside_a_province():
    assert district_province("Nghĩa Hành").code == "51"
    text = normalise("ỦY BAN NHÂN DÂN\nHUYỆN NGHĨA HÀNH\n-------\n\nSố: 95/KH-UBND\n\nNghĩa Hành, ngày 20 tháng 4 năm 2023\n\nKẾ HOẠCH\nPhát triển kinh tế tập thể")
    p = extract_plan(text)
    assert (p.province.code, p.locality, p.admin_level, p.province_source) == ("51", "huyện Nghĩa Hành", "district", "header")


def test_place_line_and_body():
    p = extract_plan(normalise("KẾ HOẠCH\n\nHà Tĩnh, ngày 2 tháng 3 năm 2023\n\nPhát triển hợp tác xã"))
    assert (p.province.code, p.province_source) == ("42", "place_line")
    p = extract_plan(normalise("Hợp tác xã phát triển\n\nUBND tỉnh Lạng Sơn vừa ban hành kế hoạch phát triển HTX."))
    assert (p.province.code, p.province_source) == ("20", "body")


def test_coverage_has_63_rows_whatever_raw_holds(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    out = tmp_path / "wh"
    assert main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    cov = pl.read_parquet(out / "parquet" / "coverage.parquet")
    assert cov.height == 63 and cov["plans"].sum() == 0
    assert pl.read_parquet(out / "parquet" / "provinces.parquet").height == 63
    assert pl.read_parquet(out / "parquet" / "provinces_2025.parquet").height == 34
    assert pl.read_parquet(out / "parquet" / "coverage_2025.parquet").height == 34
    assert cov["gap_reason"].is_not_null().all()  # no plan at all: every one of the 63 says why


def test_national_comparison_puts_2030_cooperatives_against_the_provinces(built_warehouse):
    nc = pl.read_parquet(built_warehouse / "parquet" / "national_comparison.parquet")
    row = nc.filter(pl.col("metric") == "coops", pl.col("target_year") == 2030, pl.col("unit") == "count").row(0, named=True)
    assert row["national_value"] == 45000
    assert row["provinces_contributing"] >= 5 and row["provincial_value"] > 0
    assert row["ratio_to_national"] == pytest.approx(row["provincial_value"] / 45000, rel=1e-3)
    assert "36" in row["contributing_codes"]  # Nam Định: about 700 cooperatives by 2030
    assert len(row["missing_codes"]) == row["provinces_missing"] and "36" not in row["missing_codes"]
    # 2030 is after the merger: the same aim by the 34 units of 2025 as well
    assert row["units_contributing"] + row["units_missing"] == 34 and row["unit_value"] is not None


def test_views_answer_the_readme_questions(built_warehouse):
    import duckdb
    con = duckdb.connect(str(built_warehouse / "coopdata.duckdb"), read_only=True)
    latest = con.sql("SELECT value_low FROM latest_targets WHERE province_code='36' AND metric='coops' "
                     "AND target_year=2030 AND sector IS NULL").fetchall()
    assert latest == [(700.0,)]
    gaps = con.sql("SELECT count(*) FROM coverage_gaps").fetchall()[0][0]
    assert gaps == con.sql("SELECT count(*) FROM coverage WHERE targets = 0").fetchall()[0][0] > 0
    merged = con.sql("SELECT DISTINCT province_code FROM targets_by_unit_2025 WHERE province_code_2025='37'").fetchall()
    assert ("36",) in merged  # Nam Định rolls up into Ninh Bình (2025)
    con.close()


def test_targets_roll_up_by_2025_units(built_warehouse):
    t = pl.read_parquet(built_warehouse / "parquet" / "targets.parquet")
    p = provinces_frame()
    joined = t.filter(pl.col("province_code").is_not_null()).join(p, on="province_code")
    assert (joined["province_code_2025"] == joined["province_code_2025_right"]).all()


def test_old_spellings_of_province_names():
    from coopdata.provinces import province_by_name

    assert province_by_name("Kontum").name == "Kon Tum"
    assert province_by_name("Đắc Nông").name == "Đắk Nông"


def test_a_district_merged_away_or_named_with_the_lists_note_still_places_its_province():
    # merged into another district in 2024, still named by the pages of its time
    assert district_province("Đạ Tẻh").code == "68"
    # the reference list writes a town and the district around it as "Long Mỹ (Thị xã)", "Long Mỹ (Huyện)"
    assert district_province("Long Mỹ").code == "93" and district_province("Cao Lãnh").code == "87"
    # a name two provinces have had ("Kỳ Sơn": Nghệ An, and Hòa Bình until 2019) says nothing
    assert district_province("Kỳ Sơn") is None
