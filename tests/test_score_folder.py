"""benchmarks/score_folder.py: scoring a folder of pages kept outside the repo against its gold file."""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import score_folder  # noqa: E402


def test_a_folder_is_parsed_and_scored_by_the_shared_referee(tmp_path, capsys):
    src = ROOT / "tests" / "gold" / "texts" / "synthetic"
    for name in ("synthetic_01_ubnd_plan.txt", "synthetic_05_news_article.txt"):
        shutil.copy(src / name, tmp_path / name)
    rows = score_folder.published_rows(tmp_path)
    assert rows and {r["source_file"] for r in rows} == {"synthetic_01_ubnd_plan.txt", "synthetic_05_news_article.txt"}
    if not score_folder.SCORER.is_file():
        return  # the referee lives in ../shared
    shared = (ROOT.parent / "shared" / "gold" / "synthetic.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "gold.jsonl").write_text("".join(ln + "\n" for ln in shared if '_01_' in ln or '_05_' in ln),
                                         encoding="utf-8")
    assert score_folder.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "documents scored: 2" in out and "[strict]" not in out
    assert "plan metadata: right / stated" in out and "  province     2/2" in out
    core = next(ln for ln in out.splitlines() if ln.startswith("core"))
    assert float(core.split("F1")[1].split()[0]) > 0.9  # the synthetic plans are read well


def test_a_missing_folder_is_a_clear_skip(tmp_path, capsys):
    assert score_folder.main([str(tmp_path / "absent")]) == 2
    assert "skipped" in capsys.readouterr().out
