"""Interface strings from the shipped .po catalogues, and dates as each language writes them."""

from __future__ import annotations

import ast
import io
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from dialog_kit import i18n
from dialog_kit.i18n import _, format_date, ngettext, ntranslate, translate

PACKAGE = Path(i18n.__file__).resolve().parent
LOCALE = PACKAGE / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/dialog_kit.po"))
# The keywords `make i18n` passes to pybabel extract, besides Babel's defaults.
KEYWORDS = {**DEFAULT_KEYWORDS, "ntranslate": (1, 2)}


def _po(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "dialog_kit.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _forms(
    message_id: str | tuple[str, ...], string: str | tuple[str, ...]
) -> list[tuple[str, str]]:
    """(source, translation) for each form: a plural's first form pairs with the singular."""
    if isinstance(message_id, str):
        assert isinstance(string, str)
        return [(message_id, string)]
    singular, plural = message_id[0], message_id[1]
    return [(singular if n == 0 else plural, form) for n, form in enumerate(string)]


def _translated(lang: str) -> list[tuple[str, str]]:
    """Every (source, translation) pair of the catalogue, each plural form on its own."""
    return [
        pair
        for m in _po(lang)
        if m.id and not m.fuzzy
        for pair in _forms(m.id, m.string)
        if pair[1]
    ]


def _messages(catalogue: Catalog) -> dict[object, object]:
    """id -> translation; plural ids and forms as tuples (read_mo gives lists)."""

    def key(value: object) -> object:
        return value if isinstance(value, str) else tuple(value)  # type: ignore[call-overload]

    return {key(m.id): key(m.string) for m in catalogue if m.id and not m.fuzzy and any(m.string)}


def _extracted() -> dict[str, set[str]]:
    """msgid -> the files it comes from, as seen by Babel's extractor (used by make i18n)."""
    found: dict[str, set[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), [("**.py", "python")], keywords=KEYWORDS
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, set()).add(f"dialog_kit/{filename}")
    return found


def test_there_are_sv_da_and_en_catalogues_and_a_template() -> None:
    assert [p.parent.parent.name for p in CATALOGUES] == ["da", "en", "sv"]
    assert (LOCALE / "dialog_kit.pot").is_file()


def test_compiled_catalogues_are_build_output_not_committed(repo_root: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "dialog_kit/locale"], cwd=repo_root, capture_output=True,
        text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert tracked and not [name for name in tracked if name.endswith(".mo")]


@pytest.mark.parametrize("path", CATALOGUES, ids=[p.parent.parent.name for p in CATALOGUES])
def test_the_compiled_catalogue_holds_exactly_what_its_po_file_says(path: Path) -> None:
    """The app reads only the .mo; a stale one shows old or missing translations."""
    lang = path.parent.parent.name
    mo = path.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run `make i18n` (or reinstall: make test)"
    with mo.open("rb") as handle:
        shipped = read_mo(handle)
    fresh = io.BytesIO()
    write_mo(fresh, _po(lang))
    fresh.seek(0)
    expected = read_mo(fresh)
    assert _messages(shipped) == _messages(expected), f"{mo} is stale: run `make i18n`"
    assert shipped.plural_forms == expected.plural_forms, f"{mo} is stale: run `make i18n`"


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_each_catalogue_declares_its_language_and_plural_rule(lang: str) -> None:
    """gettext picks a plural form by the catalogue's Plural-Forms header, not by guessing."""
    text = (LOCALE / lang / "LC_MESSAGES" / "dialog_kit.po").read_text(encoding="utf-8")
    assert f'"Language: {lang}\\n"' in text
    assert f'"Plural-Forms: {get_plural(lang)}\\n"' in text
    assert str(get_plural(lang)) == "nplurals=2; plural=(n != 1);"


def test_the_catalogues_hold_multi_line_and_escaped_strings() -> None:
    text = (LOCALE / "da" / "LC_MESSAGES" / "dialog_kit.po").read_text(encoding="utf-8")
    assert re.search(r'^msgstr ""\n"[^P]', text, re.MULTILINE), "no multi-line translation"
    assert '\\"' in text, "no escaped quote"


def test_multi_line_and_escaped_translations_reach_the_interface() -> None:
    """Escapes and joined lines come out as the translator wrote them, through the .mo."""
    checked = 0
    for source, translation in _translated("da"):
        if "\n" in translation or '"' in translation:
            assert translate(source, "da") == translation
            checked += 1
    assert checked


@pytest.mark.parametrize("path", CATALOGUES, ids=[p.parent.parent.name for p in CATALOGUES])
def test_translations_keep_every_placeholder(path: Path) -> None:
    """A translation that drops or renames {name} would crash .format() at run time."""
    fields = re.compile(r"\{[^{}]*\}")
    for msgid, msgstr in _translated(path.parent.parent.name):
        assert sorted(fields.findall(msgstr)) == sorted(fields.findall(msgid)), msgid


def _msgid(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _template() -> set[str]:
    with (LOCALE / "dialog_kit.pot").open("rb") as handle:
        return {_msgid(m.id) for m in read_po(handle) if m.id}


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
    ids = {_msgid(m.id) for m in _po(lang) if m.id}
    assert ids == _template(), "run `make i18n` (pybabel update)"


def test_the_template_holds_plurals_with_both_forms() -> None:
    """ngettext and ntranslate calls are extracted as plurals, not as two loose strings."""
    with (LOCALE / "dialog_kit.pot").open("rb") as handle:
        plurals = {m.id for m in read_po(handle) if m.pluralizable}
    assert ("{name}: {count} open action", "{name}: {count} open actions") in plurals


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_every_string_of_the_package_is_translated(lang: str) -> None:
    wanted = sorted(_extracted())
    catalogue = {_msgid(m.id): m for m in _po(lang) if m.id and not m.fuzzy}
    missing = [
        m
        for m in wanted
        if m not in catalogue
        or not all(form.strip() for _source, form in _forms(catalogue[m].id, catalogue[m].string))
    ]
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:5]}"


def test_english_is_the_source_so_its_catalogue_stays_empty() -> None:
    assert _translated("en") == []


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
    for msgid, msgstr in _translated(lang):
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
    catalogue = dict(_translated(lang))
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


OPEN = ("{name}: {count} open action", "{name}: {count} open actions")
PAST_DUE = ("({count} past due)", "({count} past due)")


@pytest.mark.parametrize(
    ("lang", "one", "two", "late_one", "late_two"),
    [
        ("en", "Anna: 1 open action", "Anna: 2 open actions", "(1 past due)", "(2 past due)"),
        ("sv", "Anna: 1 öppen åtgärd", "Anna: 2 öppna åtgärder", "(1 försenad)", "(2 försenade)"),
        ("da", "Anna: 1 åben handling", "Anna: 2 åbne handlinger", "(1 forsinket)",
         "(2 forsinkede)"),
    ],
)  # fmt: skip
def test_counts_take_the_plural_form_of_the_interface_language(
    lang: str, one: str, two: str, late_one: str, late_two: str
) -> None:
    i18n.set_language(lang)
    assert ngettext(*OPEN, 1).format(name="Anna", count=1) == one
    assert ngettext(*OPEN, 2).format(name="Anna", count=2) == two
    assert ngettext(*OPEN, 0).format(name="Anna", count=0) == two.replace("2", "0")
    assert ngettext(*PAST_DUE, 1).format(count=1) == late_one
    assert ngettext(*PAST_DUE, 2).format(count=2) == late_two


def test_documents_choose_plurals_in_their_own_language_whatever_the_interface() -> None:
    i18n.set_language("da")
    assert ntranslate(*OPEN, 1, "sv").format(name="Anna", count=1) == "Anna: 1 öppen åtgärd"
    assert ntranslate(*OPEN, 5, "en").format(name="Anna", count=5) == "Anna: 5 open actions"
    assert ngettext(*OPEN, 5).format(name="Anna", count=5) == "Anna: 5 åbne handlinger"


def test_a_count_nobody_translated_falls_back_to_the_english_forms() -> None:
    i18n.set_language("sv")
    assert ngettext("{n} untranslated thing", "{n} untranslated things", 1) == (
        "{n} untranslated thing"
    )
    assert ngettext("{n} untranslated thing", "{n} untranslated things", 3) == (
        "{n} untranslated things"
    )


def test_no_message_counts_with_a_parenthesised_plural() -> None:
    """'action(s)' reads badly in every language; counts go through ngettext."""
    bad = sorted(m for m in _extracted() if re.search(r"\w\((s|er|e|r)\)", m))
    assert not bad, bad


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
