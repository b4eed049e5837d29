"""A small campaign made to order in a test's own database: entries, judges, assignments,
scorecards, units' liaisons, viewing figures, compliance errors and neutralised audience
parts, each written with the store's own functions so every test states exactly what the
campaign holds (three rows, not the whole demo)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.enums import Category, Role, ScorecardStatus, Severity
from scoring.records.campaigns import NewCampaign
from scoring.records.compliance import Finding
from scoring.records.entries import Entry, NewEntry
from scoring.records.judging import Assignment, NewScorecard, Scorecard
from scoring.records.ranking import NewOverride
from scoring.records.units import UnitContact
from scoring.records.users import NewUser, User
from scoring.records.views import ViewSnapshot
from scoring.services.campaigns.active import create_campaign_in
from scoring.services.context import Context
from scoring.storage import compliance, overrides, units
from scoring.storage import entries as entry_store
from scoring.storage.assignments import add_assignment
from scoring.storage.scorecards import add_scorecard
from scoring.storage.users import add_user
from scoring.storage.views import add_snapshot
from tests.conftest import SHELL

# A bcrypt hash of no password anyone types: factory users never log in.
NO_LOGIN = "$2b$04$" + "x" * 53


@dataclass
class CampaignFactory:
    """Builds one campaign; every method writes in its own transaction."""

    ctx: Context
    campaign_id: int

    def judge(self, username: str, *, unit: str = "", role: Role = Role.JUDGE) -> User:
        """A user (a judge unless told otherwise)."""
        now = self.ctx.now()
        user = NewUser(
            username=username,
            display_name=username.upper(),
            unit=unit,
            role=role,
            password_hash=NO_LOGIN,
            created_at=now,
            updated_at=now,
        )
        return self.ctx.db.write(lambda cur: add_user(cur, user))

    def entry(
        self,
        code: str,
        *,
        cqo: bool = False,
        category: Category = Category.MICRO_VIDEO,
        **more: Any,
    ) -> Entry:
        """An entry with the given code (its title is "title of <code>"); ``more`` sets
        other fields (``unit``, ``stage``, ``recommender``…)."""
        now = self.ctx.now()
        entry = NewEntry(
            campaign_id=self.campaign_id,
            code=code,
            title=f"title of {code}",
            category=category,
            cqo_case=cqo,
            created_at=now,
            updated_at=now,
            **more,
        )
        return self.ctx.db.write(lambda cur: entry_store.add_entry(cur, entry))

    def card(
        self,
        judge: User,
        entry: Entry,
        mark: float,
        *,
        status: ScorecardStatus = ScorecardStatus.SUBMITTED,
    ) -> Scorecard:
        """A scorecard (submitted unless told) with ``mark`` on every criterion of the
        default rubric."""
        now = self.ctx.now()
        submitted = status is ScorecardStatus.SUBMITTED
        card = NewScorecard(
            campaign_id=self.campaign_id,
            judge_id=judge.id,
            entry_id=entry.id,
            status=status,
            watch_share=1.0,
            created_at=now,
            updated_at=now,
            submitted_at=now if submitted else None,
            marks={c.key: mark for c in DEFAULT_RUBRIC},
        )
        return self.ctx.db.write(lambda cur: add_scorecard(cur, card))

    def assign(self, judge: User, entry: Entry) -> Assignment:
        """An assignment of ``judge`` to ``entry``."""
        given = Assignment(
            campaign_id=self.campaign_id,
            judge_id=judge.id,
            entry_id=entry.id,
            assigned_at=self.ctx.now(),
        )
        self.ctx.db.write(lambda cur: add_assignment(cur, given))
        return given

    def unit(self, unit: str, liaison: str = "张联络") -> UnitContact:
        """A recommending unit's liaison (附件2) in this campaign."""
        contact = UnitContact(
            campaign_id=self.campaign_id,
            unit=unit,
            name=liaison,
            updated_by="coord",
            updated_at=self.ctx.now(),
        )
        self.ctx.db.write(lambda cur: units.save_contact(cur, contact))
        return contact

    def views(self, entry: Entry, platform: str, at: datetime, views: int) -> None:
        """One viewing-figures snapshot."""
        shot = ViewSnapshot(entry_id=entry.id, platform=platform, captured_at=at, views=views)
        self.ctx.db.write(lambda cur: add_snapshot(cur, shot))

    def compliance_error(self, entry: Entry) -> None:
        """An error finding, which keeps the entry out of the ranking."""
        finding = Finding(
            entry_id=entry.id,
            position=0,
            rule="copyright_pledge",
            severity=Severity.ERROR,
            message_key="rule.copyright_pledge.missing",  # what the rule itself says
            computed_at=self.ctx.now(),
        )
        self.ctx.db.write(lambda cur: compliance.replace_findings(cur, entry.id, [finding]))

    def neutralise(self, entry: Entry, reason: str) -> None:
        """A live ``neutralise_audience`` override with ``reason``."""
        override = NewOverride(
            campaign_id=self.campaign_id,
            entry_id=entry.id,
            kind="neutralise_audience",
            reason=reason,
            created_by="coord",
            created_at=self.ctx.now(),
        )
        self.ctx.db.write(lambda cur: overrides.add_override(cur, override))


def make_campaign(ctx: Context, name: str = "工厂活动") -> CampaignFactory:
    """A new, active campaign with the default rubric in ``ctx``'s database."""
    now = ctx.now()
    campaign = ctx.db.write(
        lambda cur: create_campaign_in(
            cur, ctx, actor=SHELL, campaign=NewCampaign(name=name, created_at=now)
        )
    )
    return CampaignFactory(ctx, campaign.id)


def make_judge(ctx: Context, username: str, *, unit: str = "", role: Role = Role.JUDGE) -> User:
    """A user outside any campaign (a judge unless told otherwise)."""
    return CampaignFactory(ctx, 0).judge(username, unit=unit, role=role)


def twin_of(entry: Entry, **changes: Any) -> NewEntry:
    """An unsaved copy of a stored entry with ``changes`` (the store gives it its own id)."""
    kept = {f.name: getattr(entry, f.name) for f in fields(NewEntry)}
    return NewEntry(**(kept | changes))
