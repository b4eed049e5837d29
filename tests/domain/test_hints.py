"""The media-hint rules: EBU R 128 levels, silences, black and frozen stretches."""

from __future__ import annotations

import pytest

from scoring.domain.hints import (
    Hint,
    Loudness,
    Measures,
    Stretch,
    clock_text,
    inner_black,
    media_hints,
    silent_track,
)
from scoring.enums import HintKind


def sound(lufs: float, peak: float | None = -10.0, lra: float = 3.0) -> Loudness:
    return Loudness(integrated_lufs=lufs, range_lu=lra, true_peak_dbtp=peak)


def kinds(measures: Measures) -> list[HintKind]:
    return [h.kind for h in media_hints(measures)]


@pytest.mark.parametrize(
    ("lufs", "expected"),
    [
        (-17.9, [HintKind.LOUD]),
        (-18.0, []),  # −23 + 5: still inside the tolerance
        (-23.0, []),
        (-28.0, []),
        (-28.1, [HintKind.QUIET]),
    ],
)
def test_loudness_hint_outside_minus_23_plus_or_minus_5(
    lufs: float, expected: list[HintKind]
) -> None:
    assert kinds(Measures(duration_s=10.0, loudness=sound(lufs))) == expected


def test_loud_hint_names_the_broadcast_norm_and_the_platform_level() -> None:
    (hint,) = media_hints(Measures(duration_s=10.0, loudness=sound(-9.5)))
    assert hint == Hint(
        HintKind.LOUD,
        {"lufs": -9.5, "target": -23.0, "tolerance": 5.0, "platform": -14.0},
    )


@pytest.mark.parametrize(("peak", "expected"), [(-1.0, []), (-0.9, [HintKind.TRUE_PEAK])])
def test_true_peak_hint_above_minus_1_dbtp(peak: float, expected: list[HintKind]) -> None:
    measures = Measures(duration_s=10.0, loudness=sound(-20.0, peak=peak))
    assert kinds(measures) == expected


def test_no_audio_track_means_no_loudness_hint() -> None:
    assert media_hints(Measures(duration_s=10.0, loudness=None)) == []


def test_a_gated_out_track_is_one_silent_track_hint_not_quiet_nor_silences() -> None:
    measures = Measures(
        duration_s=4.0, loudness=sound(-70.0, peak=None), silences=(Stretch(0.0, 4.0),)
    )
    assert silent_track(measures)
    assert kinds(measures) == [HintKind.SILENT_TRACK]


def test_a_silence_covering_the_whole_track_makes_it_silent_even_with_hiss() -> None:
    measures = Measures(
        duration_s=30.0, loudness=sound(-58.0, peak=-45.0), silences=(Stretch(0.05, 29.95),)
    )
    assert kinds(measures) == [HintKind.SILENT_TRACK]


def test_silences_of_2_s_or_more_are_hints_with_their_times() -> None:
    measures = Measures(
        duration_s=30.0,
        loudness=sound(-22.0),
        silences=(Stretch(3.0, 4.9), Stretch(10.0, 12.0), Stretch(20.5, 25.0)),
    )
    hints = media_hints(measures)
    assert [(h.kind, h.start_s, h.end_s) for h in hints] == [
        (HintKind.SILENCE, 10.0, 12.0),
        (HintKind.SILENCE, 20.5, 25.0),
    ]
    assert hints[1].params == {"seconds": 4.5}


def test_black_counts_only_between_the_first_and_last_half_second() -> None:
    measures = Measures(
        duration_s=20.0,
        blacks=(
            Stretch(0.0, 0.9),  # a fade from black: 0.4 s inside → no hint
            Stretch(0.0, 1.2),  # 0.7 s inside → a hint, shown with its real times
            Stretch(9.0, 9.5),  # exactly 0.5 s
            Stretch(19.1, 20.0),  # a fade to black: 0.4 s inside → no hint
        ),
    )
    assert inner_black(Stretch(0.0, 1.2), 20.0) == Stretch(0.5, 1.2)
    assert [(h.kind, h.start_s, h.end_s) for h in media_hints(measures)] == [
        (HintKind.BLACK, 0.0, 1.2),
        (HintKind.BLACK, 9.0, 9.5),
    ]


def test_freezes_of_2_s_or_more_are_hints() -> None:
    measures = Measures(duration_s=20.0, freezes=(Stretch(1.0, 2.9), Stretch(5.0, 8.0)))
    assert [(h.kind, h.params) for h in media_hints(measures)] == [
        (HintKind.FREEZE, {"seconds": 3.0})
    ]


def test_whole_file_hints_come_first_then_stretches_by_time() -> None:
    measures = Measures(
        duration_s=60.0,
        loudness=sound(-12.0, peak=0.3),
        silences=(Stretch(40.0, 43.0),),
        blacks=(Stretch(20.0, 21.0),),
        freezes=(Stretch(20.0, 23.0),),
    )
    assert kinds(measures) == [
        HintKind.LOUD,
        HintKind.TRUE_PEAK,
        HintKind.BLACK,
        HintKind.FREEZE,
        HintKind.SILENCE,
    ]


def test_measures_round_trip_through_their_stored_form() -> None:
    measures = Measures(
        duration_s=6.0,
        loudness=sound(-70.0, peak=None, lra=0.0),
        silences=(Stretch(0.0, 6.0),),
        blacks=(Stretch(2.0, 3.0),),
        freezes=(),
    )
    stored = measures.as_dict()
    assert stored == {
        "duration_s": 6.0,
        "loudness": {"integrated_lufs": -70.0, "range_lu": 0.0, "true_peak_dbtp": None},
        "silences": [[0.0, 6.0]],
        "blacks": [[2.0, 3.0]],
        "freezes": [],
    }
    assert Measures.from_dict(stored) == measures


@pytest.mark.parametrize(
    ("seconds", "text"), [(0.0, "0:00.0"), (2.04, "0:02.0"), (59.96, "1:00.0"), (83.5, "1:23.5")]
)
def test_clock_text(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text
