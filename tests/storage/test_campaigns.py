"""Campaign rows. A new campaign's defaults are declared once, by ``CampaignSettings`` and
``NewCampaign`` in scoring/records/campaigns.py; the schema (a released migration, never
edited) and the ranking's parameters are checked against that declaration here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import MISSING, fields
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scoring.domain.ranking import RankParams
from scoring.enums import Method
from scoring.records.campaigns import Campaign, CampaignSettings, NewCampaign
from scoring.storage import Database, campaigns, open_database

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    yield database
    database.close()


def _sql_literal(value: object) -> str | None:
    """How DuckDB reports ``value`` as a column default (``duckdb_columns()``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)


def test_the_schema_has_the_records_defaults(db: Database) -> None:
    columns = dict(
        db.read(
            lambda c: c.execute(
                "SELECT column_name, column_default FROM duckdb_columns()"
                " WHERE table_name = 'campaigns'"
            ).fetchall()
        )
    )
    assert set(columns) == {f.name for f in fields(Campaign)}
    declared = {
        f.name: _sql_literal(f.default) for f in fields(NewCampaign) if f.default is not MISSING
    }
    assert {name: columns[name] for name in declared} == declared
    assert declared["method"] == "'zscore'" and declared["shortlist_size"] == "5"


def test_the_ranking_starts_from_the_campaign_defaults() -> None:
    settings = CampaignSettings(name="")
    assert RankParams() == RankParams(
        method=settings.method,
        expert_weight=settings.expert_weight,
        min_judges=settings.min_judges,
        top_n=settings.shortlist_size,
    )


def test_a_campaign_stored_with_its_name_only_has_the_declared_settings(db: Database) -> None:
    stored = db.write(lambda c: campaigns.add_campaign(c, NewCampaign(name="2026", created_at=NOW)))
    assert CampaignSettings.of(stored) == CampaignSettings(name="2026")
    assert (stored.method, stored.is_demo, stored.assignment_per_entry) == (
        Method.ZSCORE,
        False,
        None,
    )


def test_a_campaign_inserted_by_sql_alone_gets_the_same_defaults(db: Database) -> None:
    db.write(
        lambda c: c.execute(
            "INSERT INTO campaigns (name, created_at) VALUES (?, ?)", ["只有名称", NOW]
        )
    )
    [stored] = db.read(campaigns.list_campaigns)
    assert CampaignSettings.of(stored) == CampaignSettings(name="只有名称")


def test_like_keeps_the_rules_and_office_and_drops_dates_and_notice() -> None:
    old = NewCampaign(
        name="2025",
        shortlist_size=8,
        method=Method.RAW,
        office_name="甘肃省市场监督管理局",
        notice_title="关于征集的通知",
        submission_deadline=NOW,
        created_at=NOW,
    )
    assert CampaignSettings.like(old, name="2026") == CampaignSettings(
        name="2026", shortlist_size=8, method=Method.RAW, office_name="甘肃省市场监督管理局"
    )


def test_campaign_round_trip(db: Database) -> None:
    given = NewCampaign(
        name="2024年 “质量”'; DROP TABLE users; --",
        submission_deadline=_AT,
        shortlist_size=7,
        expert_weight=0.65,
        method="raw",
        min_judges=4,
        blind_mode=False,
        watch_share_required=0.8,
        assignment_per_entry=3,
        assignment_seed=42,
        ranking_cutoff=_AT,
        is_demo=True,
        created_at=_AT,
    )
    stored = db.write(lambda c: campaigns.add_campaign(c, given))
    assert stored.id == 1
    assert stored.__dict__ == {**given.__dict__, "id": 1}
    assert db.read(campaigns.list_campaigns) == [stored]


_AT = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
