import unicodedata

from coopdata.text import decode_bytes, fold, normalise

from .helpers import cp1258, tcvn3


def test_nfd_and_nfc_give_the_same_text():
    nfc = "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert normalise(nfd) == normalise(nfc) == nfc


def test_old_and_new_tone_placement_meet():
    assert normalise("Tỉnh uỷ Khánh Hoà, thuỷ sản, khoẻ") == "Tỉnh ủy Khánh Hòa, thủy sản, khỏe"
    # a following consonant or a "qu" onset keeps the tone where it is
    assert normalise("hoàng quý thuyết") == "hoàng quý thuyết"


def test_spaces_and_blank_lines_are_unified():
    assert normalise("a\u00a0 b\t c  \r\n\r\n\r\n\r\nd ") == "a b c\n\nd"


def test_decoding_utf8_bom_utf16_and_cp1258():
    text = "Hợp tác xã"
    assert decode_bytes(("\ufeff" + text).encode("utf-8")).text == text
    assert decode_bytes(text.encode("utf-16")).text == text
    assert normalise(decode_bytes(cp1258(text)).text) == text
    assert decode_bytes(tcvn3("Kế hoạch phát triển hợp tác xã")).encoding == "tcvn3"



def test_fold_strips_diacritics_for_name_matching():
    assert fold("Đắk Lắk") == "dak lak"


def test_soft_line_breaks_are_unwrapped_in_place():
    from coopdata.text import unwrap

    text = ("Mục tiêu đến năm 2027, mỗi năm mỗi huyện trong tỉnh thành lập mới tối thiểu\n2 hợp tác xã nông nghiệp; "
            "vận động các hộ sản xuất tham\ngia thành viên.\nI. MỤC TIÊU CỤ THỂ CỦA KẾ HOẠCH PHÁT TRIỂN HỢP TÁC XÃ\n"
            "1. Đến năm 2027 có 300 HTX.\nKẾT QUẢ PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ CỦA TỈNH NĂM 2026\n"
            "a) Về số lượng hợp tác xã.\n")
    out = unwrap(text)
    assert len(out) == len(text)
    assert "tối thiểu 2 hợp tác xã" in out and "tham gia thành viên" in out
    # a heading, a list item after a heading, a numbered item keep their line breaks
    assert "HỢP TÁC XÃ\n1. Đến" in out and "NĂM 2026\na) Về" in out
    assert unwrap("ngắn\ndòng") == "ngắn\ndòng"  # short lines: titles, cells


def test_a_figure_wrapped_onto_the_next_line_keeps_its_sentence():
    from coopdata.ingest import Document
    from coopdata.tables import parse_document

    text = ("Kế hoạch phát triển hợp tác xã năm 2027\nTheo kế hoạch, mỗi năm mỗi huyện trong tỉnh phấn đấu thành lập mới "
            "tối thiểu\n3 hợp tác xã nông nghiệp.\n")
    p = parse_document(Document("kh.txt", "0" * 64, "utf-8", len(text.encode()), text, {}))
    (t,) = [t for t in p.targets + p.candidates if t.value_low == 3]
    assert (t.metric, t.comparator, t.frequency) == ("new_coops", "gte", "annual")
    assert t.evidence == text[t.char_start:t.char_end] and "\n" in t.evidence


def test_the_eth_look_alike_reads_as_d_with_stroke():
    assert normalise("Quyết định số 12/QÐ-UBND ban hành Ðề án, ðạt") == "Quyết định số 12/QĐ-UBND ban hành Đề án, đạt"
