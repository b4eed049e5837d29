"""Platform names as people type them (SPEC §5): 抖音/Douyin/DY → douyin …"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from scoring.errors import InvalidInput

PLATFORM_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "douyin": ("抖音", "抖音短视频", "douyin", "dy"),
    "kuaishou": ("快手", "kuaishou", "ks"),
    "wechat_channels": ("微信视频号", "视频号", "wechat_channels", "wechat channels"),
    "bilibili": ("哔哩哔哩", "B站", "bilibili"),
    "weibo": ("微博", "新浪微博", "weibo"),
    "toutiao": ("今日头条", "头条", "toutiao"),
    "ixigua": ("西瓜视频", "ixigua"),
    "xiaohongshu": ("小红书", "xiaohongshu"),
    "samr": ("市场监管总局官网", "总局官网", "市场监管总局", "市说新语", "samr"),
}


def fold_name(text: str) -> str:
    """A name compared without width, case or spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


_PLATFORM_BY_NAME: Final = {
    fold_name(alias): code for code, aliases in PLATFORM_ALIASES.items() for alias in aliases
}


@dataclass(frozen=True)
class Platform:
    """A normalised platform code; ``known`` is False for a name seen for the first time."""

    code: str
    known: bool


def normalise_platform(text: str) -> Platform:
    """抖音/Douyin/DY → douyin …; any other name becomes a lower-case slug (Chinese kept)."""
    if not text.strip():
        raise InvalidInput("platform.empty")
    code = _PLATFORM_BY_NAME.get(fold_name(text))
    if code is not None:
        return Platform(code, known=True)
    slug = re.sub(r"\W+", "_", unicodedata.normalize("NFKC", text).lower()).strip("_")
    if not slug:
        raise InvalidInput("platform.invalid", value=text.strip())
    return Platform(slug, known=False)
