"""Plan metadata of every seed, as the texts state it."""
from datetime import date

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
