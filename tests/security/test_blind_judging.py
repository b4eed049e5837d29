"""Blind judging cannot leak (issue 17, points 1–3): no producer in what a judge can fetch
or read, and conflicts decided from the data as it is now."""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import imageio_ffmpeg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.blind import blind_copy, hide_names, unit_key
from scoring.enums import Category
from scoring.errors import NotAllowed
from scoring.media.store import original_path
from scoring.media.urls import MediaGrant, bucketed_expiry, media_key, sign_grant, to_micros
from scoring.records.entries import Entry
from scoring.services.context import Actor, Context
from scoring.services.entries.media_files import add_media_in, folder_source, store_from
from scoring.services.judging import scorecards
from scoring.services.judging.queue import judge_queue
from scoring.services.media import open_media, player_sources
from scoring.services.previews import make_one_preview
from scoring.services.setup import ensure_cookie_key
from scoring.storage import entries as entry_store
from scoring.storage.users import list_users
from tests.conftest import T0

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"
# What tests/fixtures/media/make_fixtures.py writes into tagged.mp4's tags and chapter.
PRODUCER_WORDS = ("某某影视传媒有限公司", "张三", "13800000000")


def judge(ctx: Context, name: str) -> Actor:
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == name))


def token(url: str | None) -> str:
    assert url is not None
    return url.removeprefix("/api/media/")


def edit_entry(ctx: Context, entry_id: int, **fields: object) -> Entry:
    entry = ctx.db.read(lambda cur: entry_store.get_entry(cur, entry_id))
    assert entry is not None
    changed = replace(entry, **fields)  # type: ignore[arg-type]
    ctx.db.write(lambda cur: entry_store.update_entry(cur, changed))
    return changed


def words_in(path: Path) -> list[str]:
    """Producer words found in a file's bytes or in what ffmpeg prints about it."""
    data = path.read_bytes()
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    ).stderr
    found = []
    for word in PRODUCER_WORDS:
        encoded = (word.encode("utf-8"), word.encode("utf-16-be"), word.encode("utf-16-le"))
        if any(e in data for e in encoded) or word in probe:
            found.append(word)
    return found


def test_nothing_a_judge_can_fetch_carries_the_producers_tags(demo_ctx: Context) -> None:
    media = store_from(demo_ctx, folder_source(MEDIA), "tagged.mp4")
    demo_ctx.db.write(lambda cur: add_media_in(cur, media))
    edit_entry(demo_ctx, 2, media_sha256=media.sha256)
    judge1 = judge(demo_ctx, "judge1")
    original = original_path(demo_ctx.settings.media_dir, media.sha256)
    assert words_in(original) == list(PRODUCER_WORDS)  # the fixture really names them

    waiting = player_sources(demo_ctx, actor=judge1, entry_id=2)
    assert (waiting.preview_url, waiting.original_url) == (None, None)  # "not ready"
    assert make_one_preview(demo_ctx, media) is True
    sources = player_sources(demo_ctx, actor=judge1, entry_id=2)

    urls = [sources.preview_url, sources.original_url, sources.poster_url]
    served = [open_media(demo_ctx, token=token(url)) for url in urls]
    assert [s.media_type for s in served] == ["video/mp4", "video/mp4", "image/jpeg"]
    assert original not in [s.path for s in served]
    assert {s.path.name: words_in(s.path) for s in served} == {s.path.name: [] for s in served}


def test_a_judge_is_refused_the_original_even_with_a_signed_url(demo_ctx: Context) -> None:
    judge1 = judge(demo_ctx, "judge1")
    key = media_key(ensure_cookie_key(demo_ctx.settings)[0])
    expires = bucketed_expiry(demo_ctx.now(), ttl_s=600)
    grant = MediaGrant(
        kind="original",
        entry_id=2,
        user_id=judge1.user_id or 0,
        expires=expires,
        signed_in=to_micros(demo_ctx.now()),
    )
    with pytest.raises(NotAllowed) as caught:
        open_media(demo_ctx, token=sign_grant(grant, key))
    assert caught.value.key == "error.media_url_invalid"
    coord = judge(demo_ctx, "coord")
    staff = player_sources(demo_ctx, actor=coord, entry_id=2)
    served = open_media(demo_ctx, token=token(staff.original_url))
    assert served.path.parent.name == "originals"


def test_the_intro_loses_a_nested_producer_and_every_party_name(demo_ctx: Context) -> None:
    edit_entry(
        demo_ctx,
        2,
        category=Category.MICRO_ANIMATION,
        producer="酒泉钢铁（集团）动漫有限公司",
        intro="动画讲述光伏故事，酒泉钢铁(集团)动漫有限公司出品（酒泉钢铁（集团）动漫有限公司）",
        synopsis="由兰州市特种设备检验所 王磊 联系拍摄",
        title="酒泉钢铁集团动漫有限公司的光伏故事",
    )

    view = scorecards.open_for_scoring(demo_ctx, actor=judge(demo_ctx, "judge1"), entry_id=2)

    assert view.entry.intro == "动画讲述光伏故事，＊＊出品"
    assert view.entry.synopsis == "由＊＊ ＊＊ 联系拍摄"
    assert view.entry.title == "＊＊的光伏故事"
    assert (view.entry.producer, view.entry.recommender, view.entry.contact) == ("", "", "")
    assert view.entry.media_file == ""
    queue = judge_queue(demo_ctx, actor=judge(demo_ctx, "judge1"), campaign_id=1)
    assert [i.title for i in queue.items if i.entry_id == 2] == ["＊＊的光伏故事"]


def test_a_conflict_arising_after_assignment_closes_the_entry_at_once(demo_ctx: Context) -> None:
    judge1 = judge(demo_ctx, "judge1")
    old_url = player_sources(demo_ctx, actor=judge1, entry_id=2).original_url
    assert 2 in [i.entry_id for i in judge_queue(demo_ctx, actor=judge1, campaign_id=1).items]

    # The judge's unit 兰州大学新闻与传播学院, written with a zero-width space and spaces.
    edit_entry(demo_ctx, 2, recommender="兰州大学\u200b新闻与 传播学院 ")

    with pytest.raises(NotAllowed):
        scorecards.open_for_scoring(demo_ctx, actor=judge1, entry_id=2)
    with pytest.raises(NotAllowed):
        player_sources(demo_ctx, actor=judge1, entry_id=2)
    with pytest.raises(NotAllowed):
        open_media(demo_ctx, token=token(old_url))
    assert 2 not in [i.entry_id for i in judge_queue(demo_ctx, actor=judge1, campaign_id=1).items]


# --- the property: no generated party name survives in any judge-visible text ----------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E60)
_BRACKETS = st.sampled_from([("（", "）"), ("(", ")"), ("（", ")"), ("(", "）")])
_NOISE = st.sampled_from(["", " ", "\u200b", "\u3000", "\ufeff"])


@st.composite
def names(draw: st.DrawFn) -> str:
    """Unit names like 某某（集团）有限公司: CJK runs, optionally with nested brackets."""
    head = draw(st.text(_CJK, min_size=2, max_size=6))
    if not draw(st.booleans()):
        return head
    left, right = draw(_BRACKETS)
    inner = draw(st.text(_CJK, min_size=1, max_size=3))
    if draw(st.booleans()):
        l2, r2 = draw(_BRACKETS)
        inner += l2 + draw(st.text(_CJK, min_size=1, max_size=2)) + r2
    return head + left + inner + right + draw(st.text(_CJK, max_size=4))


@st.composite
def written_as(draw: st.DrawFn, name: str) -> str:
    """The name as an entrant might type it: other bracket widths, spaces, invisible marks."""
    out = []
    for ch in name:
        if ch in "（(":
            ch = draw(st.sampled_from("（("))
        elif ch in "）)":
            ch = draw(st.sampled_from("）)"))
        out.append(ch + draw(_NOISE))
    return "".join(out)


@st.composite
def entries_naming_their_parties(draw: st.DrawFn) -> Entry:
    parties = {
        p: draw(names()) for p in ("producer", "submitter", "recommender", "contact", "unit")
    }
    filler = st.text(_CJK, max_size=5)

    def text() -> str:
        party = draw(st.sampled_from(sorted(parties)))
        return draw(filler) + draw(written_as(parties[party])) + draw(filler)

    left, right = draw(_BRACKETS)
    return Entry(
        id=1,
        campaign_id=1,
        code="X-1",
        title=text(),
        category=Category.MICRO_ANIMATION,
        synopsis=text(),
        copy_text=text(),
        place=text(),
        people=text(),
        event=text(),
        result=text(),
        intro=text() + left + draw(written_as(parties["producer"])) + right,
        created_at=T0,
        updated_at=T0,
        **parties,
    )


@given(entries_naming_their_parties())
def test_no_party_name_reaches_a_blind_judge(entry: Entry) -> None:
    shown = blind_copy(entry)
    visible = unit_key("|".join(str(getattr(shown, f)) for f in shown.__dataclass_fields__))
    parties = (entry.producer, entry.submitter, entry.recommender, entry.contact, entry.unit)
    assert [p for p in parties if unit_key(p) in visible] == []


@given(st.text(max_size=30))
def test_text_without_names_is_unchanged(text: str) -> None:
    assert hide_names(text, []) == text
    assert hide_names(text, ["某"]) == text  # one character is never treated as a name


def test_names_compare_as_a_reader_sees_them() -> None:
    assert unit_key("酒泉钢铁（集团） 有限公司\u200b") == unit_key("酒泉钢铁(集团)有限公司")
    assert unicodedata.normalize("NFKC", "（") == "("
