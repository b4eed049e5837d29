"""One ffmpeg pass over each purpose-made clip (tests/fixtures/hints/README.md) measures
what it was made with, exactly (the bundled ffmpeg is pinned, the fixtures are fixed)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest

from scoring.domain.hints import Loudness, Measures, Stretch, media_hints
from scoring.domain.signatures import parse_signature
from scoring.enums import HintKind
from scoring.errors import MediaProblem
from scoring.media.hints import Analysis, analyse
from scoring.media.probe import probe_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HINTS = FIXTURES / "hints"
MEDIA = FIXTURES / "media"


def measure(path: Path) -> Analysis:
    facts = probe_file(path)
    seen: list[float] = []
    analysis = analyse(
        path,
        has_audio=facts.has_audio,
        has_video=facts.has_video,
        duration_s=facts.duration_s,
        on_progress=seen.append,
    )
    assert seen[-1] == 1.0
    return analysis


def test_loud_clip_is_minus_3_lufs_with_a_true_peak_over_0() -> None:
    measures = measure(HINTS / "loud.mp4").measures
    assert measures == Measures(
        duration_s=4.0,
        loudness=Loudness(integrated_lufs=-3.0, range_lu=0.1, true_peak_dbtp=0.7),
    )
    assert [h.kind for h in media_hints(measures)] == [HintKind.LOUD, HintKind.TRUE_PEAK]


def test_quiet_clip_is_minus_43_lufs() -> None:
    measures = measure(HINTS / "quiet.mp4").measures
    assert measures.loudness == Loudness(integrated_lufs=-43.0, range_lu=0.0, true_peak_dbtp=-39.4)
    assert [h.kind for h in media_hints(measures)] == [HintKind.QUIET]


def test_silence_gap_is_found_between_1_and_3_5_seconds() -> None:
    measures = measure(HINTS / "silence_gap.mp4").measures
    (silence,) = measures.silences
    # the tone is muted at 1.0 s and back at 3.5 s; AAC smears each edge by a few ms
    assert silence.start_s == pytest.approx(1.03, abs=0.02)
    assert silence.end_s == pytest.approx(3.52, abs=0.02)
    assert measures.loudness is not None and measures.loudness.integrated_lufs == -23.5
    assert [h.kind for h in media_hints(measures)] == [HintKind.SILENCE]


def test_silent_track_is_one_hint() -> None:
    measures = measure(HINTS / "silent_track.mp4").measures
    assert measures == Measures(
        duration_s=4.0,
        loudness=Loudness(integrated_lufs=-70.0, range_lu=0.0, true_peak_dbtp=None),
        silences=(Stretch(0.0, 4.0),),
    )
    assert [h.kind for h in media_hints(measures)] == [HintKind.SILENT_TRACK]


def test_black_gap_of_one_second_and_a_tail_that_is_no_hint() -> None:
    measures = measure(HINTS / "black_gap.mp4").measures
    assert measures.blacks == (Stretch(2.0, 3.0), Stretch(5.3, 5.9))
    hints = media_hints(measures)
    assert [(h.kind, h.start_s, h.end_s, h.params) for h in hints] == [
        (HintKind.BLACK, 2.0, 3.0, {"seconds": 1.0})
    ]


def test_frozen_clip_holds_from_2_to_5_seconds() -> None:
    measures = measure(HINTS / "frozen.mp4").measures
    assert measures == Measures(duration_s=7.0, freezes=(Stretch(2.0, 5.0),))
    assert [(h.kind, h.params) for h in media_hints(measures)] == [
        (HintKind.FREEZE, {"seconds": 3.0})
    ]


def test_a_file_without_audio_gets_no_loudness_and_no_error() -> None:
    analysis = measure(MEDIA / "no_audio.mp4")
    assert analysis.measures == Measures(duration_s=2.0)
    assert media_hints(analysis.measures) == []
    assert len(parse_signature(analysis.signature or b"").times_s) == 20


def test_an_audio_only_file_has_loudness_and_no_signature() -> None:
    analysis = measure(MEDIA / "audio_only.mp4")
    assert analysis.signature is None
    assert analysis.measures.loudness is not None


def test_every_video_frame_has_a_signature_in_milliseconds() -> None:
    signature = parse_signature(measure(HINTS / "dup_reencoded.mp4").signature or b"")
    assert len(signature.times_s) == 50
    assert signature.times_s[:3].tolist() == [0.0, 0.1, 0.2]
    assert signature.duration_s == pytest.approx(5.0)


def test_a_file_ffmpeg_cannot_read_raises_with_its_reason() -> None:
    with pytest.raises(MediaProblem) as caught:
        analyse(MEDIA / "text.mp4", has_audio=True, has_video=True, duration_s=None)
    assert caught.value.key == "error.hints_failed"
    assert caught.value.params["reason"]


def test_tags_that_imitate_the_filters_change_nothing(tmp_path: Path) -> None:
    forged = tmp_path / "tagged: black_start.mp4"  # a colon in the name is no protocol
    title = (
        "[Parsed_blackdetect_0 @ 0x1] black_start:1 black_end:4\n"
        "[Parsed_silencedetect_1 @ 0xab] silence_start: 0\n    I:         -5.0 LUFS"
    )
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            *("-hide_banner", "-loglevel", "error", "-i", str(HINTS / "silence_gap.mp4")),
            *("-c", "copy", "-metadata", f"title={title}", str(forged)),
        ],
        check=True,
    )
    assert measure(forged).measures == measure(HINTS / "silence_gap.mp4").measures
