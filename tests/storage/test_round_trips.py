"""Every record type goes into the store and comes back equal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from scoring.enums import (
    Category,
    ConflictKind,
    ScorecardSource,
    ScorecardStatus,
    Severity,
)
from scoring.records import (
    Assignment,
    Conflict,
    Criterion,
    Entry,
    Finding,
    MediaFile,
    NewAuditEvent,
    NewCampaign,
    NewEntry,
    NewRuleSet,
    NewScorecard,
    NewScorecardChange,
)
from scoring.storage import (
    Database,
    assignments,
    audit,
    campaigns,
    compliance,
    entries,
    open_database,
    rubric,
    scorecards,
)
from scoring.storage.audit import AuditFilter

NOW = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    yield database
    database.close()


def test_campaign_round_trip(db: Database) -> None:
    given = NewCampaign(
        name="2024年 “质量”'; DROP TABLE users; --",
        submission_deadline=NOW,
        shortlist_size=7,
        expert_weight=0.65,
        method="raw",
        min_judges=4,
        blind_mode=False,
        watch_share_required=0.8,
        assignment_per_entry=3,
        assignment_seed=42,
        ranking_cutoff=NOW,
        is_demo=True,
        created_at=NOW,
    )
    stored = db.write(lambda c: campaigns.add_campaign(c, given))
    assert stored.id == 1
    assert stored.__dict__ == {**given.__dict__, "id": 1}
    assert db.read(campaigns.list_campaigns) == [stored]


def _entry() -> NewEntry:
    return NewEntry(
        campaign_id=1,
        code="GS-2023-001",
        title="一碗牛肉面",
        category=Category.MICRO_ANIMATION,
        duration_declared="0:58",
        producer="兰州",
        shot_date=date(2023, 3, 2),
        completed_date=date(2023, 4, 18),
        synopsis="简介",
        copy_text="文案",
        place="兰州",
        people="师傅",
        event="拉面",
        result="好评",
        intro="简介（兰州）",
        submitter="报送",
        submitter_type="企业",
        recommender="推荐",
        contact="张",
        phone="13893100001",
        cqo_case=True,
        media_file="a b/../c.mp4",
        media_sha256="a" * 64,
        subtitle_sha256="b" * 64,
        platform_links="douyin=https://x",
        copyright_pledge=True,
        no_major_incident=True,
        lawfully_established=True,
        created_at=NOW,
        updated_at=NOW,
    )


def test_entry_round_trip_and_update(db: Database) -> None:
    stored = db.write(lambda c: entries.add_entry(c, _entry()))
    assert stored.__dict__ == {**_entry().__dict__, "id": stored.id}
    changed = Entry(**{**stored.__dict__, "title": "新标题", "cqo_case": False})
    db.write(lambda c: entries.update_entry(c, changed))
    assert db.read(lambda c: entries.get_entry(c, stored.id)) == changed
    assert db.read(lambda c: entries.list_entries(c, 1)) == [changed]


def test_media_file_round_trip(db: Database) -> None:
    given = MediaFile(
        sha256="c" * 64,
        size_bytes=123,
        original_name="../视频 1.mp4",
        stored_at=NOW,
        container="mov",
        video_codec="ProRes",
        audio_codec="PCM",
        width=1080,
        height=1920,
        rotation=90,
        duration_s=12.5,
        fps=25.0,
        bit_rate=1000,
        probe={"container": "mov", "rotation": 90},
        preview_status="failed",
        preview_progress=0.5,
        preview_error="ffmpeg: x",
    )
    db.write(lambda c: entries.add_media_file(c, given))
    assert db.read(lambda c: entries.get_media_file(c, "c" * 64)) == given


def test_rule_set_and_findings_round_trip(db: Database) -> None:
    rules = NewRuleSet(
        campaign_id=1,
        version=1,
        rules={"duration": {"max_s": 90}},
        created_by="admin",
        created_at=NOW,
    )
    stored = db.write(lambda c: compliance.add_rule_set(c, rules))
    assert stored.__dict__ == {**rules.__dict__, "id": stored.id}
    db.write(lambda c: entries.add_entry(c, _entry()))
    finding = Finding(
        entry_id=1,
        position=0,
        rule="duration",
        severity=Severity.WARNING,
        message_key="finding.duration_long",
        params={"seconds": 25.0},
        rule_set_id=stored.id,
        computed_at=NOW,
    )
    db.write(lambda c: compliance.replace_findings(c, 1, [finding]))
    assert db.read(lambda c: compliance.list_findings(c, 1)) == [finding]


def test_rubric_assignment_conflict_round_trip(db: Database) -> None:
    criterion = Criterion(
        campaign_id=1,
        key="lively",
        position=0,
        name_zh="生动",
        name_en="Lively",
        description_zh="说明",
        description_en="desc",
        weight=25.0,
    )
    assignment = Assignment(campaign_id=1, judge_id=3, entry_id=1, assigned_at=NOW, seed=7)
    conflict = Conflict(
        judge_id=4,
        entry_id=1,
        kind=ConflictKind.RECUSAL,
        reason="亲属",
        declared_by="judge4",
        declared_at=NOW,
    )
    db.write(lambda c: entries.add_entry(c, _entry()))
    db.write(lambda c: rubric.add_criterion(c, criterion))
    db.write(lambda c: assignments.add_assignment(c, assignment))
    db.write(lambda c: assignments.add_conflict(c, conflict))
    assert db.read(lambda c: rubric.list_criteria(c, 1)) == [criterion]
    assert db.read(lambda c: assignments.list_assignments(c, 1)) == [assignment]
    assert db.read(lambda c: assignments.list_conflicts(c, 1)) == [conflict]


def test_scorecard_with_marks_and_history_round_trip(db: Database) -> None:
    card = NewScorecard(
        campaign_id=1,
        judge_id=3,
        entry_id=1,
        status=ScorecardStatus.SUBMITTED,
        comment="好",
        watch_share=0.95,
        watch_ranges=[[0.0, 11.4]],
        source=ScorecardSource.PAPER,
        entered_by=2,
        reopen_reason="重新评",
        created_at=NOW,
        updated_at=NOW,
        submitted_at=NOW,
        marks={"lively": 8.5, "theme": 10.0},
    )
    stored = db.write(lambda c: scorecards.add_scorecard(c, card))
    assert stored.__dict__ == {**card.__dict__, "id": stored.id}
    assert db.read(lambda c: scorecards.list_scorecards(c, 1, judge_id=3)) == [stored]
    change = NewScorecardChange(
        scorecard_id=stored.id,
        changed_by="judge3",
        changed_at=NOW,
        field="lively",
        old_value="8.0",
        new_value="8.5",
    )
    db.write(lambda c: scorecards.add_scorecard_change(c, change))
    history = db.read(lambda c: scorecards.list_scorecard_changes(c, stored.id))
    assert [(h.field, h.old_value, h.new_value) for h in history] == [("lively", "8.0", "8.5")]


def test_audit_event_round_trip_and_filters(db: Database) -> None:
    first = NewAuditEvent(
        logged_at=NOW,
        actor="coord",
        campaign_id=1,
        action="views.import",
        target="a.csv",
        details={"rows": 3, "名": "值"},
    )
    second = NewAuditEvent(logged_at=NOW, actor="admin", action="user.add", target="li")
    db.write(lambda c: audit.append_event(c, first))
    db.write(lambda c: audit.append_event(c, second))
    everything = db.read(lambda c: audit.list_events(c, AuditFilter()))
    assert [e.action for e in everything] == ["user.add", "views.import"]
    only = db.read(lambda c: audit.list_events(c, AuditFilter(actor="coord")))
    assert [(e.actor, e.details) for e in only] == [("coord", {"rows": 3, "名": "值"})]
    assert db.read(audit.list_actions) == ["user.add", "views.import"]
