"""coopdata/ is plain Python: no module of the library imports Dagster."""
import ast
from pathlib import Path

LIB = Path(__file__).resolve().parent.parent / "coopdata"


def test_library_does_not_import_dagster():
    offenders = []
    for path in LIB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("dagster", "pipelines") for n in names):
                offenders.append(path.name)
    assert offenders == []
