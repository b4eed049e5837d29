"""What a blind judge may read (SPEC §4): who made and sent an entry is hidden everywhere.

Names are compared as a person reads them: after NFKC (full- and half-width brackets and
letters alike), case-folded, with whitespace and invisible format characters (U+200B …)
removed. The same comparison decides whether a judge's unit is an entry's party.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any, Final

from scoring.domain.text_checks import trailing_bracket
from scoring.records.entries import Entry

HIDDEN: Final = "＊＊"  # stands where a name was removed
PARTIES: Final = ("producer", "submitter", "recommender", "contact", "unit")
HIDDEN_FIELDS: Final = (*PARTIES, "submitter_type", "phone", "media_file", "platform_links")
SHOWN_TEXT: Final = (
    "title",
    "synopsis",
    "copy_text",
    "place",
    "people",
    "event",
    "result",
    "intro",
)
_SHORTEST: Final = 2  # a one-character "name" would blank ordinary words
_OPEN: Final = "("
_CLOSE: Final = ")"


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded for comparison, and for each folded character its index in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        for part in unicodedata.normalize("NFKC", ch).casefold():
            if part.isspace() or unicodedata.category(part) == "Cf":
                continue
            chars.append(part)
            where.append(index)
    return "".join(chars), where


def unit_key(name: str) -> str:
    """A unit or person name as it is compared."""
    return _folded(unicodedata.normalize("NFC", name))[0]


def same_unit(left: str, right: str) -> bool:
    """True when two non-empty names are the same name as a reader sees it."""
    key = unit_key(left)
    return bool(key) and key == unit_key(right)


def _variants(name: str) -> set[str]:
    """The name, without its bracket marks, and without its bracketed parts (集团 …)."""
    key = unit_key(name)
    unbracketed, depth = [], 0
    for ch in key:
        depth += ch == _OPEN
        if depth == 0 and ch not in _CLOSE:
            unbracketed.append(ch)
        depth -= ch == _CLOSE and depth > 0
    marks_removed = key.replace(_OPEN, "").replace(_CLOSE, "")
    return {v for v in (key, marks_removed, "".join(unbracketed)) if len(v) >= _SHORTEST}


def hide_names(text: str, names: list[str]) -> str:
    """``text`` with every occurrence of any of ``names`` replaced by ``HIDDEN``."""
    base = unicodedata.normalize("NFC", text)
    folded, where = _folded(base)
    covered = [False] * len(base)
    for variant in set().union(*map(_variants, names)) if names else set():
        start = folded.find(variant)
        while start >= 0:
            for index in range(where[start], where[start + len(variant) - 1] + 1):
                covered[index] = True
            start = folded.find(variant, start + 1)
    if not any(covered):
        return text
    out: list[str] = []
    for index, ch in enumerate(base):
        if not covered[index]:
            out.append(ch)
        elif index == 0 or not covered[index - 1]:
            out.append(HIDDEN)
    return "".join(out)


def blind_copy(entry: Entry) -> Entry:
    """The entry as a blind judge sees it.

    The intro's closing bracket holds the producer by the notice's rule (附件1 二.3), read
    with the same nesting as the compliance check; the parties' names are then removed
    from every text shown, and the fields naming them (and the file name) are blanked.
    """
    intro = entry.intro
    found = trailing_bracket(intro)
    if found is not None:
        intro = intro[: found[0]].rstrip()
    names = [getattr(entry, party) for party in PARTIES]
    changes: dict[str, Any] = {
        field: hide_names(getattr(entry, field), names) for field in SHOWN_TEXT
    }
    changes["intro"] = hide_names(intro, names)
    changes.update(dict.fromkeys(HIDDEN_FIELDS, ""))
    return replace(entry, **changes)
