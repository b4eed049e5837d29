"""The storage tests' bare database: the schema and nothing else, its clock at ``NOW``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scoring.storage import Database, open_database
from tests.storage.samples import NOW


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    yield database
    database.close()
