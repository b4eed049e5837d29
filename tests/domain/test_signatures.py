"""Finding the same film from MPEG-7 video signatures: real fixtures and made-up frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scoring.domain.signatures import (
    FrameSignatures,
    MatchRange,
    distances,
    match,
    parse_signature,
    whole_film,
)
from scoring.errors import MediaProblem
from scoring.media.hints import analyse

HINTS = Path(__file__).resolve().parents[1] / "fixtures" / "hints"


def signature_of(name: str) -> FrameSignatures:
    analysis = analyse(HINTS / name, has_audio=False, has_video=True, duration_s=None)
    assert analysis.signature is not None
    return parse_signature(analysis.signature)


@pytest.fixture(scope="module")
def fixtures() -> dict[str, FrameSignatures]:
    names = ("dup_original.mp4", "dup_reencoded.mp4", "frozen.mp4", "black_gap.mp4")
    return {name: signature_of(name) for name in names}


def test_a_reencoded_resized_trimmed_copy_is_found_with_its_time_ranges(
    fixtures: dict[str, FrameSignatures],
) -> None:
    original, copy = fixtures["dup_original.mp4"], fixtures["dup_reencoded.mp4"]
    found = match(original, copy)
    assert found == [MatchRange(1.0, 6.0, 0.0, 5.0)]
    assert whole_film(found, original.duration_s, copy.duration_s)
    assert match(copy, original) == [MatchRange(0.0, 5.0, 1.0, 6.0)]


def test_unrelated_clips_are_not_found(fixtures: dict[str, FrameSignatures]) -> None:
    assert match(fixtures["dup_original.mp4"], fixtures["frozen.mp4"]) == []
    assert match(fixtures["frozen.mp4"], fixtures["dup_original.mp4"]) == []
    assert match(fixtures["black_gap.mp4"], fixtures["dup_reencoded.mp4"]) == []


def test_a_film_matches_itself_whole(fixtures: dict[str, FrameSignatures]) -> None:
    frozen = fixtures["frozen.mp4"]
    assert match(frozen, frozen) == [MatchRange(0.0, 7.0, 0.0, 7.0)]


def test_frames_read_from_the_binary_form(fixtures: dict[str, FrameSignatures]) -> None:
    black = fixtures["black_gap.mp4"]
    assert len(black.times_s) == 60 and black.frame_s == pytest.approx(0.1)
    # a black frame has nothing to say: confidence 0, all 380 values in the middle
    assert black.confidence[20:30].tolist() == [0] * 10
    assert int(black.confidence[:20].min()) >= 1
    assert distances(black.planes[20:21], black.planes[25:26]).tolist() == [[0]]


def test_a_cut_signature_is_refused() -> None:
    analysis = analyse(HINTS / "frozen.mp4", has_audio=False, has_video=True, duration_s=None)
    assert analysis.signature is not None
    with pytest.raises(MediaProblem) as caught:
        parse_signature(analysis.signature[: len(analysis.signature) // 2])
    assert caught.value.key == "error.signature_unreadable"


# --- made-up frames: the matching rules alone -----------------------------------------------


def made_up(frames: int, *, seed: int, fps: float = 10.0) -> FrameSignatures:
    rng = np.random.default_rng(seed)
    planes = rng.integers(0, 2**63, size=(frames, 12), dtype=np.uint64)
    return FrameSignatures(
        times_s=np.arange(frames) / fps,
        confidence=np.full(frames, 50, dtype=np.uint8),
        planes=planes,
    )


def cut(film: FrameSignatures, start: int, stop: int, *, at: float = 0.0) -> FrameSignatures:
    frames = stop - start
    return FrameSignatures(
        times_s=at + np.arange(frames) / 10.0,
        confidence=film.confidence[start:stop].copy(),
        planes=film.planes[start:stop].copy(),
    )


def joined(*parts: FrameSignatures) -> FrameSignatures:
    times = np.arange(sum(len(p.times_s) for p in parts)) / 10.0
    return FrameSignatures(
        times_s=times,
        confidence=np.concatenate([p.confidence for p in parts]),
        planes=np.concatenate([p.planes for p in parts]),
    )


def test_a_film_recut_in_two_parts_is_found_part_by_part() -> None:
    film = made_up(120, seed=1)
    recut = joined(cut(film, 80, 110), made_up(20, seed=2), cut(film, 10, 50))
    assert match(recut, film) == [
        MatchRange(0.0, 3.0, 8.0, 11.0),
        MatchRange(5.0, 9.0, 1.0, 5.0),
    ]


def test_parts_shorter_than_two_seconds_are_not_reported() -> None:
    film = made_up(100, seed=3)
    assert match(cut(film, 30, 49), film) == []
    assert match(cut(film, 30, 50), film) == [MatchRange(0.0, 2.0, 3.0, 5.0)]


def test_frames_without_confidence_neither_vote_nor_break_a_run() -> None:
    film = made_up(100, seed=4)
    blank = made_up(100, seed=4)
    blank.confidence[:] = 0  # e.g. a black film: its frames look alike to any other black
    assert match(blank, blank) == []
    gap = cut(film, 0, 100)
    gap.confidence[40:50] = 0
    gap.planes[40:50] = 0  # a black gap inside the copy
    assert match(film, gap) == [MatchRange(0.0, 10.0, 0.0, 10.0)]


def test_another_frame_rate_is_matched_by_time() -> None:
    film = made_up(100, seed=5)  # 10 fps
    every_other = FrameSignatures(
        times_s=np.arange(50) / 5.0,
        confidence=film.confidence[::2].copy(),
        planes=film.planes[::2].copy(),
    )
    assert match(every_other, film) == [MatchRange(0.0, 10.0, 0.0, 10.0)]


def test_whole_film_needs_most_of_the_shorter_one() -> None:
    part = [MatchRange(0.0, 7.9, 2.0, 9.9)]
    assert not whole_film(part, 10.0, 30.0)
    assert whole_film([MatchRange(0.0, 8.0, 2.0, 10.0)], 10.0, 30.0)
