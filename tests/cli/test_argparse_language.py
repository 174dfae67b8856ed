"""--help and bad usage speak the interface language, argparse's own words included."""

from __future__ import annotations

import pytest

from dialog_kit.cli import main
from dialog_kit.cli.argparse_text import translate_error

ENGLISH_WORDS = ("usage:", "options:", "positional arguments", "show this help", "version number")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ("användning: dialog-kit", "flaggor:", "positionsargument:", "visa den här")),
        ("da", ("brug: dialog-kit", "tilvalg:", "positionelle argumenter:", "vis denne hjælp")),
    ],
)
def test_help_has_no_english_left(
    lang: str, words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    for args in ([], ["show"], ["guides"]):
        assert main(["--lang", lang, *args, "--help"]) == 0
        out = capsys.readouterr().out
        for word in words[:2]:
            assert word in out, (args, word)
        for english in ENGLISH_WORDS:
            assert english not in out, (args, english)
    main(["--lang", lang, "--help"])
    out = capsys.readouterr().out
    assert words[2] in out and words[3] in out


def test_english_help_is_argparse_s_usual_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: dialog-kit") and "options:" in out
    assert "-h, --help           show this help and exit" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "sv", "show"], "dialog-kit show: följande argument krävs: ID"),
        (["--lang", "da", "show"], "dialog-kit show: følgende argumenter er påkrævet: ID"),
        (["--lang", "sv", "lst"], "dialog-kit: argument COMMAND: ogiltigt val: 'lst' (välj bland"),
        (
            ["--lang", "da", "init", "--work-factor", "x"],
            "dialog-kit init: argument --work-factor: ugyldig værdi af typen int: 'x'",
        ),
        (["--lang", "sv", "list", "--bogus"], "dialog-kit: okända argument: --bogus"),
        (["--lang", "sv", "--vault"], "dialog-kit: argument --vault: ett värde förväntades"),
        (["show"], "dialog-kit show: the following arguments are required: ID"),
    ],
)
def test_bad_usage_is_explained_in_the_interface_language_with_exit_2(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert expected in err
    usage = "usage:" if "--lang" not in args else ("användning:" if "sv" in args else "brug:")
    assert err.startswith(usage)


def test_a_message_argparse_may_add_one_day_is_shown_as_it_is() -> None:
    assert translate_error("argument --x: something new") == "argument --x: something new"
