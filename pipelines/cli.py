"""`coopdata` command line: build the dataset, extract one file, query the warehouse, evaluate against gold."""
import argparse
import json
import os
import sys
from pathlib import Path

# polars allocates through jemalloc, which by default keeps freed pages for ~10 s: a build's steps, seconds
# apart, would then stack their peaks. Handing pages back at once keeps a 10 000-plan build under 1 GB.
# (Read when polars is first loaded, so it is set before anything imports it.)
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


def _build(args: argparse.Namespace) -> int:
    import dagster as dg

    from .build import build
    from .resources import CoopdataPaths

    paths = CoopdataPaths(raw_dir=str(Path(args.raw).resolve()) if args.raw else "",
                          warehouse_dir=str(Path(args.out).resolve()) if args.out else "")
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    result = build(paths, instance, args.log_level, full=args.full)
    failed_checks = [e for e in result.get_asset_check_evaluations() if not e.passed]
    for check in failed_checks:
        print(f"check failed: {check.asset_key.to_user_string()} {check.check_name}", file=sys.stderr)
        cases = check.metadata.get("failure_cases")
        if cases is not None:
            print(cases.value, file=sys.stderr)
    if not result.success or failed_checks:
        print("build failed", file=sys.stderr)
        return 1
    print(f"built {paths.warehouse()} from {paths.raw()}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from coopdata.ingest import RawFile, decode, Document
    from coopdata.tables import parse_document
    import hashlib

    status = 0
    for name in args.files:
        path = Path(name).resolve()
        data = path.read_bytes()
        raw = RawFile(path.name, hashlib.sha256(data).hexdigest(), len(data), path.suffix.lower(), {})
        doc = decode(path.parent, raw)
        if not isinstance(doc, Document):
            print(json.dumps({"file": path.name, "kind": "quarantine", "reason": doc.reason, "detail": doc.detail},
                             ensure_ascii=False))
            status = 1
            continue
        parsed = parse_document(doc)
        p = parsed.plan
        print(json.dumps({"file": path.name, "kind": "plan", "doc_number": p.doc_number, "doc_type": p.doc_type,
                          "issue_date": p.issue_date.isoformat() if p.issue_date else None,
                          "province": p.province.name if p.province else None,
                          "province_code": p.province.code if p.province else None,
                          "province_source": p.province_source, "admin_level": p.admin_level,
                          "locality": p.locality, "issuer": p.issuer, "signer": p.signer, "title": p.title,
                          "implements": list(p.implements)}, ensure_ascii=False))
        for t in parsed.targets:
            print(json.dumps({"file": path.name, "kind": "target", **t.__dict__}, ensure_ascii=False, default=str))
        for d in parsed.deadlines:
            print(json.dumps({"file": path.name, "kind": "deadline", **d.__dict__}, ensure_ascii=False, default=str))
    return status


def _sql(args: argparse.Namespace) -> int:
    import duckdb

    from coopdata import config

    db = Path(args.db) if args.db else config.warehouse_dir() / "coopdata.duckdb"
    if not db.exists():
        print(f"no warehouse at {db}: run `make build` first", file=sys.stderr)
        return 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        rel = con.sql(args.query)
        if rel is None:
            return 0
        if args.format == "csv":
            import csv
            w = csv.writer(sys.stdout)
            w.writerow(rel.columns)
            w.writerows(rel.fetchall())
        else:
            rel.show(max_rows=args.max_rows, max_width=args.max_width)
    except duckdb.Error as exc:
        print(f"SQL error: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import polars as pl

    from coopdata import config
    from coopdata.evaluate import evaluate_deadlines, evaluate_documents, evaluate_targets, load_gold

    wh = Path(args.warehouse) if args.warehouse else config.warehouse_dir()
    pq = wh / "parquet"
    if not (pq / "targets.parquet").exists():
        print(f"no warehouse at {wh}: run `make build` first", file=sys.stderr)
        return 2
    gold = load_gold(Path(args.gold))
    plans, targets, deadlines = (pl.read_parquet(pq / f"{t}.parquet").to_dicts() for t in ("plans", "targets", "deadlines"))
    res = {"targets": evaluate_targets(gold, targets), "deadlines": evaluate_deadlines(gold, deadlines),
           "documents": evaluate_documents(gold, plans)}
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1, default=str))
        return 0
    t = res["targets"]
    print(f"documents scored: {t['documents']}")
    for kind in ("core", "strict"):
        r = t[kind]
        print(f"{kind:8s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}"
              f"  (tp {r['tp']}, predicted {r['predicted']}, gold {r['gold']})")
    d = res["deadlines"]
    print(f"deadlines precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}  (gold {d['gold']})")
    print("\nper field (facts aligned within a document): precision / recall")
    for k, v in t["per_field"].items():
        print(f"  {k:12s} {v['precision']:.3f} / {v['recall']:.3f}")
    print("\nper metric (core): precision / recall  (tp, predicted, gold)")
    for k, v in t["per_metric"].items():
        print(f"  {k or '-':32s} {v['precision']:.3f} / {v['recall']:.3f}  ({v['tp']}, {v['predicted']}, {v['gold']})")
    print("\ndocuments: right / stated")
    for k, v in res["documents"].items():
        print(f"  {k:12s} {v['right']}/{v['stated']}" + ("" if not v["wrong"] else f"  wrong: {v['wrong']}"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coopdata", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="materialise every asset and publish the warehouse")
    b.add_argument("--raw", help="raw folder (default: $COOPDATA_RAW_DIR or raw/)")
    b.add_argument("--out", help="warehouse folder (default: $COOPDATA_WAREHOUSE_DIR or warehouse/)")
    b.add_argument("--log-level", default="WARNING", help="Dagster console log level (default WARNING)")
    b.add_argument("--full", action="store_true", help="parse every file again, not only new or changed ones")
    b.set_defaults(func=_build)
    e = sub.add_parser("extract", help="print a file's plan, targets and deadlines as JSON lines")
    e.add_argument("files", nargs="+")
    e.set_defaults(func=_extract)
    s = sub.add_parser("sql", help="run SQL on the published DuckDB and print a table")
    s.add_argument("query")
    s.add_argument("--db", help="DuckDB file (default: the warehouse's coopdata.duckdb)")
    s.add_argument("--format", choices=["table", "csv"], default="table")
    s.add_argument("--max-rows", type=int, default=50)
    s.add_argument("--max-width", type=int, default=200)
    s.set_defaults(func=_sql)
    v = sub.add_parser("evaluate", help="precision and recall of the published facts against a gold file")
    v.add_argument("gold")
    v.add_argument("--warehouse", help="warehouse folder (default: $COOPDATA_WAREHOUSE_DIR or warehouse/)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=_evaluate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
