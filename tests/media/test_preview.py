"""Previews and posters from real (tiny) clips, with the ffmpeg inside imageio-ffmpeg."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from scoring.errors import MediaProblem
from scoring.media.preview import make_poster, make_preview
from scoring.media.probe import probe_file

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def _preview(name: str, tmp_path: Path, *, portrait: bool = False) -> Path:
    source = MEDIA / name
    facts = probe_file(source)
    target = tmp_path / "preview.mp4"
    seen: list[float] = []
    make_preview(
        source,
        target,
        portrait=portrait,
        duration_s=facts.duration_s,
        has_audio=facts.has_audio,
        on_progress=seen.append,
    )
    assert seen[-1] == 1.0
    return target


@pytest.mark.parametrize("name", ["prores.mov", "hevc.mp4"])
def test_unplayable_codecs_become_h264_mp4(name: str, tmp_path: Path) -> None:
    facts = probe_file(_preview(name, tmp_path))
    assert (facts.container, facts.video_codec, facts.width, facts.height) == (
        "mp4",
        "AVC",
        1920,
        1080,
    )
    assert facts.audio_codec == "AAC"


def test_4k_is_scaled_down_to_1080p(tmp_path: Path) -> None:
    facts = probe_file(_preview("land_4k.mp4", tmp_path))
    assert (facts.width, facts.height) == (1920, 1080)


def test_rotated_stream_is_stored_upright_as_portrait(tmp_path: Path) -> None:
    facts = probe_file(_preview("rotated_90.mp4", tmp_path, portrait=True))
    assert (facts.width, facts.height, facts.rotation) == (1080, 1920, 0)


def test_small_video_is_not_upscaled(tmp_path: Path) -> None:
    facts = probe_file(_preview("land_720.mp4", tmp_path))
    assert (facts.width, facts.height) == (1280, 720)


def test_video_without_sound_gets_a_preview_without_sound(tmp_path: Path) -> None:
    source = MEDIA / "no_audio.mp4"
    target = tmp_path / "p.mp4"
    make_preview(source, target, portrait=False, duration_s=2.0, has_audio=False)
    assert probe_file(target).audio_codec is None


@pytest.mark.parametrize("name", ["truncated.mp4", "text.mp4", "empty.mp4"])
def test_broken_file_gives_ffmpegs_reason_and_leaves_nothing(name: str, tmp_path: Path) -> None:
    target = tmp_path / "p.mp4"
    with pytest.raises(MediaProblem) as caught:
        make_preview(MEDIA / name, target, portrait=False, duration_s=None, has_audio=False)
    assert caught.value.key == "error.preview_failed"
    assert caught.value.params["reason"].strip() != ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_poster_is_a_640_wide_jpeg(tmp_path: Path) -> None:
    target = tmp_path / "poster.jpg"
    make_poster(MEDIA / "land_1080.mp4", target, duration_s=2.0)
    assert target.read_bytes()[:3] == b"\xff\xd8\xff"
    with Image.open(target) as image:
        assert image.size == (640, 360)


def test_poster_of_a_one_frame_clip_falls_back_to_the_first_frame(tmp_path: Path) -> None:
    target = tmp_path / "poster.jpg"
    make_poster(MEDIA / "prores.mov", target, duration_s=0.5)  # one frame at 2 fps
    with Image.open(target) as image:
        assert image.size == (640, 360)
