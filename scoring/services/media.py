"""Who may watch what, signed URLs for the player, and resolving them on the media route.

Entries' videos and the calibration round's reference clips alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from scoring.enums import Role
from scoring.errors import NotAllowed, NotFound
from scoring.media.preview import clean_path, poster_path, preview_path
from scoring.media.store import original_path
from scoring.media.urls import (
    MediaGrant,
    bucketed_expiry,
    from_micros,
    media_key,
    sign_grant,
    to_micros,
    verify_token,
)
from scoring.records.entries import Entry
from scoring.records.media import MediaFile
from scoring.records.users import User
from scoring.services.context import STAFF, Actor, Context
from scoring.services.entries.listing import existing_entry
from scoring.services.judging.assignment import judge_may_open
from scoring.services.judging.watching import SentTo, note_opening
from scoring.services.setup import ensure_cookie_key
from scoring.storage import calibration as calibration_store
from scoring.storage import entries as entry_store
from scoring.storage.rows import Cursor
from scoring.storage.users import get_user

MIME = {"preview": "video/mp4", "poster": "image/jpeg"}


@dataclass(frozen=True, kw_only=True)
class PlayerSources:
    """What the player needs for one entry (or calibration clip: ``entry_id`` is its id)."""

    entry_id: int
    preview_url: str | None
    original_url: str | None
    poster_url: str | None
    portrait: bool
    duration_s: float | None
    preview_status: str
    preview_progress: float
    preview_error: str | None


def _may_open(cur: Cursor, user: User, entry: Entry) -> bool:
    if user.disabled:
        return False
    if user.role in STAFF:
        return True
    return user.role is Role.JUDGE and judge_may_open(cur, user, entry)


def _open_entry(cur: Cursor, user: User, entry_id: int) -> Entry:
    """A unit user's own unit's work (drafts too), else a received entry."""
    if user.role is not Role.UNIT:
        return existing_entry(cur, entry_id)
    entry = entry_store.get_entry(cur, entry_id)
    if user.disabled or entry is None or not user.unit or entry.unit != user.unit:
        raise NotAllowed("error.unit_entry_refused", entry=entry_id)
    return entry


def _entry_and_media(cur: Cursor, user: User, entry_id: int) -> tuple[Entry, MediaFile | None]:
    entry = _open_entry(cur, user, entry_id)
    if user.role is not Role.UNIT and not _may_open(cur, user, entry):
        raise NotAllowed("error.entry_not_yours", user=user.username, code=entry.code)
    media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
    return entry, media


def _clip_media(cur: Cursor, user: User, clip_id: int) -> MediaFile | None:
    """A calibration clip's media: every active judge scores it, staff may watch it."""
    clip = calibration_store.get_clip(cur, clip_id)
    if clip is None:
        raise NotFound("error.calibration_clip_unknown", clip=clip_id)
    if user.disabled or user.role not in (Role.JUDGE, *STAFF):
        raise NotAllowed("error.media_url_invalid")
    return entry_store.get_media_file(cur, clip.media_sha256)


def _media_of(cur: Cursor, user: User, subject: str, subject_id: int) -> MediaFile | None:
    if subject == "clip":
        return _clip_media(cur, user, subject_id)
    return _entry_and_media(cur, user, subject_id)[1]


def player_sources(ctx: Context, *, actor: Actor, entry_id: int) -> PlayerSources:
    """Signed URLs for an entry's preview, original and poster (raises if not allowed)."""
    return _sources(ctx, actor, "entry", entry_id)


def clip_sources(ctx: Context, *, actor: Actor, clip_id: int) -> PlayerSources:
    """Signed URLs for a calibration clip, as for an entry (a judge gets the tag-free copy)."""
    return _sources(ctx, actor, "clip", clip_id)


def _sources(ctx: Context, actor: Actor, subject: str, subject_id: int) -> PlayerSources:
    media = _watched_media(ctx, actor, subject, subject_id)
    url = _signer(ctx, actor, subject, subject_id)
    done = media is not None and media.preview_status == "done"
    # A judge never gets the original (its tags can name the producer): the tag-free copy.
    original = "clean" if actor.role is Role.JUDGE else "original"
    return PlayerSources(
        entry_id=subject_id,
        preview_url=url("preview") if done else None,
        original_url=url(original) if media is not None and _exists(ctx, media, original) else None,
        poster_url=url("poster") if done else None,
        portrait=bool(media and media.width and media.height and media.height > media.width),
        duration_s=media.duration_s if media else None,
        preview_status=media.preview_status if media else "missing",
        preview_progress=media.preview_progress if media else 0.0,
        preview_error=media.preview_error if media else None,
    )


def _watched_media(ctx: Context, actor: Actor, subject: str, subject_id: int) -> MediaFile | None:
    """The subject's media file if the actor may watch it; a judge's opening is noted."""
    if actor.user_id is None:
        raise NotAllowed("error.entry_not_yours", user=actor.name, code=subject_id)
    user_id = actor.user_id

    def work(cur: Cursor) -> MediaFile | None:
        user = get_user(cur, user_id)
        if user is None:
            raise NotAllowed("error.entry_not_yours", user=actor.name, code=subject_id)
        return _media_of(cur, user, subject, subject_id)

    media = ctx.db.read(work)
    if actor.role is Role.JUDGE and media is not None:  # evidence of watching, entry or clip
        note_opening(ctx, judge_id=user_id, entry_id=subject_id, subject=subject)
    return media


def _signer(ctx: Context, actor: Actor, subject: str, subject_id: int) -> Callable[[str], str]:
    """Signs a URL of one kind (preview, poster, original, clean) for this actor and subject."""
    assert actor.user_id is not None  # checked by _watched_media
    key = media_key(ensure_cookie_key(ctx.settings)[0])
    expires = bucketed_expiry(ctx.now(), ttl_s=ctx.settings.media_url_ttl_minutes * 60)
    # The session's start, not the time of this run: the URL stays the same on every rerun
    # (the player does not reload) and dies with the session.
    signed_in = to_micros(actor.signed_in_at or ctx.now())
    grant = partial(
        MediaGrant,
        entry_id=subject_id,
        user_id=actor.user_id,
        expires=expires,
        signed_in=signed_in,
        subject=subject,
    )
    return lambda kind: sign_grant(grant(kind=kind), key)


@dataclass(frozen=True)
class ServedFile:
    """A file the media route may send; ``sent_to`` when what it sends is evidence of a
    judge's watching (a judge's preview or tag-free copy)."""

    path: Path
    media_type: str
    sent_to: SentTo | None = None


def open_media(ctx: Context, *, token: str) -> ServedFile:
    """Resolve a media URL token: signature, expiry, the session it was issued to still
    open, and the user's right to the entry now."""
    key = media_key(ensure_cookie_key(ctx.settings)[0])
    grant = verify_token(token, key, now=ctx.now())

    def work(cur: Cursor) -> tuple[User, MediaFile | None]:
        user = get_user(cur, grant.user_id)
        if user is None:
            raise NotAllowed("error.media_url_invalid")
        return user, _media_of(cur, user, grant.subject, grant.entry_id)

    user, media = ctx.db.read(work)
    ended = user.sessions_valid_after
    if ended is not None and from_micros(grant.signed_in) < ended:
        raise NotAllowed("error.media_url_session_ended")
    if media is None:
        raise NotFound("error.media_not_stored", entry=grant.entry_id)
    if grant.kind == "original" and user.role not in (*STAFF, Role.UNIT):
        raise NotAllowed("error.media_url_invalid")  # checked here, whatever was signed
    served = _served(ctx, media, grant.kind)
    if user.role is not Role.JUDGE or grant.kind not in ("preview", "clean"):
        return served
    if not media.duration_s:
        return served
    sent_to = SentTo(
        judge_id=grant.user_id,
        entry_id=grant.entry_id,
        kind=grant.kind,
        path=served.path,
        duration_s=media.duration_s,
        subject=grant.subject,
    )
    return ServedFile(served.path, served.media_type, sent_to)


def _path(ctx: Context, media: MediaFile, kind: str) -> tuple[Path, str]:
    folder = ctx.settings.media_dir
    if kind == "original":
        mime = "video/quicktime" if media.container == "mov" else "video/mp4"
        return original_path(folder, media.sha256), mime
    if kind == "clean":
        return clean_path(folder, media.sha256), MIME["preview"]
    if kind == "preview":
        return preview_path(folder, media.sha256), MIME["preview"]
    return poster_path(folder, media.sha256), MIME["poster"]


def _exists(ctx: Context, media: MediaFile, kind: str) -> bool:
    return _path(ctx, media, kind)[0].is_file()


def _served(ctx: Context, media: MediaFile, kind: str) -> ServedFile:
    path, mime = _path(ctx, media, kind)
    if not path.is_file():
        raise NotFound("error.media_not_stored", entry=media.sha256[:12])
    return ServedFile(path, mime)
