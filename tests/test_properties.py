"""The parser never crashes and never hangs, whatever text it is given."""
import signal
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdata.deadlines import extract_deadlines
from coopdata.ingest import Document
from coopdata.tables import parse_document
from coopdata.text import decode_bytes, normalise

WORDS = ["hợp tác xã", "HTX", "tổ hợp tác", "liên hiệp", "đến năm 2030", "trên", "khoảng", "từ", "trở lên", "%",
         "2.000", "1,5", "05", "-", "–", ";", ":", "\n", "(", ")", "thành lập mới", "hằng năm", "tỷ đồng", "triệu",
         "Quý II/2024", "trước ngày 15/12", "|", "đạt loại tốt, khá", "thành viên", "không còn", "giai đoạn 2021-2025"]
vietnamese_soup = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12),
                                     st.integers(0, 10**30).map(str)), max_size=80).map(" ".join)


@contextmanager
def time_limit(seconds: int):
    def boom(*_):
        raise TimeoutError(f"parser took more than {seconds}s")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def parse(text: str):
    doc = Document("x.txt", "0" * 64, "utf-8", len(text), normalise(text), {})
    with time_limit(10):
        return parse_document(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_unicode(text):
    parse(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_soup)
def test_plan_like_soup(text):
    parsed = parse(text)
    for t in parsed.targets:
        assert 0 <= t.char_start < t.char_end <= len(parsed.doc.text)
        assert t.value_low <= t.value_high


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(WORDS), st.integers(1_000, 60_000))
def test_very_long_lines(word, n):
    parse((word + " ") * (n // max(1, len(word))))


def test_pathological_repetition():
    for chunk in ["1.", "1,", "1 - ", "từ ", "( ", "trên 1 ", "HTX, ", ": ", "năm 2030 ", "%/năm "]:
        parse(chunk * 20_000)
        with time_limit(10):
            extract_deadlines(normalise(chunk * 20_000))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_decode_or_say_why(data):
    try:
        decoded = decode_bytes(data)
    except UnicodeDecodeError:
        return
    parse(decoded.text)
