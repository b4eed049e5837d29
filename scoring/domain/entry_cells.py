"""One cell of an entry table: its text checked and turned into the field's value (SPEC §2).

Each parser raises InvalidInput with a catalog key saying what to write instead. Also
here: how a declared video name is made safe and matched against the files that exist.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import Final

from scoring import formulas
from scoring.domain.entry_fields import (
    CATEGORY_WORDS,
    SUBMITTER_TYPES,
    parse_category,
    parse_yes_no,
)
from scoring.domain.text_checks import count_chars
from scoring.enums import Category
from scoring.errors import InvalidInput

# Storage limits (SPEC §2 is silent): longer cells are pasting mistakes, not entries. The
# notice's own limits (title ≤15 for micro-animation, synopsis ≤100 …) are findings.
CODE_MAX_CHARS: Final = 40
TITLE_MAX_CHARS: Final = 100
TEXT_MAX_CHARS: Final = 2000
FLAG_FIELDS: Final = ("cqo_case", "copyright_pledge", "no_major_incident", "lawfully_established")
SUBMITTER_TYPE_WORDS: Final = {
    **{word: word for word in SUBMITTER_TYPES},
    "member_unit": "成员单位",
    "enterprise": "企业",
    "industry_association": "行业协会",
    "market_regulator": "市场监管部门",
    "individual": "个人",
}
_PHONE_PLUS: Final = re.compile(r"\+[\d\s-]+")  # +86 138…: a country code, not a formula
_DATE: Final = re.compile(
    r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_LINK: Final = re.compile(r"([^=\s]+)\s*=\s*(https?://\S+)")
_DRIVE: Final = re.compile(r"[A-Za-z]:")
_INVISIBLE: Final = frozenset({"Cc", "Cf"})  # control and format characters (NUL, RLO…)


def formula_like(field: str, text: str) -> bool:
    """True when a spreadsheet would read the cell as a formula (a phone's +86 is not)."""
    if field == "phone" and _PHONE_PLUS.fullmatch(unicodedata.normalize("NFKC", text)):
        return False
    return formulas.formula_like(text)


# --- one parser per kind of cell: text → value, or InvalidInput saying what to write ----


def parse_text(text: str, column: str, *, most: int = TEXT_MAX_CHARS) -> str:
    """Free text of at most ``most`` characters (counted as SPEC §2 counts them)."""
    chars = count_chars(text)
    if chars > most:
        raise InvalidInput("entry_import.too_long", column=column, chars=chars, max_chars=most)
    return text


def _required(text: str, column: str) -> str:
    if not text:
        raise InvalidInput("entry_import.required", column=column)
    return parse_text(text, column)


def parse_code(text: str, column: str) -> str:
    """An entry code: required, no spaces or invisible characters, at most 40 long."""
    _required(text, column)
    if len(text) > CODE_MAX_CHARS or any(c.isspace() or not c.isprintable() for c in text):
        raise InvalidInput("entry_import.code_invalid", most=CODE_MAX_CHARS)
    return text


def _title(text: str, column: str) -> str:
    _required(text, column)
    return parse_text(text, column, most=TITLE_MAX_CHARS)


def _category(text: str, column: str) -> Category:
    _required(text, column)
    found = parse_category(text)
    if found is None:
        raise InvalidInput("entry_import.category_unknown", accepted=" / ".join(CATEGORY_WORDS))
    return found


def parse_date_text(text: str) -> date | None:
    """``2023-04-18``, ``2023/4/18``, ``2023.4.18``, ``2023年4月18日`` (a time after it is
    ignored); empty → None; anything else, or a day that does not exist, raises."""
    if not text:
        return None
    found = _DATE.fullmatch(text.strip())
    if found is None:
        raise InvalidInput("entry_import.date_invalid")
    year, month, day = (
        found.group(1),
        found.group(2) or found.group(4),
        found.group(3) or found.group(5),
    )
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise InvalidInput("entry_import.date_invalid") from None


def _date(text: str, column: str) -> date | None:
    return parse_date_text(text)


def _flag(text: str, column: str) -> bool:
    found = parse_yes_no(text)
    if found is None:
        raise InvalidInput("entry_import.yes_no_invalid")
    return found


def _submitter_type(text: str, column: str) -> str:
    if not text:
        return ""
    found = SUBMITTER_TYPE_WORDS.get(text if not text.isascii() else text.lower())
    if found is None:
        raise InvalidInput(
            "entry_import.submitter_type_unknown", accepted=" / ".join(SUBMITTER_TYPES)
        )
    return found


def _links(text: str, column: str) -> str:
    parts = [p.strip() for p in re.split(r"[;；\n]", text) if p.strip()]
    bad = [p for p in parts if not _LINK.fullmatch(p)]
    if bad:
        raise InvalidInput("entry_import.links_invalid", part=bad[0])
    return "; ".join(parts)


def safe_media_name(text: str) -> str:
    """The declared video name as a relative name inside the media folder (``/`` between
    parts, NFC); ``../``, absolute paths and control characters raise."""
    name = unicodedata.normalize("NFC", text.strip()).replace("\\", "/")
    parts = name.split("/")
    if (
        any(unicodedata.category(c) in _INVISIBLE for c in name)
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(p.strip() in ("", ".", "..") for p in parts)
    ):
        raise InvalidInput("entry_import.media_name_unsafe")
    return name


def _media_file(text: str, column: str) -> str:
    return safe_media_name(parse_text(text, column)) if text else ""


PARSERS: Final[dict[str, Callable[[str, str], object]]] = {
    "code": parse_code,
    "title": _title,
    "category": _category,
    "producer": _required,
    "shot_date": _date,
    "completed_date": _date,
    "submitter_type": _submitter_type,
    "platform_links": _links,
    "media_file": _media_file,
    **dict.fromkeys(FLAG_FIELDS, _flag),
}


# --- matching a declared name against the files that are there --------------------------


def media_key(name: str) -> str:
    """How a file's relative name is compared: NFC, ``/`` between parts."""
    return unicodedata.normalize("NFC", name).replace("\\", "/")


def find_media(declared: str, available: Iterable[str]) -> list[str]:
    """The available names ``declared`` means: exact, else ignoring case, else (for a bare
    name) the same file name in a subfolder. More than one means it is ambiguous."""
    names = sorted(set(available))
    wanted = declared.casefold()
    if declared in names:
        return [declared]
    found = [n for n in names if n.casefold() == wanted]
    if not found and "/" not in declared:
        found = [n for n in names if n.rsplit("/", 1)[-1].casefold() == wanted]
    return found
