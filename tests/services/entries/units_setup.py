"""Two recommending units with one user each, on an installation with one empty campaign
(id 1), and the helpers the unit tests share: a work's form texts and browser uploads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from scoring.enums import Role
from scoring.services import users
from scoring.services.context import Actor, Context
from scoring.services.entries.form import FormOutcome, blank_texts, save_entry
from scoring.services.setup import initialise
from tests.conftest import SHELL, FakeClock, make_settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PLEDGES = FIXTURES / "pledges"
MEDIA = FIXTURES / "media"
LANZHOU = "兰州市市场监督管理局"
TIANSHUI = "天水市市场监督管理局"


@dataclass(frozen=True)
class Units:
    """The installation and the actors of the two units."""

    ctx: Context
    lanzhou: Actor
    tianshui: Actor


def _unit_user(ctx: Context, name: str, unit: str) -> Actor:
    user = users.add_user(
        ctx, actor=SHELL, username=name, role=Role.UNIT, password="a-long-password", unit=unit
    )
    return Actor.of(user)


@pytest.fixture
def units(tmp_path: Path, clock: FakeClock) -> Iterator[Units]:
    ctx, _ = initialise(make_settings(tmp_path / "data"), demo=False, actor=SHELL, clock=clock)
    yield Units(ctx, _unit_user(ctx, "unit1", LANZHOU), _unit_user(ctx, "unit2", TIANSHUI))
    ctx.db.close()


def work_texts(code: str, **changed: str) -> dict[str, str]:
    """A work that passes every text check (it still lacks its video and pledge)."""
    texts = blank_texts()
    texts.update(
        code=code,
        title="一碗面的标准",
        category="微视频",
        producer="兰州测试制作有限公司",
        completed_date="2023-04-18",
        synopsis="一件用于测试的作品。",
        copy_text="标准守护品质。",
        place="兰州",
        people="质检员",
        event="抽样检验",
        result="合格率提升",
        submitter="兰州测试制作有限公司",
        submitter_type="企业",
        contact="张敏",
        phone="13893100001",
        no_major_incident="是",
        lawfully_established="是",
    )
    return {**texts, **changed}


def upload(name: str, data: bytes, mime: str = "application/octet-stream") -> UploadedFile:
    """What Streamlit hands a page for one uploaded file."""
    return UploadedFile(UploadedFileRec(file_id=name, name=name, type=mime, data=data), FileURLs())


def register(
    ctx: Context, actor: Actor, code: str, *, video: bool = True, pledge: bool = True, **texts: str
) -> FormOutcome:
    """Register a work through the form, with the normal video and the PDF pledge."""
    outcome = save_entry(
        ctx,
        actor=actor,
        campaign_id=1,
        texts=work_texts(code, **texts),
        editing=False,
        video=upload("作品.mp4", (MEDIA / "land_1080.mp4").read_bytes()) if video else None,
        pledge=upload("承诺书.pdf", (PLEDGES / "pledge.pdf").read_bytes()) if pledge else None,
    )
    assert outcome.problems == (), outcome.problems
    return outcome
