"""Interface strings from gettext catalogues (sv, da, en) and locale-aware dates."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("sv", "da", "en")
LANGUAGE_NAMES: Mapping[str, str] = {"sv": "Svenska", "da": "Dansk", "en": "English"}
DOMAIN = "dialog_kit"
_LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current = "en"


def normalise_language(value: str | None) -> str | None:
    """'sv_SE.UTF-8' -> 'sv'; None when the value names none of our languages."""
    if not value:
        return None
    code = value.split(".")[0].split("_")[0].split("-")[0].lower()
    if code in ("nb", "nn", "no"):
        return None
    return code if code in LANGUAGES else None


def default_language() -> str:
    """The interface language from the environment (LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        lang = normalise_language(os.environ.get(var))
        if lang:
            return lang
    return "en"


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    global _current
    _current = lang


def get_language() -> str:
    return _current


def read_po(path: Path) -> dict[str, str]:
    """Reads the msgid -> msgstr pairs of a .po file; fuzzy and untranslated entries are left out.

    A small reader instead of Babel's, because importing babel.messages costs
    more start-up time than the whole catalogue is worth. A test checks that
    it agrees with Babel on every shipped catalogue.
    """
    messages: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    target: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal msgid, msgstr, fuzzy
        if msgid is not None and msgstr is not None and not fuzzy:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                messages[key] = value
        msgid = msgstr = None
        fuzzy = False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            target = None
        elif line.startswith("#,"):
            flush()
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            if msgstr is not None:
                flush()
            msgid, target = [], None
            target = msgid
            target.append(_unquote(line[6:]))
        elif line.startswith("msgstr "):
            msgstr = []
            target = msgstr
            target.append(_unquote(line[7:]))
        elif line.startswith('"') and target is not None:
            target.append(_unquote(line))
        else:
            # msgctxt, plural forms: not used by this project's catalogues.
            target = None
    flush()
    return messages


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r'\\([\\trn"])')


def _unquote(token: str) -> str:
    """The value of one quoted PO string, unescaped exactly as Babel does (\\n \\t \\r \\" \\\\)."""
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"not a quoted string: {token!r}")
    body = token[1:-1]
    if "\\" not in body:
        return body
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], body)


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    path = _LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return read_po(path) if path.is_file() else {}


def gettext(message: str) -> str:
    """The interface string `message` (its English source) in the current language."""
    return catalogue(_current).get(message, message)


def translate(message: str, lang: str) -> str:
    """The string in a given language, whatever the interface language (for documents)."""
    return catalogue(lang).get(message, message)


_ = gettext


def N_(message: str) -> str:
    """Marks a string for extraction without translating it yet."""
    return message


def format_date(value: date | datetime, lang: str, style: str = "long") -> str:
    """A date as people write it in `lang`: '3 mars 2027', '3. marts 2027', '3 March 2027'."""
    from babel.dates import format_date as babel_format_date  # imported late: start-up time

    if isinstance(value, datetime):
        value = value.date()
    return str(babel_format_date(value, format=style, locale=_babel_locale(lang)))


def format_datetime(value: datetime, lang: str, style: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format_datetime

    return str(babel_format_datetime(value, format=style, locale=_babel_locale(lang)))


def _babel_locale(lang: str) -> str:
    return {"sv": "sv_SE", "da": "da_DK", "en": "en_GB"}[lang]
