"""The import direction and where SQL may live (STYLE.md §1–3)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _py(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_domain_imports_neither_streamlit_nor_duckdb_nor_outer_layers() -> None:
    forbidden = ("streamlit", "duckdb", "scoring.storage", "scoring.services", "scoring.media")
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in _imports(p) if n.startswith(forbidden))
        for p in _py("scoring/domain")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) >= 5


def test_scoring_never_imports_streamlit_or_pages() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _py("scoring")
        if any(n.startswith(("streamlit", "pages")) for n in _imports(p))
    ]
    assert offenders == []


def test_sql_only_in_the_storage_layer() -> None:
    outside = [
        p for p in [*_py("scoring"), *_py("pages"), ROOT / "app.py"] if "storage" not in p.parts
    ]
    offenders = [str(p.relative_to(ROOT)) for p in outside if SQL.search(p.read_text("utf-8"))]
    assert offenders == []


def test_duckdb_imported_only_by_storage() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*_py("scoring"), *_py("pages")]
        if "duckdb" in _imports(p) and "storage" not in p.parts
    ]
    assert offenders == []


def test_audit_log_is_append_only_in_code() -> None:
    pattern = re.compile(r"(UPDATE|DELETE\s+FROM|TRUNCATE|DROP\s+TABLE)\s+audit_log", re.I)
    offenders = [str(p.relative_to(ROOT)) for p in _py("scoring") if pattern.search(p.read_text())]
    assert offenders == []


def test_pages_stay_thin() -> None:
    long_pages = {
        p.name: n
        for p in (ROOT / "pages").glob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 80
    }
    assert long_pages == {}


def test_only_settings_reads_the_environment() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*_py("scoring"), *_py("pages")]
        if "os.environ" in p.read_text("utf-8") and p.name != "settings.py"
    ]
    assert offenders == []
