"""`dialog-kit` with no command starts the app without loading every command's module."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dialog_kit.cli import _names_a_command, build_parser


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
    assert not _names_a_command(argv)
    light = build_parser(commands=False).parse_args(argv)
    assert vars(light) == vars(build_parser().parse_args(argv))
    assert light.command is None


@pytest.mark.parametrize(
    "argv", [["list"], ["--vault", "v", "list"], ["--help"], ["--lang", "sv", "-h"], ["lsit"]]
)
def test_a_command_word_or_help_gets_the_whole_parser(argv: list[str]) -> None:
    assert _names_a_command(argv)


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
