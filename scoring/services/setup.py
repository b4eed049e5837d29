"""Creating or upgrading an installation: data folder, cookie key, database, first campaign."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scoring.enums import Role
from scoring.errors import DataFolderProblem, InvalidInput
from scoring.records.campaigns import Campaign, NewCampaign
from scoring.services.campaigns.active import active_campaign, create_campaign
from scoring.services.compliance import ensure_findings
from scoring.services.context import Actor, Context, open_context, utc_now
from scoring.services.demo import seed_demo
from scoring.settings import Settings
from scoring.storage.campaigns import list_campaigns
from scoring.storage.data_folder import open_folder
from scoring.storage.database import schema_version

COOKIE_KEY_BYTES = 32


@dataclass(frozen=True)
class InitReport:
    """What ``init`` did."""

    data_dir: Path
    schema_version: int
    cookie_key_created: bool
    campaign: Campaign | None
    demo_seeded: bool


def ensure_cookie_key(settings: Settings) -> tuple[str, bool]:
    """Return the cookie-signing key, creating it (mode 0600) if missing; and whether it was."""
    path = settings.cookie_key_path
    open_folder(settings.database_path, create=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path), False
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(COOKIE_KEY_BYTES))
    return _read_key(path), True


def _read_key(path: Path) -> str:
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        os.chmod(path, 0o600)  # tighten a key someone copied in with a loose mode
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 2 * COOKIE_KEY_BYTES:
        raise DataFolderProblem("error.cookie_key_short", path=str(path))
    return key


def initialise(
    settings: Settings,
    *,
    demo: bool,
    actor: Actor,
    clock: Callable[[], datetime] = utc_now,
) -> tuple[Context, InitReport]:
    """Create or upgrade the installation; seed the demo or a first empty campaign."""
    _, created_key = ensure_cookie_key(settings)
    ctx = open_context(settings, clock=clock)
    try:
        has_campaign = bool(ctx.db.read(list_campaigns))
        if demo and has_campaign:
            raise InvalidInput("error.demo_needs_empty", path=str(settings.data_dir))
        if not has_campaign:
            _first_campaign(ctx, demo=demo, actor=actor)
        report = InitReport(
            data_dir=settings.data_dir,
            schema_version=ctx.db.read(schema_version),
            cookie_key_created=created_key,
            campaign=active_campaign(ctx),
            demo_seeded=demo,
        )
    except BaseException:
        ctx.db.close()
        raise
    return ctx, report


def _first_campaign(ctx: Context, *, demo: bool, actor: Actor) -> None:
    if demo:
        seed_demo(ctx)
        return
    now = ctx.now()
    create_campaign(
        ctx, actor=actor, campaign=NewCampaign(name=f"{now.year}年微视频作品征集", created_at=now)
    )


def open_or_seed(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Context:
    """Open the installation for the app; a database with no campaign yet gets the demo
    (or, with ``seed_demo_when_empty`` off, one empty campaign)."""
    ensure_cookie_key(settings)
    ctx = open_context(settings, clock=clock)
    try:
        if not ctx.db.read(list_campaigns):
            _first_campaign(
                ctx, demo=settings.seed_demo_when_empty, actor=Actor("system", Role.ADMIN)
            )
        ensure_findings(ctx)

    except BaseException:
        ctx.db.close()
        raise
    return ctx
