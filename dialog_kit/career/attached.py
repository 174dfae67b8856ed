"""A career path (or one of its steps) attached to a talk, as the record stores it.

The titles are copied from the catalogue in every language when the path is
attached, so the employee's summary says what was looked at even after the
organisation has renamed or removed the path. The note on the next step is
the manager's, written in the talk; its visibility follows the privacy policy
(`privacy.CAREER_PATH_DEFAULT`: shared, for the path is about the employee's
own plans).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dialog_kit.errors import InputError, clip
from dialog_kit.i18n import _
from dialog_kit.privacy import CAREER_PATH_DEFAULT, Visibility

if TYPE_CHECKING:
    from dialog_kit.career.model import CareerPath

_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_LANGS = ("sv", "da", "en")
_KEYS = {"id", "path", "title", "step", "step_title", "next_step", "read_more", "visibility"}
MAX_TEXT = 10_000


def _new_id() -> str:
    import uuid  # here: with platform, which it loads, it would slow every command's start

    return str(uuid.uuid4())


@dataclass
class AttachedPath:
    path: str  # the path's id in the catalogue
    title: dict[str, str]  # the path's title in sv, da and en when it was attached
    step: str | None = None  # one step of it, or None for the whole path
    step_title: dict[str, str] = field(default_factory=dict)
    next_step: str = ""  # the note on the next step, in the talk's words
    read_more: str = ""  # the path's web address, if the catalogue gives one
    visibility: Visibility = CAREER_PATH_DEFAULT
    id: str = field(default_factory=lambda: _new_id())

    @classmethod
    def of(cls, path: CareerPath, step_id: str | None = None, next_step: str = "") -> AttachedPath:
        """A path of the catalogue (or one of its steps) as a talk keeps it."""
        step = path.step(step_id) if step_id else None
        return cls(
            path=path.id,
            title={lang: path.title.get(lang) for lang in _LANGS},
            step=step.id if step else None,
            step_title={lang: step.title.get(lang) for lang in _LANGS} if step else {},
            next_step=next_step.strip(),
            read_more=path.url,
        )

    def title_in(self, lang: str) -> str:
        """The title (with the step's, if one was chosen) in `lang`, else in any language."""
        title = self.title.get(lang) or next(iter(self.title.values()), self.path)
        if self.step:
            step = self.step_title.get(lang) or next(iter(self.step_title.values()), self.step)
            return f"{title}: {step}"
        return title

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": dict(self.title),
            **({"step": self.step, "step_title": dict(self.step_title)} if self.step else {}),
            "next_step": self.next_step,
            "read_more": self.read_more,
            "visibility": self.visibility.value,
        }


def read_attached(value: Any, source: str) -> list[AttachedPath]:
    """The `career_paths` list of a record's JSON, checked strictly; InputError names the field."""
    if not isinstance(value, list):
        raise _fail(source, _("must be a list."))
    out: list[AttachedPath] = []
    seen: set[str] = set()
    for i, entry in enumerate(value):
        where = f"{source}[{i}]"
        if not isinstance(entry, dict):
            raise _fail(where, _("must be an object."))
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise _fail(f"{where}.{clip(unknown[0])}", _("is not a known field."))
        ident = entry.get("id")
        if not isinstance(ident, str) or not re.fullmatch(r"[0-9a-f\-]{36}", ident):
            raise _fail(f"{where}.id", _("must be a UUID."))
        if ident in seen:
            raise _fail(f"{where}.id", _("is used twice."))
        seen.add(ident)
        path = entry.get("path")
        if not isinstance(path, str) or not _ID.fullmatch(path):
            raise _fail(f"{where}.path", _("must be a path id."))
        step = entry.get("step")
        if step is not None and (not isinstance(step, str) or not _ID.fullmatch(step)):
            raise _fail(f"{where}.step", _("must be a step id."))
        try:
            visibility = Visibility(entry.get("visibility", CAREER_PATH_DEFAULT.value))
        except ValueError:
            raise _fail(f"{where}.visibility", _("must be private, shared or hr.")) from None
        out.append(
            AttachedPath(
                id=ident,
                path=path,
                title=_titles(entry.get("title"), f"{where}.title", required=True),
                step=step,
                step_title=_titles(entry.get("step_title", {}), f"{where}.step_title"),
                next_step=_text(entry.get("next_step", ""), f"{where}.next_step"),
                read_more=_text(entry.get("read_more", ""), f"{where}.read_more"),
                visibility=visibility,
            )
        )
    return out


def _titles(value: Any, where: str, required: bool = False) -> dict[str, str]:
    if not isinstance(value, dict) or (required and not value):
        raise _fail(where, _("must hold the title in sv, da and en."))
    out = {}
    for lang, text in value.items():
        if lang not in _LANGS:
            raise _fail(f"{where}.{clip(str(lang))}", _("is not a language (sv, da, en)."))
        out[lang] = _text(text, f"{where}.{lang}")
    return out


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, _("must be a text."))
    if len(value) > MAX_TEXT:
        raise _fail(where, _("is too long."))
    return value


def _fail(where: str, problem: str) -> InputError:
    return InputError(_("Bad record"), f"{clip(where)}: {problem}")
