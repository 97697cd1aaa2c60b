"""Whatever users drop into raw/: formats read, bad files quarantined with the right reason, nothing lost."""
import io
import os

import polars as pl
import pytest

from coopdata.formats import FormatError, extract_text
from coopdata.text import normalise
from pipelines.cli import main

from .conftest import ROOT
from .helpers import cp1258, tcvn3

PLAN = ("KẾ HOẠCH phát triển kinh tế tập thể của tỉnh Nam Định\n"
        "Đến năm 2030, toàn tỉnh có khoảng 700 hợp tác xã và 05 liên hiệp hợp tác xã.")


def pdf(text: str | None) -> bytes:
    """A one-page PDF; with text=None the page only has a drawing (like a scan without a text layer)."""
    content = (f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET" if text else "0 0 m 200 200 l S").encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def docx_bytes() -> bytes:
    import docx
    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH phát triển kinh tế tập thể tỉnh Phú Thọ")
    d.add_paragraph("Đến năm 2025, toàn tỉnh có 300 hợp tác xã.")
    t = d.add_table(rows=2, cols=5)
    for i, v in enumerate(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]):
        t.rows[0].cells[i].text = v
    for i, v in enumerate(["1", "Tổ chức hội nghị", "Sở Kế hoạch và Đầu tư", "-", "Quý I/2024"]):
        t.rows[1].cells[i].text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


HTML = """<html><head><meta charset="utf-8"><title>Tỉnh Lạng Sơn phát triển hợp tác xã</title>
<script>var counter = 123456;</script></head><body>
<nav><ul><li>Trang chủ</li><li>Tin tức</li><li>Liên hệ</li></ul></nav>
<div class="counter">Lượt truy cập: 1.234.567</div>
<article><h1>Tỉnh Lạng Sơn phát triển hợp tác xã</h1>
<p>UBND tỉnh Lạng Sơn vừa ban hành kế hoạch phát triển kinh tế tập thể giai đoạn 2021 - 2025.</p>
<p>Đến năm 2025, toàn tỉnh có khoảng 450 hợp tác xã với trên 20.000 thành viên; thành lập mới 100 hợp tác xã.</p>
<p>Kế hoạch nhấn mạnh vai trò của hợp tác xã kiểu mới trong chuỗi giá trị nông sản của tỉnh.</p></article>
<footer>Bản quyền thuộc Cổng thông tin điện tử. Lượt xem 9.876</footer></body></html>"""


def test_each_text_encoding_reads_the_same():
    for data in (PLAN.encode("utf-8"), b"\xef\xbb\xbf" + PLAN.encode("utf-8"), PLAN.encode("utf-16"),
                 cp1258(PLAN), tcvn3(PLAN)):
        text = normalise(extract_text(data, ".txt").text)
        assert "khoảng 700 hợp tác xã" in text


def test_html_keeps_the_article_and_drops_page_furniture():
    text = extract_text(HTML.encode("utf-8"), ".html").text
    assert "khoảng 450 hợp tác xã" in text
    assert "Lượt truy cập" not in text and "counter" not in text and "Trang chủ" not in text


def test_docx_keeps_table_rows_as_rows():
    text = extract_text(docx_bytes(), ".docx").text
    assert "Đến năm 2025, toàn tỉnh có 300 hợp tác xã." in text
    assert "1 | Tổ chức hội nghị | Sở Kế hoạch và Đầu tư | - | Quý I/2024" in text


def test_pdf_text_layer_and_scan():
    assert "HTX 2030" in extract_text(pdf("Ke hoach phat trien HTX 2030, toan tinh"), ".pdf").text
    with pytest.raises(FormatError) as exc:
        extract_text(pdf(None), ".pdf")
    assert exc.value.reason == "no text layer"


def test_a_raw_folder_of_every_kind(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    good = {"utf8.txt": PLAN.encode("utf-8"), "bom.txt": b"\xef\xbb\xbf" + PLAN.replace("700", "710").encode("utf-8"),
            "utf16.txt": PLAN.replace("700", "720").encode("utf-16"), "cp1258.txt": cp1258(PLAN.replace("700", "730")),
            "tcvn3.txt": tcvn3(PLAN.replace("700", "740")), "page.html": HTML.encode("utf-8"),
            "plan.docx": docx_bytes(), "text.pdf": pdf("Ke hoach phat trien hop tac xa den nam 2030 cua tinh")}
    bad = {"empty.txt": (b"", "empty"), "blob.txt": (b"\x00\x01\x02binary\x00" * 50, "binary"),
           "sheet.xlsx": (b"PK\x03\x04 not really", "unknown format"),
           "latin.txt": (bytes(range(0x80, 0x100)) * 4, "undecodable"),
           "zz_copy.txt": (PLAN.encode("utf-8"), "duplicate"), "broken.docx": (b"this is not a zip", "corrupt archive"),
           "scan.pdf": (pdf(None), "no text layer"), "huge.txt": (b"a" * 300_000, "too large")}
    for name, data in good.items():
        (raw / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (raw / name).write_bytes(data)
    outside = tmp_path / "secret.txt"
    outside.write_text(PLAN, encoding="utf-8")
    os.symlink(outside, raw / "link.txt")
    (raw / "manifest.csv").write_text("file,source_url,province,province_reason\n../secret.txt,,,\n"
                                      "gone.txt,,,\n", encoding="utf-8")
    os.environ["COOPDATA_MAX_BYTES"] = "200000"
    try:
        assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "wh")]) == 0
    finally:
        del os.environ["COOPDATA_MAX_BYTES"]
    q = pl.read_parquet(tmp_path / "wh" / "parquet" / "quarantine.parquet")
    reasons = dict(zip(q["source_file"], q["reason"]))
    expected = {n: r for n, (_, r) in bad.items()} | {"link.txt": "unsafe path", "../secret.txt": "unsafe path",
                                                     "gone.txt": "manifest file missing"}
    assert reasons == expected
    plans = pl.read_parquet(tmp_path / "wh" / "parquet" / "plans.parquet")
    assert set(plans["source_file"]) == set(good)
    targets = pl.read_parquet(tmp_path / "wh" / "parquet" / "targets.parquet")
    coops = targets.filter(pl.col("metric") == "coops").group_by("source_file").agg(pl.col("value_low").first())
    assert dict(zip(coops["source_file"], coops["value_low"])) == {
        "utf8.txt": 700, "bom.txt": 710, "utf16.txt": 720, "cp1258.txt": 730, "tcvn3.txt": 740, "page.html": 450,
        "plan.docx": 300}
    deadlines = pl.read_parquet(tmp_path / "wh" / "parquet" / "deadlines.parquet")
    assert deadlines.filter(pl.col("source_file") == "plan.docx")["due_date"].cast(str).to_list() == ["2024-03-31"]
