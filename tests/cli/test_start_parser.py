"""`dialog-kit` with no command starts the app without loading every command's module."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from dialog_kit.cli import COMMANDS, _command_word, _parser_for, build_parser, command_modules
from dialog_kit.cli.common import Parser


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--vault", "/tmp/v"],
        ["--vault=/tmp/v", "--lang", "sv"],
        ["--passphrase-file", "-", "--lang", "da", "--vault", "list"],  # a folder named "list"
    ],
)
def test_the_app_start_parses_the_global_options_as_the_whole_parser(argv: list[str]) -> None:
    assert _command_word(argv) is None
    light = _parser_for(argv).parse_args(argv)
    assert vars(light) == vars(build_parser().parse_args(argv))
    assert light.command is None


@pytest.mark.parametrize(
    ("argv", "word"), [(["list"], "list"), (["--vault", "v", "list"], "list"), (["-h"], "-h")]
)
def test_the_command_word_is_found_after_the_global_options(argv: list[str], word: str) -> None:
    assert _command_word(argv) == word


@pytest.mark.parametrize("argv", [["--help"], ["--lang", "sv", "-h"], ["lsit"]])
def test_help_or_an_unknown_word_gets_the_whole_parser(argv: list[str]) -> None:
    every = {name for names in COMMANDS.values() for name in names}
    assert set(_commands_of(_parser_for(argv))) == every


def _commands_of(parser: argparse.ArgumentParser) -> list[str]:
    """The command words `parser` knows."""
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(commands.choices)


def test_help_still_lists_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dialog_kit", "--lang", "en", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for command in ("list", "export", "guides", "demo", "serve"):
        assert command in out


def test_a_mistyped_command_is_still_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dialog_kit", "--lang", "en", "lsit"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "lsit" in done.stderr


def test_the_table_of_commands_is_what_each_module_adds() -> None:
    """A command missing from COMMANDS would start with the whole parser (slower, still
    right); one listed under the wrong module would be unknown: both are caught here."""
    for module in command_modules():
        parser = Parser(prog="dialog-kit")
        sub = parser.add_subparsers(dest="command", parser_class=Parser)
        module.register(sub)
        assert tuple(sub.choices) == COMMANDS[module.__name__.rsplit(".", 1)[1]]


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--json"],
        ["--vault", "v", "--lang", "sv", "show", "abc", "--json"],
        ["export", "abc", "--pdf", "o.pdf", "--lang", "da"],
        ["people", "list"],
        ["guides", "list"],
        ["--vault=v", "serve", "--port", "0"],
        ["demo"],
    ],
)
def test_a_command_parses_with_its_own_module_as_with_the_whole_parser(argv: list[str]) -> None:
    def parsed(parser: argparse.ArgumentParser) -> dict[str, object]:
        values = vars(parser.parse_args(argv))
        # A subcommand's own parser is kept in the result: the same one by its name.
        return {
            k: v.prog if isinstance(v, argparse.ArgumentParser) else v for k, v in values.items()
        }

    light = _parser_for(argv)
    commands = _commands_of(light)
    word = next(a for a in argv if a in commands)
    (module,) = [m for m, names in COMMANDS.items() if word in names]
    assert tuple(commands) == COMMANDS[module]
    assert parsed(light) == parsed(build_parser())


def test_list_loads_no_other_commands_module(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from dialog_kit.cli import main\n"
        f"main(['--vault', {str(tmp_path / 'none')!r}, 'list'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('dialog_kit.cli.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    loaded = done.stdout.strip().splitlines()[-1]
    assert "dialog_kit.cli.vault_cmd" in loaded
    for other in COMMANDS:
        if other != "vault_cmd":
            assert f"dialog_kit.cli.{other}" not in loaded
