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
