"""The scanned copyright pledge (附件3) of a work: uploaded by its unit as a PDF or JPEG,
recognised by its first bytes, stored under its sha256 beside the videos (so backups
carry it), and readable by the unit and, once forwarded, by the office."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import BinaryIO, Final, cast

from scoring.domain.forwarding import SNIFF_BYTES, pledge_kind
from scoring.enums import Role
from scoring.errors import InvalidInput, NotFound
from scoring.media.store import original_path, store_stream
from scoring.records.entries import Entry
from scoring.records.units import PledgeFile
from scoring.services.campaigns.active import ensure_writable
from scoring.services.compliance import recompute_findings
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.entries._unit_scope import owned_draft, owned_entry
from scoring.services.entries.listing import existing_entry
from scoring.services.entries.media_files import MB, Upload, clean_name, rewound
from scoring.storage import entries as entry_store
from scoring.storage import units as store
from scoring.storage.rows import Cursor

PLEDGE_LIMIT_MB: Final = 20
MIME: Final = {"pdf": "application/pdf", "jpeg": "image/jpeg"}
SUFFIX: Final = {"pdf": ".pdf", "jpeg": ".jpg"}


def pledge_problem(upload: Upload) -> tuple[str, dict[str, object]] | None:
    """Why an uploaded pledge cannot be kept (too large, not a PDF or JPEG), or None."""
    if upload.size > PLEDGE_LIMIT_MB * MB:
        size = round(upload.size / MB, 1)
        return "pledge.too_large", {"size_mb": size, "limit_mb": PLEDGE_LIMIT_MB}
    with rewound(upload) as stream:
        kind = pledge_kind(stream.read(SNIFF_BYTES))
    return ("pledge.wrong_kind", {}) if kind is None else None


def store_pledge(ctx: Context, upload: Upload) -> PledgeFile:
    """Check an uploaded pledge (size, PDF or JPEG by content) and copy it into the store."""
    problem = pledge_problem(upload)
    if problem is not None:
        key, params = problem
        raise InvalidInput(key, file=upload.name, **params)
    with rewound(upload) as stream:
        kind = pledge_kind(stream.read(SNIFF_BYTES))
    with rewound(upload) as stream:
        stored = store_stream(ctx.settings.media_dir, cast(BinaryIO, stream))
    assert kind is not None
    return PledgeFile(
        sha256=stored.sha256,
        kind=kind,
        size_bytes=stored.size_bytes,
        original_name=clean_name(upload.name),
        stored_at=ctx.now(),
    )


def set_pledge_in(
    cur: Cursor, ctx: Context, *, actor: Actor, entry: Entry, pledge: PledgeFile
) -> Entry:
    """Point a work at its stored pledge (received: 已提交) inside the caller's transaction."""
    store.add_pledge_file(cur, pledge)
    now = ctx.now()
    updated = replace(entry, pledge_sha256=pledge.sha256, copyright_pledge=True, updated_at=now)
    entry_store.update_entry(cur, updated)
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="entry.pledge",
        target=entry.code,
        campaign_id=entry.campaign_id,
        entry_id=entry.id,
        file=pledge.original_name,
        kind=pledge.kind,
        sha256=pledge.sha256,
    )
    return updated


def attach_pledge(ctx: Context, *, actor: Actor, entry_id: int, upload: Upload) -> Entry:
    """A unit uploads the scanned 附件3 of one of its drafts; findings are rechecked."""
    ctx.db.read(lambda cur: owned_draft(cur, actor, entry_id))  # refused before storing
    pledge = store_pledge(ctx, upload)

    def work(cur: Cursor) -> Entry:
        entry = owned_draft(cur, actor, entry_id)
        ensure_writable(cur, entry.campaign_id)
        updated = set_pledge_in(cur, ctx, actor=actor, entry=entry, pledge=pledge)
        recompute_findings(cur, ctx, entry.campaign_id)
        return updated

    return ctx.db.write(work)


@dataclass(frozen=True)
class PledgeDownload:
    """A stored pledge as the browser gets it."""

    data: bytes
    mime: str
    file_name: str


def pledge_download(ctx: Context, *, actor: Actor, entry_id: int) -> PledgeDownload:
    """The pledge of a work: its unit's users, or staff once the work is received."""

    def work(cur: Cursor) -> tuple[Entry, PledgeFile | None]:
        if actor.role is Role.UNIT:
            entry = owned_entry(cur, actor, entry_id)
        else:
            require_role(actor, *STAFF)
            entry = existing_entry(cur, entry_id)
        sha = entry.pledge_sha256
        return entry, store.get_pledge_file(cur, sha) if sha else None

    entry, pledge = ctx.db.read(work)
    if pledge is None:
        raise NotFound("pledge.none", code=entry.code)
    path = original_path(ctx.settings.media_dir, pledge.sha256)
    name = f"{entry.code}-附件3{SUFFIX[pledge.kind]}"
    return PledgeDownload(path.read_bytes(), MIME[pledge.kind], name)
