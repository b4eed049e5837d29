"""The default rule set (SPEC §3): every rule at its boundaries, validation, the Rules page rows."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.compliance import FindingDraft, evaluate_entry
from scoring.domain.media import MediaFacts, display_size
from scoring.domain.rules import (
    DEFAULT_RULES,
    RULE_ORDER,
    RULES_VERSION,
    rule_problems,
    validate_rules,
)
from scoring.enums import Category, Severity
from scoring.errors import InvalidInput
from scoring.i18n import translate
from scoring.records.entries import Entry, NewEntry

T0 = datetime(2023, 5, 1, 9, 0, tzinfo=UTC)
MV, MA = Category.MICRO_VIDEO, Category.MICRO_ANIMATION
OK, WARNING, ERROR = Severity.OK, Severity.WARNING, Severity.ERROR
PRODUCER = "张掖文旅动漫工作室"
MEDIA_RULES = ["media", "container", "streams", "orientation", "aspect", "resolution"]
MEDIA_RULES += ["duration", "preview", "duplicate"]
PAPER_RULES = ["synopsis", "completed_date", "date_order", "copyright_pledge", "declarations"]
PAPER_RULES += ["contacts", "phone", "recommender_load"]


def make_entry(**changes: Any) -> NewEntry:
    """A micro-video entry that passes every rule."""
    fields: dict[str, Any] = {
        "campaign_id": 1,
        "code": "GS-2023-001",
        "title": "一把尺子的质量故事",
        "category": MV,
        "producer": PRODUCER,
        "shot_date": date(2023, 3, 1),
        "completed_date": date(2023, 4, 1),
        "synopsis": "讲述计量检定员守护精度的一天。",
        "copy_text": "在兰州，检定员老王用一把尺子守住了千家万户的公平秤。",
        "place": "兰州",
        "people": "检定员老王",
        "event": "检定公平秤",
        "result": "群众买得放心",
        "intro": f"一部讲述质量故事的动画。（{PRODUCER}）",
        "submitter": "张掖市市场监管局",
        "recommender": "张掖市市场监管局",
        "contact": "李佳",
        "phone": "18993017109",
        "copyright_pledge": True,
        "no_major_incident": True,
        "lawfully_established": True,
        "created_at": T0,
        "updated_at": T0,
    }
    return NewEntry(**(fields | changes))


def make_media(**changes: Any) -> MediaFacts:
    """A 1920×1080 H.264/AAC MP4 of 15 s."""
    fields: dict[str, Any] = {
        "container": "mp4",
        "general_format": "MPEG-4",
        "video_codec": "AVC",
        "audio_codec": "AAC",
        "width": 1920,
        "height": 1080,
        "rotation": 0,
        "duration_s": 15.0,
        "fps": 25.0,
        "bit_rate": 8_000_000,
    }
    return MediaFacts(**(fields | changes))


def evaluate(
    entry: Entry | None = None, media: MediaFacts | None = None, **kw: Any
) -> list[FindingDraft]:
    entry = entry or make_entry()
    kw.setdefault("rules", DEFAULT_RULES)
    kw.setdefault("siblings", [entry])
    return evaluate_entry(entry=entry, media=media, **kw)


def finding(findings: list[FindingDraft], rule: str) -> FindingDraft:
    [match] = [f for f in findings if f.rule == rule]
    return match


def outcome(
    rule: str, entry: Entry | None = None, media: MediaFacts | None = None, **kw: Any
) -> tuple[Severity, str]:
    media = media if media is not None else make_media()
    found = finding(evaluate(entry, media, **kw), rule)
    return found.severity, found.message_key


def edited(*path: str, value: Any) -> dict[str, Any]:
    rules = copy.deepcopy(DEFAULT_RULES)
    target = rules
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return rules


# --- the default set --------------------------------------------------------------------


def test_default_rules_survive_json_and_validate_unchanged() -> None:
    stored = json.loads(json.dumps(DEFAULT_RULES))

    assert validate_rules(stored) == DEFAULT_RULES
    assert stored["format"] == RULES_VERSION == 1
    assert list(stored["rules"]) == list(RULE_ORDER)


def test_compliant_micro_video_gets_a_complete_all_ok_checklist() -> None:
    findings = evaluate(media=make_media())

    assert [f.rule for f in findings] == [
        *MEDIA_RULES,
        "copy_text",
        "copy_elements",
        *PAPER_RULES,
    ]
    assert {f.severity for f in findings} == {OK}


def test_compliant_micro_animation_gets_its_own_rules() -> None:
    entry = make_entry(category=MA, title="质量之光")

    findings = evaluate(entry, make_media())

    assert [f.rule for f in findings] == [
        *MEDIA_RULES,
        "title",
        "intro_length",
        "intro_producer",
        *PAPER_RULES,
    ]
    assert {f.severity for f in findings} == {OK}


def test_findings_follow_rule_order_even_when_the_stored_dict_is_reordered() -> None:
    rules = copy.deepcopy(DEFAULT_RULES)
    rules["rules"] = dict(reversed(list(rules["rules"].items())))

    findings = evaluate(media=make_media(), rules=rules)

    assert [f.rule for f in findings] == [r for r in RULE_ORDER if r in {f.rule for f in findings}]
    assert findings[0].rule == "media"


def test_disabled_rule_gives_no_finding() -> None:
    rules = edited("rules", "phone", "enabled", value=False)

    findings = evaluate(make_entry(phone="12345"), make_media(), rules=rules)

    assert "phone" not in [f.rule for f in findings]


def test_configured_severity_is_used() -> None:
    rules = edited("rules", "copy_elements", "severity", value="error")

    assert outcome("copy_elements", make_entry(place=""), rules=rules) == (
        ERROR,
        "rule.copy_elements.missing",
    )


# --- the video file ----------------------------------------------------------------------


def test_no_stored_video_is_one_error_that_says_to_import_it() -> None:
    findings = evaluate(make_entry(media_file="001.mp4"), None)

    assert findings[0] == FindingDraft(
        rule="media",
        severity=ERROR,
        message_key="rule.media.missing",
        params={"media_file": "001.mp4"},
    )
    assert not {"container", "duration", "duplicate"} & {f.rule for f in findings}


@pytest.mark.parametrize(
    ("container", "expected"),
    [
        ("mp4", (OK, "rule.container.ok")),
        ("mov", (WARNING, "rule.container.tolerated")),
        ("other", (ERROR, "rule.container.refused")),
    ],
)
def test_container_mp4_ok_mov_warning_other_error(
    container: str, expected: tuple[Severity, str]
) -> None:
    assert outcome("container", media=make_media(container=container)) == expected


def test_file_without_video_track_is_an_error_and_skips_the_picture_rules() -> None:
    audio_only = make_media(video_codec=None, width=None, height=None)

    findings = evaluate(media=audio_only)

    assert finding(findings, "streams").severity is ERROR
    assert finding(findings, "streams").message_key == "rule.streams.no_video"
    media_rules = [f.rule for f in findings if f.rule in MEDIA_RULES]
    assert media_rules == ["media", "container", "streams", "duplicate"]


def test_file_without_audio_is_a_warning() -> None:
    assert outcome("streams", media=make_media(audio_codec=None)) == (
        WARNING,
        "rule.streams.no_audio",
    )


@pytest.mark.parametrize(
    ("category", "size", "expected"),
    [
        (MV, (1920, 1080), (OK, "rule.orientation.ok")),
        (MV, (1080, 1920), (OK, "rule.orientation.ok_portrait")),
        (MV, (1080, 1080), (ERROR, "rule.orientation.error")),
        (MA, (1920, 1080), (OK, "rule.orientation.ok")),
        (MA, (1080, 1920), (ERROR, "rule.orientation.error")),
    ],
)
def test_orientation_per_category(
    category: Category, size: tuple[int, int], expected: tuple[Severity, str]
) -> None:
    media = make_media(width=size[0], height=size[1])

    assert outcome("orientation", make_entry(category=category, title="短标题"), media) == expected


def test_orientation_listed_as_warning_is_a_warning() -> None:
    rules = edited("rules", "orientation", "limits", "micro_video", "warning", value=["square"])
    square = make_media(width=1080, height=1080)

    assert outcome("orientation", media=square, rules=rules) == (
        WARNING,
        "rule.orientation.warning",
    )


def test_rotated_stream_is_judged_by_its_display_size() -> None:
    width, height = display_size(1920, 1080, 90)
    phone_clip = make_media(width=width, height=height, rotation=90)

    findings = evaluate(media=phone_clip)

    assert finding(findings, "orientation").message_key == "rule.orientation.ok_portrait"
    assert finding(findings, "orientation").params == {"width": 1080, "height": 1920}
    assert finding(findings, "resolution").severity is OK


def test_aspect_0_74_percent_off_is_inside_one_percent() -> None:
    found = finding(evaluate(media=make_media(width=1920, height=1088)), "aspect")

    # 1920/1088 ÷ 16/9 = 17280/17408 = 0.992647 → 0.735 % off
    assert found == FindingDraft(
        rule="aspect",
        severity=OK,
        message_key="rule.aspect.ok",
        params={"width": 1920, "height": 1088, "target": "16:9", "off_percent": 0.74},
    )


def test_aspect_1_8_percent_off_is_an_error() -> None:
    found = finding(evaluate(media=make_media(width=1920, height=1100)), "aspect")

    # 1920/1100 ÷ 16/9 = 17280/17600 = 0.981818 → 1.818 % off
    assert found.severity is ERROR
    assert found.params == {
        "width": 1920,
        "height": 1100,
        "target": "16:9",
        "off_percent": 1.82,
        "targets": "16:9 / 9:16",
        "tolerance": 1,
    }


def test_aspect_tolerance_is_taken_from_the_rule_set() -> None:
    rules = edited("rules", "aspect", "limits", "micro_video", "tolerance", value=0.007)

    severity, _ = outcome("aspect", media=make_media(width=1920, height=1088), rules=rules)

    assert severity is ERROR


def test_aspect_9_16_is_an_error_for_micro_animation() -> None:
    entry = make_entry(category=MA, title="短标题")

    found = finding(evaluate(entry, make_media(width=1080, height=1920)), "aspect")

    assert (found.severity, found.params["targets"]) == (ERROR, "16:9")


@pytest.mark.parametrize(
    ("category", "size", "expected"),
    [
        (MV, (1920, 1080), (OK, "rule.resolution.ok")),
        (MV, (3840, 2160), (OK, "rule.resolution.ok")),
        (MV, (1080, 1920), (OK, "rule.resolution.ok")),
        (MV, (2160, 3840), (OK, "rule.resolution.ok")),
        (MV, (2560, 1440), (WARNING, "rule.resolution.other_size")),
        (MV, (1440, 2560), (WARNING, "rule.resolution.other_size")),
        (MV, (1920, 1088), (WARNING, "rule.resolution.other_size")),
        (MV, (1280, 720), (ERROR, "rule.resolution.too_small")),
        (MV, (720, 1280), (ERROR, "rule.resolution.too_small")),
        (MV, (1920, 1079), (ERROR, "rule.resolution.too_small")),
        (MV, (1080, 1080), (ERROR, "rule.resolution.wrong_shape")),
        (MA, (1920, 1080), (OK, "rule.resolution.ok")),
        (MA, (3840, 2160), (OK, "rule.resolution.ok")),
        (MA, (1080, 1920), (ERROR, "rule.resolution.wrong_shape")),
        (MA, (1440, 2560), (ERROR, "rule.resolution.wrong_shape")),
        (MA, (2560, 1440), (WARNING, "rule.resolution.other_size")),
    ],
)
def test_resolution_exact_sizes_ok_other_1080p_warning_below_error(
    category: Category, size: tuple[int, int], expected: tuple[Severity, str]
) -> None:
    entry = make_entry(category=category, title="短标题")

    assert outcome("resolution", entry, make_media(width=size[0], height=size[1])) == expected


def test_resolution_too_small_names_the_sizes_to_export() -> None:
    found = finding(evaluate(media=make_media(width=1280, height=720)), "resolution")

    assert found.params == {
        "width": 1280,
        "height": 720,
        "min_short_side": 1080,
        "sizes": "1920×1080, 3840×2160, 1080×1920, 2160×3840",
    }


@pytest.mark.parametrize(
    ("category", "seconds", "expected"),
    [
        (MV, 20.0, (OK, "rule.duration.ok")),
        (MV, 20.001, (WARNING, "rule.duration.over_attachment")),
        (MV, 60.0, (WARNING, "rule.duration.over_attachment")),
        (MV, 60.001, (WARNING, "rule.duration.special")),
        (MV, 90.0, (WARNING, "rule.duration.special")),
        (MV, 90.001, (ERROR, "rule.duration.too_long")),
        (MA, 20.5, (OK, "rule.duration.ok")),
        (MA, 60.0, (OK, "rule.duration.ok")),
        (MA, 60.001, (ERROR, "rule.duration.too_long")),
        (MA, 90.0, (ERROR, "rule.duration.too_long")),
    ],
)
def test_duration_at_every_boundary(
    category: Category, seconds: float, expected: tuple[Severity, str]
) -> None:
    entry = make_entry(category=category, title="短标题")

    assert outcome("duration", entry, make_media(duration_s=seconds)) == expected


def test_duration_warning_carries_both_limits_of_the_contradiction() -> None:
    found = finding(evaluate(media=make_media(duration_s=20.5)), "duration")

    assert found.params == {"duration": 20.5, "ok_max": 20, "warn_max": 60, "special_max": 90}


def test_duration_unknown_is_a_warning() -> None:
    assert outcome("duration", media=make_media(duration_s=None)) == (
        WARNING,
        "rule.duration.unknown",
    )


_RANK = {OK: 0, WARNING: 1, ERROR: 2}


@given(st.floats(min_value=0, max_value=200), st.floats(min_value=0, max_value=200))
def test_duration_a_longer_video_is_never_judged_better(first: float, second: float) -> None:
    short, long = sorted((first, second))

    worse = [
        _RANK[finding(evaluate(media=make_media(duration_s=s)), "duration").severity]
        for s in (short, long)
    ]

    assert worse[0] <= worse[1]


@pytest.mark.parametrize(
    ("media", "preview_error", "expected"),
    [
        (make_media(), None, (OK, "rule.preview.plays")),
        (make_media(audio_codec=None), None, (OK, "rule.preview.plays")),
        (make_media(audio_codec="MPEG Audio"), None, (OK, "rule.preview.plays")),
        (make_media(video_codec="HEVC"), None, (OK, "rule.preview.will_convert")),
        (make_media(audio_codec="PCM"), None, (OK, "rule.preview.will_convert")),
        (make_media(container="mov"), None, (OK, "rule.preview.will_convert")),
        (make_media(video_codec="HEVC"), "moov atom not found", (ERROR, "rule.preview.failed")),
    ],
)
def test_preview_made_when_browsers_cannot_play_failure_is_an_error(
    media: MediaFacts, preview_error: str | None, expected: tuple[Severity, str]
) -> None:
    assert outcome("preview", media=media, preview_error=preview_error) == expected


def test_preview_notice_names_the_codecs() -> None:
    prores = make_media(container="mov", video_codec="ProRes", audio_codec="PCM")

    params = finding(evaluate(media=prores), "preview").params

    assert params == {"container": "mov", "video_codec": "ProRes", "audio_codec": "PCM"}


def test_duplicate_content_is_an_error_naming_the_other_codes() -> None:
    found = finding(
        evaluate(media=make_media(), duplicate_of=["GS-3", "GS-2", "GS-3"]), "duplicate"
    )

    assert (found.severity, found.params) == (ERROR, {"codes": "GS-2, GS-3"})


# --- text and paperwork -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("质" * 15, (OK, "rule.title.ok")),
        ("质" * 16, (ERROR, "rule.title.too_long")),
        ("质量 强国" * 3 + "建", (OK, "rule.title.ok")),
    ],
)
def test_micro_animation_title_of_15_ok_16_error(
    title: str, expected: tuple[Severity, str]
) -> None:
    assert outcome("title", make_entry(category=MA, title=title)) == expected


def test_title_limit_not_checked_for_micro_video() -> None:
    assert "title" not in [f.rule for f in evaluate(make_entry(title="质" * 30), make_media())]


@pytest.mark.parametrize(
    ("intro", "expected"),
    [
        (f"讲述质量故事。（{PRODUCER}）", (OK, "rule.intro_producer.ok")),
        (f"讲述质量故事。({PRODUCER})", (OK, "rule.intro_producer.ok")),
        ("讲述质量故事。（张掖文旅动漫）", (WARNING, "rule.intro_producer.differs")),
        ("讲述质量故事。", (ERROR, "rule.intro_producer.missing")),
        (f"讲述质量故事（{PRODUCER}）。", (ERROR, "rule.intro_producer.missing")),
    ],
)
def test_intro_must_end_with_the_producer_in_brackets(
    intro: str, expected: tuple[Severity, str]
) -> None:
    assert outcome("intro_producer", make_entry(category=MA, title="短", intro=intro)) == expected


def test_intro_with_a_different_name_says_which_name_it_found() -> None:
    entry = make_entry(category=MA, title="短", intro="讲述。（张掖文旅动漫）")

    params = finding(evaluate(entry, make_media()), "intro_producer").params

    assert params == {"found": "张掖文旅动漫", "producer": PRODUCER}


@pytest.mark.parametrize(("length", "severity"), [(140, OK), (141, ERROR)])
def test_intro_of_140_ok_141_error(length: int, severity: Severity) -> None:
    intro = "质" * (length - len(PRODUCER) - 2) + f"（{PRODUCER}）"
    entry = make_entry(category=MA, title="短", intro=intro)

    assert finding(evaluate(entry, make_media()), "intro_length").severity is severity


@pytest.mark.parametrize(
    ("copy_text", "expected"),
    [("质" * 50, (OK, "rule.copy_text.ok")), ("质" * 51, (ERROR, "rule.copy_text.too_long"))],
)
def test_micro_video_copy_of_50_ok_51_error(copy_text: str, expected: tuple[Severity, str]) -> None:
    assert outcome("copy_text", make_entry(copy_text=copy_text)) == expected


def test_copy_elements_missing_are_a_warning_naming_them() -> None:
    found = finding(evaluate(make_entry(place=" ", result=""), make_media()), "copy_elements")

    assert (found.severity, found.params) == (WARNING, {"fields": "地点/place, 结果/result"})


@pytest.mark.parametrize(
    ("synopsis", "expected"),
    [
        ("质" * 100, (OK, "rule.synopsis.ok")),
        ("质" * 101, (ERROR, "rule.synopsis.too_long")),
        ("", (ERROR, "rule.synopsis.empty")),
        (" \u3000\n", (ERROR, "rule.synopsis.empty")),
    ],
)
def test_synopsis_of_100_ok_101_or_empty_error(
    synopsis: str, expected: tuple[Severity, str]
) -> None:
    assert outcome("synopsis", make_entry(synopsis=synopsis)) == expected


@pytest.mark.parametrize(
    ("completed", "expected"),
    [
        (date(2020, 1, 1), (OK, "rule.completed_date.ok")),
        (date(2019, 12, 31), (ERROR, "rule.completed_date.too_early")),
        (None, (ERROR, "rule.completed_date.missing")),
    ],
)
def test_completed_date_required_and_not_before_2020(
    completed: date | None, expected: tuple[Severity, str]
) -> None:
    entry = make_entry(completed_date=completed, shot_date=None)

    assert outcome("completed_date", entry) == expected


@pytest.mark.parametrize(
    ("shot", "expected"),
    [
        (date(2023, 4, 2), (ERROR, "rule.date_order.error")),
        (date(2023, 4, 1), (OK, "rule.date_order.ok")),
        (None, (OK, "rule.date_order.ok")),
    ],
)
def test_shot_date_after_completed_date_is_an_error(
    shot: date | None, expected: tuple[Severity, str]
) -> None:
    assert outcome("date_order", make_entry(shot_date=shot)) == expected


def test_copyright_pledge_not_received_is_an_error() -> None:
    assert outcome("copyright_pledge", make_entry(copyright_pledge=False)) == (
        ERROR,
        "rule.copyright_pledge.missing",
    )


@pytest.mark.parametrize(
    ("incident", "lawful", "expected"),
    [
        (True, True, (OK, "rule.declarations.ok")),
        (False, True, (ERROR, "rule.declarations.incident")),
        (True, False, (ERROR, "rule.declarations.establishment")),
        (False, False, (ERROR, "rule.declarations.both")),
    ],
)
def test_declarations_must_both_be_yes(
    incident: bool, lawful: bool, expected: tuple[Severity, str]
) -> None:
    entry = make_entry(no_major_incident=incident, lawfully_established=lawful)

    assert outcome("declarations", entry) == expected


def test_missing_contacts_are_an_error_naming_them() -> None:
    found = finding(evaluate(make_entry(recommender="", contact=" "), make_media()), "contacts")

    assert (found.severity, found.params) == (
        ERROR,
        {"fields": "推荐单位/recommender, 联系人/contact"},
    )


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("13893100001", (OK, "rule.phone.ok")),
        ("0931-8533511", (OK, "rule.phone.ok")),
        ("09318533511", (OK, "rule.phone.ok")),
        ("+86 138 9310 0001", (OK, "rule.phone.ok")),
        ("12345", (ERROR, "rule.phone.malformed")),
        ("", (ERROR, "rule.phone.missing")),
    ],
)
def test_phone_forms(phone: str, expected: tuple[Severity, str]) -> None:
    assert outcome("phone", make_entry(phone=phone)) == expected


def _campaign(count: int, recommender: str = "兰州市市场监管局") -> list[Entry]:
    return [make_entry(code=f"GS-{n}", recommender=recommender) for n in range(1, count + 1)]


def test_recommender_with_three_entries_warns_on_each_of_them() -> None:
    siblings = _campaign(3)

    found = [
        finding(evaluate(e, make_media(), siblings=siblings), "recommender_load") for e in siblings
    ]

    assert [f.severity for f in found] == [WARNING, WARNING, WARNING]
    assert found[0].params == {
        "recommender": "兰州市市场监管局",
        "count": 3,
        "max_entries": 2,
        "others": "GS-2, GS-3",
    }
    assert found[2].params["others"] == "GS-1, GS-2"


def test_recommender_with_two_entries_is_ok() -> None:
    siblings = _campaign(2)

    found = finding(evaluate(siblings[0], make_media(), siblings=siblings), "recommender_load")

    assert (found.severity, found.params["count"]) == (OK, 2)


def test_recommender_names_compare_without_whitespace_and_count_the_entry_itself() -> None:
    entry = make_entry(code="GS-9", recommender="兰州市 市场监管局")

    found = finding(evaluate(entry, make_media(), siblings=_campaign(2)), "recommender_load")

    assert (found.severity, found.params["count"]) == (WARNING, 3)


def test_cqo_case_is_not_a_finding() -> None:
    plain = evaluate(make_entry(), make_media())

    assert evaluate(make_entry(cqo_case=True), make_media()) == plain


# --- subtitles ---------------------------------------------------------------------------


def _srt(second_start: str) -> str:
    return f"1\n00:00:00,000 --> 00:00:01,000\n甲\n\n2\n{second_start} --> 00:00:03,000\n乙\n"


@pytest.mark.parametrize(
    ("second_start", "severity"),
    [("00:00:01,400", WARNING), ("00:00:01,500", OK), ("00:00:01,000", OK)],
)
def test_subtitle_gap_of_0_4_s_warns_0_5_and_touching_pass(
    second_start: str, severity: Severity
) -> None:
    found = finding(evaluate(media=make_media(), subtitles=_srt(second_start)), "subtitle_gaps")

    assert found.severity is severity


def test_subtitle_gap_warning_names_cues_and_times() -> None:
    found = finding(evaluate(media=make_media(), subtitles=_srt("00:00:01,400")), "subtitle_gaps")

    assert found.params == {
        "count": 1,
        "gaps": "#1→#2 00:00:01,000–00:00:01,400 (0.4 s)",
        "min_gap": 0.5,
    }


def test_two_line_cue_warns_only_when_it_is_on_the_lower_track() -> None:
    text = "1\n00:00:00,000 --> 00:00:01,000\n第一行\n第二行\n"

    untagged = finding(evaluate(media=make_media(), subtitles=text), "subtitle_lines")
    as_lower = evaluate(media=make_media(), subtitles=text, subtitles_lower_track=True)

    assert untagged.message_key == "rule.subtitle_lines.no_lower_track"
    assert finding(as_lower, "subtitle_lines") == FindingDraft(
        rule="subtitle_lines",
        severity=WARNING,
        message_key="rule.subtitle_lines.crowded",
        params={"count": 1, "cues": "#1 00:00:00,000 ×2", "max_lines": 1},
    )


def test_one_line_cues_on_the_lower_track_pass() -> None:
    text = "1\n00:00:00,000 --> 00:00:01,000\n{\\an2}同期声一行\n"

    found = finding(evaluate(media=make_media(), subtitles=text), "subtitle_lines")

    assert (found.severity, found.params) == (OK, {"max_lines": 1})


def test_unreadable_subtitles_give_one_warning() -> None:
    findings = evaluate(media=make_media(), subtitles="1\nnot a time\n甲\n")

    subtitle = [f for f in findings if f.rule.startswith("subtitle_")]
    assert subtitle == [
        FindingDraft(
            rule="subtitle_gaps",
            severity=WARNING,
            message_key="rule.subtitle_gaps.unreadable",
            params={"line": 2, "content": "not a time"},
        )
    ]


def test_no_subtitles_no_subtitle_findings() -> None:
    assert not [f for f in evaluate(media=make_media()) if f.rule.startswith("subtitle_")]


# --- validation -------------------------------------------------------------------------


def _refusal(rules: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        validate_rules(rules)
    assert caught.value.key == "error.rules_invalid"
    return caught.value


MV_DURATION = ("rules", "duration", "limits", "micro_video")


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (
            (*MV_DURATION, "ok_max"),
            -5,
            "rules.duration.limits.micro_video.ok_max = -5 (0 < x ≤ 3600)",
        ),
        (
            (*MV_DURATION, "special_max"),
            "90",
            'rules.duration.limits.micro_video.special_max = "90" (0 < x ≤ 3600)',
        ),
        (
            ("rules", "aspect", "limits", "micro_video", "tolerance"),
            0,
            "rules.aspect.limits.micro_video.tolerance = 0 (0 < x ≤ 0.2)",
        ),
        (
            ("rules", "aspect", "limits", "micro_video", "tolerance"),
            0.21,
            "rules.aspect.limits.micro_video.tolerance = 0.21 (0 < x ≤ 0.2)",
        ),
        (("rules", "title", "enabled"), "yes", 'rules.title.enabled = "yes" (true | false)'),
        (("rules", "title", "severity"), "ok", 'rules.title.severity = "ok" (warning | error)'),
        (
            ("rules", "title", "limits", "micro_animation", "max_chars"),
            0,
            "rules.title.limits.micro_animation.max_chars = 0 (1, 2, 3, …)",
        ),
        (
            ("rules", "title", "limits", "micro_animation", "max_chars"),
            15.5,
            "rules.title.limits.micro_animation.max_chars = 15.5 (1, 2, 3, …)",
        ),
        (
            ("rules", "recommender_load", "max_entries"),
            True,
            "rules.recommender_load.max_entries = true (1, 2, 3, …)",
        ),
        (
            ("rules", "completed_date", "earliest"),
            "2020/01/01",
            'rules.completed_date.earliest = "2020/01/01" (YYYY-MM-DD)',
        ),
        (
            ("rules", "container", "limits", "micro_video", "ok"),
            ["mp4", "avi"],
            'rules.container.limits.micro_video.ok = ["mp4", "avi"] (⊆ {mp4, mov, other})',
        ),
        (
            ("rules", "resolution", "limits", "micro_video", "sizes"),
            [[1920]],
            "rules.resolution.limits.micro_video.sizes = [[1920]] ([[w, h], …], w, h ≥ 1)",
        ),
        (
            ("rules", "subtitle_gaps", "min_gap_s"),
            float("nan"),
            "rules.subtitle_gaps.min_gap_s = NaN (0 < x ≤ 10)",
        ),
        (("format",), 2, "format = 2 (= 1)"),
    ],
)
def test_validate_refuses_a_bad_value_saying_what_it_must_be(
    path: tuple[str, ...], value: Any, problem: str
) -> None:
    refusal = _refusal(edited(*path, value=value))

    assert refusal.params == {"count": 1, "path": problem.split(" ")[0], "problems": problem}


def test_validate_refuses_warn_limit_above_error_limit() -> None:
    rules = edited(*MV_DURATION, "warn_max", value=100)

    refusal = _refusal(rules)

    assert refusal.params["problems"] == (
        'rules.duration.limits.micro_video = {"ok_max": 20.0, "warn_max": 100, '
        '"special_max": 90.0} (ok_max ≤ warn_max ≤ special_max)'
    )


def test_validate_refuses_a_value_both_ok_and_warning() -> None:
    rules = edited("rules", "container", "limits", "micro_video", "warning", value=["mp4"])

    assert _refusal(rules).params["path"] == "rules.container.limits.micro_video"


def test_validate_collects_every_problem_unknown_and_missing_keys_included() -> None:
    rules = edited("rules", "aspect", "limits", "micro_video", "tolerence", value=0.01)
    del rules["rules"]["phone"]["severity"]
    rules["rules"]["duration"]["limits"]["micro_animation"]["ok_max"] = -1

    refusal = _refusal(rules)

    assert refusal.params == {
        "count": 3,
        "path": "rules.aspect.limits.micro_video.tolerence",
        "problems": "rules.aspect.limits.micro_video.tolerence: —; "
        "rules.duration.limits.micro_animation.ok_max = -1 (0 < x ≤ 3600); "
        "rules.phone.severity: ∅",
    }


@pytest.mark.parametrize("candidate", [None, [], "rules", {"format": 1}])
def test_validate_refuses_what_is_not_a_rule_set(candidate: Any) -> None:
    assert _refusal(candidate).params["count"] >= 1


def test_validate_cleans_numbers_and_lists() -> None:
    rules = edited(*MV_DURATION, "ok_max", value=25)
    rules["rules"]["title"]["limits"]["micro_animation"]["max_chars"] = 16.0
    rules["rules"]["aspect"]["limits"]["micro_video"]["targets"] = ((16, 9),)

    cleaned = validate_rules(rules)

    assert cleaned["rules"]["duration"]["limits"]["micro_video"]["ok_max"] == 25.0
    assert isinstance(cleaned["rules"]["duration"]["limits"]["micro_video"]["ok_max"], float)
    assert cleaned["rules"]["title"]["limits"]["micro_animation"]["max_chars"] == 16
    assert isinstance(cleaned["rules"]["title"]["limits"]["micro_animation"]["max_chars"], int)
    assert cleaned["rules"]["aspect"]["limits"]["micro_video"]["targets"] == [[16, 9]]


def test_rule_problems_is_empty_for_the_default_set() -> None:
    assert rule_problems(DEFAULT_RULES) == []


def test_finding_draft_is_frozen() -> None:
    draft = FindingDraft(rule="media", severity=OK, message_key="rule.media.ok", params={})

    with pytest.raises(AttributeError):
        draft.rule = "x"  # type: ignore[misc]
    assert replace(draft, severity=ERROR).severity is ERROR


# --- messages ---------------------------------------------------------------------------


def test_every_finding_renders_in_both_languages() -> None:
    entry = make_entry(category=MA, title="质" * 16, intro="简介。（别的单位）", phone="1")
    media = make_media(container="mov", width=2560, height=1440, duration_s=95.0)
    findings = evaluate(entry, media, duplicate_of=["GS-2"], subtitles=_srt("00:00:01,400"))
    findings += evaluate(make_entry(completed_date=date(2019, 1, 1)), None)

    for found in findings:
        for lang in ("zh", "en"):
            text = translate(found.message_key, lang, **found.params)
            assert text != found.message_key, (found.message_key, lang)
