"""Finding a Chinese (CJK) font on this machine at run time, for Typst to embed.

Debian's ``fonts-noto-cjk`` (CI installs it) puts Noto Serif/Sans CJK under
/usr/share/fonts/opentype/noto/; they are OpenType collections with CFF outlines, which
Typst embeds as they are. Nothing is downloaded: without a CJK font no PDF is made, and the
message says what to install.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import typst

from scoring.errors import DocumentProblem

# Body text (宋体-like) first, headings (黑体-like) second; the first present family wins.
SERIF: Final = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Noto Serif SC")
SANS: Final = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)


@dataclass(frozen=True)
class CjkFonts:
    """The families a document uses and the folders holding their files."""

    serif: str
    sans: str
    folders: tuple[str, ...]


def pick_fonts(found: dict[str, str]) -> CjkFonts:
    """Choose body and heading families from ``found`` (family → file path)."""
    serif = next((f for f in SERIF if f in found), None)
    sans = next((f for f in SANS if f in found), None)
    if serif is None and sans is None:
        raise DocumentProblem("error.cjk_font_missing", wanted=", ".join((*SERIF, *SANS)))
    serif, sans = serif or sans, sans or serif
    assert serif is not None and sans is not None
    folders = sorted({str(Path(found[f]).parent) for f in (serif, sans)})
    return CjkFonts(serif=serif, sans=sans, folders=tuple(folders))


@functools.cache
def find_cjk_fonts() -> CjkFonts:
    """The CJK fonts installed here (looked up once per process; a failure is not cached)."""
    installed = typst.Fonts(include_system_fonts=True, include_embedded_fonts=False)
    found = {f.family: f.path for f in installed.fonts() if f.path}
    return pick_fonts(found)
