"""Platform names as people type them (scoring.domain.platforms)."""

from __future__ import annotations

import pytest

from scoring.domain.platforms import Platform, normalise_platform
from scoring.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("抖音", "douyin"),
        ("douyin", "douyin"),
        ("Douyin", "douyin"),
        ("DY", "douyin"),
        (" 抖音 ", "douyin"),
        ("快手", "kuaishou"),
        ("微信视频号", "wechat_channels"),
        ("视频号", "wechat_channels"),
        ("哔哩哔哩", "bilibili"),
        ("B站", "bilibili"),
        ("ｂ站", "bilibili"),
        ("bilibili", "bilibili"),
        ("微博", "weibo"),
        ("新浪微博", "weibo"),
        ("今日头条", "toutiao"),
        ("头条", "toutiao"),
        ("西瓜视频", "ixigua"),
        ("小红书", "xiaohongshu"),
        ("市场监管总局官网", "samr"),
        ("总局官网", "samr"),
        ("市场监管总局", "samr"),
        ("市说新语", "samr"),
        ("SAMR", "samr"),
    ],
)
def test_known_platform_names_normalised(text: str, code: str) -> None:
    assert normalise_platform(text) == Platform(code, known=True)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("YouTube Shorts", "youtube_shorts"),
        ("腾讯 视频", "腾讯_视频"),
        ("甘肃省局-公众号", "甘肃省局_公众号"),
    ],
)
def test_unknown_platform_kept_as_a_slug(text: str, slug: str) -> None:
    assert normalise_platform(text) == Platform(slug, known=False)


@pytest.mark.parametrize(("text", "key"), [("", "platform.empty"), ("!!!", "platform.invalid")])
def test_platform_without_a_name_refused(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise_platform(text)
    assert caught.value.key == key
