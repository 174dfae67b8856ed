"""The guides' content model: texts, phases, guides, profiles, resources and the library."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dialog_kit.errors import InputError, clip, quoted
from dialog_kit.i18n import _
from dialog_kit.privacy import ITEM_DEFAULT, Visibility
from dialog_kit.record import Kind

if TYPE_CHECKING:
    from dialog_kit.guides.fields import _Context

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

    @property
    def after(self) -> bool:
        """An after phase (follow-up) stays tickable once the talk is locked."""
        return self.stage == "after"


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
