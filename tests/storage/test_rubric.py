"""storage/rubric.py: a campaign's criteria in display order."""

from __future__ import annotations

from dataclasses import replace

from scoring.records.judging import Criterion
from scoring.storage import Database, rubric


def _criterion(key: str, position: int, campaign_id: int = 1) -> Criterion:
    return Criterion(
        campaign_id=campaign_id,
        key=key,
        position=position,
        name_zh=f"{key}中",
        name_en=key,
        weight=10.0,
    )


def test_criteria_come_back_in_position_order_of_one_campaign(db: Database) -> None:
    for given in [
        _criterion("b", 1),
        _criterion("a", 2),
        _criterion("c", 0),
        _criterion("x", 0, 2),
    ]:
        db.write(lambda c, g=given: rubric.add_criterion(c, g))
    assert [k.key for k in db.read(lambda c: rubric.list_criteria(c, 1))] == ["c", "b", "a"]
    assert db.read(lambda c: rubric.list_criteria(c, 3)) == []


def test_update_criterion_keeps_key_and_position(db: Database) -> None:
    db.write(lambda c: rubric.add_criterion(c, _criterion("theme", 0)))
    db.write(lambda c: rubric.add_criterion(c, _criterion("theme", 0, 2)))
    changed = replace(
        _criterion("theme", 5),
        name_zh="主题鲜明",
        name_en="Clear theme",
        description_zh="说明",
        description_en="note",
        weight=30.0,
    )
    db.write(lambda c: rubric.update_criterion(c, changed))
    assert db.read(lambda c: rubric.list_criteria(c, 1)) == [replace(changed, position=0)]
    assert db.read(lambda c: rubric.list_criteria(c, 2)) == [_criterion("theme", 0, 2)]
