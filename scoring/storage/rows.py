"""Mapping between records and rows: field names are column names."""

from __future__ import annotations

import json
import typing
from dataclasses import fields
from enum import Enum
from typing import Any, TypeVar

import duckdb

T = TypeVar("T")
Cursor = duckdb.DuckDBPyConnection


_Spec = tuple[tuple[str, bool, type | None], ...]
_SPECS: dict[type, _Spec] = {}


def _columns(cls: type) -> _Spec:
    """(name, is_json, enum type or None) of every stored field of ``cls``."""
    spec = _SPECS.get(cls)
    if spec is None:
        hints = typing.get_type_hints(cls)
        spec = tuple(
            (f.name, bool(f.metadata.get("json")), _enum_of(hints[f.name]))
            for f in fields(cls)
            if f.metadata.get("column", True)
        )
        _SPECS[cls] = spec
    return spec


def _enum_of(hint: Any) -> type | None:
    candidates = typing.get_args(hint) or (hint,)
    for c in candidates:
        if isinstance(c, type) and issubclass(c, Enum):
            return c
    return None


def insert_record(cur: Cursor, table: str, record: Any) -> None:
    """INSERT one record."""
    cur.execute(*_insert(table, record))


def insert_new(cur: Cursor, table: str, record: Any, stored: type[T]) -> T:
    """INSERT a record not yet stored (a ``NewX``) and return the row as stored: a
    ``stored`` record with the id its table gave it."""
    sql, values = _insert(table, record)
    (row,) = fetch_records(cur, stored, f"{sql} RETURNING *", values)
    return row


def _insert(table: str, record: Any) -> tuple[str, list[Any]]:
    names, values = [], []
    for name, is_json, _ in _columns(type(record)):
        value = getattr(record, name)
        names.append(name)
        values.append(json.dumps(value, ensure_ascii=False) if is_json else _plain(value))
    marks = ", ".join("?" for _ in names)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def fetch_records(
    cur: Cursor, cls: type[T], sql: str, params: list[Any] | dict[str, Any] | None = None
) -> list[T]:
    """Run ``sql`` (parameters by position, or by ``$name``) and build one ``cls`` per row
    from the columns it names."""
    cur.execute(sql, params or [])
    spec = {name: (is_json, enum) for name, is_json, enum in _columns(cls)}
    plain: list[tuple[int, str]] = []
    converted: list[tuple[int, str, Any]] = []
    for index, description in enumerate(cur.description or []):
        name = description[0]
        if name not in spec:
            continue
        is_json, enum = spec[name]
        convert = json.loads if is_json else enum
        if convert is None:
            plain.append((index, name))
        else:
            converted.append((index, name, convert))
    records = []
    for row in cur.fetchall():
        kwargs = {name: row[index] for index, name in plain}
        for index, name, convert in converted:
            value = row[index]
            kwargs[name] = None if value is None else convert(value)
        records.append(cls(**kwargs))
    return records


def fetch_one(cur: Cursor, cls: type[T], sql: str, params: list[Any] | None = None) -> T | None:
    """Like ``fetch_records`` but for at most one row."""
    found = fetch_records(cur, cls, sql, params)
    return found[0] if found else None


def record_from(cls: type[T], values: dict[str, Any]) -> T:
    """Build one ``cls`` from a row read as a struct (column name → value)."""
    kwargs: dict[str, Any] = {}
    for name, is_json, enum in _columns(cls):
        if name not in values:
            continue
        value = values[name]
        if value is not None and is_json:
            value = json.loads(value)
        elif value is not None and enum is not None:
            value = enum(value)
        kwargs[name] = value
    return cls(**kwargs)
