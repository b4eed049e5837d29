"""Security checks of issue 6: roles in every service, text stored verbatim, names safe."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scoring.enums import Role
from scoring.errors import NotAllowed
from scoring.services import audit, compliance, users
from scoring.services.backup import backups
from scoring.services.campaigns import admin
from scoring.services.context import Actor, Context
from scoring.services.entries import form, forwarding, listing, pledges, unit_works, units
from scoring.services.judging import assignment, paper, paper_import, progress, rubric
from scoring.services.ranking import exports, results, shortlist
from scoring.services.views import anomalies, history, table_import
from scoring.storage import entries as entry_store
from tests.conftest import COORD, JUDGE
from tests.services.entries.test_table_import import form_texts, stored_files, upload

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"
SQL = "x'); DROP TABLE entries; -- \" ; SELECT * FROM users WHERE '1'='1"

Call = Callable[[Context, Actor], Any]

STAFF_CALLS: dict[str, Call] = {
    "entry_table": lambda c, a: listing.entry_table(c, actor=a, campaign_id=1),
    "progress": lambda c, a: progress.judging_progress(c, actor=a, campaign_id=1),
    "compliance_report": lambda c, a: compliance.compliance_report(c, actor=a, campaign_id=1),
    "entry_detail": lambda c, a: compliance.entry_detail(c, actor=a, entry_id=1),
    "current_rules": lambda c, a: compliance.current_rules(c, actor=a, campaign_id=1),
    "ranking": lambda c, a: results.compute_ranking(c, actor=a, campaign_id=1),
    "fix_settings": lambda c, a: results.fix_settings(
        c, actor=a, campaign_id=1, what_if=results.WhatIf()
    ),
    "swap": lambda c, a: shortlist.swap(
        c, actor=a, campaign_id=1, entry_id=4, kind="shortlist_in", reason="x"
    ),
    "shortlist_export": lambda c, a: exports.shortlist_sheet(c, actor=a, campaign_id=1),
    "scores_export": lambda c, a: exports.scores_sheet(c, actor=a, campaign_id=1),
    "views_import": lambda c, a: table_import.import_views(
        c, actor=a, data=b"x", file_name="x.csv"
    ),
    "view_history": lambda c, a: history.view_history(c, actor=a, entry_id=1),
    "anomalies": lambda c, a: anomalies.anomalies(c, actor=a, campaign_id=1),
    "neutralise": lambda c, a: anomalies.neutralise_audience(c, actor=a, entry_id=1, reason="x"),
    "entry_form": lambda c, a: form.save_entry(
        c, actor=a, campaign_id=1, texts=form_texts(), editing=False
    ),
    "paper_card": lambda c, a: paper.enter_paper_scorecard(
        c, actor=a, judge_id=3, entry_id=1, marks={}, submitted=False
    ),
    "paper_import": lambda c, a: paper_import.import_scores(
        c, actor=a, data=b"x", file_name="x.csv"
    ),
    "rubric_state": lambda c, a: rubric.rubric_state(c, actor=a, campaign_id=1),
    "unit_table": lambda c, a: units.unit_table(c, actor=a, campaign_id=1),
    "save_unit_contact": lambda c, a: units.save_unit_contact(
        c, actor=a, campaign_id=1, unit="天水市市场监督管理局", name="x", position="", mobile="x"
    ),
}
ADMIN_CALLS: dict[str, Call] = {
    "list_users": lambda c, a: users.list_users(c, actor=a),
    "add_user": lambda c, a: users.add_user(
        c, actor=a, username="x1", role=Role.ADMIN, password="a-long-password"
    ),
    "set_role": lambda c, a: users.set_role(c, actor=a, username="judge1", role=Role.ADMIN),
    "audit_lines": lambda c, a: audit.audit_lines(c, actor=a, lang="zh"),
    "audit_actions": lambda c, a: audit.audit_actions(c, actor=a),
    "save_rules": lambda c, a: compliance.save_rules(c, actor=a, campaign_id=1, rules={}),
    "assign": lambda c, a: assignment.run_assignment(c, actor=a, campaign_id=1),
    "edit_rubric": lambda c, a: rubric.edit_rubric(c, actor=a, campaign_id=1, edits=[]),
    "campaigns": lambda c, a: admin.all_campaigns(c, actor=a),
    "archive": lambda c, a: admin.archive_campaign(c, actor=a, campaign_id=1),
    "backup": lambda c, a: backups.make_backup(c, actor=a, into=Path("/tmp/never-written")),
}


@pytest.mark.parametrize("name", sorted({*STAFF_CALLS, *ADMIN_CALLS}))
def test_every_staff_and_admin_service_refuses_a_judge(demo_ctx: Context, name: str) -> None:
    call = STAFF_CALLS.get(name) or ADMIN_CALLS[name]
    with pytest.raises(NotAllowed):
        call(demo_ctx, JUDGE)


UNIT = Actor("unit1", Role.UNIT, 99, "兰州市市场监督管理局")
UNIT_MAY = {"entry_form"}  # a unit registers its own works through the same form service


@pytest.mark.parametrize("name", sorted({*STAFF_CALLS, *ADMIN_CALLS} - UNIT_MAY))
def test_every_staff_and_admin_service_refuses_a_unit_user(demo_ctx: Context, name: str) -> None:
    call = STAFF_CALLS.get(name) or ADMIN_CALLS[name]
    with pytest.raises(NotAllowed):
        call(demo_ctx, UNIT)


UNIT_CALLS: dict[str, Call] = {
    "unit_works": lambda c, a: unit_works.unit_works(c, actor=a, campaign_id=1),
    "unit_work_detail": lambda c, a: unit_works.unit_work_detail(c, actor=a, entry_id=1),
    "suggested_code": lambda c, a: unit_works.suggested_code(c, actor=a, campaign_id=1),
    "forwarding_state": lambda c, a: forwarding.forwarding_state(c, actor=a, campaign_id=1),
    "forward": lambda c, a: forwarding.forward_works(c, actor=a, campaign_id=1, entry_ids=[1]),
    "my_contact": lambda c, a: units.my_contact(c, actor=a, campaign_id=1),
    "save_my_contact": lambda c, a: units.save_my_contact(
        c, actor=a, campaign_id=1, name="张敏", position="科长", mobile="13893100001"
    ),
    "attach_pledge": lambda c, a: pledges.attach_pledge(
        c, actor=a, entry_id=1, upload=upload("p.pdf", b"%PDF-1.4")
    ),
}


@pytest.mark.parametrize("name", sorted(UNIT_CALLS))
@pytest.mark.parametrize("actor", [JUDGE, COORD], ids=["judge", "coordinator"])
def test_every_unit_service_refuses_other_roles(demo_ctx: Context, name: str, actor: Actor) -> None:
    with pytest.raises(NotAllowed):
        UNIT_CALLS[name](demo_ctx, actor)


@pytest.mark.parametrize("name", sorted(ADMIN_CALLS))
def test_every_admin_service_refuses_a_coordinator(demo_ctx: Context, name: str) -> None:
    with pytest.raises(NotAllowed):
        ADMIN_CALLS[name](demo_ctx, COORD)


def test_sql_metacharacters_in_every_text_field_are_stored_verbatim(demo_ctx: Context) -> None:
    fields = (
        "title",
        "producer",
        "synopsis",
        "copy_text",
        "place",
        "people",
        "event",
        "result",
        "intro",
        "submitter",
        "recommender",
        "contact",
    )
    texts = form_texts(**{f: f"{f}:{SQL}" for f in fields}, code="GS-SQL-001")
    saved = form.save_entry(demo_ctx, actor=COORD, campaign_id=1, texts=texts, editing=False)
    assert saved.problems == ()
    stored = demo_ctx.db.read(lambda c: entry_store.get_entry_by_code(c, 1, "GS-SQL-001"))
    assert stored is not None
    assert {f: getattr(stored, f) for f in fields} == {f: f"{f}:{SQL}" for f in fields}
    assert len(demo_ctx.db.read(lambda c: entry_store.list_entries(c, 1))) == 16


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../../etc/passwd.mp4", "../../../etc/passwd.mp4"),
        ("/etc/shadow.mp4", "/etc/shadow.mp4"),
        ("作品\x00隐藏.mp4", "作品隐藏.mp4"),
        ("长" * 300 + ".mp4", "长" * 300 + ".mp4"),
    ],
)
def test_awkward_upload_names_are_metadata_only(demo_ctx: Context, name: str, kept: str) -> None:
    before = set(stored_files(demo_ctx))
    video = upload(name, (MEDIA / "land_1080.mp4").read_bytes())
    saved = form.save_entry(
        demo_ctx,
        actor=COORD,
        campaign_id=1,
        texts=form_texts(code="GS-NAME-1"),
        editing=False,
        video=video,
    )
    assert saved.entry is not None and saved.entry.media_sha256 is not None
    added = set(stored_files(demo_ctx)) - before
    assert added == {f"originals/{saved.entry.media_sha256}"}
    media = demo_ctx.db.read(lambda c: entry_store.get_media_file(c, saved.entry.media_sha256))
    assert media is not None and media.original_name == kept
    assert not Path("/etc/passwd.mp4").exists() and not Path("/etc/shadow.mp4").exists()
