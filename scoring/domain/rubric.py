"""The default rubric (SPEC §4), taken from the notice's 作品风格 and 作品版权 clauses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class CriterionSpec:
    """A rubric line before it belongs to a campaign."""

    key: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    weight: float


DEFAULT_RUBRIC: Final = (
    CriterionSpec(
        "lively",
        "生动活泼，观赏性强",
        "Lively, watchable, in the short-video style",
        "按照抖音平台风格制作，节奏明快，画面和叙事吸引人看完。",
        "Made in the style of Douyin: brisk, with pictures and story that hold the viewer "
        "to the end.",
        25,
    ),
    CriterionSpec(
        "inspiring",
        "启发性、感染力",
        "Inspiring and moving",
        "能引发观众对质量的思考，情感真挚，有感染力。",
        "Makes the viewer think about quality; sincere and moving.",
        20,
    ),
    CriterionSpec(
        "not_advert",
        "不像广告推介、工作总结、呆板说教",
        "Does not read like an advert, a work report or a lecture",
        "力戒拍成广告推介、工作总结、呆板说教的视频。",
        "Avoids looking like an advertisement, a work summary or a dull lecture.",
        20,
    ),
    CriterionSpec(
        "theme",
        "主题鲜明、导向正确，讲好质量故事",
        "Clear theme, right message, tells a quality story",
        "主题突出质量强国建设，导向正确，以具体人物和事件讲好中国质量故事。",
        "A clear theme of building a quality-strong nation, the right message, a quality "
        "story told through real people and events.",
        15,
    ),
    CriterionSpec(
        "clarity",
        "画面清晰、制作精良",
        "Clear picture, well made",
        "画面清晰稳定，声音清楚，剪辑、字幕和制作精良。",
        "Sharp, steady picture, clear sound, careful editing and subtitles.",
        10,
    ),
    CriterionSpec(
        "original",
        "原创首发",
        "Original, first release",
        "优先推荐原创首发作品；非原创或已广泛传播的作品酌情减分。",
        "Original works released here first are preferred; reused or widely circulated "
        "material scores lower.",
        10,
    ),
)

MARK_MIN: Final = 0.0
MARK_MAX: Final = 10.0
MARK_STEP: Final = 0.5
