"""Loads the guide files of a folder (built-in, then the organisation's) into a library."""

from __future__ import annotations

import contextlib
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from dialog_kit.errors import quoted
from dialog_kit.guides.crosscheck import _check_dates, _cross_check
from dialog_kit.guides.fields import _Context
from dialog_kit.guides.model import GuideError, GuideLibrary, GuideProblem
from dialog_kit.guides.parse import (
    _file_kind,
    _parse_guide,
    _parse_profiles,
    _parse_resources,
)
from dialog_kit.i18n import _
from dialog_kit.paths import checklists_dir
from dialog_kit.safe_files import TooDeepError, UnsafeFileError, load_toml, read_file
from dialog_kit.tomlpos import KeyScanner, key_lines
from dialog_kit.tomlpos import join as _join


def load_library(extra_dir: Path | None = None, today: date | None = None) -> GuideLibrary:
    """The built-in guides, then the organisation's own folder, whose entries override by id.

    A broken file is recorded in `problems` and skipped; the rest still load.
    Cross-file references (profiles to guides and phases, windows to resources,
    resources to profiles) are checked once everything is in.
    """
    library = GuideLibrary()
    try:
        builtin: Path | None = checklists_dir()
    except FileNotFoundError:
        builtin = None
        library.problems.append(
            GuideProblem(Path("checklists"), None, "", _("the built-in guides are missing"))
        )
    if builtin is not None:
        _load_folder(library, builtin)
    if extra_dir is not None:
        if extra_dir.is_dir():
            _load_folder(library, extra_dir)
        else:
            library.problems.append(
                GuideProblem(extra_dir, None, "", _("the organisation's guides folder is missing"))
            )
    _cross_check(library)
    _check_dates(library, today or date.today())
    return library


def validate_path(path: Path, today: date | None = None) -> list[GuideProblem]:
    """Every problem in a guide file, or in every *.toml of a folder, plus cross-file checks.

    What is checked is loaded the way it would be in use: on top of the built-in
    guides (so a profile may add to a built-in guide), and a single file together
    with the other files of its folder (so a profile may name a resource beside
    it). Only problems in `path` itself are returned.
    """
    if not path.exists():
        return [GuideProblem(path, None, "", _("does not exist"))]
    try:
        builtin: Path | None = checklists_dir().resolve()
    except FileNotFoundError:
        builtin = None
    target = path.resolve()
    folder = target if target.is_dir() else target.parent
    if target.is_dir() and not any(target.glob("*.toml")):
        return [GuideProblem(path, None, "", _("no .toml files in this folder"))]
    library = GuideLibrary()
    if builtin is not None and folder != builtin:
        _load_folder(library, builtin)
    _load_folder(library, folder)
    if not target.is_dir() and target.suffix != ".toml":  # not picked up by the folder's glob
        _load_file(library, target)
    _cross_check(library)
    _check_dates(library, today or date.today())

    def inside(problem: GuideProblem) -> bool:
        where = problem.path.resolve()
        return where == target or target in where.parents

    return [p for p in library.problems + library.warnings if inside(p)]


def _load_folder(library: GuideLibrary, folder: Path) -> None:
    """Loads every *.toml of one folder; its entries replace earlier folders' ones by id."""
    seen: set[tuple[str, str]] = set()
    for path in sorted(folder.glob("*.toml")):
        for key in _load_file(library, path, seen=seen):
            seen.add(key)


def _load_file(
    library: GuideLibrary, path: Path, *, seen: set[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """Loads one file into `library`; returns the (kind, id) keys it defined.

    `seen` holds what other files of the same folder defined already: an id used
    twice in one folder is a problem, while a later folder overrides by design.
    """
    seen = seen if seen is not None else set()
    try:
        ctx, data = _read(path)
        kind = _file_kind(ctx, data)
        entries: list[tuple[str, str, Any]] = []
        if kind == "guide":
            guide = _parse_guide(ctx, data)
            ctx.raise_if_problems()
            entries.append(("guide", "", guide))
        elif kind == "profiles":
            entries.extend(("profile", f"profiles[{i}]", p) for i, p in _parse_profiles(ctx, data))
            ctx.raise_if_problems()
        elif kind == "resources":
            entries.extend(
                ("resource", f"resources[{i}]", r) for i, r in _parse_resources(ctx, data)
            )
            ctx.raise_if_problems()
        for what, where, entry in entries:
            if (what, entry.id) in seen:
                ctx.problem(
                    _join(where, "id"),
                    _("the {what} id {id!r} is already used by another file in this folder").format(
                        what=_what(what), id=quoted(entry.id)
                    ),
                )
        ctx.raise_if_problems()
    except GuideError as exc:
        library.problems.extend(exc.problems)
        return []
    keys = []
    for what, where, entry in entries:
        stores: dict[str, dict[str, Any]] = {
            "guide": library.guides,
            "profile": library.profiles,
            "resource": library.resources,
        }
        stores[what][entry.id] = entry
        library._origins[(what, entry.id)] = (ctx, where)
        keys.append((what, entry.id))
    return keys


def _what(what: str) -> str:
    return {"guide": _("guide"), "profile": _("profile"), "resource": _("resource")}[what]


_TOML_ERROR = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")
_KEY_AT_LINE_START = re.compile(r"\s*\[*\s*([A-Za-z0-9_\-.\" ]+?)\s*[=\]]")


MAX_GUIDE_FILE = 1024 * 1024
"""The largest guide file read (the built-in ones are under 50 KiB): guide folders are
shared, and a planted link to /dev/zero or a huge file must not fill the memory."""


def _read(path: Path) -> tuple[_Context, dict[str, Any]]:
    try:
        data = read_file(path, MAX_GUIDE_FILE)
    except UnsafeFileError as exc:
        raise GuideError([GuideProblem(path, None, "", exc.reason)]) from None
    except OSError as exc:
        problem = GuideProblem(
            path, None, "", _("cannot be read: {reason}").format(reason=exc.strerror or exc)
        )
        raise GuideError([problem]) from None
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        raise GuideError([GuideProblem(path, bad_line, "", _("is not UTF-8 text"))]) from None
    ctx = _Context(path, raw)
    try:
        parsed = load_toml(raw)
    except tomllib.TOMLDecodeError as exc:
        line, key = _toml_error_position(raw, str(exc))
        reason = _TOML_ERROR.sub("", str(exc))
        message = _("is not valid TOML: {reason}").format(reason=reason)
        raise GuideError([GuideProblem(path, line, key, message)]) from None
    except TooDeepError as exc:
        raise GuideError([GuideProblem(path, None, "", exc.reason)]) from None
    return ctx, parsed


def _toml_error_position(raw: str, error: str) -> tuple[int | None, str]:
    """The line and full key path of a TOML syntax error, as well as they can be told."""
    match = _TOML_ERROR.search(error)
    if not match:
        return None, ""
    if not match.group(1):
        # "at end of document": an unclosed string or array; the scanner stops at the key
        # whose value never ends, which is the last one it saw.
        index = key_lines(raw)
        if not index:
            return raw.rstrip("\n").count("\n") + 1, ""
        key, line = max(index.items(), key=lambda kv: (kv[1], len(kv[0])))
        return line, key
    line = int(match.group(1))
    lines = raw.split("\n")
    if not 0 < line <= len(lines):
        return line, ""
    written = _KEY_AT_LINE_START.match(lines[line - 1])
    if not written:
        return line, ""
    key = written.group(1).replace(" ", "").replace('"', "")
    if lines[line - 1].lstrip().startswith("["):
        return line, key
    # A key inside a table: prefix the table it is in, found by scanning the lines above.
    scanner = KeyScanner("\n".join(lines[: line - 1]))
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        scanner.run()
    return line, _join(scanner.table, key)
