"""The README renders as meant: whole tables, live links, the Python it needs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A cell boundary is a "|" that is neither escaped nor inside a `code span`.
CODE_SPAN = re.compile(r"`[^`]*`")


def _cells(line: str) -> int:
    bare = CODE_SPAN.sub(lambda m: m[0].replace("\\|", ""), line)
    return len(re.findall(r"(?<!\\)\|", bare.strip().strip("|").strip())) + 1


def _tables(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of every block of lines starting with ``|``."""
    tables: list[tuple[int, list[str]]] = []
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        if lines[number].startswith("|"):
            start = number
            while number < len(lines) and lines[number].startswith("|"):
                number += 1
            tables.append((start + 1, lines[start:number]))
        number += 1
    return tables


def _table_problems(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    problems = []
    for start, rows in _tables(text):
        where = f"{path.name}:{start}"
        if not re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", rows[1] if len(rows) > 1 else ""):
            problems.append(f"{where}: second line is not a header separator")
        width = _cells(rows[0])
        problems += [
            f"{where}+{n}: {_cells(row)} cells, header has {width}"
            for n, row in enumerate(rows)
            if _cells(row) != width
        ]
        before, after = start - 2, start - 1 + len(rows)
        if before >= 0 and lines[before].strip():
            problems.append(f"{where}: no blank line before the table")
        if after < len(lines) and lines[after].strip():
            problems.append(f"{where}: a line continues the table without '|' (a split row)")
    return problems


def test_readme_and_docs_tables_are_whole() -> None:
    assert [p for path in DOCS for p in _table_problems(path)] == []
    assert len(_tables((ROOT / "README.md").read_text(encoding="utf-8"))) >= 3


def test_readme_and_docs_links_point_inside_the_checkout() -> None:
    dead = []
    for path in DOCS:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            resolved = (path.parent / target).resolve()
            if ROOT not in resolved.parents or not resolved.exists():
                dead.append(f"{path.name}: {target}")
    assert dead == []


def test_readme_names_the_python_it_needs_and_the_spec() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.11"' in pyproject
    assert "Python 3.11 or newer" in readme
    assert "[`docs/spec.md`](docs/spec.md)" in readme


def test_default_backup_folder_is_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/data-backups/" in ignored
    assert "data/*" in ignored
