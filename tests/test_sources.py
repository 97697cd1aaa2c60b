"""The source list (raw/manifest.csv): a row for every file in raw/, each row's sha256 that of its file (or a note
saying why not), and every published plan linked to its row by source_id."""
from __future__ import annotations

import csv

from coopdata.ingest import list_raw, read_manifest, sha256_file
from coopdata.sources import BASE_COLUMNS, SOURCE_COLUMNS, SOURCE_ID, fill, problems, read_sources, sources_path

from .conftest import RAW


def test_every_file_in_raw_has_a_row_and_every_row_its_file_and_hash():
    assert problems(RAW) == [], "run `python -m coopdata.sources` to add rows and hashes, then describe the new rows"


def test_rows_say_where_each_document_comes_from():
    rows, columns = read_sources(sources_path(RAW))
    with sources_path(RAW).open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[:len(BASE_COLUMNS)] == BASE_COLUMNS  # the columns ingest reads stay first, in their order
    assert set(SOURCE_COLUMNS) <= set(header)
    assert {r["file"] for r in rows} == set(list_raw(RAW))
    for r in rows:
        assert SOURCE_ID.match(r["source_id"]), r["file"]
        assert r["retrieved"], r["file"]
        if r["kind"] == "restatement":  # the page it restates, and the hash of our own file
            assert r["source_url"].startswith(("http://", "https://")), r["file"]
            assert r["publisher"], r["file"]
            assert r["sha256"] == sha256_file(RAW / r["file"]), r["file"]
        if r["doc_date"]:
            assert len(r["doc_date"]) == 10 and r["doc_date"][4] == "-", r["file"]
    assert len({r["source_id"] for r in rows}) == len(rows)


def test_ingest_still_reads_the_grown_manifest():
    m = read_manifest(RAW)
    row = m["000_fc78e224d5c3ad2e.txt"]
    assert row["province"] == "Cần Thơ" and row["kind"] == "original"
    assert SOURCE_ID.match(row["source_id"]) and row["doc_number"] == "49-CTr/TU"


def test_a_row_in_the_old_seven_columns_still_lines_up(tmp_path):
    """Rows appended by hand with the manifest's original columns are read with their values in place."""
    (tmp_path / "a.txt").write_text("Kế hoạch\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Chương trình\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        ",".join(SOURCE_COLUMNS) + "\n"
        + "a.txt,https://example.org/a,2026-11-21,original,Hà Nội,r,n\n", encoding="utf-8")
    m = read_manifest(tmp_path)
    assert m["a.txt"]["province"] == "Hà Nội" and m["a.txt"]["source_id"] == ""
    assert any("no row" in p for p in problems(tmp_path))
    done = fill(tmp_path)
    assert any(line.startswith("b.txt: row added") for line in done)
    assert problems(tmp_path) == []
    rows, _ = read_sources(sources_path(tmp_path))
    a = next(r for r in rows if r["file"] == "a.txt")
    assert a["publisher"] == "example.org" and a["sha256"] == sha256_file(tmp_path / "a.txt")
    assert a["province"] == "Hà Nội" and a["notes"] == "n"


def test_a_changed_file_is_reported_not_silently_rehashed(tmp_path):
    (tmp_path / "a.txt").write_text("một\n", encoding="utf-8")
    fill(tmp_path)
    (tmp_path / "a.txt").write_text("hai\n", encoding="utf-8")
    assert fill(tmp_path) == []  # a recorded sha256 is never overwritten
    assert [p for p in problems(tmp_path) if "sha256" in p]
    rows, cols = read_sources(sources_path(tmp_path))
    rows[0]["sha256_note"] = "edited by hand after retrieval"
    from coopdata.sources import write_sources
    write_sources(sources_path(tmp_path), rows, cols)
    assert problems(tmp_path) == []


def test_every_published_plan_links_to_its_source_row():
    from coopdata.ingest import Document, decode, inventory
    from coopdata.tables import parse_document, plans_frame

    files, _ = inventory(RAW)
    picked = [f for f in files if f.source_file in ("000_fc78e224d5c3ad2e.txt", "ha-noi_ntm-2025.txt")]
    docs = [decode(RAW, f) for f in picked]
    plans = plans_frame([parse_document(d) for d in docs if isinstance(d, Document)])
    rows = {r["file"]: r for r in read_sources(sources_path(RAW))[0]}
    assert plans.height == 2
    for p in plans.iter_rows(named=True):
        assert p["source_id"] == rows[p["source_file"]]["source_id"]
    from schemas import Plans
    Plans.validate(plans)  # source_id's format is checked by the schema the release gate uses
