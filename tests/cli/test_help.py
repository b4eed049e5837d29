"""Every command and option has help from the catalogs, in both languages, and every
command's help ends with an example that the command line accepts."""

from __future__ import annotations

import argparse
import ast
import shlex
from pathlib import Path

import pytest

import scoring.cli
from scoring.cli import build_parser
from scoring.cli.help import command_key, commands, option_key, options
from scoring.i18n import LANGUAGES, catalog


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_and_option_has_catalog_help(lang: str) -> None:
    texts = catalog(lang)
    missing = []
    for path, parser in commands(build_parser(lang)):
        key = f"cli_help.cmd.{command_key(path)}"
        missing += [key] if key not in texts else []
        if path and f"{key}.example" not in texts:
            missing.append(f"{key}.example")
        for action in options(parser):
            if option_key(path, action.dest, lang) not in texts:
                missing.append(f"{' '.join(path)} {action.dest}")
    assert missing == []


def test_every_command_is_listed_in_its_parents_help_with_its_catalog_line() -> None:
    texts = catalog("zh")
    for path, parser in commands(build_parser("zh")):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                listed = [(choice.dest, choice.help) for choice in action._choices_actions]
                assert listed == [
                    (name, texts[f"cli_help.cmd.{command_key((*path, name))}"])
                    for name in action.choices
                ]


def test_the_command_line_declares_no_help_text_of_its_own() -> None:
    """Every text comes from the catalogs (``scoring/cli/help.py``): an English ``help=``
    beside a command or option would be dead, never shown."""
    folder = Path(scoring.cli.__file__).parent
    declared = [
        f"{path.name}:{node.lineno}"
        for path in sorted(folder.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword) and node.arg == "help"
    ]
    assert declared == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_help_ends_with_an_example_the_parser_accepts(lang: str) -> None:
    parser = build_parser(lang)
    for path, sub in commands(parser):
        if not path:
            continue
        help_text = sub.format_help().rstrip()
        example = help_text.splitlines()[-1].strip()
        assert help_text.splitlines()[-2] == catalog(lang)["cli_help.example_label"]
        words = shlex.split(example.split("|")[-1])
        assert words[:3] == ["python", "-m", "scoring"], example
        parsed = parser.parse_args(words[3:])
        assert parsed.command == path[0]


def test_help_speaks_the_chosen_language() -> None:
    zh = build_parser("zh").format_help()
    en = build_parser("en").format_help()
    assert zh.startswith("用法：python -m scoring") and "显示本帮助并退出" in zh
    assert en.startswith("usage: python -m scoring") and "show this help message" in en
    assert "读取视频文件的参数并按征集要求检查" in "".join(zh.split())


def test_user_add_help_names_the_unit_role_and_its_unit() -> None:
    zh = " ".join(dict(commands(build_parser("zh")))[("user", "add")].format_help().split())
    en = " ".join(dict(commands(build_parser("en")))[("user", "add")].format_help().split())

    assert "角色：judge、coordinator、admin 或 unit（推荐单位工作人员）" in zh
    assert "推荐单位工作人员（--role unit）必须填写其推荐单位" in zh
    assert "a recommending unit's user (--role unit) must give its unit" in en
