"""The field validators of the guide files: each checks one value and reports file:line:key."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dialog_kit.errors import quoted
from dialog_kit.guides.model import (
    COUNTRIES,
    FORMAT,
    LOCALES,
    GuideError,
    GuideProblem,
    Item,
    Text,
)
from dialog_kit.i18n import N_, _
from dialog_kit.privacy import ITEM_DEFAULT, Visibility
from dialog_kit.tomlpos import join as _join
from dialog_kit.tomlpos import key_lines, lookup


class _Context:
    """Collects problems for one file and finds the line of a key path."""

    def __init__(self, path: Path, raw: str) -> None:
        self.path = path
        self.raw = raw
        self.lines = raw.split("\n")
        self.problems: list[GuideProblem] = []
        self._index: Mapping[str, int] | None = None

    def problem(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(
            GuideProblem(self.path, line if line is not None else self.line_of(key), key, message)
        )

    def raise_if_problems(self) -> None:
        if self.problems:
            problems, self.problems = self.problems, []
            raise GuideError(problems)

    def line_of(self, key: str) -> int | None:
        """The line where the key path (e.g. 'phases[2].items[0].text.da') is written.

        tomllib keeps no positions, so the text is scanned once, on the first problem.
        """
        if self._index is None:
            self._index = key_lines(self.raw)
        # What is not written at all (a missing top-level key) belongs to the file's start.
        return lookup(self._index, key) or 1


_ITEM_KEYS = {"id", "text", "hint", "required", "visibility", "countries"}
_TEXT_ENTRY_KEYS = {"id", "text"}

_COUNTRIES = ("se", "dk", "no", "fi", "uk", "nl", "ca", "de", "intl", "")
_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
"""An id names a guide, phase or item in records and on the command line: short, plain."""


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a table")
    return _("a date or time")


def _check_keys(ctx: _Context, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    for key in data:
        if key not in allowed:
            ctx.problem(
                _join(where, key),
                _("unknown key (allowed: {keys})").format(keys=", ".join(sorted(allowed))),
            )


def _text(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, optional: bool = False
) -> Text | None:
    path = _join(where, key)
    value = data.get(key)
    if value is None:
        if not optional:
            ctx.problem(
                path, _("is missing: write {key}.sv, {key}.da and {key}.en").format(key=key)
            )
        return None
    if not isinstance(value, dict):
        ctx.problem(
            path,
            _('must be texts in sv, da and en ({key}.sv = "…"), not {type}').format(
                key=key, type=_type_name(value)
            ),
        )
        return None
    texts: dict[str, str] = {}
    for lang in value:
        if lang not in LOCALES:
            ctx.problem(
                f"{path}.{lang}",
                _("unknown language (use {languages})").format(languages=", ".join(LOCALES)),
            )
    for lang in LOCALES:
        entry = value.get(lang)
        if entry is None:
            ctx.problem(f"{path}.{lang}", _("the {lang} text is missing").format(lang=lang))
        elif not isinstance(entry, str):
            ctx.problem(
                f"{path}.{lang}", _("must be a text, not {type}").format(type=_type_name(entry))
            )
        elif not entry.strip():
            ctx.problem(f"{path}.{lang}", _("is empty"))
        else:
            texts[lang] = entry.strip()
    if len(texts) != len(LOCALES):
        return None
    return Text(**texts)


def _ident(ctx: _Context, data: Mapping[str, Any], where: str) -> str:
    value = data.get("id")
    path = _join(where, "id")
    if value is None:
        ctx.problem(path, _("is missing"))
        return ""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        ctx.problem(path, _("must be a text of up to 64 letters, digits, - and _"))
        return ""
    return value


def _string(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, required: bool = False
) -> str:
    value = data.get(key)
    if value is None:
        if required:
            ctx.problem(_join(where, key), _("is missing"))
        return ""
    if not isinstance(value, str):
        ctx.problem(
            _join(where, key), _("must be a text, not {type}").format(type=_type_name(value))
        )
        return ""
    return value


def _choice(
    ctx: _Context,
    data: Mapping[str, Any],
    key: str,
    where: str,
    choices: Iterable[str],
    default: str | None = None,
) -> str:
    choices = tuple(choices)
    value = data.get(key, default)
    path = _join(where, key)
    if value is None:
        ctx.problem(path, _("is missing (one of {choices})").format(choices=", ".join(choices)))
        return ""
    if value not in choices:
        ctx.problem(
            path,
            _("must be one of {choices}, not {value!r}").format(
                choices=", ".join(choices), value=quoted(value)
            ),
        )
        return ""
    return str(value)


def _integer(
    ctx: _Context,
    data: Mapping[str, Any],
    key: str,
    where: str,
    low: int,
    high: int,
    default: int | None = None,
    optional: bool = False,
) -> int | None:
    value = data.get(key, default)
    path = _join(where, key)
    if value is None:
        if not optional:
            ctx.problem(path, _("is missing (a whole number)"))
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        ctx.problem(path, _("must be a whole number, not {type}").format(type=_type_name(value)))
        return None
    if not low <= value <= high:
        ctx.problem(path, _("must be between {low} and {high}").format(low=low, high=high))
        return None
    return value


def _boolean(ctx: _Context, data: Mapping[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        ctx.problem(_join(where, key), _("must be true or false"))
        return False
    return value


def _string_list(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, choices: Iterable[str] = ()
) -> list[str]:
    value = data.get(key, [])
    path = _join(where, key)
    if not isinstance(value, list):
        ctx.problem(path, _('must be a list of texts, e.g. ["a", "b"]'))
        return []
    allowed = tuple(choices)
    out = []
    for i, entry in enumerate(value):
        if not isinstance(entry, str):
            ctx.problem(
                f"{path}[{i}]", _("must be a text, not {type}").format(type=_type_name(entry))
            )
        elif allowed and entry not in allowed:
            ctx.problem(
                f"{path}[{i}]",
                _("must be one of {choices}, not {value!r}").format(
                    choices=", ".join(allowed), value=quoted(entry)
                ),
            )
        else:
            out.append(entry)
    return out


def _table(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, what: str
) -> Mapping[str, Any] | None:
    value = data.get(key)
    if value is None:
        ctx.problem(_join(where, key), _("is missing ({what})").format(what=_(what)))
        return None
    if not isinstance(value, dict):
        path = _join(where, key)
        ctx.problem(path, _("must be a table: [{key}]").format(key=_header(path)))
        return None
    return value


def _header(path: str) -> str:
    """A key path as its table header is written: phases[2].items -> phases.items."""
    return re.sub(r"\[\d+\]", "", path)


def _tables(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, required: bool = False
) -> list[tuple[str, Mapping[str, Any]]]:
    """(key path, table) for each entry of an array of tables."""
    value = data.get(key)
    path = _join(where, key)
    if value is None:
        if required:
            ctx.problem(path, _("is missing: add at least one [[{key}]]").format(key=_header(path)))
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        ctx.problem(path, _("must be an array of tables: [[{key}]]").format(key=_header(path)))
        return []
    if required and not value:
        ctx.problem(path, _("is empty: add at least one [[{key}]]").format(key=_header(path)))
    return [(f"{path}[{i}]", entry) for i, entry in enumerate(value)]


def _unique(ctx: _Context, ids: Iterable[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for path, ident in ids:
        if ident and ident in seen:
            message = _("duplicate {what} id {id!r}").format(what=_(what), id=quoted(ident))
            ctx.problem(path, message)
        seen.add(ident)


def _check_format(ctx: _Context, data: Mapping[str, Any]) -> None:
    fmt = data.get("format")
    if fmt is None:
        ctx.problem("format", _("is missing: write format = {n}").format(n=FORMAT), line=1)
    elif not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        ctx.problem("format", _("must be a whole number from 1 up"))
    elif fmt > FORMAT:
        ctx.problem(
            "format",
            _(
                "format {found} is newer than this dialog_kit reads ({supported}): "
                "update dialog_kit"
            ).format(found=fmt, supported=FORMAT),
        )


def _entries(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, what: str,
    required: bool = False,
) -> list[tuple[str, Text]]:  # fmt: skip
    out = []
    for path, entry in _tables(ctx, data, key, where, required=required):
        _check_keys(ctx, entry, _TEXT_ENTRY_KEYS, path)
        ident = _ident(ctx, entry, path)
        text = _text(ctx, entry, "text", path)
        out.append((f"{path}.id", ident, text))
    _unique(ctx, ((p, i) for p, i, _t in out), what)
    return [(i, t) for _p, i, t in out if i and t]


def _items(
    ctx: _Context, data: Mapping[str, Any], where: str, required: bool = False
) -> tuple[Item, ...]:
    items = []
    ids = []
    for path, entry in _tables(ctx, data, "items", where, required=required):
        _check_keys(ctx, entry, _ITEM_KEYS, path)
        ident = _ident(ctx, entry, path)
        ids.append((f"{path}.id", ident))
        text = _text(ctx, entry, "text", path)
        hint = _text(ctx, entry, "hint", path, optional=True)
        required_item = _boolean(ctx, entry, "required", path)
        countries = _string_list(ctx, entry, "countries", path, COUNTRIES)
        vis = _choice(
            ctx, entry, "visibility", path, [v.value for v in Visibility], ITEM_DEFAULT.value
        )
        if ident and text:
            # vis is "" only when the file is already reported broken.
            items.append(
                Item(
                    ident, text, hint, required_item, Visibility(vis or ITEM_DEFAULT),
                    tuple(countries),
                )
            )  # fmt: skip
    _unique(ctx, ids, N_("item"))
    return tuple(items)


_EMPTY = Text("", "", "")


def _date(ctx: _Context, data: Mapping[str, Any], key: str, where: str) -> date | None:
    """An optional date, written as a TOML date (2026-12-01) or the same in quotes."""
    value = data.get(key)
    path = _join(where, key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            ctx.problem(path, _("must be a date written as YYYY-MM-DD, not {value!r}").format(
                value=quoted(value)))  # fmt: skip
            return None
    if isinstance(value, datetime) or not isinstance(value, date):
        ctx.problem(path, _("must be a date written as YYYY-MM-DD, not {type}").format(
            type=_type_name(value)))  # fmt: skip
        return None
    return value
