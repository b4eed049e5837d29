"""Forwarding a unit's works to the office: at least one, at most two, by the deadline; a
forwarded work is read-only to the unit and is the office's; a draft is nowhere in the
office's judging, ranking, exports, views or progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from scoring.enums import EntryStage, Role
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records.entries import Entry
from scoring.services import compliance, users
from scoring.services.context import Actor, Context
from scoring.services.entries import form, forwarding, listing, pledges, unit_works
from scoring.services.entries.unit_forms import registration_file
from scoring.services.judging import assignment, paper, progress
from scoring.services.media import player_sources
from scoring.services.ranking import exports, results
from scoring.services.views.table_import import import_views
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as entry_store
from scoring.storage.assignments import list_assignments
from tests.conftest import COORD, SHELL, FakeClock, admin_actor
from tests.services.entries.units_setup import (
    LANZHOU,
    MEDIA,
    PLEDGES,
    Units,
    register,
    upload,
    work_texts,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
RULE = "从报送作品中评选1-2部（至少一部）推荐作品报送"


def drafts(u: Units, count: int, actor: Actor | None = None) -> list[int]:
    """``count`` distinct clean works of Lanzhou (or ``actor``'s unit); their ids."""
    clips = ["land_1080.mp4", "port_1080.mp4", "land_4k.mp4"]
    ids = []
    for n in range(count):
        video = upload(f"片{n}.mp4", (MEDIA / clips[n]).read_bytes())
        saved = form.save_entry(
            u.ctx,
            actor=actor or u.lanzhou,
            campaign_id=1,
            texts=work_texts(f"TJ-{n + 1:03d}" if actor is None else f"TS-{n + 1:03d}"),
            editing=False,
            video=video,
            pledge=upload("p.pdf", (PLEDGES / "pledge.pdf").read_bytes()),
        )
        assert saved.entry is not None, saved.problems
        ids.append(saved.entry.id)
    return ids


def forward(u: Units, ids: list[int], **kwargs: object) -> list[Entry]:
    return forwarding.forward_works(u.ctx, actor=u.lanzhou, campaign_id=1, entry_ids=ids, **kwargs)  # type: ignore[arg-type]


def stages(u: Units) -> dict[str, str]:
    entries = u.ctx.db.read(lambda cur: entry_store.list_all_entries(cur, 1))
    return {e.code: e.stage.value for e in entries}


def set_deadline(ctx: Context, moment: datetime | None) -> None:
    def work(cur) -> None:  # type: ignore[no-untyped-def]
        campaign = campaign_store.get_campaign(cur, 1)
        assert campaign is not None
        campaign_store.update_campaign_settings(cur, replace(campaign, submission_deadline=moment))

    ctx.db.write(work)


# --- the rule: 1–2 works, by the deadline ---------------------------------------------------


def test_forwarding_no_work_is_refused_with_the_rule(units: Units) -> None:
    drafts(units, 1)

    with pytest.raises(InvalidInput) as refused:
        forward(units, [])

    assert refused.value.message("zh") == f"请至少选择 1 件作品再报送。通知要求：“{RULE}”。"
    assert set(stages(units).values()) == {"draft"}


def test_forwarding_one_work_hands_it_to_the_office(units: Units, clock: FakeClock) -> None:
    ids = drafts(units, 2)

    sent = forward(units, ids[:1])

    assert [(e.code, e.stage, e.forwarded_at) for e in sent] == [
        ("TJ-001", EntryStage.RECEIVED, clock())
    ]
    assert stages(units) == {"TJ-001": "received", "TJ-002": "draft"}
    codes = [e.code for e in listing.entry_table(units.ctx, actor=COORD, campaign_id=1)]
    assert codes == ["TJ-001"]


def test_forwarding_two_works_at_once_or_one_after_the_other(units: Units) -> None:
    ids = drafts(units, 2)
    forward(units, ids[:1])
    forward(units, ids[1:])

    assert stages(units) == {"TJ-001": "received", "TJ-002": "received"}
    state = forwarding.forwarding_state(units.ctx, actor=units.lanzhou, campaign_id=1)
    assert (state.forwarded, state.left) == (2, 0)


def test_a_third_work_is_refused_with_the_rule_quoted(units: Units) -> None:
    ids = drafts(units, 3)
    forward(units, ids[:2])

    with pytest.raises(InvalidInput) as refused:
        forward(units, ids[2:])

    assert refused.value.message("zh") == (
        f"每个推荐单位最多报送 2 件作品（通知：“{RULE}”）。本单位已报送 2 件，这次又选了 1 件；"
        "最多还能报送 0 件。请减少所选作品。"
    )
    assert stages(units)["TJ-003"] == "draft"


def test_three_works_at_once_are_refused_and_none_is_forwarded(units: Units) -> None:
    ids = drafts(units, 3)

    with pytest.raises(InvalidInput) as refused:
        forward(units, ids)

    assert refused.value.key == "forward.too_many"
    assert refused.value.params["left"] == 2
    assert set(stages(units).values()) == {"draft"}


def test_works_the_office_registered_for_the_unit_count_toward_its_two(units: Units) -> None:
    for code in ("GS-001", "GS-002"):
        form.save_entry(
            units.ctx,
            actor=COORD,
            campaign_id=1,
            texts=work_texts(code, recommender=LANZHOU),
            editing=False,
        )
    ids = drafts(units, 1)

    with pytest.raises(InvalidInput) as refused:
        forward(units, ids)

    assert (refused.value.key, refused.value.params["already"]) == ("forward.too_many", 2)


def test_forwarding_after_the_deadline_is_refused_with_the_deadline(
    units: Units, clock: FakeClock
) -> None:
    ids = drafts(units, 1)
    set_deadline(units.ctx, datetime(2026, 3, 1, 17, 0, tzinfo=SHANGHAI))  # = 09:00 UTC
    clock.advance(minutes=1)

    with pytest.raises(InvalidInput) as refused:
        forward(units, ids)

    assert refused.value.message("zh") == (
        "报送截止时间 2026-03-01 17:00 已过，不能再报送作品。如有特殊情况，请与省质量强省办联系。"
    )
    state = forwarding.forwarding_state(units.ctx, actor=units.lanzhou, campaign_id=1)
    assert (state.closed, state.deadline_text) == (True, "2026-03-01 17:00")
    assert stages(units) == {"TJ-001": "draft"}


def test_forwarding_at_the_deadline_minute_itself_is_accepted(
    units: Units, clock: FakeClock
) -> None:
    ids = drafts(units, 1)
    set_deadline(units.ctx, clock())

    assert [e.code for e in forward(units, ids)] == ["TJ-001"]


def test_a_work_with_errors_needs_the_unit_to_accept_them(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", pledge=False)
    assert saved.entry is not None

    with pytest.raises(InvalidInput) as refused:
        forward(units, [saved.entry.id])
    assert (refused.value.key, refused.value.params) == ("forward.has_errors", {"codes": "TJ-001"})

    assert [e.code for e in forward(units, [saved.entry.id], accept_errors=True)] == ["TJ-001"]


def test_forwarded_works_are_read_only_to_the_unit(units: Units) -> None:
    ids = drafts(units, 1)
    forward(units, ids)

    with pytest.raises(NotAllowed) as edit:
        form.save_entry(
            units.ctx,
            actor=units.lanzhou,
            campaign_id=1,
            texts=work_texts("TJ-001", title="报送后改名"),
            editing=True,
        )
    assert edit.value.key == "error.unit_entry_forwarded"
    with pytest.raises(NotAllowed):
        pledges.attach_pledge(
            units.ctx,
            actor=units.lanzhou,
            entry_id=ids[0],
            upload=upload("p.jpg", (PLEDGES / "pledge.jpg").read_bytes()),
        )
    with pytest.raises(NotAllowed):
        forward(units, ids)
    assert form.entry_choices(units.ctx, actor=units.lanzhou, campaign_id=1) == []
    detail = unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=ids[0])
    assert (detail.entry.title, detail.editable) == ("一碗面的标准", False)


def test_each_forwarded_work_is_audited(units: Units) -> None:
    from scoring.storage.audit import AuditFilter, list_events

    ids = drafts(units, 2)
    forward(units, ids)

    events = units.ctx.db.read(lambda cur: list_events(cur, AuditFilter(action="entry.forward")))
    assert sorted((e.actor, e.target, e.details["unit"]) for e in events) == [
        ("unit1", "TJ-001", LANZHOU),
        ("unit1", "TJ-002", LANZHOU),
    ]


# --- a draft is nowhere in the office's pipeline --------------------------------------------


@pytest.fixture
def demo_with_draft(demo_ctx: Context) -> tuple[Context, Entry]:
    """The demo campaign (15 works, five judges, scores, views) and one unit's clean draft;
    no forwarding deadline."""
    set_deadline(demo_ctx, None)
    unit = users.add_user(
        demo_ctx, actor=SHELL, username="unitx", role=Role.UNIT, password="a-long-password",
        unit="定西市市场监督管理局",
    )  # fmt: skip
    saved = form.save_entry(
        demo_ctx,
        actor=Actor.of(unit),
        campaign_id=1,
        texts=work_texts("TJ-900"),
        editing=False,
        video=upload("d.mp4", (MEDIA / "port_1080.mp4").read_bytes()),
        pledge=upload("p.pdf", (PLEDGES / "pledge.pdf").read_bytes()),
    )
    assert saved.entry is not None and saved.entry.stage is EntryStage.DRAFT
    return demo_ctx, saved.entry


def test_a_draft_is_not_assigned_ranked_listed_or_exported(
    demo_with_draft: tuple[Context, Entry],
) -> None:
    ctx, draft = demo_with_draft
    assignment.run_assignment(ctx, actor=admin_actor(), campaign_id=1, seed=7)
    assigned = {a.entry_id for a in ctx.db.read(lambda cur: list_assignments(cur, 1))}
    ranked = [
        r["code"]
        for r in results.rank_rows(results.compute_ranking(ctx, actor=COORD, campaign_id=1))
    ]
    sheets = [
        exports.ranking_sheet(ctx, actor=COORD, campaign_id=1),
        exports.scores_sheet(ctx, actor=COORD, campaign_id=1),
        exports.shortlist_sheet(ctx, actor=COORD, campaign_id=1),
    ]
    report = compliance.compliance_report(ctx, actor=COORD, campaign_id=1)
    state = progress.judging_progress(ctx, actor=COORD, campaign_id=1)

    assert draft.id not in assigned and len(assigned) > 0
    assert len(ranked) == 15 and draft.code not in ranked
    assert all(
        draft.code not in str(sheet.rows) and draft.title not in str(sheet.rows) for sheet in sheets
    )
    assert draft.code not in [r.entry.code for r in report]
    assert draft.code not in [e.code for e in state.entries]
    assert draft.code not in [e.code for e in listing.entry_table(ctx, actor=COORD, campaign_id=1)]


def test_the_office_cannot_open_score_or_record_views_for_a_draft(
    demo_with_draft: tuple[Context, Entry],
) -> None:
    ctx, draft = demo_with_draft
    entry_id = draft.id

    with pytest.raises(NotFound):
        compliance.entry_detail(ctx, actor=COORD, entry_id=entry_id)
    with pytest.raises(NotFound):
        player_sources(ctx, actor=COORD, entry_id=entry_id)
    with pytest.raises(NotFound):
        paper.enter_paper_scorecard(
            ctx, actor=COORD, judge_id=3, entry_id=entry_id, marks={}, submitted=False
        )
    with pytest.raises(NotFound):
        registration_file(ctx, actor=COORD, campaign_id=1, fmt="xlsx", code=draft.code)
    views = "作品编号,平台,播放量,采集时间\nTJ-900,抖音,100,2023-06-01 10:00\n".encode()
    report = import_views(ctx, actor=COORD, data=views, file_name="v.csv")
    assert (report.written, [p.key for p in report.problems]) == (False, ["views.unknown_code"])


def test_a_forwarded_draft_joins_the_ranking_and_the_entry_table(
    demo_with_draft: tuple[Context, Entry],
) -> None:
    ctx, draft = demo_with_draft
    unit = Actor("unitx", Role.UNIT, None, "定西市市场监督管理局")
    forwarding.forward_works(ctx, actor=unit, campaign_id=1, entry_ids=[draft.id])

    ranked = [
        r["code"]
        for r in results.rank_rows(results.compute_ranking(ctx, actor=COORD, campaign_id=1))
    ]
    assert draft.code in ranked and len(ranked) == 16
    assert draft.code in [e.code for e in listing.entry_table(ctx, actor=COORD, campaign_id=1)]
    assert compliance.entry_detail(ctx, actor=COORD, entry_id=draft.id).entry.code == draft.code
