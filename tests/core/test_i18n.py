"""Interface strings from the shipped .po catalogues, and dates as each language writes them."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po as babel_read_po

from dialog_kit import i18n
from dialog_kit.i18n import _, format_date, read_po, translate

PACKAGE = Path(i18n.__file__).resolve().parent
LOCALE = PACKAGE / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/dialog_kit.po"))


def _babel(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalogue = babel_read_po(handle)
    return {
        str(m.id): str(m.string)
        for m in catalogue
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


def _extracted() -> dict[str, set[str]]:
    """msgid -> the files it comes from, as seen by Babel's extractor (used by make i18n)."""
    found: dict[str, set[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), [("**.py", "python")]
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, set()).add(f"dialog_kit/{filename}")
    return found


def test_there_are_sv_da_and_en_catalogues_and_a_template() -> None:
    assert [p.parent.parent.name for p in CATALOGUES] == ["da", "en", "sv"]
    assert (LOCALE / "dialog_kit.pot").is_file()
    assert not list(LOCALE.rglob("*.mo")), "compiled catalogues are not committed"


@pytest.mark.parametrize("path", CATALOGUES, ids=[p.parent.parent.name for p in CATALOGUES])
def test_read_po_agrees_with_babel_on_every_shipped_catalogue(path: Path) -> None:
    assert read_po(path) == _babel(path)


def test_the_catalogues_hold_multi_line_and_escaped_strings() -> None:
    text = (LOCALE / "da" / "LC_MESSAGES" / "dialog_kit.po").read_text(encoding="utf-8")
    assert re.search(r'^msgstr ""\n"', text, re.MULTILINE), "no multi-line translation"
    assert '\\"' in text, "no escaped quote"


def test_read_po_agrees_with_babel_on_tricky_entries(tmp_path: Path) -> None:
    path = tmp_path / "tricky.po"
    path.write_text(
        r"""# a comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"

#, python-brace-format
msgid "Hello {name}"
msgstr "Hej {name}"

msgid ""
"Two lines: "
"joined"
msgstr ""
"Två rader: "
"ihop"

msgid "Quote \" backslash \\ tab \t newline \n end"
msgstr "Citat \" bakstreck \\ tab \t radbrytning \n slut"

msgid "Odd \\ escapes \a \x41 \\n"
msgstr "Udda \\ \a \x41 \\n"

msgid "No space after the keyword"
msgstr"Inget mellanslag"

#, fuzzy
msgid "Fuzzy one"
msgstr "Luddig"

msgid "Untranslated"
msgstr ""

#~ msgid "Obsolete"
#~ msgstr "Föråldrad"
msgid "After obsolete"
msgstr "Efter"
""",
        encoding="utf-8",
    )
    ours = read_po(path)
    assert ours == _babel(path)
    assert ours["Two lines: joined"] == "Två rader: ihop"
    assert ours['Quote " backslash \\ tab \t newline \n end'].startswith('Citat "')
    assert "Fuzzy one" not in ours and "Untranslated" not in ours and "Obsolete" not in ours


@pytest.mark.parametrize("path", CATALOGUES, ids=[p.parent.parent.name for p in CATALOGUES])
def test_translations_keep_every_placeholder(path: Path) -> None:
    """A translation that drops or renames {name} would crash .format() at run time."""
    fields = re.compile(r"\{[^{}]*\}")
    for msgid, msgstr in read_po(path).items():
        assert sorted(fields.findall(msgstr)) == sorted(fields.findall(msgid)), msgid


def _template() -> set[str]:
    with (LOCALE / "dialog_kit.pot").open("rb") as handle:
        return {str(m.id) for m in babel_read_po(handle) if m.id}


def test_the_template_is_current_with_the_code() -> None:
    extracted = set(_extracted())
    assert len(extracted) > 400
    template = _template()
    missing = sorted(extracted - template)
    assert not missing, f"run `make i18n`: the template lacks {missing[:5]}"
    stale = sorted(template - extracted)
    assert not stale, f"run `make i18n`: the template still holds {stale[:5]}"


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_every_catalogue_holds_exactly_the_template_strings(lang: str) -> None:
    with (LOCALE / lang / "LC_MESSAGES" / "dialog_kit.po").open("rb") as handle:
        ids = {str(m.id) for m in babel_read_po(handle) if m.id}
    assert ids == _template(), "run `make i18n` (pybabel update)"


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_every_string_of_the_package_is_translated(lang: str) -> None:
    wanted = sorted(_extracted())
    catalogue = read_po(LOCALE / lang / "LC_MESSAGES" / "dialog_kit.po")
    missing = [m for m in wanted if not catalogue.get(m, "").strip()]
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:5]}"


def test_english_is_the_source_so_its_catalogue_stays_empty() -> None:
    assert read_po(LOCALE / "en" / "LC_MESSAGES" / "dialog_kit.po") == {}


def _edges(text: str) -> tuple[str, str]:
    """The leading and trailing whitespace of a string."""
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped)
    return text[:start], text[start + len(stripped) :]


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_translations_keep_the_edges_and_printf_fields_of_the_source(lang: str) -> None:
    """'Passphrase: ' is a prompt (the answer must not touch the colon); '! ' marks urgency."""
    printf = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifr%]")
    for msgid, msgstr in read_po(LOCALE / lang / "LC_MESSAGES" / "dialog_kit.po").items():
        assert _edges(msgstr) == _edges(msgid), msgid
        end, translated_end = msgid.rstrip()[-1:], msgstr.rstrip()[-1:]
        if end in ".:?!…" or translated_end in ".:?!…":
            assert translated_end == end, msgid
        assert msgstr.startswith("! ") == msgid.startswith("! "), msgid
        assert sorted(printf.findall(msgstr)) == sorted(printf.findall(msgid)), msgid


def _footer_descriptions() -> set[str]:
    """The descriptions in the TUI's Binding(keys, action, N_("...")) calls, read from source."""
    found: set[str] = set()
    for path in (PACKAGE / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding"):
                continue
            if len(node.args) >= 3 and isinstance(node.args[2], ast.Call) and node.args[2].args:
                text = node.args[2].args[0]
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    found.add(text.value)
    return found


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_footer_key_descriptions_stay_about_as_short_as_the_english(lang: str) -> None:
    """The footer holds all of a screen's keys in 80 columns; a long word pushes keys off it."""
    descriptions = _footer_descriptions()
    assert {"Quit", "Help", "New talk", "Who sees it"} <= descriptions
    catalogue = read_po(LOCALE / lang / "LC_MESSAGES" / "dialog_kit.po")
    too_long = {
        m: catalogue[m] for m in descriptions if len(catalogue.get(m, m)) > max(len(m) + 4, 10)
    }
    assert not too_long, f"{lang}: shorten {too_long}"


def test_the_interface_follows_the_chosen_language() -> None:
    assert _("Checklist:") == "Checklist:"
    i18n.set_language("sv")
    assert _("Checklist:") == "Checklista:"
    i18n.set_language("da")
    assert _("Checklist:") == "Tjekliste:"
    assert _("A string nobody translated") == "A string nobody translated"
    assert translate("Checklist:", "sv") == "Checklista:"
    with pytest.raises(ValueError):
        i18n.set_language("fi")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("sv", "3 mars 2027"), ("da", "3. marts 2027"), ("en", "3 March 2027")],
)
def test_format_date_writes_dates_as_each_language_does(lang: str, expected: str) -> None:
    assert format_date(date(2027, 3, 3), lang) == expected
    assert format_date(datetime(2027, 3, 3, 23, 59), lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("sv", "2027-03-03"), ("da", "03.03.2027"), ("en", "03/03/2027")]
)
def test_format_date_short_style(lang: str, expected: str) -> None:
    assert format_date(date(2027, 3, 3), lang, style="short") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("sv_SE.UTF-8", "sv"), ("da_DK", "da"), ("en-GB", "en"), ("nb_NO.UTF-8", None),
     ("C", None), ("", None), (None, None)],
)  # fmt: skip
def test_the_language_is_read_from_the_environment(value: str | None, expected: str | None) -> None:
    assert i18n.normalise_language(value) == expected
