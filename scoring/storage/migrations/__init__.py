"""Numbered schema migrations. Version 1 is ``schema.sql``; later ones are ``NNN_name.sql``.

Each runs in its own transaction and is recorded in ``schema_migrations``. Never edit a
released migration: add the next number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

_HERE: Final = Path(__file__).parent
_NAME: Final = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered step of the schema."""

    version: int
    name: str
    path: Path

    def statements(self) -> list[str]:
        """The SQL statements of this step, comments removed, in order."""
        text = "\n".join(
            line.split("--", 1)[0] for line in self.path.read_text(encoding="utf-8").splitlines()
        )
        return [s.strip() for s in text.split(";") if s.strip()]


def _discover() -> tuple[Migration, ...]:
    found = [Migration(1, "base schema", _HERE.parent / "schema.sql")]
    for path in sorted(_HERE.glob("*.sql")):
        match = _NAME.match(path.name)
        if match is None:
            raise RuntimeError(f"migration file {path.name} is not named NNN_name.sql")
        found.append(Migration(int(match[1]), match[2], path))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1, 2, 3… without gaps; got {versions}")
    return tuple(found)


MIGRATIONS: Final = _discover()
