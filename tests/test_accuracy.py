"""Published accuracy: every gold set scored by the shared referee, and the bars the project promises."""
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from coopdata.evaluate import apply_errata, evaluate_documents, load_errata, load_gold
from pipelines.cli import main

from .conftest import ROOT, shared_or_skip

GOLD = ROOT / "tests" / "gold"
ERRATA = ROOT / "tests" / "gold_project" / "errata.jsonl"
CORE_BAR, STRICT_BAR, DEADLINE_BAR = 0.97, 0.93, 0.90


@pytest.fixture(scope="session")
def synthetic_warehouse(tmp_path_factory) -> Path:
    """The synthetic fixtures are never published: they get a warehouse of their own."""
    out = tmp_path_factory.mktemp("synthetic_wh")
    assert main(["build", "--raw", str(GOLD / "texts" / "synthetic"), "--out", str(out)]) == 0
    return out


def referee(gold: Path, table: Path, *flags: str) -> dict:
    scorer = shared_or_skip("eval", "score.py")
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(table), "--json", *flags],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def corrected(name: str, tmp: Path) -> Path:
    """The gold set as the project's errata correct it (the set itself when none do), written for the referee."""
    errata = [e for e in load_errata(ERRATA) if e["set"] == name]
    if not errata:
        return GOLD / f"{name}.jsonl"
    out = tmp / f"{name}.jsonl"
    out.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n"
                           for g in apply_errata(load_gold(GOLD / f"{name}.jsonl"), errata, name)), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", ["seeds", "restated", "synthetic"])
def test_targets_meet_the_bars(name, built_warehouse, synthetic_warehouse, tmp_path):
    """The bars hold on the gold as the project's errata correct it; the score as given is published beside it."""
    wh = synthetic_warehouse if name == "synthetic" else built_warehouse
    res = referee(corrected(name, tmp_path), wh / "parquet" / "targets.parquet")
    assert res["core"]["f1"] >= CORE_BAR, (res["core"]["missed"], res["core"]["spurious"])
    assert res["strict"]["f1"] >= STRICT_BAR, (res["strict"]["missed"], res["strict"]["spurious"])


def test_synthetic_deadlines_meet_the_bar(synthetic_warehouse):
    res = referee(GOLD / "synthetic.jsonl", synthetic_warehouse / "parquet" / "deadlines.parquet", "--deadlines")
    assert res["core"]["f1"] >= DEADLINE_BAR, (res["core"]["missed"], res["core"]["spurious"])


@pytest.mark.parametrize("name", ["seeds", "restated", "synthetic"])
def test_every_stated_province_number_and_date_is_right(name, built_warehouse, synthetic_warehouse):
    wh = synthetic_warehouse if name == "synthetic" else built_warehouse
    plans = pl.read_parquet(wh / "parquet" / "plans.parquet").to_dicts()
    res = evaluate_documents(load_gold(GOLD / f"{name}.jsonl"), plans)
    for field, r in res.items():
        assert r["wrong"] == [], (field, r["wrong"])


def test_project_gold_is_the_shared_gold():
    """tests/gold is a copy: it must not drift from the shared referee's files."""
    for name in ("seeds", "restated", "synthetic"):
        shared = shared_or_skip("gold", f"{name}.jsonl")
        assert (GOLD / f"{name}.jsonl").read_bytes() == shared.read_bytes()


def test_every_erratum_corrects_one_line_of_the_shared_gold_and_says_why():
    errata = load_errata(ERRATA)
    assert errata, "the project's errata file is missing"
    for name in sorted({e["set"] for e in errata}):
        gold = load_gold(shared_or_skip("gold", f"{name}.jsonl"))
        fixed = apply_errata(gold, errata, name)  # raises unless each erratum names exactly one line
        assert len(fixed) == len(gold)
        changed = [(g, f) for g, f in zip(gold, fixed) if g != f]
        assert len(changed) == sum(e["set"] == name for e in errata)
        assert all(set(g) == set(f) | set(g) and f["metric"] != g["metric"] for g, f in changed)
    assert all(e["reason"] and e["support"] for e in errata)


def test_an_erratum_that_names_no_line_is_an_error():
    gold = [{"doc": "a.txt", "metric": "coops", "value_low": 5.0, "unit": "count"}]
    wrong = [{"set": "x", "doc": "a.txt", "metric": "coops", "value_low": 6.0, "unit": "count",
              "correct": {"metric": "new_coops"}}]
    with pytest.raises(ValueError, match="matches 0 gold lines"):
        apply_errata(gold, wrong, "x")
    assert apply_errata(gold, wrong, "y") == gold  # another set's errata leave it as it is
    right = [dict(wrong[0], value_low=5.0)]
    assert apply_errata(gold, right, "x")[0]["metric"] == "new_coops" and gold[0]["metric"] == "coops"


def test_quality_report_is_published(built_warehouse):
    report = json.loads((built_warehouse / "quality" / "extraction.json").read_text(encoding="utf-8"))
    assert set(report["sets"]) == {"seeds", "restated", "synthetic"}
    assert report["sets"]["synthetic"]["source"] == "texts/synthetic"
    restated = report["sets"]["restated"]
    assert restated["errata"] == sum(e["set"] == "restated" for e in load_errata(ERRATA))
    assert restated["targets_with_errata"]["core"]["gold"] == restated["targets"]["core"]["gold"]
    seeds = report["sets"]["seeds"]["targets"]
    assert seeds["core"]["f1"] == 1.0 and set(seeds["per_field"]) == {
        "metric", "value", "comparator", "unit", "frequency", "year", "sector"}


def test_evaluate_command_reports_per_field_and_metric(built_warehouse, capsys):
    assert main(["evaluate", str(GOLD / "seeds.jsonl"), "--warehouse", str(built_warehouse), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["targets"]["core"]["tp"] == 47
    assert res["targets"]["per_metric"]["coops"]["gold"] == 5
    assert res["documents"]["doc_number"]["right"] == 5


def test_every_fact_names_its_rule(built_warehouse):
    targets = pl.read_parquet(built_warehouse / "parquet" / "targets.parquet")
    assert targets.height > 400
    assert targets.filter(pl.col("rule").str.len_chars() == 0).height == 0


def test_the_blind_score_on_unseen_provinces_is_published_beside_the_others():
    from coopdata.quality import markdown_summary, unseen_record
    from coopdata.site import _accuracy

    blind = unseen_record()
    assert blind and blind["all"]["aims"] == sum(b["aims"] for b in blind["batches"])
    assert blind["all"]["tp"] == sum(b["tp"] for b in blind["batches"])
    assert abs(blind["all"]["precision"] - blind["all"]["tp"] / blind["all"]["predicted"]) < 0.001
    report = {"sets": {}, "unseen_blind": blind}
    assert "unseen provinces, pages annotated blind, first score" in markdown_summary(report)
    (row,) = _accuracy(report)
    assert "not seen" in row["name"] and row["core"]["f1"] == blind["all"]["f1"]


def test_qualifiers_of_matched_facts_are_compared_word_by_word():
    from coopdata.evaluate import qualifier_agreement

    def fact(value, qualifier):
        return {"doc": "d.txt", "metric": "coops", "unit": "count", "value": (value, value), "frequency": "once",
                "year": 2030, "comparator": "eq", "sector": None, "qualifier": qualifier}

    gold = [fact(40, "hoạt động đạt loại khá"), fact(15, "ở mức trung bình"), fact(70, None), fact(9, "đang hoạt động"),
            fact(5, "mỗi huyện")]
    pred = [fact(40, "xếp loại khá"), fact(15, None), fact(70, "đang hoạt động"), fact(9, "kiểu mới")]
    # 40: "xếp loại khá" shares "loại khá" (2 of its 3 words); 15: none given; 70: given, the gold has none;
    # 9: no word shared; 5: not predicted, so not compared
    assert qualifier_agreement(gold, pred) == {"gold": 3, "agree": 1, "differ": 1, "missing": 1, "extra": 1,
                                               "both_none": 0}
