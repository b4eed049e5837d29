"""Frozen records the store returns, one module per noun. Field names equal column names
(see scoring/storage/schema.sql); a field declared with ``json_field()`` is a JSON column.

A row the store numbers comes as two types: ``NewX`` is what a caller fills in to be
saved (no id), ``X`` is the stored row with its ``id`` (storage's ``add_x`` takes the first
and returns the second). A record is imported from its noun's module
(``from scoring.records.entries import Entry``), so an import names the file it comes from.
"""
