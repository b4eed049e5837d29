"""services/entries/listing.py: the coordinators' entry table, its search, one entry."""

from __future__ import annotations

import pytest

from scoring.enums import Category, EntryStage, Role
from scoring.errors import NotAllowed, NotFound
from scoring.records.entries import EntrySummary
from scoring.services.context import Actor, Context
from scoring.services.entries.listing import entry_table, existing_entry, search_entries
from tests.campaign_factory import make_campaign
from tests.conftest import admin_actor

COORD = Actor("coord", Role.COORDINATOR, None)


def _summary(code: str, title: str, **more: str) -> EntrySummary:
    return EntrySummary(
        id=len(code),
        code=code,
        title=title,
        category=Category.MICRO_VIDEO,
        producer=more.get("producer", ""),
        recommender=more.get("recommender", ""),
        cqo_case=False,
        submitter=more.get("submitter", ""),
    )


ROWS = [
    _summary("GS-2023-001", "一碗牛肉面", producer="兰州电视台"),
    _summary("GS-2023-002", "Yellow River", recommender="甘肃日报"),
    _summary("QH-2023-003", "敦煌", submitter="兰州大学"),
]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("", ["GS-2023-001", "GS-2023-002", "QH-2023-003"]),
        ("   ", ["GS-2023-001", "GS-2023-002", "QH-2023-003"]),
        ("ｇｓ-2023", ["GS-2023-001", "GS-2023-002"]),  # full-width, any case
        ("兰州", ["GS-2023-001", "QH-2023-003"]),
        ("兰州 敦煌", ["QH-2023-003"]),  # every word, in any field
        ("yellow 甘肃", ["GS-2023-002"]),
        ("西安", []),
    ],
)
def test_search_entries(text: str, codes: list[str]) -> None:
    assert [e.code for e in search_entries(ROWS, text)] == codes


def test_entry_table_is_for_staff_only(ctx: Context) -> None:
    camp = make_campaign(ctx)
    camp.entry("B1")
    camp.entry("A1")
    assert [e.code for e in entry_table(ctx, actor=COORD, campaign_id=camp.campaign_id)] == [
        "A1",
        "B1",
    ]
    assert len(entry_table(ctx, actor=admin_actor(), campaign_id=camp.campaign_id)) == 2
    for role in (Role.JUDGE, Role.UNIT):
        with pytest.raises(NotAllowed) as raised:
            entry_table(ctx, actor=Actor("x", role, 9), campaign_id=camp.campaign_id)
        assert raised.value.params["needed"] == "coordinator / admin"


def test_existing_entry_refuses_a_units_draft_and_an_unknown_id(ctx: Context) -> None:
    camp = make_campaign(ctx)
    received = camp.entry("A1")
    draft = camp.entry("U1", unit="西北师大", stage=EntryStage.DRAFT)
    assert ctx.db.read(lambda cur: existing_entry(cur, received.id)) == received
    for missing in (draft.id, received.id + 100):
        with pytest.raises(NotFound) as raised:
            ctx.db.read(lambda cur, m=missing: existing_entry(cur, m))
        assert (raised.value.key, raised.value.params) == (
            "error.entry_unknown",
            {"entry": missing},
        )
