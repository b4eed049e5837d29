"""storage/installation.py: installation-wide values, the active campaign among them."""

from __future__ import annotations

from scoring.storage import Database, installation


def test_installation_values_replace(db: Database) -> None:
    db.write(lambda c: installation.set_value(c, "demo", "true"))
    db.write(lambda c: installation.set_value(c, "demo", "false"))
    assert db.read(lambda c: installation.get_value(c, "demo")) == "false"
    assert db.read(lambda c: installation.get_value(c, "missing")) is None


def test_active_campaign_is_none_until_set_then_the_last_one_set(db: Database) -> None:
    assert db.read(installation.active_campaign_id) is None
    db.write(lambda c: installation.set_active_campaign(c, 3))
    db.write(lambda c: installation.set_active_campaign(c, 7))
    assert db.read(installation.active_campaign_id) == 7
    assert db.read(lambda c: installation.get_value(c, installation.ACTIVE_CAMPAIGN)) == "7"


def test_an_empty_active_campaign_value_reads_as_none(db: Database) -> None:
    db.write(lambda c: installation.set_value(c, installation.ACTIVE_CAMPAIGN, ""))
    assert db.read(installation.active_campaign_id) is None
