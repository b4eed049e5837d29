"""Storage: the only package with SQL. Returns records from ``scoring.records``."""

from scoring.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
