"""The career-paths file to the model: every fault reported as file:line:key, like the guides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dialog_kit.career.model import AREAS, DIRECTIONS, PROGRAMME_KINDS, CareerPath, Programme, Step
from dialog_kit.errors import quoted
from dialog_kit.guides.fields import (
    _boolean,
    _check_format,
    _check_keys,
    _choice,
    _Context,
    _ident,
    _string,
    _string_list,
    _tables,
    _text,
    _type_name,
    _unique,
)
from dialog_kit.guides.model import Text
from dialog_kit.i18n import N_, _
from dialog_kit.tomlpos import join

_TOP_KEYS = {"format", "examples", "include_builtin", "programmes", "paths"}
_PROGRAMME_KEYS = {"id", "kind", "title", "what", "length", "contact", "url"}
_PATH_KEYS = {"id", "title", "summary", "area", "direction", "profiles", "roles", "url", "steps"}
_STEP_KEYS = {"id", "title", "what", "competences", "how", "time", "pay", "programmes", "contacts"}

MAX_PATHS = 300
MAX_PROGRAMMES = 100
MAX_STEPS = 20
MAX_LIST = 30
"""Competences, contacts, roles or programmes of one step or path."""
MAX_TEXT = 2000
"""Characters of one text in one language: a step is read on one screen, not a brochure."""
MAX_SHORT = 300
"""Characters of a contact, a url, a role word."""


@dataclass
class ParsedFile:
    """One career-paths file: its entries, and the programme ids it names with where."""

    ctx: _Context
    paths: list[CareerPath] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)  # (key path, programme id)
    profile_refs: list[tuple[str, str]] = field(default_factory=list)  # (key path, profile id)
    examples: bool = False
    include_builtin: bool = True


def is_career_file(data: Mapping[str, Any]) -> bool:
    """A TOML table that is a career-paths file (the guide loader passes these by)."""
    return "paths" in data or "programmes" in data


def parse_career_file(ctx: _Context, data: Mapping[str, Any]) -> ParsedFile:
    out = ParsedFile(ctx)
    _check_keys(ctx, data, _TOP_KEYS, "")
    _check_format(ctx, data)
    out.examples = _boolean(ctx, data, "examples", "")
    out.include_builtin = bool(data.get("include_builtin", True))
    if "include_builtin" in data:
        _boolean(ctx, data, "include_builtin", "")
    programmes = _tables(ctx, data, "programmes", "")
    if len(programmes) > MAX_PROGRAMMES:
        ctx.problem("programmes", _("too many programmes (at most {n})").format(n=MAX_PROGRAMMES))
        programmes = programmes[:MAX_PROGRAMMES]
    ids: list[tuple[str, str]] = []
    for where, entry in programmes:
        _check_keys(ctx, entry, _PROGRAMME_KEYS, where)
        pid = _ident(ctx, entry, where)
        ids.append((join(where, "id"), pid))
        kind = _choice(ctx, entry, "kind", where, PROGRAMME_KINDS)
        title = _capped(ctx, entry, "title", where)
        what = _capped(ctx, entry, "what", where)
        length = _capped(ctx, entry, "length", where, optional=True)
        contact = _short(ctx, entry, "contact", where)
        url = _url(ctx, entry, where)
        if pid and kind and title and what:
            out.programmes.append(Programme(pid, kind, title, what, length, contact, url))
    _unique(ctx, ids, N_("programme"))
    paths = _tables(ctx, data, "paths", "")
    if len(paths) > MAX_PATHS:
        ctx.problem("paths", _("too many paths (at most {n})").format(n=MAX_PATHS))
        paths = paths[:MAX_PATHS]
    ids = []
    for where, entry in paths:
        _check_keys(ctx, entry, _PATH_KEYS, where)
        path_id = _ident(ctx, entry, where)
        ids.append((join(where, "id"), path_id))
        path = _parse_path(ctx, entry, where, path_id, out.references)
        if isinstance(entry.get("profiles"), list):
            out.profile_refs.extend(
                (f"{where}.profiles[{i}]", p) for i, p in enumerate(entry["profiles"])
                if isinstance(p, str)
            )  # fmt: skip
        if path is not None:
            out.paths.append(path)
    _unique(ctx, ids, N_("path"))
    return out


def _parse_path(
    ctx: _Context, entry: Mapping[str, Any], where: str, path_id: str,
    references: list[tuple[str, str]],
) -> CareerPath | None:  # fmt: skip
    title = _capped(ctx, entry, "title", where)
    summary = _capped(ctx, entry, "summary", where)
    area = _choice(ctx, entry, "area", where, AREAS)
    direction = _choice(ctx, entry, "direction", where, DIRECTIONS)
    profiles = _list(ctx, entry, "profiles", where)
    roles = _list(ctx, entry, "roles", where)
    url = _url(ctx, entry, where)
    steps: list[Step] = []
    step_ids: list[tuple[str, str]] = []
    tables = _tables(ctx, entry, "steps", where, required=True)
    if len(tables) > MAX_STEPS:
        ctx.problem(join(where, "steps"), _("too many steps (at most {n})").format(n=MAX_STEPS))
        tables = tables[:MAX_STEPS]
    for step_where, step in tables:
        _check_keys(ctx, step, _STEP_KEYS, step_where)
        sid = _ident(ctx, step, step_where)
        step_ids.append((join(step_where, "id"), sid))
        parsed = _parse_step(ctx, step, step_where, sid, references)
        if parsed is not None:
            steps.append(parsed)
    _unique(ctx, step_ids, N_("step"))
    if not (path_id and title and summary and area and direction) or len(steps) != len(tables):
        return None
    return CareerPath(
        path_id, title, summary, area, direction, tuple(steps), tuple(profiles),
        tuple(r.casefold() for r in roles), url, ctx.path,
    )  # fmt: skip


def _parse_step(
    ctx: _Context, step: Mapping[str, Any], where: str, sid: str,
    references: list[tuple[str, str]],
) -> Step | None:  # fmt: skip
    title = _capped(ctx, step, "title", where)
    what = _capped(ctx, step, "what", where)
    how = _capped(ctx, step, "how", where)
    time = _capped(ctx, step, "time", where, optional=True)
    pay = _capped(ctx, step, "pay", where, optional=True)
    competences: list[Text] = []
    value = step.get("competences", [])
    key = join(where, "competences")
    if not isinstance(value, list):
        ctx.problem(key, _('must be a list of texts in sv, da and en: [{ sv = "…", da = "…", '
                           'en = "…" }]'))  # fmt: skip
        value = []
    if len(value) > MAX_LIST:
        ctx.problem(key, _("too many entries (at most {n})").format(n=MAX_LIST))
        value = value[:MAX_LIST]
    ok = True
    for i, _entry in enumerate(value):
        text = _capped(ctx, {"c": _entry}, "c", "", path=f"{key}[{i}]")
        if text is None:
            ok = False
        else:
            competences.append(text)
    programmes = _list(ctx, step, "programmes", where)
    for i, pid in enumerate(programmes):
        references.append((f"{join(where, 'programmes')}[{i}]", pid))
    contacts = _list(ctx, step, "contacts", where)
    if not (sid and title and what and how and ok):
        return None
    return Step(sid, title, what, tuple(competences), how, time, pay, tuple(programmes),
                tuple(contacts))  # fmt: skip


def _capped(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, optional: bool = False,
    path: str | None = None,
) -> Text | None:  # fmt: skip
    """A text in sv, da and en, each at most MAX_TEXT characters."""
    full = path or join(where, key)
    if path is not None:
        # A list element: the guide validators name the key they were given, so rename.
        before = len(ctx.problems)
        text = _text(ctx, data, key, where, optional=optional)
        for n in range(before, len(ctx.problems)):
            problem = ctx.problems[n]
            suffix = problem.key[len(key) :]
            ctx.problems[n] = type(problem)(
                problem.path, ctx.line_of(full + suffix), full + suffix, problem.message
            )
    else:
        text = _text(ctx, data, key, where, optional=optional)
    if text is None:
        return None
    for lang in ("sv", "da", "en"):
        if len(text.get(lang)) > MAX_TEXT:
            ctx.problem(
                f"{full}.{lang}",
                _("is too long ({length} characters; at most {n})").format(
                    length=len(text.get(lang)), n=MAX_TEXT
                ),
            )
            return None
    return text


def _list(ctx: _Context, data: Mapping[str, Any], key: str, where: str) -> list[str]:
    values = _string_list(ctx, data, key, where)
    full = join(where, key)
    if len(values) > MAX_LIST:
        ctx.problem(full, _("too many entries (at most {n})").format(n=MAX_LIST))
        values = values[:MAX_LIST]
    out = []
    for i, value in enumerate(values):
        if not value.strip():
            ctx.problem(f"{full}[{i}]", _("is empty"))
        elif len(value) > MAX_SHORT:
            ctx.problem(f"{full}[{i}]", _("is too long (at most {n} characters)").format(
                n=MAX_SHORT))  # fmt: skip
        else:
            out.append(value.strip())
    return out


def _short(ctx: _Context, data: Mapping[str, Any], key: str, where: str) -> str:
    value = _string(ctx, data, key, where)
    if len(value) > MAX_SHORT:
        ctx.problem(join(where, key), _("is too long (at most {n} characters)").format(n=MAX_SHORT))
        return ""
    return value.strip()


def _url(ctx: _Context, data: Mapping[str, Any], where: str) -> str:
    """A web address to read more: https:// or http:// only (no javascript:, no file:)."""
    value = _short(ctx, data, "url", where)
    if value and not value.lower().startswith(("https://", "http://")):
        ctx.problem(
            join(where, "url"),
            _("must start with https:// (or http://), not {value!r}").format(
                value=quoted(value[:40])
            ),
        )
        return ""
    return value


__all__ = ["ParsedFile", "_type_name", "is_career_file", "parse_career_file"]
