"""Checks on an entry's words: character counts, phone numbers, the intro's bracket, dates,
and ``.srt`` subtitles (SPEC §2, §3; the notice's 附件1).

Characters are counted as a reader sees them: whitespace removed, full-width and half-width
each one, an emoji (even one built of several code points) one.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from scoring.errors import InvalidInput

_ZWJ: Final = "\u200d"
_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_MOBILE: Final = re.compile(r"1[3-9]\d{9}")
# 0 + 2–3 digit area code, optional hyphen or space, 7–8 digits, optional extension -123.
_LANDLINE: Final = re.compile(r"0\d{2,3}[- ]?\d{7,8}(?:-\d{1,6})?")
_COUNTRY: Final = re.compile(r"(?:\+|00)86[- ]?")
_OPEN: Final = "（("
_CLOSE: Final = "）)"
_TIME: Final = r"(\d{1,2}):(\d{2}):(\d{2})[,.](\d{1,3})"
_TIMING: Final = re.compile(rf"{_TIME}\s*-->\s*{_TIME}")
_POSITION: Final = re.compile(r"\{\\an([1-9])\}")
_TAGS: Final = re.compile(r"\{[^}]*\}|<[^>]+>")
LOWER_POSITIONS: Final = frozenset({1, 2, 3})  # ASS numpad: bottom row = 同期声 line


# Printable ASCII, CJK symbols and punctuation (without the combining tone marks
# U+302A–302F), CJK ideographs and full-width forms: NFC leaves them alone and none joins its
# neighbour, so a text of only these has one glyph per code point.
_PLAIN: Final = re.compile(r"[\x20-\x7e\u3000-\u3029\u3030-\u303f\u4e00-\u9fff\uff01-\uff60]*")


def compact(text: str) -> str:
    """``text`` with every whitespace character removed (full-width space included)."""
    return "".join(ch for ch in text if not ch.isspace())


def _extends(ch: str) -> bool:
    """True for code points drawn as part of the previous character."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors (❤ + VS16 = ❤️)
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # emoji tag sequences (subdivision flags)
    )


def count_chars(text: str) -> int:
    """Characters as a reader counts them (SPEC §2): whitespace removed, each glyph one.

    Combining marks, emoji modifiers and zero-width joiner sequences join the character
    before them; two regional indicators make one flag; invisible format characters
    (zero-width space, BOM) do not count.
    """
    if _PLAIN.fullmatch(text):  # most cells: one glyph per code point, ~6× faster
        return len(text) - sum(map(str.isspace, text))
    count, joined, open_flag = 0, False, False
    for ch in unicodedata.normalize("NFC", text):
        if ch == _ZWJ:
            joined = True
            continue
        if ch.isspace() or _extends(ch) or unicodedata.category(ch) == "Cf":
            continue
        if joined:
            joined = False
            continue
        if 0x1F1E6 <= ord(ch) <= 0x1F1FF:
            open_flag = not open_flag
            if not open_flag:
                continue
        else:
            open_flag = False
        count += 1
    return count


def classify_phone(text: str) -> str | None:
    """``mobile`` or ``landline`` for a valid Chinese number, else None.

    Full-width digits and signs are read as half-width; a leading +86 or 0086 is dropped
    (a landline given internationally, +86 931 …, gets its trunk 0 back).
    """
    number = unicodedata.normalize("NFKC", text).translate(_DASHES).strip()
    prefix = _COUNTRY.match(number)
    if prefix:
        number = number[prefix.end() :]
        if number[:1] not in ("0", "1"):
            number = "0" + number
    if _MOBILE.fullmatch(re.sub(r"[- ]", "", number)):
        return "mobile"
    if _LANDLINE.fullmatch(number):
        return "landline"
    return None


@dataclass(frozen=True)
class BracketCheck:
    """How an intro ends: ``verdict`` is ok, missing or differs; ``found`` the bracketed name."""

    verdict: str
    found: str = ""


def check_intro_producer(*, intro: str, producer: str) -> BracketCheck:
    """Does the intro END with （name）/(name) naming the producer in full? (附件1 二.3)

    Brackets nest, so a name like 某某（集团）有限公司 is read whole; full- and half-width
    brackets are both accepted. Names compare after NFKC and removing whitespace.
    """
    bracket = trailing_bracket(intro)
    if bracket is None:
        return BracketCheck("missing")
    found = bracket[1].strip()
    return BracketCheck("ok" if _same_name(found, producer) else "differs", found)


def trailing_bracket(text: str) -> tuple[int, str] | None:
    """Where the bracket group ending ``text`` opens, and what it holds; None if none.

    Brackets nest and full- and half-width ones match each other: the group of
    ``故事（某某（集团）有限公司）`` holds ``某某（集团）有限公司``.
    """
    text = text.rstrip()
    if not text or text[-1] not in _CLOSE:
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in _CLOSE:
            depth += 1
        elif text[index] in _OPEN:
            depth -= 1
            if depth == 0:
                return index, text[index + 1 : -1]
    return None


def _same_name(left: str, right: str) -> bool:
    return compact(unicodedata.normalize("NFKC", left)) == compact(
        unicodedata.normalize("NFKC", right)
    )


def completed_date_problem(completed: date | None, *, earliest: date) -> str | None:
    """``missing`` or ``too_early`` (the notice: made after 2020-01-01), else None."""
    if completed is None:
        return "missing"
    return "too_early" if completed < earliest else None


def shot_after_completed(*, shot: date | None, completed: date | None) -> bool:
    """True when both dates are known and shooting is dated after completion."""
    return shot is not None and completed is not None and shot > completed


@dataclass(frozen=True, kw_only=True)
class Cue:
    """One subtitle of an ``.srt`` file; ``lower`` means the 同期声 track (bottom line).

    ``position`` is the ASS numpad tag ({\\an8} → 8) or None; an untagged cue is drawn at
    the bottom, like {\\an2}, but only counts as 同期声 when the file is given as that track.
    """

    number: int
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    lower: bool
    position: int | None = None

    @property
    def raised(self) -> bool:
        """True when drawn above the bottom row ({\\an4} … {\\an9}, e.g. the title)."""
        return self.position is not None and self.position >= 4


@dataclass(frozen=True, kw_only=True)
class Gap:
    """A pause between two consecutive cues of one track."""

    before: int
    after: int
    end_ms: int
    start_ms: int

    @property
    def gap_ms(self) -> int:
        """Length of the pause in milliseconds."""
        return self.start_ms - self.end_ms


def _ms(hours: str, minutes: str, seconds: str, fraction: str) -> int:
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(
        fraction.ljust(3, "0")
    )


def format_srt_time(ms: int) -> str:
    """``HH:MM:SS,mmm`` as written in ``.srt`` files."""
    seconds, milli = divmod(ms, 1000)
    minutes, sec = divmod(seconds, 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}:{sec:02d},{milli:03d}"


def parse_srt(text: str, *, lower_track: bool = False) -> list[Cue]:
    """Cues of an ``.srt`` file; raise InvalidInput naming the first unreadable line.

    A cue is on the lower (同期声) track when it carries {\\an1}, {\\an2} or {\\an3}, or
    when the whole file is given as that track (``lower_track``).
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[Cue] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line.strip()))
        elif block:
            cues.append(_cue(block, ordinal=len(cues) + 1, lower_track=lower_track))
            block = []
    return cues


def _cue(block: list[tuple[int, str]], *, ordinal: int, lower_track: bool) -> Cue:
    if block[0][1].isdigit() and len(block) > 1:
        number, block = int(block[0][1]), block[1:]
    else:
        number = ordinal  # a file without cue numbers: count them
    line_no, timing = block[0]
    match = _TIMING.match(timing)  # coordinates may follow the times
    if match is None:
        raise InvalidInput("error.srt_invalid", line=line_no, content=timing[:60])
    start, end = _ms(*match.groups()[:4]), _ms(*match.groups()[4:])
    if end < start:
        raise InvalidInput("error.srt_invalid", line=line_no, content=timing[:60])
    body = [text for _, text in block[1:]]
    tags = [int(tag) for text in body for tag in _POSITION.findall(text)]
    shown = tuple(s for s in (_TAGS.sub("", text).strip() for text in body) if s)
    position = tags[0] if tags else None
    lower = lower_track or position in LOWER_POSITIONS
    return Cue(
        number=number, start_ms=start, end_ms=end, lines=shown, lower=lower, position=position
    )


def find_short_gaps(cues: Sequence[Cue], *, min_gap_ms: int) -> list[Gap]:
    """Pauses longer than 0 and shorter than ``min_gap_ms`` between consecutive cues.

    附件1: 两屏字幕间不可出现小于 0.5 秒的空隙. Touching (0) or overlapping cues are no
    gap. Bottom-row cues and raised cues (a title at the top) are followed apart, each in
    time order, since a title shown over several screens does not blink between them.
    """
    gaps: list[Gap] = []
    for raised in (False, True):
        track = sorted((c for c in cues if c.raised is raised), key=lambda c: c.start_ms)
        for first, second in itertools.pairwise(track):
            if 0 < second.start_ms - first.end_ms < min_gap_ms:
                gaps.append(
                    Gap(
                        before=first.number,
                        after=second.number,
                        end_ms=first.end_ms,
                        start_ms=second.start_ms,
                    )
                )
    return sorted(gaps, key=lambda g: g.end_ms)


def find_crowded_lower_cues(cues: Sequence[Cue], *, max_lines: int = 1) -> list[Cue]:
    """Lower-track (同期声) cues showing more than ``max_lines`` lines (附件1: 同期声字幕限一行)."""
    return [c for c in cues if c.lower and len(c.lines) > max_lines]
