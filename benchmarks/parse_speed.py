"""Parse speed, and a guard that speed work changes no output.

    python benchmarks/parse_speed.py --write-ref REF.pkl     # dump everything parse_document returns
    python benchmarks/parse_speed.py --check REF.pkl         # re-run, report every difference, then time
    python benchmarks/parse_speed.py [--repeat N]            # only time
    python benchmarks/parse_speed.py --bound                 # also time one pass of every pattern (see pattern_pass)

The dump covers every file in raw/, the synthetic gold texts (tests/gold/texts/synthetic), the real pages of the
realdev folder (kept outside the repo; the dump must be written outside it too) and the 300-plan benchmark corpus
(benchmarks/corpus.py, deterministic). Each document is dumped as the repr of its plan metadata, every target and
candidate with all fields, and every deadline: a repr compares floats, dates and strings exactly.

The timing is parse_document over the 300-plan corpus on one core (MB of raw bytes per second, best of --repeat
runs), split by stage: plans (extract_plan), targets (extract_targets), confidence (score_targets and the
plausibility split), deadlines (extract_deadlines). Numbers are printed, never asserted: they depend on the machine
and its load (printed too).
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_corpus  # noqa: E402
from coopdata import tables  # noqa: E402
from coopdata.ingest import Document, decode, inventory  # noqa: E402
from coopdata.realdev import realdev_dir  # noqa: E402

STAGES = {"plans": ("extract_plan",), "targets": ("extract_targets",),
          "confidence": ("score_targets", "split_plausible"), "deadlines": ("extract_deadlines",)}


def documents(folder: Path) -> list[Document]:
    """The usable documents of a folder, read as the pipeline reads raw/."""
    if not folder.is_dir():
        return []
    files, _ = inventory(folder)
    return [d for f in files if isinstance(d := decode(folder, f), Document)]


def dump(p: tables.ParsedDocument) -> str:
    """Everything a parse says about one document, as one exact string."""
    return repr((asdict(p.plan), [asdict(t) for t in p.targets], [asdict(t) for t in p.candidates],
                 [asdict(d) for d in p.deadlines]))


def inputs(corpus: Path) -> dict[str, list[Document]]:
    make_corpus(300, corpus)
    return {"raw": documents(ROOT / "raw"), "gold": documents(ROOT / "tests" / "gold" / "texts" / "synthetic"),
            "realdev": documents(realdev_dir()), "corpus300": documents(corpus)}


def snapshot(sets: dict[str, list[Document]]) -> dict[str, dict[str, str]]:
    return {name: {d.source_file: dump(tables.parse_document(d)) for d in docs} for name, docs in sets.items()}


def compare(ref: dict[str, dict[str, str]], now: dict[str, dict[str, str]]) -> int:
    """Print every difference; return how many documents differ or are missing."""
    bad = 0
    for name in sorted(set(ref) | set(now)):
        a, b = ref.get(name, {}), now.get(name, {})
        for doc in sorted(set(a) | set(b)):
            if a.get(doc) != b.get(doc):
                bad += 1
                x, y = a.get(doc, ""), b.get(doc, "")
                i = next((k for k in range(min(len(x), len(y))) if x[k] != y[k]), min(len(x), len(y)))
                print(f"DIFF {name}/{doc} at char {i}:\n  ref: …{x[max(0, i - 80):i + 120]}\n  now: …{y[max(0, i - 80):i + 120]}")
        facts = sum(s.count("'metric':") for s in b.values())
        print(f"{name}: {len(b)} documents ({len(a)} in the reference), {facts} targets and candidates compared")
    return bad


def timed_stages() -> dict[str, float]:
    """Wrap the stages parse_document calls with timers (module attributes of coopdata.tables); return the totals."""
    totals = {s: 0.0 for s in STAGES}
    for stage, names in STAGES.items():
        for name in names:
            fn = getattr(tables, name)

            def wrapper(*a, _fn: Callable = fn, _stage: str = stage, **k):
                t0 = time.perf_counter()
                try:
                    return _fn(*a, **k)
                finally:
                    totals[_stage] += time.perf_counter() - t0
            setattr(tables, name, wrapper)
    return totals


def time_corpus(docs: list[Document], repeat: int) -> None:
    mb = sum(d.bytes for d in docs) / 1e6
    runs, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            tables.parse_document(d)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    best = min(runs)
    totals = timed_stages()
    t0 = time.perf_counter()
    for d in docs:
        tables.parse_document(d)
    staged = time.perf_counter() - t0
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} cores")
    print(f"corpus300: {len(docs)} plans, {mb:.2f} MB; parse_document best of {repeat}: {best:.3f} s = "
          f"{mb / best:.2f} MB/s (runs: {', '.join(f'{r:.3f}' for r in runs)}); CPU time best {min(cpu):.3f} s = "
          f"{mb / min(cpu):.2f} MB/s (less sensitive to the other processes on the machine)")
    print("stages (one timed run, " + f"{staged:.3f} s): " + ", ".join(
        f"{s} {v:.3f} s ({100 * v / staged:.0f}%)" for s, v in totals.items())
          + f", rest {staged - sum(totals.values()):.3f} s")


def pattern_pass(docs: list[Document]) -> None:
    """What reading every page once with every pattern would cost: each module-level pattern of the extractor
    (plain and Folded, the modality cues too) run once over the whole corpus with finditer. The design of "annotate
    every cue once, then assemble" is bounded below by this; the rules instead ask a pattern only of the windows
    and lines that hold its literals (coopdata.folded), which is why they are faster than one pass."""
    import re

    from coopdata import confidence, deadlines, genre, modality, plans, targets, vocabulary
    from coopdata.folded import Folded
    text = "\n".join(d.text for d in docs)
    low = text.lower()
    found: list[tuple[str, re.Pattern, str]] = []
    for mod in (targets, vocabulary, plans, modality, genre, deadlines, confidence):
        for name, v in vars(mod).items():
            if isinstance(v, re.Pattern):
                found.append((f"{mod.__name__}.{name}", v, text))
            elif isinstance(v, Folded):
                found.append((f"{mod.__name__}.{name}", v.fast, low))
    found += [(f"modality cue {c}", f.fast, low) for c, f in modality.presence().items()]
    times = []
    for name, pat, t in found:
        t0 = time.perf_counter()
        for _ in pat.finditer(t):
            pass
        times.append((time.perf_counter() - t0, name))
    total = sum(t for t, _ in times)
    mb = sum(d.bytes for d in docs) / 1e6
    print(f"one pass of each of {len(found)} patterns over the corpus ({mb:.2f} MB): {total:.3f} s = {mb / total:.2f} MB/s; "
          "slowest: " + ", ".join(f"{n} {t:.3f} s" for t, n in sorted(times, reverse=True)[:5]))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write-ref", type=Path)
    ap.add_argument("--check", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-time", action="store_true")
    ap.add_argument("--bound", action="store_true", help="also time one pass of every pattern over the corpus")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sets = inputs(Path(tmp) / "corpus300")
        status = 0
        if args.write_ref or args.check:
            now = snapshot(sets)
            if args.write_ref:
                if ROOT in args.write_ref.resolve().parents:
                    sys.exit("the reference holds real pages: write it outside the repo")
                args.write_ref.parent.mkdir(parents=True, exist_ok=True)
                args.write_ref.write_bytes(pickle.dumps(now))
                print(f"wrote {args.write_ref}: " + ", ".join(f"{k} {len(v)} documents" for k, v in now.items()))
            if args.check:
                bad = compare(pickle.loads(args.check.read_bytes()), now)
                print("IDENTICAL" if not bad else f"{bad} DOCUMENTS DIFFER")
                status = 1 if bad else 0
        if not args.no_time:
            time_corpus(sets["corpus300"], args.repeat)
        if args.bound:
            pattern_pass(sets["corpus300"])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
