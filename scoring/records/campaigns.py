"""Campaigns: one round of the contest and the settings an admin gives it."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from scoring.enums import Method


@dataclass(frozen=True, kw_only=True)
class CampaignSettings:
    """What an admin sets for a campaign (SPEC §1). Its defaults are the only declaration of
    a new campaign's settings: the schema's column defaults are checked against them."""

    name: str
    submission_deadline: datetime | None = None
    scoring_deadline: datetime | None = None
    starts_at: datetime | None = None
    shortlist_size: int = 5
    expert_weight: float = 0.7
    method: Method = Method.ZSCORE
    min_judges: int = 3
    blind_mode: bool = True
    watch_share_required: float = 0.9
    office_name: str = ""  # 报送单位 printed on 附件5 and the decision record
    notice_title: str = ""  # the notice the campaign follows

    @classmethod
    def of(cls, campaign: CampaignSettings) -> CampaignSettings:
        """The settings a campaign has now."""
        return cls(**{f.name: getattr(campaign, f.name) for f in fields(cls)})

    @classmethod
    def like(cls, campaign: CampaignSettings, *, name: str) -> CampaignSettings:
        """A new campaign's settings: the rules and office of ``campaign``, no dates or notice."""
        return replace(
            cls.of(campaign),
            name=name,
            notice_title="",
            submission_deadline=None,
            scoring_deadline=None,
            starts_at=None,
        )


@dataclass(frozen=True, kw_only=True)
class NewCampaign(CampaignSettings):
    """One round of the contest (e.g. 2023); everything else belongs to one."""

    assignment_per_entry: int | None = None
    assignment_seed: int | None = None
    ranking_cutoff: datetime | None = None
    is_demo: bool = False
    archived_at: datetime | None = None
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class Campaign(NewCampaign):
    """``NewCampaign`` as stored, with the id the store gave it."""

    id: int
