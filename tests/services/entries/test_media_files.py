"""services/entries/media_files.py: where an import's videos come from, storing and probing them."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from scoring.enums import Category
from scoring.errors import InvalidInput
from scoring.media.store import original_path
from scoring.services.context import Context
from scoring.services.entries import media_files as mf
from scoring.storage import entries as entry_store
from tests.conftest import T0

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "media"


@dataclass
class FakeUpload:
    """A browser upload: a name, a size and a stream (a real BytesIO, no mock)."""

    name: str
    data: bytes

    def __post_init__(self) -> None:
        self.stream = io.BytesIO(self.data)
        self.size = len(self.data)

    def read(self, size: int | None = -1, /) -> bytes:
        return self.stream.read(size)

    def seek(self, offset: int, whence: int = 0, /) -> int:
        return self.stream.seek(offset, whence)


def test_folder_source_lists_files_below_the_folder_without_hidden_ones(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".cache").mkdir()
    decomposed = unicodedata.normalize("NFD", "视频é.mp4")
    for name in ("b.mp4", "sub/a.mp4", ".hidden.mp4", ".cache/c.mp4", decomposed):
        (tmp_path / name).write_bytes(b"12345")
    source = mf.folder_source(tmp_path)
    assert source.names == sorted(["b.mp4", "sub/a.mp4", unicodedata.normalize("NFC", "视频é.mp4")])
    assert source.sizes["sub/a.mp4"] == 5
    assert source.paths["sub/a.mp4"] == tmp_path / "sub" / "a.mp4"
    assert source.too_large() == []
    with source.opens["b.mp4"]() as stream:
        assert stream.read() == b"12345"


def test_a_missing_media_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as raised:
        mf.folder_source(tmp_path / "none")
    assert (raised.value.key, raised.value.params) == (
        "entry_import.media_dir_missing",
        {"path": str(tmp_path / "none")},
    )


def test_upload_source_reads_each_upload_from_its_start_and_names_the_too_large() -> None:
    small, big = FakeUpload("a.mp4", b"abc"), FakeUpload("b.mp4", b"x" * (mf.MB + 1))
    small.read()  # already read once by the page
    source = mf.upload_source([small, big], limit_mb=1)
    assert (source.label, source.names, source.limit_bytes) == ("upload", ["a.mp4", "b.mp4"], mf.MB)
    assert source.too_large() == ["b.mp4"]
    with source.opens["a.mp4"]() as stream:
        assert stream.read() == b"abc"


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("a\u202eb.mp4", "ab.mp4"),
        ("  c\td.mp4 ", "cd.mp4"),
        ("\x00\u200b", "—"),
        ("视频.mp4", "视频.mp4"),
    ],
)
def test_clean_name_drops_control_and_format_characters(name: str, clean: str) -> None:
    assert mf.clean_name(name) == clean


def test_store_from_a_folder_probes_and_keeps_the_name_as_metadata(ctx: Context) -> None:
    source = mf.folder_source(FIXTURES)
    media = mf.store_from(ctx, source, "dur_20_0.mp4")
    assert (media.original_name, media.width, media.height, media.duration_s, media.stored_at) == (
        "dur_20_0.mp4",
        1920,
        1080,
        20.0,
        T0,
    )
    assert (
        original_path(ctx.settings.media_dir, media.sha256).read_bytes()
        == (FIXTURES / "dur_20_0.mp4").read_bytes()
    )
    ctx.db.write(lambda c: mf.add_media_in(c, media))
    ctx.db.write(lambda c: mf.add_media_in(c, media))  # known already: kept as it is
    assert ctx.db.read(lambda c: entry_store.get_media_file(c, media.sha256)) == media


def test_a_text_file_is_stored_with_facts_without_video(ctx: Context) -> None:
    upload = FakeUpload("text.mp4", (FIXTURES / "text.mp4").read_bytes())
    media = mf.store_from(ctx, mf.upload_source([upload], limit_mb=1), "text.mp4")
    assert (media.width, media.video_codec, media.size_bytes) == (None, None, upload.size)


def test_probe_paths_refuses_a_missing_file_and_reports_facts(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as raised:
        mf.probe_paths(
            [FIXTURES / "dur_20_0.mp4", tmp_path / "gone.mp4"], category=Category.MICRO_VIDEO
        )
    assert raised.value.params == {"paths": str(tmp_path / "gone.mp4")}
    (result,) = mf.probe_paths([FIXTURES / "dur_20_0.mp4"], category=Category.MICRO_VIDEO)
    document = result.to_json("en")
    assert (document["width"], document["height"], document["duration_s"]) == (1920, 1080, 20.0)
    assert document["size_bytes"] == (FIXTURES / "dur_20_0.mp4").stat().st_size
