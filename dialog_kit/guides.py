"""Loads and validates the conversation guides (TOML) into frozen dataclasses."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dialog_kit.errors import InputError, clip, quoted
from dialog_kit.i18n import N_, _
from dialog_kit.paths import checklists_dir
from dialog_kit.privacy import ITEM_DEFAULT, Visibility
from dialog_kit.record import Kind
from dialog_kit.safe_files import TooDeepError, UnsafeFileError, load_toml, read_file

LOCALES: tuple[str, ...] = ("sv", "da", "en")
STAGES: tuple[str, ...] = ("before", "during", "after")
FORMAT = 1
"""The version of the guide file format this code reads."""


@dataclass(frozen=True)
class Text:
    """One user-facing text in every supported language."""

    sv: str
    da: str
    en: str

    def get(self, lang: str) -> str:
        return str(getattr(self, lang))

    __call__ = get


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    hint: Text | None = None
    required: bool = False
    visibility: Visibility = ITEM_DEFAULT  # the level of new notes on this item


@dataclass(frozen=True)
class Prompt:
    id: str
    text: Text


@dataclass(frozen=True)
class Caution:
    id: str
    text: Text


@dataclass(frozen=True)
class Phase:
    id: str
    stage: str  # before | during | after
    title: Text
    purpose: Text
    items: tuple[Item, ...]
    prompts: tuple[Prompt, ...]
    cautions: tuple[Caution, ...] = ()

    def required_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.required)


@dataclass(frozen=True)
class Preparation:
    """What the employee's preparation sheet says before the talk."""

    intro: Text
    questions: tuple[Prompt, ...]


@dataclass(frozen=True)
class Guide:
    id: str
    version: int
    kind: Kind
    title: Text
    summary: Text
    phases: tuple[Phase, ...]
    preparation: Preparation
    source: Path = field(compare=False)

    def phase(self, phase_id: str) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)


@dataclass(frozen=True)
class Resource:
    """Where to turn: an internal contact or an external scheme, as the organisation writes it."""

    id: str
    scope: str  # internal | external
    name: Text
    what: Text
    when: Text
    country: str = ""  # se, dk, uk, nl, ca, intl; empty for internal contacts
    kinds: tuple[Kind, ...] = ()  # the talks it fits; empty means every kind
    profiles: tuple[str, ...] = ()  # the profiles it fits; empty means every profile
    confidential: bool = False  # offers confidential, independent advice
    url: str = ""
    contact: Text | None = None

    def fits(self, kind: Kind, profile: str) -> bool:
        return (not self.kinds or kind in self.kinds) and (
            not self.profiles or profile in self.profiles
        )


@dataclass(frozen=True)
class TransitionWindow:
    """An age window in which a career-transition scheme accepts applications."""

    id: str
    title: Text
    opens_at_age: int
    closes_before_age: int
    inform_at_age: int  # when the whole age group should hear about it
    resource: str = ""


@dataclass(frozen=True)
class ProfileAddition:
    """Items, prompts and cautions a profile adds to one phase of one guide."""

    guide: str
    phase: str
    items: tuple[Item, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    cautions: tuple[Caution, ...] = ()


@dataclass(frozen=True)
class Profile:
    id: str
    title: Text
    summary: Text
    additions: tuple[ProfileAddition, ...] = ()
    preparation: tuple[tuple[str, Prompt], ...] = ()  # (guide id, extra question)
    windows: tuple[TransitionWindow, ...] = ()
    horizon_years: int = 3  # how far ahead the app looks for opening windows
    professions: tuple[str, ...] = ()  # ids (dancer, singer, ...) a person of this profile may have


@dataclass(frozen=True)
class GuideProblem:
    """One fault in one guide file, with where it is."""

    path: Path
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        key = clip(self.key)  # a key path written in a hostile file may be very long
        return f"{where}: {key}: {self.message}" if key else f"{where}: {self.message}"


class GuideError(InputError):
    """A guide file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[GuideProblem]) -> None:
        self.problems = problems
        super().__init__(_("Broken guide"), "\n".join(str(p) for p in problems))


@dataclass
class GuideLibrary:
    """All guides, profiles and resources in force, plus the problems met while loading."""

    guides: dict[str, Guide] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    problems: list[GuideProblem] = field(default_factory=list)
    # Where each loaded entry was written, so cross-file problems can name file and line.
    _origins: dict[tuple[str, str], tuple[_Context, str]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def guide(self, guide_id: str) -> Guide:
        try:
            return self.guides[guide_id]
        except KeyError:
            raise InputError(
                _("Unknown guide"),
                _("There is no guide with id {id!r}.").format(id=quoted(guide_id)),
            ) from None

    def guide_for_kind(self, kind: Kind | str) -> Guide:
        """The guide used for new talks of `kind`: the one whose id is the kind, else the first."""
        kind = Kind(kind)
        if kind.value in self.guides and self.guides[kind.value].kind is kind:
            return self.guides[kind.value]
        for guide in self.guides.values():
            if guide.kind is kind:
                return guide
        raise InputError(
            _("No guide"),
            _("No guide is loaded for talks of kind {kind!r}.").format(kind=kind.value),
        )

    def profile(self, profile_id: str) -> Profile | None:
        return self.profiles.get(profile_id)

    def with_profile(self, guide: Guide, profile_id: str) -> Guide:
        """The guide with the profile's additions merged into its phases and preparation."""
        profile = self.profiles.get(profile_id)
        if profile is None:
            return guide
        phases = []
        for phase in guide.phases:
            adds = [a for a in profile.additions if a.guide == guide.id and a.phase == phase.id]
            for add in adds:
                phase = replace(
                    phase,
                    items=phase.items + add.items,
                    prompts=phase.prompts + add.prompts,
                    cautions=phase.cautions + add.cautions,
                )
            phases.append(phase)
        extra = tuple(q for gid, q in profile.preparation if gid == guide.id)
        preparation = replace(guide.preparation, questions=guide.preparation.questions + extra)
        return replace(guide, phases=tuple(phases), preparation=preparation)

    def resources_for(self, kind: Kind | str, profile_id: str) -> list[Resource]:
        kind = Kind(kind)
        return [r for r in self.resources.values() if r.fits(kind, profile_id)]


# -- loading -------------------------------------------------------------------


def load_library(extra_dir: Path | None = None) -> GuideLibrary:
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
    return library


def validate_path(path: Path) -> list[GuideProblem]:
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

    def inside(problem: GuideProblem) -> bool:
        where = problem.path.resolve()
        return where == target or target in where.parents

    return [p for p in library.problems if inside(p)]


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
    parsed = _cache_get(data)
    if parsed is not None:
        return ctx, parsed
    try:
        parsed = load_toml(raw)
    except tomllib.TOMLDecodeError as exc:
        line, key = _toml_error_position(raw, str(exc))
        reason = _TOML_ERROR.sub("", str(exc))
        message = _("is not valid TOML: {reason}").format(reason=reason)
        raise GuideError([GuideProblem(path, line, key, message)]) from None
    except TooDeepError as exc:
        raise GuideError([GuideProblem(path, None, "", exc.reason)]) from None
    _cache_put(data, parsed)
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
    scanner = _KeyScanner("\n".join(lines[: line - 1]))
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        scanner.run()
    return line, _join(scanner.table, key)


# tomllib is pure Python and takes most of the start-up time of the guides (several ms per
# file); the parsed form of each file is kept as JSON, which loads some 40 times faster,
# under the hash of the file's bytes, so an edited file is simply parsed again.
_CACHE_FILES_KEPT = 64


def _cache_dir() -> Path | None:
    if os.environ.get("DIALOG_KIT_NO_CACHE"):
        return None
    from platformdirs import user_cache_path

    return user_cache_path("dialog_kit", appauthor=False) / "guides"


def _cache_file(data: bytes) -> Path | None:
    folder = _cache_dir()
    if folder is None:
        return None
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return folder / f"{digest}.json"


def _cache_get(data: bytes) -> dict[str, Any] | None:
    try:
        path = _cache_file(data)
        if path is None:
            return None
        parsed = json.loads(read_file(path, 4 * MAX_GUIDE_FILE))
    except (OSError, ValueError, RecursionError, UnsafeFileError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _cache_put(data: bytes, parsed: dict[str, Any]) -> None:
    """Best effort: a read-only or full disk only costs the next start-up some time."""
    try:
        text = json.dumps(parsed, ensure_ascii=False)
    except (TypeError, ValueError):  # dates and times have no JSON form: not cached
        return
    try:
        path = _cache_file(data)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
        kept = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-_CACHE_FILES_KEPT]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def _file_kind(ctx: _Context, data: Mapping[str, Any]) -> str:
    if "profiles" in data:
        return "profiles"
    if "resources" in data:
        return "resources"
    if {"id", "kind", "phases", "title"} & set(data):
        return "guide"
    ctx.problem("", _("is neither a guide, a profiles file nor a resources file"), line=1)
    ctx.raise_if_problems()
    return ""


class _Context:
    """Collects problems for one file and finds the line of a key path."""

    def __init__(self, path: Path, raw: str) -> None:
        self.path = path
        self.raw = raw
        self.lines = raw.split("\n")
        self.problems: list[GuideProblem] = []
        self._index: dict[str, int] | None = None

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
        return _lookup(self._index, key) or 1


# -- where keys are written ------------------------------------------------------


def locate_key(lines: list[str], key: str) -> int | None:
    """The 1-based line of a key path in TOML text; None when it cannot be found.

    A key that is not written (a missing one) gets the line of the nearest
    table or key above it in the path, e.g. the `[[phases]]` header.
    """
    return _lookup(key_lines("\n".join(lines)), key)


def _lookup(index: Mapping[str, int], key: str) -> int | None:
    while key:
        if key in index:
            return index[key]
        cut = max(key.rfind("."), key.rfind("["))
        key = key[:cut] if cut > 0 else ""
    return None


def key_lines(text: str) -> dict[str, int]:
    """Maps every key path written in TOML `text` to the line where it first appears.

    Paths look like `title.sv`, `phases[2].items[0].text.da`, `resources[1].kinds[0]`.
    A small scanner, not a parser: it is only used on text tomllib has accepted,
    and it never raises (whatever it could not follow is simply not in the map).
    """
    scanner = _KeyScanner(text)
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        scanner.run()
    return scanner.lines


_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")


class _KeyScanner:
    """Walks TOML text keeping the current table path, recording the line of each key path."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines: dict[str, int] = {}
        self.arrays: dict[str, int] = {}  # array-of-tables path -> number of elements so far
        self.table = ""  # the concrete path of the table being read

    def run(self) -> None:
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.s):
                return
            start = self.i
            if self.s.startswith("[[", self.i):
                self.i += 2
                parts = self.key()
                self.expect("]]")
                base = self.resolve(parts[:-1])
                array = _join(base, parts[-1])
                count = self.arrays.get(array, 0)
                self.arrays[array] = count + 1
                self.table = f"{array}[{count}]"
                self.mark(array)
                self.mark(self.table)
            elif self.s[self.i] == "[":
                self.i += 1
                parts = self.key()
                self.expect("]")
                self.table = self.resolve(parts)
                self.mark_prefixes(self.table)
            else:
                self.keyval(self.table)
            self.end_of_line()
            if self.i == start:  # cannot follow the text any further
                return

    def resolve(self, parts: list[str]) -> str:
        """The concrete path of a header's key: arrays of tables resolve to their last element."""
        path = ""
        for part in parts:
            path = _join(path, part)
            if path in self.arrays:
                path = f"{path}[{self.arrays[path] - 1}]"
        return path

    def mark(self, path: str) -> None:
        self.lines.setdefault(path, self.line)

    def mark_prefixes(self, path: str) -> None:
        for match in re.finditer(r"[.\[]", path):
            self.mark(path[: match.start()])
        self.mark(path)

    def keyval(self, base: str) -> None:
        parts = self.key()
        path = base
        for part in parts:
            path = _join(path, part)
            self.mark(path)
        self.skip_blank()
        self.expect("=")
        self.skip_blank()
        self.value(path)

    def key(self) -> list[str]:
        parts = []
        while True:
            self.skip_blank()
            c = self.s[self.i]
            if c in "\"'":
                end = self.s.index(c, self.i + 1)
                while c == '"' and self.s[end - 1] == "\\":
                    end = self.s.index(c, end + 1)
                parts.append(self.s[self.i + 1 : end])
                self.i = end + 1
            else:
                match = _BARE_KEY.match(self.s, self.i)
                if not match:
                    raise ValueError("no key")
                parts.append(match.group())
                self.i = match.end()
            self.skip_blank()
            if self.i < len(self.s) and self.s[self.i] == ".":
                self.i += 1
                continue
            return parts

    def value(self, path: str) -> None:
        s = self.s
        if s.startswith('"""', self.i) or s.startswith("'''", self.i):
            self.long_string(s[self.i : self.i + 3])
        elif s[self.i] in "\"'":
            quote = s[self.i]
            self.i += 1
            while s[self.i] != quote:
                if s[self.i] == "\n":
                    raise ValueError("unterminated string")
                self.i += 2 if quote == '"' and s[self.i] == "\\" else 1
            self.i += 1
        elif s[self.i] == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if s[self.i] == "]":
                    self.i += 1
                    return
                element = f"{path}[{index}]"
                self.mark(element)
                self.value(element)
                self.skip_blank(newlines=True)
                if s[self.i] == ",":
                    self.i += 1
                index += 1
        elif s[self.i] == "{":
            self.i += 1
            while True:
                self.skip_blank()
                if s[self.i] == "}":
                    self.i += 1
                    return
                self.keyval(path)
                self.skip_blank()
                if s[self.i] == ",":
                    self.i += 1
        else:
            match = re.compile(r"[^,\]}\n#]+").match(s, self.i)
            if not match:
                raise ValueError("no value")
            self.i = match.end()

    def long_string(self, quote: str) -> None:
        self.i += 3
        while not self.s.startswith(quote, self.i):
            c = self.s[self.i]
            if c == "\n":
                self.line += 1
            self.i += 2 if quote == '"""' and c == "\\" else 1
            if c == "\\" and self.s[self.i - 1] == "\n":
                self.line += 1
        self.i += 3
        # Up to two more quotes may belong to the string's content.
        for _extra in range(2):
            if self.s.startswith(quote[0], self.i):
                self.i += 1

    def skip_blank(self, newlines: bool = False) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in " \t\r":
                self.i += 1
            elif c == "\n" and newlines:
                self.line += 1
                self.i += 1
            elif c == "#" and newlines:
                end = s.find("\n", self.i)
                self.i = len(s) if end < 0 else end
            else:
                return

    def end_of_line(self) -> None:
        self.skip_blank()
        if self.i < len(self.s) and self.s[self.i] == "#":
            end = self.s.find("\n", self.i)
            self.i = len(self.s) if end < 0 else end

    def expect(self, token: str) -> None:
        self.skip_blank()
        if not self.s.startswith(token, self.i):
            raise ValueError(f"expected {token}")
        self.i += len(token)


# -- checking values --------------------------------------------------------------

_GUIDE_KEYS = {"format", "id", "version", "kind", "title", "summary", "phases", "preparation"}
_PHASE_KEYS = {"id", "stage", "title", "purpose", "items", "prompts", "cautions"}
_ITEM_KEYS = {"id", "text", "hint", "required", "visibility"}
_TEXT_ENTRY_KEYS = {"id", "text"}
_PROFILE_KEYS = {
    "id", "title", "summary", "additions", "preparation", "windows", "horizon_years", "professions",
}  # fmt: skip
_ADDITION_KEYS = {"guide", "phase", "items", "prompts", "cautions"}
_WINDOW_KEYS = {"id", "title", "opens_at_age", "closes_before_age", "inform_at_age", "resource"}
_RESOURCE_KEYS = {
    "id", "scope", "name", "what", "when", "country", "kinds", "profiles", "confidential", "url",
    "contact",
}  # fmt: skip
_COUNTRIES = ("se", "dk", "no", "fi", "uk", "nl", "ca", "de", "intl", "")
_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
"""An id names a guide, phase or item in records and on the command line: short, plain."""


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


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
) -> int | None:
    value = data.get(key, default)
    path = _join(where, key)
    if value is None:
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
        vis = _choice(
            ctx, entry, "visibility", path, [v.value for v in Visibility], ITEM_DEFAULT.value
        )
        if ident and text:
            # vis is "" only when the file is already reported broken.
            items.append(Item(ident, text, hint, required_item, Visibility(vis or ITEM_DEFAULT)))
    _unique(ctx, ids, N_("item"))
    return tuple(items)


_EMPTY = Text("", "", "")


def _parse_guide(ctx: _Context, data: Mapping[str, Any]) -> Guide:
    _check_keys(ctx, data, _GUIDE_KEYS, "")
    _check_format(ctx, data)
    ident = _ident(ctx, data, "")
    version = _integer(ctx, data, "version", "", 1, 1_000_000) or 1
    kind = _choice(ctx, data, "kind", "", [k.value for k in Kind])
    title = _text(ctx, data, "title", "")
    summary = _text(ctx, data, "summary", "")
    phases: list[Phase] = []
    phase_ids = []
    last_stage = 0
    for path, entry in _tables(ctx, data, "phases", "", required=True):
        _check_keys(ctx, entry, _PHASE_KEYS, path)
        pid = _ident(ctx, entry, path)
        phase_ids.append((f"{path}.id", pid))
        stage = _choice(ctx, entry, "stage", path, STAGES)
        if stage:
            if STAGES.index(stage) < last_stage:
                ctx.problem(
                    f"{path}.stage",
                    _("a {stage} phase cannot follow a {previous} phase").format(
                        stage=stage, previous=STAGES[last_stage]
                    ),
                )
            last_stage = max(last_stage, STAGES.index(stage))
        ptitle = _text(ctx, entry, "title", path)
        purpose = _text(ctx, entry, "purpose", path)
        items = _items(ctx, entry, path, required=True)
        prompts = tuple(
            Prompt(i, t) for i, t in _entries(ctx, entry, "prompts", path, N_("prompt"), True)
        )
        cautions = tuple(
            Caution(i, t) for i, t in _entries(ctx, entry, "cautions", path, N_("caution"))
        )
        if pid and stage and ptitle and purpose:
            phases.append(Phase(pid, stage, ptitle, purpose, items, prompts, cautions))
    _unique(ctx, phase_ids, N_("phase"))
    preparation = Preparation(_EMPTY, ())
    prep = _table(ctx, data, "preparation", "", N_("intro and questions for the employee"))
    if prep is not None:
        _check_keys(ctx, prep, {"intro", "questions"}, "preparation")
        intro = _text(ctx, prep, "intro", "preparation")
        questions = tuple(
            Prompt(i, t)
            for i, t in _entries(ctx, prep, "questions", "preparation", N_("question"), True)
        )
        if intro:
            preparation = Preparation(intro, questions)
    return Guide(
        id=ident, version=version, kind=Kind(kind or Kind.DEVELOPMENT),
        title=title or _EMPTY, summary=summary or _EMPTY,
        phases=tuple(phases), preparation=preparation, source=ctx.path,
    )  # fmt: skip


def _parse_profiles(ctx: _Context, data: Mapping[str, Any]) -> list[tuple[int, Profile]]:
    _check_keys(ctx, data, {"format", "profiles"}, "")
    _check_format(ctx, data)
    profiles = []
    ids = []
    for index, (path, entry) in enumerate(_tables(ctx, data, "profiles", "", required=True)):
        _check_keys(ctx, entry, _PROFILE_KEYS, path)
        pid = _ident(ctx, entry, path)
        ids.append((f"{path}.id", pid))
        title = _text(ctx, entry, "title", path)
        summary = _text(ctx, entry, "summary", path)
        additions = []
        for apath, add in _tables(ctx, entry, "additions", path):
            _check_keys(ctx, add, _ADDITION_KEYS, apath)
            additions.append(
                ProfileAddition(
                    guide=_string(ctx, add, "guide", apath, required=True),
                    phase=_string(ctx, add, "phase", apath, required=True),
                    items=_items(ctx, add, apath),
                    prompts=tuple(
                        Prompt(a, t) for a, t in _entries(ctx, add, "prompts", apath, N_("prompt"))
                    ),
                    cautions=tuple(
                        Caution(a, t)
                        for a, t in _entries(ctx, add, "cautions", apath, N_("caution"))
                    ),
                )
            )
        preparation = []
        question_ids = []
        for ppath, prep in _tables(ctx, entry, "preparation", path):
            _check_keys(ctx, prep, {"guide", "id", "text"}, ppath)
            qid = _ident(ctx, prep, ppath)
            text = _text(ctx, prep, "text", ppath)
            guide = _string(ctx, prep, "guide", ppath, required=True)
            question_ids.append((f"{ppath}.id", f"{guide}/{qid}" if qid else ""))
            if qid and text:
                preparation.append((guide, Prompt(qid, text)))
        _unique(ctx, question_ids, N_("question"))
        windows = []
        window_ids = []
        for wpath, win in _tables(ctx, entry, "windows", path):
            _check_keys(ctx, win, _WINDOW_KEYS, wpath)
            wid = _ident(ctx, win, wpath)
            window_ids.append((f"{wpath}.id", wid))
            wtitle = _text(ctx, win, "title", wpath)
            opens = _integer(ctx, win, "opens_at_age", wpath, 15, 80)
            closes = _integer(ctx, win, "closes_before_age", wpath, 15, 80)
            inform = _integer(ctx, win, "inform_at_age", wpath, 15, 80)
            resource = _string(ctx, win, "resource", wpath)
            if opens and closes and closes <= opens:
                ctx.problem(f"{wpath}.closes_before_age", _("must be later than opens_at_age"))
            if opens and inform and inform > opens:
                ctx.problem(f"{wpath}.inform_at_age", _("must not be later than opens_at_age"))
            if wid and wtitle and opens and closes and inform:
                windows.append(TransitionWindow(wid, wtitle, opens, closes, inform, resource))
        _unique(ctx, window_ids, N_("window"))
        horizon = _integer(ctx, entry, "horizon_years", path, 0, 20, default=3)
        professions = _string_list(ctx, entry, "professions", path)
        for i, profession in enumerate(professions):
            if not _ID.fullmatch(profession):
                ctx.problem(
                    f"{path}.professions[{i}]", _("must be an id of letters, digits, - and _")
                )
        if pid and title and summary:
            profiles.append(
                (
                    index,
                    Profile(
                        pid, title, summary, tuple(additions), tuple(preparation),
                        tuple(windows), 3 if horizon is None else horizon,
                        tuple(dict.fromkeys(professions)),
                    ),
                )
            )  # fmt: skip
    _unique(ctx, ids, N_("profile"))
    return profiles


def _parse_resources(ctx: _Context, data: Mapping[str, Any]) -> list[tuple[int, Resource]]:
    _check_keys(ctx, data, {"format", "resources"}, "")
    _check_format(ctx, data)
    resources = []
    ids = []
    for index, (path, entry) in enumerate(_tables(ctx, data, "resources", "", required=True)):
        _check_keys(ctx, entry, _RESOURCE_KEYS, path)
        rid = _ident(ctx, entry, path)
        ids.append((f"{path}.id", rid))
        scope = _choice(ctx, entry, "scope", path, ("internal", "external"))
        name = _text(ctx, entry, "name", path)
        what = _text(ctx, entry, "what", path)
        when = _text(ctx, entry, "when", path)
        contact = _text(ctx, entry, "contact", path, optional=True)
        kinds = _string_list(ctx, entry, "kinds", path, [k.value for k in Kind])
        profiles = _string_list(ctx, entry, "profiles", path)
        country = _choice(ctx, entry, "country", path, _COUNTRIES, default="")
        url = _string(ctx, entry, "url", path)
        if url and not url.startswith(("https://", "http://")):
            ctx.problem(f"{path}.url", _("must start with https:// or http://"))
        confidential = _boolean(ctx, entry, "confidential", path)
        if rid and scope and name and what and when:
            resources.append(
                (
                    index,
                    Resource(
                        rid, scope, name, what, when, country, tuple(Kind(k) for k in kinds),
                        tuple(profiles), confidential, url, contact,
                    ),
                )
            )  # fmt: skip
    _unique(ctx, ids, N_("resource"))
    return resources


# -- cross-file checks ------------------------------------------------------------


def _cross_check(library: GuideLibrary) -> None:
    """References between files: profiles to guides and phases, to resources; resources to
    profiles. Each problem names the file and line of the reference."""

    def report(what: str, ident: str, key: str, message: str) -> None:
        ctx, where = library._origins[(what, ident)]
        path = _join(where, key)
        library.problems.append(GuideProblem(ctx.path, ctx.line_of(path), path, message))

    for profile in library.profiles.values():
        for j, add in enumerate(profile.additions):
            guide = library.guides.get(add.guide)
            if guide is None:
                report("profile", profile.id, f"additions[{j}].guide",
                       _("no guide has the id {id!r}").format(id=quoted(add.guide)))  # fmt: skip
                continue
            phase = guide.phase(add.phase)
            if phase is None:
                report(
                    "profile", profile.id, f"additions[{j}].phase",
                    _("guide {guide!r} has no phase {id!r} (its phases: {ids})").format(
                        guide=quoted(guide.id), id=quoted(add.phase),
                        ids=clip(", ".join(p.id for p in guide.phases)),
                    ),
                )  # fmt: skip
                continue
            groups: list[tuple[str, list[str], set[str]]] = [
                ("items", [e.id for e in add.items], {e.id for e in phase.items}),
                ("prompts", [e.id for e in add.prompts], {e.id for e in phase.prompts}),
                ("cautions", [e.id for e in add.cautions], {e.id for e in phase.cautions}),
            ]
            for key, mine, taken in groups:
                for k, added in enumerate(mine):
                    if added in taken:
                        report(
                            "profile", profile.id, f"additions[{j}].{key}[{k}].id",
                            _("phase {phase!r} of guide {guide!r} already has the id {id!r}")
                            .format(phase=quoted(phase.id), guide=quoted(guide.id),
                                    id=quoted(added)),
                        )  # fmt: skip
        for j, (guide_id, question) in enumerate(profile.preparation):
            guide = library.guides.get(guide_id)
            if guide is None:
                report("profile", profile.id, f"preparation[{j}].guide",
                       _("no guide has the id {id!r}").format(id=quoted(guide_id)))  # fmt: skip
            elif question.id in {q.id for q in guide.preparation.questions}:
                report(
                    "profile", profile.id, f"preparation[{j}].id",
                    _("guide {guide!r} already has a preparation question {id!r}").format(
                        guide=quoted(guide_id), id=quoted(question.id)
                    ),
                )  # fmt: skip
        for j, window in enumerate(profile.windows):
            if window.resource and window.resource not in library.resources:
                report("profile", profile.id, f"windows[{j}].resource",
                       _("no resource has the id {id!r}").format(
                           id=quoted(window.resource)))  # fmt: skip
    for resource in library.resources.values():
        for k, profile_id in enumerate(resource.profiles):
            if profile_id not in library.profiles:
                report("resource", resource.id, f"profiles[{k}]",
                       _("no profile has the id {id!r}").format(id=quoted(profile_id)))  # fmt: skip
