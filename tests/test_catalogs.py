"""Both language catalogs hold the same keys, placeholders, and every key the code uses."""

from __future__ import annotations

import re
import string
from pathlib import Path

from scoring.i18n import catalog

ROOT = Path(__file__).resolve().parents[1]
# t("x.y"), translate("x.y"), say("x.y"), error classes ("x.y", ...), *_key="x.y"
USE = re.compile(
    r"""(?:\bt|translate|say|[A-Z][A-Za-z]+|_key\s*=)\(?\s*["']([a-z_]+\.[a-z_.]+)["']"""
)
DYNAMIC_PREFIXES = ("role.", "status.", "category.", "orientation.")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogs_have_identical_keys() -> None:
    assert sorted(catalog("zh")) == sorted(catalog("en"))


def test_catalogs_have_identical_placeholders() -> None:
    zh, en = catalog("zh"), catalog("en")
    mismatched = {k for k in zh if _placeholders(zh[k]) != _placeholders(en[k])}
    assert mismatched == set()


def test_no_catalog_text_is_empty_or_untranslated() -> None:
    zh, en = catalog("zh"), catalog("en")
    assert [k for k in zh if not zh[k].strip() or not en[k].strip()] == []


def test_every_key_used_in_code_exists() -> None:
    used: set[str] = set()
    for path in [*ROOT.glob("scoring/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "app.py"]:
        used |= set(USE.findall(path.read_text(encoding="utf-8")))
    # A key ending in "." or "_" is the prefix of keys made at run time ("status." + value).
    used = {k for k in used if not k.endswith((".py", ".csv", ".json", ".sql", ".", "_"))}

    missing = sorted(k for k in used if k not in catalog("zh"))
    assert missing == []
    assert len(used) > 80  # the pattern really finds the keys


def test_dynamic_keys_exist_for_every_enum_value() -> None:
    from scoring.enums import Category, Role

    keys = [f"role.{r.value}" for r in Role] + [f"category.{c.value}" for c in Category]
    keys += [f"status.{s}" for s in ("not_started", "draft", "submitted")]
    keys += [f"orientation.{o}" for o in ("landscape", "portrait", "square")]
    assert [k for k in keys if k not in catalog("zh")] == []
    assert all(k.startswith(DYNAMIC_PREFIXES) for k in keys)


FULL_WIDTH = re.compile("[：（）。，；！？、]")
# A quoted Chinese example (“（{producer}）”) shows what to type into a Chinese field.
QUOTED = re.compile("“[^”]*”")


def test_english_texts_use_ascii_punctuation() -> None:
    offenders = {
        key: text for key, text in catalog("en").items() if FULL_WIDTH.search(QUOTED.sub("", text))
    }
    assert offenders == {}
    assert FULL_WIDTH.search(catalog("en")["rule.intro_producer.missing"])  # the one example
