"""The fixtures every entries service test may ask for."""

from __future__ import annotations

from tests.services.entries.units_setup import units

__all__ = ["units"]  # the fixture: two registering units on a fresh campaign
