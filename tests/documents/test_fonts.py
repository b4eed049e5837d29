"""Finding a Chinese font at run time, and saying what to install when there is none."""

from __future__ import annotations

import os

import pytest

from scoring.documents.fonts import find_cjk_fonts, pick_fonts
from scoring.errors import DocumentProblem

NOTO = "/usr/share/fonts/opentype/noto"


def test_pick_fonts_takes_serif_for_body_and_sans_for_headings() -> None:
    found = {
        "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "Noto Sans CJK SC": f"{NOTO}/NotoSansCJK-Regular.ttc",
        "Noto Serif CJK SC": f"{NOTO}/NotoSerifCJK-Regular.ttc",
    }
    fonts = pick_fonts(found)
    assert (fonts.serif, fonts.sans, fonts.folders) == (
        "Noto Serif CJK SC",
        "Noto Sans CJK SC",
        (NOTO,),
    )


def test_pick_fonts_uses_the_one_family_present_for_both() -> None:
    fonts = pick_fonts({"WenQuanYi Zen Hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"})
    assert (fonts.serif, fonts.sans, fonts.folders) == (
        "WenQuanYi Zen Hei",
        "WenQuanYi Zen Hei",
        ("/usr/share/fonts/truetype/wqy",),
    )


def test_without_a_chinese_font_the_message_says_what_to_install() -> None:
    with pytest.raises(DocumentProblem) as caught:
        pick_fonts({"DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"})
    assert caught.value.key == "error.cjk_font_missing"
    assert "apt-get install fonts-noto-cjk" in caught.value.message("zh")
    assert "apt-get install fonts-noto-cjk" in caught.value.message("en")


def test_noto_cjk_installed_by_ci_is_found() -> None:
    if not os.path.isdir(NOTO) and os.environ.get("CI") != "true":
        pytest.skip("fonts-noto-cjk is not installed here (CI installs it)")
    fonts = find_cjk_fonts()
    assert (fonts.serif, fonts.sans, fonts.folders) == (
        "Noto Serif CJK SC",
        "Noto Sans CJK SC",
        (NOTO,),
    )
