"""Reading ffmpeg's analysis log: only the filters' own lines, never the file's tags."""

from __future__ import annotations

from scoring.domain.hint_log import parse_analysis_log
from scoring.domain.hints import Loudness, Measures, Stretch

# As the bundled ffmpeg prints it for a clip whose title tag imitates the filters' lines.
LOG = """\
Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/data/media/originals/ab/abcdef':
  Metadata:
    title           : [Parsed_blackdetect_0 @ 0x1] black_start:1 black_end:4
                    : [Parsed_silencedetect_1 @ 0xab] silence_start: 0
                    :     I:         -5.0 LUFS
    comment         : lavfi.freezedetect.freeze_start: 1
  Duration: 00:00:12.00, start: 0.000000, bitrate: 19 kb/s
[Parsed_blackdetect_2 @ 0x7fa6d0001f00] black_start:2 black_end:3 black_duration:1
[Parsed_freezedetect_3 @ 0x7fbb28002640] lavfi.freezedetect.freeze_start: 4
[Parsed_freezedetect_3 @ 0x7fbb28002640] lavfi.freezedetect.freeze_duration: 3
[Parsed_freezedetect_3 @ 0x7fbb28002640] lavfi.freezedetect.freeze_end: 7
[Parsed_silencedetect_1 @ 0x7fbfd00050c0] silence_start: -0.0213
[Parsed_silencedetect_1 @ 0x7fbfd00050c0] silence_end: 3.519938 | silence_duration: 3.54
[Parsed_freezedetect_3 @ 0x7fbb28002640] lavfi.freezedetect.freeze_start: 9.9
[Parsed_silencedetect_1 @ 0x7fbfd00050c0] silence_start: 10.5
[Parsed_ebur128_0 @ 0x7fbfd0004c00] Summary:

  Integrated loudness:
    I:         -23.5 LUFS
    Threshold: -33.7 LUFS

  Loudness range:
    LRA:         4.3 LU
    Threshold: -48.5 LUFS
    LRA low:   -30.6 LUFS
    LRA high:  -26.4 LUFS

  True peak:
    Peak:      -18.7 dBFS
[Parsed_blackdetect_2 @ 0x7fa6d0001f00] black_start:11.3 black_end:11.9 black_duration:0.6
[out#0/null @ 0x559f66082040] video:21KiB audio:156KiB subtitle:0KiB other streams:0KiB
"""


def test_events_summary_and_open_stretches_are_read_and_tags_ignored() -> None:
    measures = parse_analysis_log(LOG, duration_s=12.0)
    assert measures == Measures(
        duration_s=12.0,
        loudness=Loudness(integrated_lufs=-23.5, range_lu=4.3, true_peak_dbtp=-18.7),
        # the AAC priming makes ffmpeg start a silence before 0; a silence and a freeze
        # still going at the end of the file end with it
        silences=(Stretch(0.0, 3.519938), Stretch(10.5, 12.0)),
        blacks=(Stretch(2.0, 3.0), Stretch(11.3, 11.9)),
        freezes=(Stretch(4.0, 7.0), Stretch(9.9, 12.0)),
    )


def test_digital_silence_has_no_true_peak() -> None:
    log = (
        "[Parsed_ebur128_0 @ 0x7f] Summary:\n\n  Integrated loudness:\n"
        "    I:         -70.0 LUFS\n  Loudness range:\n    LRA:         0.0 LU\n"
        "  True peak:\n    Peak:       -inf dBFS\n"
    )
    loudness = parse_analysis_log(log, duration_s=4.0).loudness
    assert loudness == Loudness(integrated_lufs=-70.0, range_lu=0.0, true_peak_dbtp=None)


def test_a_log_without_audio_filters_has_no_loudness_and_no_silences() -> None:
    log = "[Parsed_blackdetect_0 @ 0x7f] black_start:1 black_end:2.5 black_duration:1.5\n"
    assert parse_analysis_log(log, duration_s=None) == Measures(
        duration_s=None, blacks=(Stretch(1.0, 2.5),)
    )


def test_summary_lines_before_the_summary_count_for_nothing() -> None:
    log = "    I:         -5.0 LUFS\n    Peak:       3.0 dBFS\n"
    assert parse_analysis_log(log, duration_s=3.0).loudness is None
