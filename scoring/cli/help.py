"""The command line's help texts, from the catalogs, in the chosen language (the commands
and options are declared without any: every text is put on here).

Each command has ``cli_help.cmd.<path>`` (one line), ``cli_help.cmd.<path>.example`` (shown
last in its ``--help``) and, where it has more to say, ``cli_help.cmd.<path>.notes``; each
option ``cli_help.<path>.<dest>`` or, for an option that means the same everywhere
(``--json``, ``--data-dir`` …), ``cli_help.option.<dest>``. ``<path>`` is the command's
words joined by ``_`` (``user_reset_password``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import Any

from scoring.i18n import LANGUAGES, catalog, translate

ROOT = "root"


def command_key(path: Sequence[str]) -> str:
    """``("user", "reset-password")`` → ``user_reset_password``; the top is ``root``."""
    return "_".join(word.replace("-", "_") for word in path) or ROOT


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every (sub)command parser with its words, the top one first."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The options and arguments a person passes (not ``-h`` or the command choice)."""
    return [
        action
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction | argparse._SubParsersAction)
    ]


def option_key(path: Sequence[str], dest: str, lang: str) -> str:
    """The command's own key when it has one, else the shared one."""
    own = f"cli_help.{command_key(path)}.{dest}"
    return own if own in catalog(lang) else f"cli_help.option.{dest}"


def localise(parser: argparse.ArgumentParser, lang: str) -> None:
    """Put the catalog's texts on every command, option and example of ``parser``."""
    for path, sub in commands(parser):
        key = f"cli_help.cmd.{command_key(path)}"
        sub.description = translate(key, lang)
        sub.formatter_class = _formatter(lang)
        sub._positionals.title = translate("cli_help.positionals", lang)
        sub._optionals.title = translate("cli_help.optionals", lang)
        if path:
            notes = catalog(lang).get(f"{key}.notes")
            example = translate("cli_help.example_label", lang) + "\n  "
            example += translate(f"{key}.example", lang)
            sub.epilog = example if notes is None else notes + "\n\n" + example
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = translate("cli_help.option.help", lang)
        for action in options(sub):
            action.help = translate(option_key(path, action.dest, lang), lang)
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                _list_commands(action, path, lang)


def _list_commands(
    action: argparse._SubParsersAction[Any], path: tuple[str, ...], lang: str
) -> None:
    """List every subcommand in its parent's help with its catalog line (the commands are
    added without help texts of their own: argparse would list only those that have one)."""
    action._choices_actions = [
        action._ChoicesPseudoAction(
            name, (), translate(f"cli_help.cmd.{command_key((*path, name))}", lang)
        )
        for name in action.choices
    ]


def _formatter(lang: str) -> type[argparse.RawDescriptionHelpFormatter]:
    usage = translate("cli_help.usage", lang)

    class Formatter(argparse.RawDescriptionHelpFormatter):
        """Keeps the examples' line breaks; says "usage" in the chosen language."""

        def add_usage(self, *args: object, **kwargs: object) -> None:
            kwargs["prefix"] = usage
            super().add_usage(*args, **kwargs)  # type: ignore[arg-type]

    return Formatter


def chosen_language(argv: Sequence[str], default: str) -> str:
    """The ``--lang`` of the command line, read before parsing so ``--help`` speaks it."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if word.startswith("--lang=") and word.split("=", 1)[1] in LANGUAGES:
            return word.split("=", 1)[1]
    return default
