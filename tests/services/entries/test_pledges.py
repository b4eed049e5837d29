"""The scanned copyright pledge (附件3): PDF or JPEG by content, not by name; stored by
hash; read by its unit and, once the work is forwarded, by the office."""

from __future__ import annotations

import pytest

from scoring.errors import InvalidInput, NotFound
from scoring.media.store import original_path
from scoring.services.context import Context
from scoring.services.entries import form, forwarding, pledges
from scoring.storage import units as unit_store
from tests.conftest import COORD
from tests.services.entries.units_setup import (
    PLEDGES,
    Units,
    register,
    upload,
    work_texts,
)


def stored(ctx: Context) -> list[str]:
    folder = ctx.settings.media_dir
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("fixture", "name", "kind"),
    [
        ("pledge.pdf", "承诺书.pdf", "pdf"),
        ("pledge.jpg", "承诺书.jpg", "jpeg"),
        ("pledge.jpg", "承诺书.pdf", "jpeg"),  # a JPEG named .pdf is a JPEG
    ],
)
def test_a_pdf_or_jpeg_pledge_is_kept_by_what_it_is(
    units: Units, fixture: str, name: str, kind: str
) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", pledge=False).entry
    assert saved is not None
    data = (PLEDGES / fixture).read_bytes()

    entry = pledges.attach_pledge(
        units.ctx, actor=units.lanzhou, entry_id=saved.id, upload=upload(name, data)
    )

    record = units.ctx.db.read(
        lambda cur: unit_store.get_pledge_file(cur, entry.pledge_sha256 or "")
    )
    assert record is not None
    assert (record.kind, record.original_name, record.size_bytes) == (kind, name, len(data))
    assert entry.copyright_pledge is True
    assert original_path(units.ctx.settings.media_dir, record.sha256).read_bytes() == data


@pytest.mark.parametrize("fixture", ["picture.png", "disguised.pdf"])
def test_anything_else_is_refused_whatever_its_name(units: Units, fixture: str) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", pledge=False).entry
    assert saved is not None
    before = stored(units.ctx)

    with pytest.raises(InvalidInput) as refused:
        pledges.attach_pledge(
            units.ctx,
            actor=units.lanzhou,
            entry_id=saved.id,
            upload=upload("承诺书.pdf", (PLEDGES / fixture).read_bytes()),
        )

    assert refused.value.message("zh") == (
        "文件 承诺书.pdf 不是 PDF 或 JPG 图片（按文件内容判断，与文件名无关）。请上传签字盖章后的"
        "《作品版权承诺书》（附件3）扫描件，格式为 PDF 或 JPG。"
    )
    assert stored(units.ctx) == before


def test_a_pledge_over_the_limit_is_refused(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", pledge=False).entry
    assert saved is not None
    big = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024)

    with pytest.raises(InvalidInput) as refused:
        pledges.attach_pledge(
            units.ctx, actor=units.lanzhou, entry_id=saved.id, upload=upload("大.pdf", big)
        )

    assert refused.value.params == {"file": "大.pdf", "size_mb": 20.0, "limit_mb": 20}


def test_the_form_lists_a_bad_pledge_with_the_other_problems_and_stores_nothing(
    units: Units,
) -> None:
    outcome = form.save_entry(
        units.ctx,
        actor=units.lanzhou,
        campaign_id=1,
        texts=work_texts("TJ-001", title=""),
        editing=False,
        pledge=upload("扫描.pdf", (PLEDGES / "picture.png").read_bytes()),
    )

    assert [(p.column, p.key) for p in outcome.problems] == [
        ("title", "entry_import.required"),
        ("copyright_pledge", "pledge.wrong_kind"),
    ]
    assert stored(units.ctx) == []


def test_a_unit_cannot_claim_a_pledge_without_the_scan(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", pledge=False, copyright_pledge="已提交")

    assert saved.entry is not None and saved.entry.copyright_pledge is False


def test_the_pledge_is_read_by_its_unit_then_by_the_office_once_forwarded(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001").entry
    assert saved is not None

    got = pledges.pledge_download(units.ctx, actor=units.lanzhou, entry_id=saved.id)
    with pytest.raises(NotFound):
        pledges.pledge_download(units.ctx, actor=COORD, entry_id=saved.id)
    forwarding.forward_works(units.ctx, actor=units.lanzhou, campaign_id=1, entry_ids=[saved.id])
    office = pledges.pledge_download(units.ctx, actor=COORD, entry_id=saved.id)

    assert (got.mime, got.file_name) == ("application/pdf", "TJ-001-附件3.pdf")
    assert got.data == office.data == (PLEDGES / "pledge.pdf").read_bytes()


def test_a_work_without_a_pledge_has_nothing_to_download(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", pledge=False).entry
    assert saved is not None

    with pytest.raises(NotFound) as missing:
        pledges.pledge_download(units.ctx, actor=units.lanzhou, entry_id=saved.id)

    assert missing.value.message("zh") == "作品 TJ-001 还没有上传版权承诺书扫描件。"
