"""End to end: raw/ -> Dagster assets -> warehouse, scored with the shared referee."""
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl

from coopdata.numbers import find_numbers

from pipelines.cli import main

from .conftest import ROOT, shared_or_skip


def score(gold: Path, table: Path, *flags: str) -> dict:
    scorer = shared_or_skip("eval", "score.py")
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(table), "--json", *flags],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_seed_targets_score_perfectly(built_warehouse):
    res = score(shared_or_skip("gold", "seeds.jsonl"), built_warehouse / "parquet" / "targets.parquet")
    assert res["core"]["f1"] == 1.0, (res["core"]["missed"], res["core"]["spurious"])
    assert res["core"]["tp"] == 47
    assert res["strict"]["f1"] == 1.0


def test_yen_bai_annual_report_is_a_deadline(built_warehouse):
    res = score(shared_or_skip("gold", "seeds.jsonl"), built_warehouse / "parquet" / "deadlines.parquet", "--deadlines")
    assert res["core"]["recall"] == 1.0


def test_warehouse_holds_the_same_tables_in_parquet_and_duckdb(built_warehouse):
    con = duckdb.connect(str(built_warehouse / "coopdata.duckdb"), read_only=True)
    for table in ["plans", "targets", "deadlines", "quarantine", "documents", "metrics"]:
        pq = pl.read_parquet(built_warehouse / "parquet" / f"{table}.parquet")
        db = con.sql(f"SELECT * FROM {table}").pl()
        assert pq.equals(db), table
    comment = con.sql("SELECT comment FROM duckdb_columns() WHERE table_name='targets' AND column_name='metric'").fetchall()[0]
    assert "metrics vocabulary" in comment[0]
    con.close()


def test_every_target_points_at_its_evidence(built_warehouse):
    docs = pl.read_parquet(built_warehouse / "parquet" / "documents.parquet")
    texts = dict(zip(docs["source_file"], docs["text"]))
    targets = pl.read_parquet(built_warehouse / "parquet" / "targets.parquet")
    raw_hash = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "raw").glob("*.txt")}
    for row in targets.iter_rows(named=True):
        span = texts[row["source_file"]][row["char_start"]:row["char_end"]]
        assert span == row["evidence"]
        assert row["raw_sha256"] == raw_hash[row["source_file"]]
        if row["rule"] != "zero.no_more":  # "không còn HTX yếu kém" states its zero in words
            # the number is in the evidence, in digits or in words ("một liên minh", "gấp đôi")
            assert any(ch.isdigit() for ch in span) or "đôi" in span or any(
                v == row["value_low"] for _, _, v in find_numbers(span)), row


def test_sql_command_answers_a_query_over_targets(built_warehouse, capsys):
    db = built_warehouse / "coopdata.duckdb"
    assert main(["sql", "SELECT province_code, count(*) AS n FROM targets WHERE source_file LIKE '00%' "
                 "GROUP BY 1 ORDER BY 1", "--db", str(db), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "province_code,n"
    assert out[1:] == ["15,21", "36,14", "92,12"]


def test_extract_prints_json_lines_without_a_warehouse(capsys):
    assert main(["extract", str(ROOT / "raw" / "003_332bc788bce855f1.txt")]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[0]["kind"] == "plan" and lines[0]["doc_number"] == "139/KH-UBND"
    assert sum(x["kind"] == "target" for x in lines) == 14


def test_bad_input_is_quarantined_not_fatal(raw_copy, tmp_path):
    (raw_copy / "empty.txt").write_bytes(b"")
    (raw_copy / "scan.pdf").write_bytes(b"%PDF-1.4 binary")
    (raw_copy / "dup.txt").write_bytes((raw_copy / "002_60d9c8c77c2896ba.txt").read_bytes())
    (raw_copy / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 10)
    (raw_copy / "extra_plan.txt").write_text("Đến năm 2030, toàn tỉnh có 100 hợp tác xã.", encoding="utf-8")
    with (raw_copy / "manifest.csv").open("a", encoding="utf-8") as f:
        f.write("missing.txt,,2026-11-21,original,,,a row whose file is not there\n")
    out = tmp_path / "wh"
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    q = pl.read_parquet(out / "parquet" / "quarantine.parquet")
    reasons = dict(zip(q["source_file"], q["reason"]))
    assert reasons == {"empty.txt": "empty", "scan.pdf": "corrupt file", "dup.txt": "duplicate",
                       "latin.txt": "undecodable", "missing.txt": "manifest file missing"}
    plans = pl.read_parquet(out / "parquet" / "plans.parquet")
    assert "extra_plan.txt" in plans["source_file"].to_list()  # no manifest row: still ingested
    good = {p.name for p in raw_copy.glob("*.txt")} - set(reasons)
    assert set(plans["source_file"]) == good


def test_same_input_gives_byte_identical_parquet(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(a)]) == 0
    assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(b)]) == 0
    for f in sorted((a / "parquet").glob("*.parquet")):
        assert f.read_bytes() == (b / "parquet" / f.name).read_bytes(), f.name


def test_env_vars_override_both_folders(tmp_path, monkeypatch):
    from pipelines.resources import CoopdataPaths
    monkeypatch.setenv("COOPDATA_RAW_DIR", str(tmp_path / "r"))
    monkeypatch.setenv("COOPDATA_WAREHOUSE_DIR", str(tmp_path / "w"))
    p = CoopdataPaths()
    assert p.raw() == tmp_path / "r" and p.warehouse() == tmp_path / "w"


def test_the_lead_of_a_news_page_dates_its_undated_aims():
    from coopdata.ingest import Document
    from coopdata.tables import parse_document

    text = ("Tỉnh X phấn đấu thành lập mới 25 hợp tác xã\n\nUBND tỉnh vừa ban hành Kế hoạch số 12/KH-UBND phát triển "
            "kinh tế tập thể năm 2027.\n\nTheo đó, tỉnh đề ra mục tiêu phấn đấu thành lập mới 25 hợp tác xã, 40 tổ hợp tác.")
    doc = Document("lead.txt", "0" * 64, "utf-8", len(text), text, {})
    p = parse_document(doc)
    years = {(t.metric, t.target_year) for t in p.targets + p.candidates}
    assert ("new_coops", 2027) in years and ("new_coop_groups", 2027) in years
    period = Document("period.txt", "1" * 64, "utf-8", 10, "Kế hoạch giai đoạn 2026-2030 năm 2027.\nThành lập mới 30 HTX.", {})
    assert all(t.target_year != 2027 for t in parse_document(period).targets)


def test_a_text_the_extractor_fails_on_is_quarantined_with_the_error(tmp_path, monkeypatch):
    from coopdata import ingest, tables

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text("KẾ HOẠCH\nĐến năm 2030, toàn tỉnh Lào Cai có 520 hợp tác xã.\n", encoding="utf-8")
    (raw / "trips.txt").write_text("KẾ HOẠCH\nĐến năm 2030, toàn tỉnh Yên Bái có 480 hợp tác xã.\n", encoding="utf-8")
    real = tables.parse_document

    def failing(doc):
        if doc.source_file == "trips.txt":
            raise KeyError("a rule's lookup")
        return real(doc)

    monkeypatch.setattr(tables, "parse_document", failing)
    out = ingest.parse_files(raw, ["good.txt", "trips.txt"], form="rows")
    assert isinstance(out["good.txt"], tables.DocumentRows)
    bad = out["trips.txt"]
    assert (bad.stage, bad.reason) == ("parse", "parser error") and "KeyError" in bad.detail and bad.raw_sha256
    q = tables.quarantine_frame([bad])
    from schemas import TABLES
    TABLES["quarantine"].validate(q)  # the published table accepts the reason


def test_the_listing_of_raw_keeps_pathlibs_order_and_never_follows_a_link(tmp_path):
    from coopdata.ingest import list_raw

    raw, outside = tmp_path / "raw", tmp_path / "outside"
    (raw / "a").mkdir(parents=True)
    (raw / "a-b").mkdir()
    outside.mkdir()
    for rel in ("a/x.txt", "a-b/y.txt", "a.txt", ".hidden.txt", "z.txt"):
        (raw / rel).write_text("Kế hoạch.", encoding="utf-8")
    (outside / "o.txt").write_text("Kế hoạch.", encoding="utf-8")
    (raw / "linked_dir").symlink_to(outside, target_is_directory=True)
    (raw / "linked.txt").symlink_to(outside / "o.txt")
    # by path component, as sorted(Path.rglob) gives: "a/x.txt" before "a-b/…" although "-" < "/" as characters
    assert list_raw(raw) == ["a/x.txt", "a-b/y.txt", "a.txt", "linked.txt", "linked_dir", "z.txt"]
    assert list_raw(tmp_path / "missing") == []
