"""`coopdata` command line: build the dataset, extract one file, query the warehouse, evaluate against gold.

Expected failures (no raw folder, a failed check, a warehouse locked by another build, bad SQL) end in one
line on stderr and an exit code: 1 failed, 2 missing input or bad usage, 3 warehouse locked, 130 interrupted.
Details (Dagster's log, tracebacks) go to a log file under the warehouse (`.state/logs/`), or to the
terminal with `--verbose`.
"""
import argparse
import json
import os
import sys
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

# polars allocates through jemalloc, which by default keeps freed pages for ~10 s: a build's steps, seconds
# apart, would then stack their peaks. Handing pages back at once keeps a 10 000-plan build under 1 GB.
# (Read when polars is first loaded, so it is set before anything imports it.)
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


class CliError(Exception):
    """An expected failure: one line for the user, and the exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 1, 2, 3
_KEEP_LOGS = 20


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coopdata")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _new_log(folder: Path, command: str) -> Path:
    """A fresh log file in `folder` (the oldest beyond the last 20 are removed); a temporary folder if
    `folder` cannot be written."""
    import tempfile

    stamp = time.strftime("%Y%m%dT%H%M%S")
    for base in (folder, Path(tempfile.gettempdir()) / "coopdata-logs"):
        try:
            base.mkdir(parents=True, exist_ok=True)
            path = base / f"{command}-{stamp}-{os.getpid()}.log"
            path.write_text(f"coopdata {_version()}: {' '.join(sys.argv)}\n", encoding="utf-8")
        except OSError:
            continue
        for old in sorted(base.glob(f"{command}-*.log"))[:-_KEEP_LOGS]:
            old.unlink(missing_ok=True)
        return path
    raise CliError(f"cannot write a log file in {folder}", EXIT_FAILED)


def _log(path: Path | None, text: str) -> None:
    if path is not None:
        with path.open("a", encoding="utf-8") as f:
            f.write(text.rstrip("\n") + "\n")


@contextmanager
def _stderr_into(log: Path, enabled: bool):
    """While a build runs, everything written to stderr (Dagster's console log and its tracebacks, warnings,
    the parse workers' output) goes to the log file rather than the terminal. Yields a stream on the
    terminal for the progress line, or None when stderr is not a terminal."""
    tty = None
    try:
        if sys.stderr.isatty():
            tty = os.fdopen(os.dup(sys.stderr.fileno()), "w", buffering=1, encoding="utf-8", errors="replace")
    except (AttributeError, OSError, ValueError):  # a stderr without a descriptor (pytest's capture)
        tty = None
    if not enabled:
        try:
            yield tty
        finally:
            if tty is not None:
                tty.close()
        return
    sys.stdout.flush()
    sys.stderr.flush()
    saved_fd = os.dup(2)
    saved_obj = sys.stderr
    with log.open("a", encoding="utf-8", buffering=1) as f:
        os.dup2(f.fileno(), 2)
        sys.stderr = f
        try:
            yield tty
        finally:
            f.flush()
            sys.stderr = saved_obj
            os.dup2(saved_fd, 2)
            os.close(saved_fd)
            if tty is not None:
                tty.close()


class _Progress:
    """One line on a terminal while a build runs: files parsed, tables built and written, elapsed time.

    Read from what the build leaves on disk (the per-file results under .state/assets/document, the tables
    between steps, the staged release's Parquet files), so it needs nothing from Dagster's internals;
    a full build parses every file in one step, whose results land together when it ends."""

    def __init__(self, stream, warehouse: Path, store_root: Path, files: int, to_parse: int):
        import threading

        self.stream, self.warehouse, self.root = stream, warehouse, store_root
        self.files, self.to_parse = files, to_parse
        self.start = time.time()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._width = 0

    def _new(self, paths) -> int:
        n = 0
        for p in paths:
            try:
                n += p.stat().st_mtime >= self.start - 1
            except OSError:
                pass
        return n

    def line(self) -> str:
        parsed = min(self._new((self.root / "document").glob("*.pkl")), self.to_parse)
        built = self._new(self.root.glob("*.arrow"))
        staged = [p for p in (self.warehouse / "releases").glob(".staging-*") if self._new([p])]
        current = self.warehouse / "current"
        published = current.is_symlink() and self._new([current.resolve()]) > 0
        if staged:
            written = self._new(staged[0].glob("parquet/*.parquet"))
            phase = "checking the release" if (staged[0] / "quality").exists() else "writing the release"
        elif published:
            written, phase = len(list(current.glob("parquet/*.parquet"))), "published"
        else:
            written, phase = 0, "building tables" if parsed >= self.to_parse else "parsing"
        bar_w = 16
        done = int(bar_w * parsed / self.to_parse) if self.to_parse else bar_w
        return (f"build [{'#' * done}{'-' * (bar_w - done)}] files parsed {parsed}/{self.to_parse} (of {self.files})"
                f" · tables built {built}, written {written} · {phase} · {time.time() - self.start:.0f} s")

    def _show(self, text: str) -> None:
        try:
            cols = os.get_terminal_size(self.stream.fileno()).columns or 120  # 0: a terminal that never said
        except (OSError, ValueError):
            cols = 120
        text = text[:max(10, cols - 1)]  # one terminal line, or the carriage return cannot rewrite it
        try:
            self.stream.write("\r" + text + " " * max(0, self._width - len(text)))
            self.stream.flush()
            self._width = len(text)
        except (OSError, ValueError):
            self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self._show(self.line())

    def __enter__(self):
        self._show(self.line())
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._show(self.line())
        try:
            self.stream.write("\n")
            self.stream.flush()
        except (OSError, ValueError):
            pass


def _what_to_do(check, warehouse: Path) -> str:
    name = check.check_name
    if name == "release_quality_gate":
        reports = sorted((warehouse / "releases").glob(".staging-*/quality/gate.html"), key=lambda p: p.stat().st_mtime)
        return f"report: {reports[-1]}" if reports else "the failing expectations are in the log"
    if name == "every_raw_file_accounted_for":
        return "the files in neither plans nor quarantine are listed in the log"
    if name.endswith("_schema"):
        return "the failing rows are in the log"
    return "see the log"


def _build_failures(result, log: Path, warehouse: Path) -> list[str]:
    """What failed, one short phrase each; the full text (tracebacks, failure cases) into the log."""
    import dagster as dg

    out = []
    for check in result.get_asset_check_evaluations():
        if check.passed:
            continue
        meta = {k: v.value for k, v in check.metadata.items()}
        if check.severity == dg.AssetCheckSeverity.WARN:
            # a warning (figures the table cannot tell apart) is for a reader to review, not a failed build
            _log(log, f"\ncheck warned: {check.asset_key.to_user_string()} {check.check_name}\n"
                      + "\n".join(f"  {k}: {v}" for k, v in meta.items()))
            continue
        cases = str(meta.get("failure_cases", "")).strip()
        _log(log, f"\ncheck failed: {check.asset_key.to_user_string()} {check.check_name}\n"
                  + "\n".join(f"  {k}: {v}" for k, v in meta.items() if k != "failure_cases") + f"\n{cases}")
        count = meta.get("failed", meta.get("failures", meta.get("unaccounted")))
        first = [c.lstrip("- ").strip() for c in cases.splitlines() if c.strip().startswith("- ")][:3]
        detail = f"{count} failing" if count not in (None, "") else ""
        if first:
            detail += (": " if detail else "") + "; ".join(first)
        out.append(f"check {check.check_name} on {check.asset_key.to_user_string()} failed"
                   + (f" ({detail})" if detail else "") + f"; {_what_to_do(check, warehouse)}")
    for event in result.get_step_failure_events():
        err = event.step_failure_data.error
        if err is None:
            continue
        if err.cls_name == "DagsterAssetCheckFailedError":  # a blocking check: reported above
            continue
        _log(log, f"\nstep failed: {event.step_key}\n{err.to_string()}")
        cause = err.cause or err
        message = (cause.message or "").strip().splitlines()
        out.append(f"step {event.step_key} raised {message[0] if message else cause.cls_name}")
    if not out and not result.success:
        out.append("the run did not succeed (no step reported why)")
    return out


def _count_to_parse(raw: Path, warehouse: Path, full: bool) -> tuple[int, int]:
    """(files in raw, files this build will parse): those new or changed since the last build."""
    from coopdata.ingest import list_raw, signatures

    from .build import io_manager_for
    from .resources import CoopdataPaths

    files = list_raw(raw)
    if full:
        return len(files), len(files)
    sigs = signatures(raw)
    state = warehouse / ".state" / "signatures.json"
    try:
        old = json.loads(state.read_text(encoding="utf-8")) if state.exists() else {}
    except ValueError:
        old = {}
    store = io_manager_for(CoopdataPaths(raw_dir=str(raw), warehouse_dir=str(warehouse)))
    import dagster as dg

    todo = [f for f in files if old.get(f) != sigs.get(f) or not store.path_for(dg.AssetKey("document"), f).exists()]
    return len(files), len(todo)


def build_into(raw: Path, warehouse: Path, *, instance=None, log_level: str = "WARNING", full: bool = False,
               verbose: bool = False, wait: float = 0.0, log: Path | None = None) -> tuple[list[str], Path]:
    """The build behind `coopdata build` (and `evaluate --realdev`): checks its folders, takes the warehouse
    lock, runs pipelines.build.build with Dagster's output in the log file, shows progress on a terminal.
    Returns (what failed, the log file); raises CliError for a missing folder or a held lock."""
    from coopdata.lock import LockHeld, WarehouseLock

    if not raw.is_dir():
        raise CliError(f"no raw folder at {raw}: put the downloaded texts there, or pass --raw FOLDER "
                       "(or set COOPDATA_RAW_DIR)", EXIT_USAGE)
    try:
        lock = WarehouseLock(warehouse).acquire(wait=wait)
    except LockHeld as exc:
        raise CliError(f"{exc}; wait for it to finish, or pass --wait SECONDS", EXIT_LOCKED) from None
    except OSError as exc:
        raise CliError(f"cannot write the warehouse folder {warehouse}: {exc.strerror or exc}", EXIT_USAGE) from None
    try:
        log = log or _new_log(warehouse / ".state" / "logs", "build")
        import dagster as dg

        from .build import build, io_manager_for
        from .resources import CoopdataPaths

        paths = CoopdataPaths(raw_dir=str(raw), warehouse_dir=str(warehouse))
        if instance is None:
            instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
        with _stderr_into(log, enabled=not verbose) as tty:
            progress = None
            if tty is not None and not verbose:
                files, todo = _count_to_parse(raw, warehouse, full)
                progress = _Progress(tty, warehouse, Path(io_manager_for(paths).base_dir), files, todo)
            if progress is not None:
                with progress:
                    result = build(paths, instance, log_level, full=full)
            else:
                result = build(paths, instance, log_level, full=full)
        failures = _build_failures(result, log, warehouse)
        _log(log, "\nbuild " + ("failed" if failures else "succeeded"))
        return failures, log
    finally:
        lock.release()


def _build(args: argparse.Namespace) -> int:
    from coopdata import config

    raw = Path(args.raw).resolve() if args.raw else config.raw_dir()
    out = Path(args.out).resolve() if args.out else config.warehouse_dir()
    failures, log = build_into(raw, out, log_level=args.log_level, full=args.full, verbose=args.verbose,
                               wait=args.wait)
    if failures:
        raise CliError("build failed: " + " | ".join(failures) + f" | nothing was published (the previous release, "
                       f"if any, stays current): fix the cause and build again; details in {log}"
                       + ("" if args.verbose else " or with --verbose"), EXIT_FAILED)
    print(f"built {out} from {raw}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from coopdata.ingest import RawFile, decode, Document
    from coopdata.tables import parse_document
    import hashlib

    status = 0
    for name in args.files:
        path = Path(name).resolve()
        try:
            data = path.read_bytes()
        except OSError as exc:  # the other files are still extracted; the status says one was not
            sys.stdout.flush()
            print(f"coopdata: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        raw = RawFile(path.name, hashlib.sha256(data).hexdigest(), len(data), path.suffix.lower(), {})
        doc = decode(path.parent, raw)
        if not isinstance(doc, Document):
            print(json.dumps({"file": path.name, "kind": "quarantine", "reason": doc.reason, "detail": doc.detail},
                             ensure_ascii=False))
            status = max(status, 1)
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
        raise CliError(f"no warehouse at {db}: run `coopdata build` (or `make build`) first", EXIT_USAGE)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise CliError(f"cannot open {db}: {_one_line(exc)}", EXIT_FAILED) from None
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
        raise CliError(f"SQL error: {_one_line(exc)}", EXIT_FAILED) from None
    finally:
        con.close()
    return 0


def _fetch(args: argparse.Namespace) -> int:
    """Download the sources listed in raw/manifest.csv (coopdata/fetch.py); a failed source is one line on
    stderr and the others carry on; the exit code is 1 if any failed."""
    from coopdata import config
    from coopdata.fetch import FetchConfig, fetch_sources
    from coopdata.sources import sources_path

    raw = Path(args.raw).resolve() if args.raw else config.raw_dir()
    sources = Path(args.sources).resolve() if args.sources else sources_path(raw)
    if not sources.is_file():
        raise CliError(f"no source list at {sources}: pass --sources FILE or --raw FOLDER", EXIT_USAGE)
    out = Path(args.restated).resolve() if args.restated else sources.parent
    if args.restated and out == sources.parent.resolve():
        raise CliError("--restated needs a folder other than the source list's: the pages our restatements "
                       "restate are not written beside them", EXIT_USAGE)
    cfg = FetchConfig(timeout=args.timeout, attempts=args.attempts, min_interval=args.delay)

    def show(r) -> None:
        if r.status == "failed":
            sys.stdout.flush()
            print(f"coopdata: cannot fetch {r.file or r.url}: {r.detail}", file=sys.stderr)
        elif r.status != "skipped" or args.verbose:  # skipped rows are counted below; -v lists them
            print(f"{r.status:9s} {r.file or r.url}" + (f" ({r.detail})" if r.detail else ""), flush=True)

    results = fetch_sources(sources, out, restated=bool(args.restated), only=args.only, config=cfg, progress=show)
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    skipped = [r for r in results if r.status == "skipped"]
    print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing to fetch",
          f"(skipped: {sum(1 for r in skipped if r.detail.startswith('a restatement'))} restatements, "
          f"{sum(1 for r in skipped if r.detail == 'no source_url')} without a URL); "
          f"source list {out / 'manifest.csv' if args.restated else sources}")
    return EXIT_FAILED if counts.get("failed") else 0


def _read_tables(pq: Path, names: tuple[str, ...]) -> list[list[dict] | None]:
    import polars as pl

    return [pl.read_parquet(pq / f"{t}.parquet").to_dicts() if (pq / f"{t}.parquet").exists() else None
            for t in names]


def _evaluate_realdev(args: argparse.Namespace) -> int:
    """Score the verified real pages (kept outside the repo) built through the normal pipeline, in
    temporary folders that are deleted afterwards."""
    import datetime
    import shutil
    import tempfile

    import dagster as dg

    from coopdata.config import PROJECT_ROOT
    from coopdata.realdev import format_report, load_realdev_gold, locate, score_realdev

    found = locate()
    if isinstance(found, str):
        print(f"realdev: skipped: {found}")
        return 0
    tmp_base = Path(tempfile.gettempdir()).resolve()
    if tmp_base == PROJECT_ROOT or PROJECT_ROOT in tmp_base.parents:  # the pages must never land in the repo
        tmp_base = Path("/tmp")
    log = _new_log(Path(tempfile.gettempdir()) / "coopdata-logs", "realdev")
    with tempfile.TemporaryDirectory(prefix="coopdata-realdev-", dir=tmp_base) as tmp:
        raw, wh = Path(tmp) / "raw", Path(tmp) / "warehouse"
        for name in found.verified:
            (raw / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(found.folder / name, raw / name)
        with dg.DagsterInstance.ephemeral() as instance:
            failures, log = build_into(raw, wh, instance=instance, full=True, log=log)  # -v: the report's detail
        pq = wh / "parquet"
        failures = [f.split("; report: ")[0] for f in failures]  # the report is in the folder deleted below
        if failures:
            # the gate refused the release: the tables were staged before it ran, so they are still scored
            staged = sorted((wh / "releases").glob(".staging-*/parquet"))
            if not staged or not (staged[-1] / "targets.parquet").exists():
                raise CliError("realdev build failed before any table was written: " + "; ".join(failures)
                               + f"; details in {log}", EXIT_FAILED)
            pq = staged[-1]
            print("realdev: the build did not publish (" + "; ".join(failures) + "): scoring the staged tables",
                  file=sys.stderr)
        plans, targets, candidates = _read_tables(pq, ("plans", "targets", "target_candidates"))
    res = score_realdev(load_realdev_gold(), plans, targets, candidates, only=set(found.verified))
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1, default=str))
    else:
        print(format_report(res, args.verbose))
    if args.record:
        record = {**res, "measured": datetime.date.today().isoformat(), "pages": len(found.verified),
                  "missing": list(found.missing), "mismatched": list(found.mismatched),
                  "published": not failures}
        Path(args.record).write_text(json.dumps(record, ensure_ascii=False, indent=1, default=str) + "\n",
                                     encoding="utf-8")
        print(f"recorded in {args.record}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import polars as pl

    from coopdata import config
    from coopdata.evaluate import evaluate_deadlines, evaluate_documents, evaluate_targets, load_gold

    if args.realdev:
        if args.gold:
            raise CliError("give either a GOLD file or --realdev, not both", EXIT_USAGE)
        return _evaluate_realdev(args)
    if not args.gold:
        raise CliError("evaluate needs a GOLD file (a .jsonl of hand-checked facts) or --realdev", EXIT_USAGE)
    if args.record:
        raise CliError("--record goes with --realdev", EXIT_USAGE)
    wh = Path(args.warehouse) if args.warehouse else config.warehouse_dir()
    pq = wh / "parquet"
    if not (pq / "targets.parquet").exists():
        raise CliError(f"no warehouse at {wh}: run `coopdata build` (or `make build`) first", EXIT_USAGE)
    if not Path(args.gold).is_file():
        raise CliError(f"no gold file at {args.gold}", EXIT_USAGE)
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


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true",
                        help="details on the terminal: Dagster's log, tracebacks (else in a log file)")
    parser = argparse.ArgumentParser(prog="coopdata", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"coopdata {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", parents=[common], help="materialise every asset and publish the warehouse")
    b.add_argument("--raw", help="raw folder (default: $COOPDATA_RAW_DIR or raw/)")
    b.add_argument("--out", help="warehouse folder (default: $COOPDATA_WAREHOUSE_DIR or warehouse/)")
    b.add_argument("--log-level", default="WARNING", help="Dagster console log level (default WARNING)")
    b.add_argument("--full", action="store_true", help="parse every file again, not only new or changed ones")
    b.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if another build holds the warehouse, wait this long for it (default 0: exit at once, code 3)")
    b.set_defaults(func=_build)
    e = sub.add_parser("extract", parents=[common], help="print a file's plan, targets and deadlines as JSON lines")
    e.add_argument("files", nargs="+")
    e.set_defaults(func=_extract)
    s = sub.add_parser("sql", parents=[common], help="run SQL on the published DuckDB and print a table")
    s.add_argument("query")
    s.add_argument("--db", help="DuckDB file (default: the warehouse's coopdata.duckdb)")
    s.add_argument("--format", choices=["table", "csv"], default="table")
    s.add_argument("--max-rows", type=int, default=50)
    s.add_argument("--max-width", type=int, default=200)
    s.set_defaults(func=_sql)
    v = sub.add_parser("evaluate", parents=[common],
                       help="precision and recall of the published facts against a gold file, or of the real pages "
                            "(--realdev)")
    v.add_argument("gold", nargs="?", help="gold .jsonl (not with --realdev)")
    v.add_argument("--warehouse", help="warehouse folder (default: $COOPDATA_WAREHOUSE_DIR or warehouse/)")
    v.add_argument("--json", action="store_true")
    v.add_argument("--realdev", action="store_true",
                   help="build the verified real pages ($COOPDATA_REALDEV_DIR) in a temporary folder and score them "
                        "against ../shared/realdev/gold.jsonl; skipped (exit 0) when they are not there")
    v.add_argument("--record", metavar="FILE", help="with --realdev: also write the result as JSON to FILE")
    v.set_defaults(func=_evaluate)
    g = sub.add_parser("fetch", parents=[common],
                       help="download the sources listed in raw/manifest.csv into raw/ (needs the network; robots.txt "
                            "honoured, unchanged pages not downloaded again)")
    g.add_argument("--raw", help="raw folder (default: $COOPDATA_RAW_DIR or raw/)")
    g.add_argument("--sources", help="source list (default: the raw folder's manifest.csv)")
    g.add_argument("--only", action="append", metavar="FILE|SOURCE_ID|URL", help="fetch only this row (repeatable)")
    g.add_argument("--restated", metavar="DIR",
                   help="fetch the pages our restatements restate into DIR (never raw/), with a manifest.csv of "
                        "their own: `coopdata build --raw DIR` then builds from the pages themselves")
    g.add_argument("--delay", type=float, default=2.0, help="seconds between two requests to one host (default 2)")
    g.add_argument("--timeout", type=float, default=30.0, help="seconds to connect and per read (default 30)")
    g.add_argument("--attempts", type=int, default=3, help="tries per request, with backoff (default 3)")
    g.set_defaults(func=_fetch)
    return parser


def _log_dir(args: argparse.Namespace) -> Path:
    """Where an unexpected error's traceback is written: the warehouse the command works on, if it exists."""
    import tempfile

    from coopdata import config

    if getattr(args, "out", None):
        wh = Path(args.out)
    elif getattr(args, "warehouse", None):
        wh = Path(args.warehouse)
    elif getattr(args, "db", None):
        wh = Path(args.db).parent
    else:
        wh = config.warehouse_dir()
    return wh / ".state" / "logs" if wh.is_dir() else Path(tempfile.gettempdir()) / "coopdata-logs"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # inside the try: a reader that went away (`| head`) is seen here
        return code
    except BrokenPipeError:
        # the documented way (Python docs, "Note on SIGPIPE"): nothing more goes to the closed pipe,
        # and no traceback at exit when Python flushes stdout
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except CliError as exc:
        _flush_quietly()
        print(f"coopdata: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        _flush_quietly()
        print("\ncoopdata: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or an environment problem: one line here, the traceback in the log
        _flush_quietly()
        if args.verbose:
            traceback.print_exc()
        try:
            log = _new_log(_log_dir(args), args.command)
            _log(log, traceback.format_exc())
            where = f"details in {log}"
        except CliError:
            where = "no log file could be written"
        print(f"coopdata: {args.command} failed: {type(exc).__name__}: {_one_line(exc)[:300]} ({where}"
              + ("" if args.verbose else "; --verbose shows the traceback") + ")", file=sys.stderr)
        return EXIT_FAILED


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass


if __name__ == "__main__":
    sys.exit(main())
