"""The media rules on the committed fixture files, probed for real (tests/fixtures/media)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from scoring.domain.compliance import FindingDraft, evaluate_entry
from scoring.domain.rules import DEFAULT_RULES
from scoring.enums import Category, Severity
from scoring.media.probe import probe_file
from scoring.records.entries import NewEntry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "media"
T0 = datetime(2023, 5, 1, 9, 0, tzinfo=UTC)
OK, WARNING, ERROR = Severity.OK, Severity.WARNING, Severity.ERROR


ALL_OK = dict.fromkeys(
    ("container", "streams", "orientation", "aspect", "resolution", "duration", "preview"), OK
)


def _entry(category: Category) -> NewEntry:
    return NewEntry(
        campaign_id=1,
        code="GS-2023-001",
        title="质量之光",
        category=category,
        completed_date=date(2023, 4, 1),
        created_at=T0,
        updated_at=T0,
    )


def _media_findings(name: str, category: Category = Category.MICRO_VIDEO) -> dict[str, Severity]:
    entry = _entry(category)
    findings: list[FindingDraft] = evaluate_entry(
        entry=entry, media=probe_file(FIXTURES / name), rules=DEFAULT_RULES, siblings=[entry]
    )
    return {f.rule: f.severity for f in findings if f.rule in ALL_OK}


@pytest.mark.parametrize(
    "name", ["land_1080.mp4", "land_4k.mp4", "port_1080.mp4", "rotated_90.mp4"]
)
def test_fixture_in_an_accepted_shape_passes_every_media_rule(name: str) -> None:
    assert _media_findings(name) == ALL_OK


def test_fixture_rotated_90_is_portrait_and_refused_for_micro_animation() -> None:
    found = _media_findings("rotated_90.mp4", Category.MICRO_ANIMATION)

    assert (found["orientation"], found["aspect"], found["resolution"]) == (ERROR, ERROR, ERROR)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("land_720.mp4", {"resolution": ERROR}),
        ("square_1080.mp4", {"orientation": ERROR, "aspect": ERROR, "resolution": ERROR}),
        ("aspect_in.mp4", {"resolution": WARNING}),
        ("aspect_out.mp4", {"aspect": ERROR, "resolution": ERROR}),
        ("no_audio.mp4", {"streams": WARNING}),
        ("prores.mov", {"container": WARNING}),
        ("dur_20_0.mp4", {}),
        ("dur_20_5.mp4", {"duration": WARNING}),
        ("dur_60_0.mp4", {"duration": WARNING}),
        ("dur_61_0.mp4", {"duration": WARNING}),
        ("dur_90_0.mp4", {"duration": WARNING}),
        ("dur_91_0.mp4", {"duration": ERROR}),
    ],
)
def test_fixture_findings_beyond_ok(name: str, expected: dict[str, Severity]) -> None:
    assert _media_findings(name) == ALL_OK | expected


@pytest.mark.parametrize(
    ("name", "container"),
    [("audio_only.mp4", OK), ("truncated.mp4", OK), ("text.mp4", ERROR), ("empty.mp4", ERROR)],
)
def test_fixture_without_video_is_an_error_and_skips_the_picture_rules(
    name: str, container: Severity
) -> None:
    assert _media_findings(name) == {"container": container, "streams": ERROR}


@pytest.mark.parametrize("name", ["hevc.mp4", "prores.mov"])
def test_fixture_browsers_cannot_play_gets_a_preview_note(name: str) -> None:
    entry = _entry(Category.MICRO_VIDEO)

    findings = evaluate_entry(
        entry=entry, media=probe_file(FIXTURES / name), rules=DEFAULT_RULES, siblings=[entry]
    )

    [preview] = [f for f in findings if f.rule == "preview"]
    assert (preview.severity, preview.message_key) == (OK, "rule.preview.will_convert")


def test_fixture_durations_at_the_micro_animation_limit() -> None:
    animation = Category.MICRO_ANIMATION

    assert _media_findings("dur_60_0.mp4", animation)["duration"] is OK
    assert _media_findings("dur_61_0.mp4", animation)["duration"] is ERROR
