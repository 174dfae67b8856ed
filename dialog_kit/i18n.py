"""Interface strings from gettext catalogues (sv, da, en) and locale-aware dates."""

from __future__ import annotations

import gettext as gettext_module
import os
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


@cache
def _translations(lang: str) -> gettext_module.NullTranslations:
    """The compiled catalogue of `lang` (built from its .po when the package is installed).

    Without one (English, whose catalogue is empty, or a checkout that was never built) the
    English source strings are shown, with English plural rules.
    """
    path = _LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as handle:
            return gettext_module.GNUTranslations(handle)
    except FileNotFoundError:
        return gettext_module.NullTranslations()


def gettext(message: str) -> str:
    """The interface string `message` (its English source) in the current language."""
    return _translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n` in the current language, by its plural rules.

    Both forms take the same placeholders: ngettext("{count} open action",
    "{count} open actions", n).format(count=n).
    """
    return _translations(_current).ngettext(singular, plural, n)


def translate(message: str, lang: str) -> str:
    """The string in a given language, whatever the interface language (for documents)."""
    return _translations(lang).gettext(message)


def ntranslate(singular: str, plural: str, n: int, lang: str) -> str:
    """ngettext in a given language, whatever the interface language (for documents)."""
    return _translations(lang).ngettext(singular, plural, n)


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
