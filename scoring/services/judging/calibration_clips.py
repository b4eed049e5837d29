"""Reference clips of the calibration round (试评): added from an upload or a file, stored
like entries' videos (the original kept under its sha256; previews and the judges' tag-free
copy made by the same worker), two or three of them, removed only while nobody has
submitted a card for them. Every change is audited."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from scoring.domain.calibration import MAX_CLIPS
from scoring.enums import ScorecardStatus
from scoring.errors import InvalidInput, NotFound
from scoring.media.store import original_path
from scoring.records.calibration import CalibrationClip, CalibrationRound, NewCalibrationClip
from scoring.records.media import MediaFile
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.entries.media_files import (
    MB,
    Upload,
    add_media_in,
    rewound,
    store_media,
    store_path,
)
from scoring.services.judging.calibration import clip_target
from scoring.storage import calibration as store
from scoring.storage import entries as entry_store
from scoring.storage.rows import Cursor


def _still_open(cur: Cursor, campaign_id: int) -> None:
    """Refuse a change of the clips once the campaign is archived or the round closed."""
    ensure_writable(cur, campaign_id)
    calibration = store.get_round(cur, campaign_id)
    if calibration is not None and calibration.closed_at is not None:
        raise InvalidInput("calibration.closed_no_change")


def _room_for_a_clip(cur: Cursor, campaign_id: int) -> None:
    _still_open(cur, campaign_id)
    if len(store.list_clips(cur, campaign_id)) >= MAX_CLIPS:
        raise InvalidInput("calibration.too_many", most=MAX_CLIPS)


def add_clip_upload(
    ctx: Context, *, actor: Actor, campaign_id: int, video: Upload, title: str = ""
) -> CalibrationClip:
    """Add a reference clip from a browser upload (within the upload limit)."""
    require_role(actor, *STAFF)
    limit = ctx.settings.upload_limit_mb
    if video.size > limit * MB:
        size_mb = round(video.size / MB, 1)
        raise InvalidInput("calibration.too_large", size_mb=size_mb, limit_mb=limit)
    ctx.db.read(lambda cur: _room_for_a_clip(cur, campaign_id))
    with rewound(video) as stream:
        media = store_media(ctx, stream, original_name=video.name)
    return _add_stored(ctx, actor, campaign_id, media, title)


def add_clip_file(
    ctx: Context, *, actor: Actor, campaign_id: int, path: Path, title: str = ""
) -> CalibrationClip:
    """Add a reference clip from a file (the command line)."""
    require_role(actor, *STAFF)
    if not path.is_file():
        raise InvalidInput("probe.not_a_file", paths=str(path))
    ctx.db.read(lambda cur: _room_for_a_clip(cur, campaign_id))
    media = store_path(ctx.settings.media_dir, path, original_name=path.name, now=ctx.now())
    return _add_stored(ctx, actor, campaign_id, media, title)


def _add_stored(
    ctx: Context, actor: Actor, campaign_id: int, media: MediaFile, title: str
) -> CalibrationClip:
    """Point a new clip at a stored original in one transaction; a refusal removes the
    original again unless something else already used it."""

    def work(cur: Cursor) -> CalibrationClip:
        if media.video_codec is None:  # sniffed from the content, never trusted from the name
            raise InvalidInput("calibration.not_a_video", file=media.original_name)
        _room_for_a_clip(cur, campaign_id)
        if any(c.media_sha256 == media.sha256 for c in store.list_clips(cur, campaign_id)):
            raise InvalidInput("calibration.duplicate", file=media.original_name)
        clip = put_clip(
            cur, campaign_id=campaign_id, media=media, title=title, by=actor.name, now=ctx.now()
        )
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="calibration.clip_add",
            target=clip_target(clip),
            campaign_id=campaign_id,
            title=clip.title,
            file=media.original_name,
            sha256=media.sha256,
        )
        return clip

    try:
        return ctx.db.write(work)
    except BaseException:
        if ctx.db.read(lambda cur: entry_store.get_media_file(cur, media.sha256)) is None:
            original_path(ctx.settings.media_dir, media.sha256).unlink(missing_ok=True)
        raise


def put_clip(
    cur: Cursor, *, campaign_id: int, media: MediaFile, title: str, by: str, now: datetime
) -> CalibrationClip:
    """Record a stored original as the round's next clip in the caller's transaction (the
    round opens with its first clip); the checks are the caller's."""
    add_media_in(cur, media)
    if store.get_round(cur, campaign_id) is None:
        store.add_round(cur, CalibrationRound(campaign_id=campaign_id, opened_by=by, opened_at=now))
    return store.add_clip(
        cur,
        NewCalibrationClip(
            campaign_id=campaign_id,
            title=title.strip(),
            media_sha256=media.sha256,
            added_by=by,
            added_at=now,
        ),
    )


def remove_clip(ctx: Context, *, actor: Actor, clip_id: int) -> CalibrationClip:
    """Take a clip out of an open round (its drafts go with it) and return it; refused once
    a judge has submitted a card for it."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> CalibrationClip:
        clip = store.get_clip(cur, clip_id)
        if clip is None:
            raise NotFound("error.calibration_clip_unknown", clip=clip_id)
        _still_open(cur, clip.campaign_id)
        cards = [c for c in store.list_cards(cur, clip.campaign_id) if c.clip_id == clip_id]
        submitted = sum(1 for c in cards if c.status is ScorecardStatus.SUBMITTED)
        if submitted:
            raise InvalidInput("calibration.clip_scored", count=submitted)
        removed = store.remove_clip(cur, clip_id)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="calibration.clip_remove",
            target=clip_target(clip),
            campaign_id=clip.campaign_id,
            title=clip.title,
            drafts_removed=removed,
        )
        return clip

    return ctx.db.write(work)
