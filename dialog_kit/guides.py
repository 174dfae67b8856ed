"""Loads and validates the conversation guides (TOML) into frozen dataclasses."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dialog_kit.errors import InputError
from dialog_kit.paths import checklists_dir
from dialog_kit.record import Kind, Visibility

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
    visibility: Visibility = Visibility.PRIVATE  # the default for notes on this item


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


@dataclass(frozen=True)
class GuideProblem:
    """One fault in one guide file, with where it is."""

    path: Path
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class GuideError(InputError):
    """A guide file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[GuideProblem]) -> None:
        self.problems = problems
        super().__init__("Broken guide", "\n".join(str(p) for p in problems))


@dataclass
class GuideLibrary:
    """All guides, profiles and resources in force, plus the problems met while loading."""

    guides: dict[str, Guide] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    problems: list[GuideProblem] = field(default_factory=list)

    def guide(self, guide_id: str) -> Guide:
        try:
            return self.guides[guide_id]
        except KeyError:
            raise InputError("Unknown guide", f"There is no guide with id {guide_id!r}.") from None

    def guide_for_kind(self, kind: Kind | str) -> Guide:
        """The guide used for new talks of `kind`: the one whose id is the kind, else the first."""
        kind = Kind(kind)
        if kind.value in self.guides and self.guides[kind.value].kind is kind:
            return self.guides[kind.value]
        for guide in self.guides.values():
            if guide.kind is kind:
                return guide
        raise InputError("No guide", f"No guide is loaded for talks of kind {kind.value!r}.")

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
    """The built-in guides, then the organisation's own folder, whose guides override by id.

    A broken file is recorded in `problems` and skipped; the rest still load.
    """
    library = GuideLibrary()
    folders = [checklists_dir()]
    if extra_dir is not None:
        folders.append(extra_dir)
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            try:
                _load_file_into(library, path)
            except GuideError as exc:
                library.problems.extend(exc.problems)
    return library


def validate_path(path: Path) -> list[GuideProblem]:
    """Every problem in a guide file, or in every *.toml of a folder (plus cross-file checks)."""
    library = GuideLibrary()
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        return [GuideProblem(path, None, "", "no .toml files in this folder")]
    for file in files:
        try:
            _load_file_into(library, file)
        except GuideError as exc:
            library.problems.extend(exc.problems)
    return library.problems


def _load_file_into(library: GuideLibrary, path: Path) -> None:
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError([GuideProblem(path, None, "", f"cannot be read: {exc}")]) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise GuideError([GuideProblem(path, line, "", f"is not valid TOML: {exc}")]) from None
    ctx = _Context(path, raw)
    if "phases" in data or "kind" in data:
        guide = _parse_guide(ctx, data)
        ctx.raise_if_problems()
        library.guides[guide.id] = guide
    elif "profiles" in data:
        profiles = _parse_profiles(ctx, data)
        ctx.raise_if_problems()
        library.profiles.update({p.id: p for p in profiles})
    elif "resources" in data:
        resources = _parse_resources(ctx, data)
        ctx.raise_if_problems()
        library.resources.update({r.id: r for r in resources})
    else:
        raise GuideError(
            [GuideProblem(path, 1, "", "is neither a guide, a profiles file nor a resources file")]
        )


class _Context:
    """Collects problems for one file and finds the line of a key path."""

    def __init__(self, path: Path, raw: str) -> None:
        self.path = path
        self.lines = raw.splitlines()
        self.problems: list[GuideProblem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(GuideProblem(self.path, self.line_of(key), key, message))

    def raise_if_problems(self) -> None:
        if self.problems:
            raise GuideError(self.problems)

    def line_of(self, key: str) -> int | None:
        """The line where the dotted key path (e.g. 'phases[2].items[0].text.da') is written.

        tomllib keeps no positions, so this walks the text: it counts [[array]]
        headers to find the table, then looks for the key inside it.
        """
        return locate_key(self.lines, key)


def locate_key(lines: list[str], key: str) -> int | None:
    """Best-effort 1-based line of a key path in TOML text; None when it cannot be found."""
    parts = _split_key(key)
    table: list[str] = []
    counts: dict[str, int] = {}
    start, end = 0, len(lines)
    # Walk [[array]] headers for each indexed part.
    array_path: list[str] = []
    remaining: list[str] = []
    for name, index in parts:
        if index is None:
            remaining.append(name)
            continue
        if remaining:
            array_path.extend(remaining)
            remaining = []
        array_path.append(name)
        header = "[[" + ".".join(array_path) + "]]"
        counts.clear()
        seen = -1
        found = None
        for lineno in range(start, end):
            stripped = lines[lineno].strip()
            if stripped.replace(" ", "") == header:
                seen += 1
                if seen == index:
                    found = lineno
                    break
        if found is None:
            return None
        start = found + 1
        # The table ends at the next header of the same or a shallower array.
        prefix = "[[" + ".".join(array_path[:-1])
        for lineno in range(start, len(lines)):
            stripped = lines[lineno].strip().replace(" ", "")
            if stripped.startswith("[") and (
                stripped == header
                or (
                    (stripped.startswith("[[") and not stripped.startswith(header[:-2] + "."))
                    and stripped.startswith(prefix)
                )
                or (
                    (stripped.startswith("[") and not stripped.startswith("[["))
                    and not stripped.startswith("[" + ".".join(array_path) + ".")
                )
            ):
                end = lineno
                break
        table = array_path[:]
    if not remaining:
        return start if start > 0 else None
    dotted = ".".join(remaining)
    first = remaining[0]
    for lineno in range(start, end):
        stripped = lines[lineno].strip()
        if stripped.startswith("["):
            if stripped.strip("[]").replace(" ", "") == ".".join(table + remaining[:1]):
                return lineno + 1
            continue
        left = stripped.split("=", 1)[0].strip().replace(" ", "")
        if "=" in stripped and (left in (dotted, first) or dotted.startswith(left + ".")):
            return lineno + 1
    return start if start > 0 else None


def _split_key(key: str) -> list[tuple[str, int | None]]:
    parts: list[tuple[str, int | None]] = []
    for part in key.split("."):
        if "[" in part and part.endswith("]"):
            name, index = part[:-1].split("[", 1)
            parts.append((name, int(index)))
        elif part:
            parts.append((part, None))
    return parts


_GUIDE_KEYS = {"format", "id", "version", "kind", "title", "summary", "phases", "preparation"}
_PHASE_KEYS = {"id", "stage", "title", "purpose", "items", "prompts", "cautions"}
_ITEM_KEYS = {"id", "text", "hint", "required", "visibility"}
_TEXT_ENTRY_KEYS = {"id", "text"}


def _check_keys(ctx: _Context, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    for key in data:
        if key not in allowed:
            ctx.problem(_join(where, key), f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _text(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, optional: bool = False
) -> Text | None:
    path = _join(where, key)
    value = data.get(key)
    if value is None:
        if not optional:
            ctx.problem(path, "is missing (a text in sv, da and en)")
        return None
    if not isinstance(value, dict):
        ctx.problem(path, "must be a table of texts: sv, da and en")
        return None
    texts: dict[str, str] = {}
    for lang in LOCALES:
        entry = value.get(lang)
        if entry is None:
            ctx.problem(f"{path}.{lang}", f"the {lang} text is missing")
        elif not isinstance(entry, str):
            ctx.problem(f"{path}.{lang}", "must be a text")
        elif not entry.strip():
            ctx.problem(f"{path}.{lang}", "is empty")
        else:
            texts[lang] = entry.strip()
    for lang in value:
        if lang not in LOCALES:
            ctx.problem(f"{path}.{lang}", f"unknown language (use {', '.join(LOCALES)})")
    if len(texts) != len(LOCALES):
        return None
    return Text(**texts)


def _ident(ctx: _Context, data: Mapping[str, Any], where: str) -> str:
    value = data.get("id")
    path = _join(where, "id")
    if value is None:
        ctx.problem(path, "is missing")
        return ""
    if not isinstance(value, str) or not value or not all(c.isalnum() or c in "-_" for c in value):
        ctx.problem(path, "must be a text of letters, digits, - and _")
        return ""
    return value


def _list(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str, required: bool = False
) -> list[Any]:
    value = data.get(key)
    path = _join(where, key)
    if value is None:
        if required:
            ctx.problem(path, "is missing")
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        ctx.problem(path, "must be an array of tables ([[...]])")
        return []
    return value


def _unique(ctx: _Context, ids: Iterable[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for path, ident in ids:
        if ident and ident in seen:
            ctx.problem(path, f"duplicate {what} id {ident!r}")
        seen.add(ident)


def _check_format(ctx: _Context, data: Mapping[str, Any]) -> None:
    fmt = data.get("format", FORMAT)
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        ctx.problem("format", "must be a whole number")
    elif fmt > FORMAT:
        ctx.problem("format", f"format {fmt} is newer than this dialog_kit reads ({FORMAT})")


def _entries(
    ctx: _Context, data: Mapping[str, Any], key: str, where: str
) -> list[tuple[str, Text]]:
    out = []
    for i, entry in enumerate(_list(ctx, data, key, where)):
        path = f"{_join(where, key)}[{i}]"
        _check_keys(ctx, entry, _TEXT_ENTRY_KEYS, path)
        ident = _ident(ctx, entry, path)
        text = _text(ctx, entry, "text", path)
        out.append((f"{path}.id", ident, text))
    _unique(ctx, ((p, i) for p, i, _ in out), key.rstrip("s"))
    return [(i, t) for _, i, t in out if i and t]


def _items(ctx: _Context, data: Mapping[str, Any], where: str) -> tuple[Item, ...]:
    items = []
    ids = []
    for i, entry in enumerate(_list(ctx, data, "items", where)):
        path = f"{_join(where, 'items')}[{i}]"
        _check_keys(ctx, entry, _ITEM_KEYS, path)
        ident = _ident(ctx, entry, path)
        ids.append((f"{path}.id", ident))
        text = _text(ctx, entry, "text", path)
        hint = _text(ctx, entry, "hint", path, optional=True)
        required = entry.get("required", False)
        if not isinstance(required, bool):
            ctx.problem(f"{path}.required", "must be true or false")
            required = False
        vis_raw = entry.get("visibility", "private")
        try:
            visibility = Visibility(vis_raw)
        except ValueError:
            ctx.problem(f"{path}.visibility", "must be private, shared or hr")
            visibility = Visibility.PRIVATE
        if ident and text:
            items.append(Item(ident, text, hint, required, visibility))
    _unique(ctx, ids, "item")
    return tuple(items)


def _parse_guide(ctx: _Context, data: Mapping[str, Any]) -> Guide:
    _check_keys(ctx, data, _GUIDE_KEYS, "")
    _check_format(ctx, data)
    ident = _ident(ctx, data, "")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        ctx.problem("version", "must be a whole number from 1 up")
        version = 1
    kind_raw = data.get("kind")
    try:
        kind = Kind(str(kind_raw))
    except ValueError:
        ctx.problem("kind", f"must be one of {', '.join(k.value for k in Kind)}")
        kind = Kind.DEVELOPMENT
    title = _text(ctx, data, "title", "")
    summary = _text(ctx, data, "summary", "")
    phases: list[Phase] = []
    phase_ids = []
    for i, entry in enumerate(_list(ctx, data, "phases", "", required=True)):
        path = f"phases[{i}]"
        _check_keys(ctx, entry, _PHASE_KEYS, path)
        pid = _ident(ctx, entry, path)
        phase_ids.append((f"{path}.id", pid))
        stage = entry.get("stage")
        if stage not in STAGES:
            ctx.problem(f"{path}.stage", f"must be one of {', '.join(STAGES)}")
        ptitle = _text(ctx, entry, "title", path)
        purpose = _text(ctx, entry, "purpose", path)
        items = _items(ctx, entry, path)
        prompts = tuple(Prompt(i_, t) for i_, t in _entries(ctx, entry, "prompts", path))
        cautions = tuple(Caution(i_, t) for i_, t in _entries(ctx, entry, "cautions", path))
        if not entry.get("items"):
            ctx.problem(f"{path}.items", "a phase needs at least one checklist item")
        if not entry.get("prompts"):
            ctx.problem(f"{path}.prompts", "a phase needs at least one open question")
        if pid and ptitle and purpose:
            phases.append(Phase(pid, str(stage), ptitle, purpose, items, prompts, cautions))
    _unique(ctx, phase_ids, "phase")
    prep_data = data.get("preparation")
    preparation = Preparation(Text("", "", ""), ())
    if not isinstance(prep_data, dict):
        ctx.problem("preparation", "is missing (intro and questions for the employee)")
    else:
        _check_keys(ctx, prep_data, {"intro", "questions"}, "preparation")
        intro = _text(ctx, prep_data, "intro", "preparation")
        questions = tuple(
            Prompt(i_, t) for i_, t in _entries(ctx, prep_data, "questions", "preparation")
        )
        if intro:
            preparation = Preparation(intro, questions)
    return Guide(
        id=ident, version=version, kind=kind,
        title=title or Text("", "", ""), summary=summary or Text("", "", ""),
        phases=tuple(phases), preparation=preparation, source=ctx.path,
    )  # fmt: skip


_PROFILE_KEYS = {"id", "title", "summary", "additions", "preparation", "windows", "horizon_years"}


def _parse_profiles(ctx: _Context, data: Mapping[str, Any]) -> list[Profile]:
    _check_keys(ctx, data, {"format", "profiles"}, "")
    _check_format(ctx, data)
    profiles = []
    ids = []
    for i, entry in enumerate(_list(ctx, data, "profiles", "", required=True)):
        path = f"profiles[{i}]"
        _check_keys(ctx, entry, _PROFILE_KEYS, path)
        pid = _ident(ctx, entry, path)
        ids.append((f"{path}.id", pid))
        title = _text(ctx, entry, "title", path)
        summary = _text(ctx, entry, "summary", path)
        additions = []
        for j, add in enumerate(_list(ctx, entry, "additions", path)):
            apath = f"{path}.additions[{j}]"
            _check_keys(ctx, add, {"guide", "phase", "items", "prompts", "cautions"}, apath)
            for key in ("guide", "phase"):
                if not isinstance(add.get(key), str):
                    ctx.problem(f"{apath}.{key}", "is missing (the id it adds to)")
            additions.append(
                ProfileAddition(
                    guide=str(add.get("guide", "")),
                    phase=str(add.get("phase", "")),
                    items=_items(ctx, add, apath),
                    prompts=tuple(Prompt(a, t) for a, t in _entries(ctx, add, "prompts", apath)),
                    cautions=tuple(Caution(a, t) for a, t in _entries(ctx, add, "cautions", apath)),
                )
            )
        preparation = []
        for j, prep in enumerate(_list(ctx, entry, "preparation", path)):
            ppath = f"{path}.preparation[{j}]"
            _check_keys(ctx, prep, {"guide", "id", "text"}, ppath)
            qid = _ident(ctx, prep, ppath)
            text = _text(ctx, prep, "text", ppath)
            if not isinstance(prep.get("guide"), str):
                ctx.problem(f"{ppath}.guide", "is missing (the guide id)")
            if qid and text:
                preparation.append((str(prep.get("guide")), Prompt(qid, text)))
        windows = []
        for j, win in enumerate(_list(ctx, entry, "windows", path)):
            wpath = f"{path}.windows[{j}]"
            _check_keys(
                ctx, win,
                {"id", "title", "opens_at_age", "closes_before_age", "inform_at_age", "resource"},
                wpath,
            )  # fmt: skip
            wid = _ident(ctx, win, wpath)
            wtitle = _text(ctx, win, "title", wpath)
            ages = {}
            for key in ("opens_at_age", "closes_before_age", "inform_at_age"):
                value = win.get(key)
                if not isinstance(value, int) or isinstance(value, bool) or not 15 <= value <= 80:
                    ctx.problem(f"{wpath}.{key}", "must be an age between 15 and 80")
                    value = 0
                ages[key] = value
            if ages["opens_at_age"] and ages["closes_before_age"] <= ages["opens_at_age"]:
                ctx.problem(f"{wpath}.closes_before_age", "must be after opens_at_age")
            if wid and wtitle:
                windows.append(
                    TransitionWindow(wid, wtitle, resource=str(win.get("resource", "")), **ages)
                )
        horizon = entry.get("horizon_years", 3)
        if not isinstance(horizon, int) or isinstance(horizon, bool) or not 0 <= horizon <= 20:
            ctx.problem(f"{path}.horizon_years", "must be a whole number of years from 0 to 20")
            horizon = 3
        if pid and title and summary:
            profiles.append(
                Profile(
                    pid,
                    title,
                    summary,
                    tuple(additions),
                    tuple(preparation),
                    tuple(windows),
                    horizon,
                )
            )
    _unique(ctx, ids, "profile")
    return profiles


_RESOURCE_KEYS = {
    "id", "scope", "name", "what", "when", "country", "kinds", "profiles", "confidential", "url",
    "contact",
}  # fmt: skip


def _parse_resources(ctx: _Context, data: Mapping[str, Any]) -> list[Resource]:
    _check_keys(ctx, data, {"format", "resources"}, "")
    _check_format(ctx, data)
    resources = []
    ids = []
    for i, entry in enumerate(_list(ctx, data, "resources", "", required=True)):
        path = f"resources[{i}]"
        _check_keys(ctx, entry, _RESOURCE_KEYS, path)
        rid = _ident(ctx, entry, path)
        ids.append((f"{path}.id", rid))
        scope = entry.get("scope")
        if scope not in ("internal", "external"):
            ctx.problem(f"{path}.scope", "must be internal or external")
        name = _text(ctx, entry, "name", path)
        what = _text(ctx, entry, "what", path)
        when = _text(ctx, entry, "when", path)
        contact = _text(ctx, entry, "contact", path, optional=True)
        kinds: list[Kind] = []
        for kind in entry.get("kinds", []):
            try:
                kinds.append(Kind(kind))
            except ValueError:
                ctx.problem(f"{path}.kinds", f"unknown kind {kind!r}")
        profiles = entry.get("profiles", [])
        if not isinstance(profiles, list) or not all(isinstance(p, str) for p in profiles):
            ctx.problem(f"{path}.profiles", "must be a list of profile ids")
            profiles = []
        for key in ("country", "url"):
            if not isinstance(entry.get(key, ""), str):
                ctx.problem(f"{path}.{key}", "must be a text")
        confidential = entry.get("confidential", False)
        if not isinstance(confidential, bool):
            ctx.problem(f"{path}.confidential", "must be true or false")
            confidential = False
        if rid and name and what and when:
            resources.append(
                Resource(
                    rid, str(scope), name, what, when, str(entry.get("country", "")),
                    tuple(kinds), tuple(profiles), confidential, str(entry.get("url", "")), contact,
                )
            )  # fmt: skip
    _unique(ctx, ids, "resource")
    return resources
