"""The entry table's columns (SPEC §2): Chinese and English headers, and their words.

Headers come from the registration form (附件4) and the summary table (附件5).
"""

from __future__ import annotations

from typing import Final

from scoring.enums import Category

# field → accepted headers (first Chinese one is the canonical header for exports)
HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "code": ("作品编号", "code"),
    "title": ("作品名称", "title"),
    "category": ("作品类别", "category"),
    "duration_declared": ("片长", "declared_duration", "duration_declared"),
    "producer": ("拍摄单位", "创作单位", "制作单位", "producer"),
    "shot_date": ("拍摄时间", "shot_date"),
    "completed_date": ("完成时间", "completed_date"),
    "synopsis": ("作品简介", "内容简介", "synopsis"),
    "copy_text": ("视频文案", "copy_text"),
    "place": ("地点", "place"),
    "people": ("人物", "people"),
    "event": ("事件", "event"),
    "result": ("结果", "result"),
    "intro": ("视频简介", "intro"),
    "submitter": ("报送单位", "submitter"),
    "submitter_type": ("报送主体类型", "submitter_type"),
    "recommender": ("推荐单位", "recommender"),
    "contact": ("联系人", "contact"),
    "phone": ("联系电话", "phone"),
    "cqo_case": ("首席质量官案例", "cqo_case"),
    "media_file": ("视频文件", "media_file"),
    "platform_links": ("展播链接", "platform_links"),
    "copyright_pledge": ("版权承诺书", "copyright_pledge"),
    "no_major_incident": ("无重大事故", "no_major_incident"),
    "lawfully_established": ("依法设立", "lawfully_established"),
}

CATEGORY_WORDS: Final[dict[str, Category]] = {
    "微视频": Category.MICRO_VIDEO,
    "micro_video": Category.MICRO_VIDEO,
    "微动漫": Category.MICRO_ANIMATION,
    "micro_animation": Category.MICRO_ANIMATION,
}

CATEGORY_LABELS_ZH: Final[dict[Category, str]] = {
    Category.MICRO_VIDEO: "微视频",
    Category.MICRO_ANIMATION: "微动漫",
}

YES_WORDS: Final = frozenset({"是", "yes", "y", "true", "1", "已提交", "submitted"})
NO_WORDS: Final = frozenset({"否", "no", "n", "false", "0", "未提交", "not_submitted", ""})

SUBMITTER_TYPES: Final = ("成员单位", "企业", "行业协会", "市场监管部门", "个人")


def field_for_header(header: str) -> str | None:
    """The entry field a column header names, or None if it names none."""
    wanted = header.strip().lstrip("\ufeff").lower()
    for name, aliases in HEADERS.items():
        if wanted in (a.lower() for a in aliases):
            return name
    return None


def parse_category(word: str) -> Category | None:
    """微视频/micro_video → MICRO_VIDEO …; None when the word is not a category."""
    return CATEGORY_WORDS.get(word.strip().lower() if word.isascii() else word.strip())


def parse_yes_no(word: str) -> bool | None:
    """是/已提交/yes → True, 否/未提交/no/empty → False, anything else None."""
    text = word.strip().lower()
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    return None
