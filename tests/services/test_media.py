"""Signed URLs for the player and who may resolve them."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from scoring.enums import Role
from scoring.errors import NotAllowed
from scoring.media.preview import clean_path
from scoring.media.urls import to_micros
from scoring.services import users
from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.services.media import clip_sources, open_media, player_sources
from scoring.services.previews import make_judge_copy
from scoring.storage import entries as entry_store
from scoring.storage.users import list_users
from tests.conftest import SHELL, FakeClock


def actor(ctx: Context, name: str) -> Actor:
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == name))


def token(url: str | None) -> str:
    assert url is not None
    return url.removeprefix("/api/media/")


def test_judge_gets_urls_for_an_assigned_entry_and_they_resolve(demo_ctx: Context) -> None:
    sources = player_sources(demo_ctx, actor=actor(demo_ctx, "judge1"), entry_id=2)
    assert sources.portrait is True
    assert sources.duration_s == 15.0
    assert sources.preview_url is None  # previews are made in the background; none yet
    served = open_media(demo_ctx, token=token(sources.original_url))
    assert served.media_type == "video/mp4"
    # the tag-free copy the demo makes at once, never the original itself
    assert served.path == clean_path(demo_ctx.settings.media_dir, served.path.stem)


def test_judge_refused_urls_for_a_conflicted_entry(demo_ctx: Context) -> None:
    with pytest.raises(NotAllowed) as caught:
        player_sources(demo_ctx, actor=actor(demo_ctx, "judge5"), entry_id=6)
    assert caught.value.key == "error.entry_not_yours"


def test_url_stops_working_when_it_expires(demo_ctx: Context, clock: FakeClock) -> None:
    sources = player_sources(demo_ctx, actor=actor(demo_ctx, "judge1"), entry_id=2)
    clock.advance(minutes=demo_ctx.settings.media_url_ttl_minutes + 10)
    with pytest.raises(NotAllowed) as caught:
        open_media(demo_ctx, token=token(sources.original_url))
    assert caught.value.key == "error.media_url_expired"


def test_url_for_one_entry_cannot_be_edited_into_another(demo_ctx: Context) -> None:
    sources = player_sources(demo_ctx, actor=actor(demo_ctx, "judge1"), entry_id=2)
    body, mac = token(sources.original_url).split(".")
    other = player_sources(demo_ctx, actor=actor(demo_ctx, "judge1"), entry_id=3)
    other_body = token(other.original_url).split(".")[0]
    with pytest.raises(NotAllowed) as caught:
        open_media(demo_ctx, token=f"{other_body}.{mac}")
    assert caught.value.key == "error.media_url_invalid"
    assert body != other_body


def test_url_refused_once_the_judge_is_disabled_or_recused(
    demo_ctx: Context,
) -> None:
    judge2 = actor(demo_ctx, "judge2")
    sources = player_sources(demo_ctx, actor=judge2, entry_id=15)
    scorecards.recuse(demo_ctx, actor=judge2, entry_id=15, reason="亲属参与")
    with pytest.raises(NotAllowed):
        open_media(demo_ctx, token=token(sources.original_url))
    later = player_sources(demo_ctx, actor=actor(demo_ctx, "judge3"), entry_id=1)
    users.set_disabled(demo_ctx, actor=SHELL, username="judge3", disabled=True)
    with pytest.raises(NotAllowed):
        open_media(demo_ctx, token=token(later.original_url))


def test_coordinator_may_watch_any_entry(demo_ctx: Context) -> None:
    coord = actor(demo_ctx, "coord")
    assert coord.role is Role.COORDINATOR
    sources = player_sources(demo_ctx, actor=coord, entry_id=6)
    assert open_media(demo_ctx, token=token(sources.original_url)).media_type == "video/mp4"


def test_one_sessions_urls_stay_the_same_on_every_run_and_carry_its_start(
    demo_ctx: Context, clock: FakeClock
) -> None:
    began = clock.advance(minutes=1)  # inside a 10-minute expiry bucket
    judge1 = next(u for u in demo_ctx.db.read(list_users) if u.username == "judge1")
    judge = Actor.of(judge1, signed_in_at=began)
    first = player_sources(demo_ctx, actor=judge, entry_id=2)
    clock.advance(seconds=40)  # a later run of the same page, same session
    again = player_sources(demo_ctx, actor=judge, entry_id=2)
    assert again.original_url == first.original_url
    body = token(first.original_url).split(".")[0]
    fields = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert fields[-2:] == [to_micros(began), "entry"]


def _clip(ctx: Context) -> int:
    from scoring.services.judging.calibration_clips import add_clip_file

    demo_clip = Path(__file__).resolve().parents[2] / "data/demo/clips/D06.mp4"
    clip = add_clip_file(ctx, actor=SHELL, campaign_id=1, path=demo_clip, title="往届样片")
    media = ctx.db.read(lambda cur: entry_store.get_media_file(cur, clip.media_sha256))
    assert media is not None and make_judge_copy(ctx, media)
    return clip.id or 0


def test_every_active_judge_watches_a_calibration_clip_in_its_tag_free_copy(
    demo_ctx: Context,
) -> None:
    clip_id = _clip(demo_ctx)
    sources = clip_sources(demo_ctx, actor=actor(demo_ctx, "judge5"), clip_id=clip_id)
    assert (sources.duration_s, sources.portrait, sources.preview_url) == (8.0, False, None)
    served = open_media(demo_ctx, token=token(sources.original_url))
    assert served.path == clean_path(demo_ctx.settings.media_dir, served.path.stem)
    staff = clip_sources(demo_ctx, actor=actor(demo_ctx, "coord"), clip_id=clip_id)
    assert open_media(demo_ctx, token=token(staff.original_url)).path.parent.name == "originals"


def test_a_clip_url_stops_working_for_a_disabled_judge(demo_ctx: Context) -> None:
    clip_id = _clip(demo_ctx)
    sources = clip_sources(demo_ctx, actor=actor(demo_ctx, "judge2"), clip_id=clip_id)
    users.set_disabled(demo_ctx, actor=SHELL, username="judge2", disabled=True)
    with pytest.raises(NotAllowed) as caught:
        open_media(demo_ctx, token=token(sources.original_url))
    assert caught.value.key == "error.media_url_invalid"
