"""Finds and loads the career-paths files: the built-in examples, then the organisation's own."""

from __future__ import annotations

import tomllib
from pathlib import Path

from dialog_kit.career.model import CareerCatalogue
from dialog_kit.career.parse import ParsedFile, is_career_file, parse_career_file
from dialog_kit.errors import quoted
from dialog_kit.guides.fields import _Context
from dialog_kit.guides.load import _toml_error_position
from dialog_kit.guides.model import GuideError, GuideProblem
from dialog_kit.i18n import _
from dialog_kit.paths import checklists_dir
from dialog_kit.safe_files import TooDeepError, UnsafeFileError, load_toml, read_file

FILE_NAME = "career-paths.toml"
MAX_CAREER_FILE = 1024 * 1024
"""The largest career-paths file read (the built-in one is some 40 KiB): folders are shared."""


def load_catalogue(
    extra_dir: Path | None = None, profiles: set[str] | None = None
) -> CareerCatalogue:
    """The built-in career-paths file, then the organisation's, whose entries override by id.

    The organisation's file may say `include_builtin = false` to leave the
    built-in examples out. A broken file is recorded in `problems` and left out.
    `profiles`, when given, are the profile ids a path may name.
    """
    catalogue = CareerCatalogue()
    files: list[ParsedFile] = []
    try:
        builtin: Path | None = checklists_dir() / FILE_NAME
    except FileNotFoundError:
        builtin = None
    own = extra_dir / FILE_NAME if extra_dir is not None else None
    parsed_own = _parse(own, catalogue) if own is not None and own.exists() else None
    if builtin is not None and (parsed_own is None or parsed_own.include_builtin):
        parsed = _parse(builtin, catalogue)
        if parsed is not None:
            files.append(parsed)
    if parsed_own is not None:
        files.append(parsed_own)
    for parsed in files:
        _add(catalogue, parsed)
    _check_references(catalogue, files, profiles)
    return catalogue


def validate_career_file(path: Path, profiles: set[str] | None = None) -> list[GuideProblem]:
    """Every problem of one career-paths file, its programme references checked against the
    built-in programmes and its own (as it would be loaded from an organisation's folder)."""
    catalogue = CareerCatalogue()
    parsed = _parse(path, catalogue)
    if parsed is None:
        return catalogue.problems
    files = []
    if parsed.include_builtin:
        try:
            builtin = _parse(checklists_dir() / FILE_NAME, CareerCatalogue())
        except FileNotFoundError:
            builtin = None
        if builtin is not None and builtin.ctx.path.resolve() != path.resolve():
            files.append(builtin)
    files.append(parsed)
    for each in files:
        _add(catalogue, each)
    _check_references(catalogue, [parsed], profiles)
    return catalogue.problems


def career_file_in(path: Path) -> Path | None:
    """The career-paths file `guides validate PATH` should check: PATH itself, or in a folder."""
    if path.is_dir():
        candidate = path / FILE_NAME
        return candidate if candidate.exists() else None
    if path.name == FILE_NAME:
        return path
    if path.suffix == ".toml" and path.is_file():
        try:
            data = load_toml(read_file(path, MAX_CAREER_FILE).decode("utf-8"))
        except (OSError, UnsafeFileError, TooDeepError, UnicodeDecodeError,
                tomllib.TOMLDecodeError):  # fmt: skip
            return None  # the guide validator reports what is wrong with it
        return path if is_career_file(data) else None
    return None


def _parse(path: Path, catalogue: CareerCatalogue) -> ParsedFile | None:
    try:
        data = read_file(path, MAX_CAREER_FILE)
    except UnsafeFileError as exc:
        catalogue.problems.append(GuideProblem(path, None, "", exc.reason))
        return None
    except OSError as exc:
        reason = _("cannot be read: {reason}").format(reason=exc.strerror or exc)
        catalogue.problems.append(GuideProblem(path, None, "", reason))
        return None
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        catalogue.problems.append(GuideProblem(path, line, "", _("is not UTF-8 text")))
        return None
    try:
        parsed_toml = load_toml(raw)
    except tomllib.TOMLDecodeError as exc:
        line_no, key = _toml_error_position(raw, str(exc))
        message = _("is not valid TOML: {reason}").format(reason=str(exc).split(" (at ")[0])
        catalogue.problems.append(GuideProblem(path, line_no, key, message))
        return None
    except TooDeepError as exc:
        catalogue.problems.append(GuideProblem(path, None, "", exc.reason))
        return None
    ctx = _Context(path, raw)
    if not is_career_file(parsed_toml):
        ctx.problem("", _("is not a career-paths file: it has no [[paths]] or [[programmes]]"),
                    line=1)  # fmt: skip
        catalogue.problems.extend(ctx.problems)
        return None
    parsed = parse_career_file(ctx, parsed_toml)
    try:
        ctx.raise_if_problems()
    except GuideError as exc:
        catalogue.problems.extend(exc.problems)
        return None
    return parsed


def _add(catalogue: CareerCatalogue, parsed: ParsedFile) -> None:
    for programme in parsed.programmes:
        catalogue.programmes[programme.id] = programme
    for path in parsed.paths:
        catalogue.paths[path.id] = path
    catalogue.sources.append(parsed.ctx.path)
    catalogue.examples = catalogue.examples or parsed.examples


def _check_references(
    catalogue: CareerCatalogue, files: list[ParsedFile], profiles: set[str] | None
) -> None:
    """A step may name only programmes in force (built-in or the organisation's), a path only
    profiles the guides define (else nobody of that profile is offered it)."""
    known = ", ".join(sorted(catalogue.programmes)) or "-"
    for parsed in files:
        for key, profile in parsed.profile_refs:
            if profiles is not None and profile not in profiles:
                parsed.ctx.problem(
                    key,
                    _("unknown profile {id!r} (known: {known})").format(
                        id=quoted(profile), known=", ".join(sorted(profiles))
                    ),
                )
        for key, pid in parsed.references:
            if pid not in catalogue.programmes:
                parsed.ctx.problem(
                    key,
                    _("unknown programme {id!r} (known: {known})").format(
                        id=quoted(pid), known=known
                    ),
                )
        catalogue.problems.extend(parsed.ctx.problems)
        parsed.ctx.problems = []
