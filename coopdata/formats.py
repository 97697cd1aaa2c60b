"""Text out of what users drop into raw/: plain text, web pages, Word files, PDFs.

Libraries, each well kept and pure Python or with wheels for every platform:
- web pages: trafilatura (main-text extraction; menus, counters, scripts and comments dropped);
- Word: python-docx (paragraphs and tables in document order; a table row becomes one line of cells
  joined by " | ", the form the deadline reader knows from task tables);
- PDF: pypdf (the text layer; a scan without one is reported, not guessed at).
"""
from __future__ import annotations

import io
import re
import zipfile

from .text import Decoded, decode_bytes

__all__ = ["FormatError", "extract_text", "SUPPORTED"]

SUPPORTED = {".txt", ".text", ".html", ".htm", ".docx", ".pdf"}


class FormatError(Exception):
    """A file that holds no usable text; `reason` is the quarantine reason."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def extract_text(data: bytes, suffix: str) -> Decoded:
    """The text of a file, with how it was read (its encoding, or the format's reader)."""
    suffix = suffix.lower()
    if suffix in (".txt", ".text"):
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FormatError("binary", "NUL bytes: not a text file")
        try:
            return decode_bytes(data)
        except UnicodeDecodeError as exc:
            raise FormatError("undecodable", str(exc)) from None
    if suffix in (".html", ".htm"):
        return _html(data)
    if suffix == ".docx":
        return _docx(data)
    if suffix == ".pdf":
        return _pdf(data)
    raise FormatError("unknown format", f"no reader for '{suffix or 'no suffix'}' files")


def _html(data: bytes) -> Decoded:
    import trafilatura

    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    try:
        markup = data.decode(m.group(1).decode()) if m else decode_bytes(data).text
    except (LookupError, UnicodeDecodeError):
        try:
            markup = decode_bytes(data).text
        except UnicodeDecodeError as exc:
            raise FormatError("undecodable", str(exc)) from None
    text = trafilatura.extract(markup, include_tables=True, include_comments=False, favor_recall=True,
                               deduplicate=False, output_format="txt")
    if not text or not text.strip():
        raise FormatError("no main text", "the page has no article text once menus and scripts are dropped")
    title = trafilatura.extract_metadata(markup)
    head = title.title if title and title.title and title.title not in text[:300] else None
    return Decoded((head + "\n\n" + text) if head else text, "html")


def _docx(data: bytes) -> Decoded:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FormatError("corrupt archive", "a .docx is a zip archive and this file is not one")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise FormatError("corrupt archive", f"{type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(p.text for p in cell.paragraphs).strip()
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                lines.append(" | ".join(cells))
            lines.append("")
    text = "\n".join(lines)
    if not text.strip():
        raise FormatError("empty", "the document has no text")
    return Decoded(text, "docx")


def _pdf(data: bytes) -> Decoded:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise FormatError("corrupt file", f"unreadable PDF: {exc}") from None
    text = "\n\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20:
        raise FormatError("no text layer", f"{len(pages)} page(s) without extractable text (a scan?)")
    return Decoded(text, "pdf")
