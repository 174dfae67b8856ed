"""The guides' content model: texts, phases, guides, profiles, resources and the library."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dialog_kit.errors import InputError, clip, quoted
from dialog_kit.i18n import _
from dialog_kit.privacy import ITEM_DEFAULT, Visibility
from dialog_kit.record import CAREER_STAGES, Kind

if TYPE_CHECKING:
    from dialog_kit.guides.fields import _Context

LOCALES: tuple[str, ...] = ("sv", "da", "en")
STAGES: tuple[str, ...] = ("before", "during", "after")
TALK_STAGES: tuple[str, ...] = CAREER_STAGES
"""The stages of a career-change process a talk can be about, chosen by the manager."""
COUNTRIES: tuple[str, ...] = ("se", "dk", "no", "fi", "uk", "nl", "ca", "de", "us", "intl")
"""Where a resource, window or fact applies; `intl` is everywhere."""
AGREEMENTS: dict[str, str] = {"kom-kr": "se", "trs": "se", "tsn": "se"}
"""Transition agreements a resource may belong to, with the country of each."""
SECTORS: tuple[str, ...] = ("municipality", "region", "state", "private", "non-profit", "other")
NATIONAL: tuple[str, ...] = ("se", "dk")
"""The countries whose schemes and statements the guides know (the others get no statement)."""
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
    countries: tuple[str, ...] = ()  # a national step (e.g. the Danish MUS basis); empty: all


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
    talk_stages: tuple[str, ...] = ()
    """Phase ids that are stages of a longer process: a talk shows only the one it is about."""

    def phase(self, phase_id: str) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def phases_for(self, stage: str | None) -> tuple[Phase, ...]:
        """The phases a talk at `stage` shows (and whose required items it requires).

        Every phase that is not a stage (prepare, open, close, follow-up) plus the
        stage's own; with no stage, or a guide without stages, every phase.
        """
        if not stage or stage not in self.talk_stages:
            return self.phases
        return tuple(p for p in self.phases if p.id == stage or p.id not in self.talk_stages)

    def for_stage(self, stage: str | None) -> Guide:
        """The guide as a talk at `stage` uses it: only the phases it shows (see phases_for)."""
        phases = self.phases_for(stage)
        return self if phases == self.phases else replace(self, phases=phases)

    def for_country(self, country: str | None) -> Guide:
        """The guide without the items written for other countries (none national if unknown)."""

        def keep(item: Item) -> bool:
            return not item.countries or (country is not None and country in item.countries)

        phases = tuple(replace(p, items=tuple(i for i in p.items if keep(i))) for p in self.phases)
        return self if phases == self.phases else replace(self, phases=phases)

    def required_items_for(self, stage: str | None) -> tuple[tuple[Phase, Item], ...]:
        """(phase, item) for every required item of the phases a talk at `stage` shows."""
        return tuple((p, i) for p in self.phases_for(stage) for i in p.required_items())


@dataclass(frozen=True)
class Resource:
    """Where to turn: an internal contact or an external scheme, as the organisation writes it."""

    id: str
    scope: str  # internal | external
    name: Text
    what: Text
    when: Text
    countries: tuple[str, ...] = ()  # where it applies (se, dk, ..., intl); empty: everywhere
    kinds: tuple[Kind, ...] = ()  # the talks it fits; empty means every kind
    profiles: tuple[str, ...] = ()  # the profiles it fits; empty means every profile
    confidential: bool = False  # offers confidential, independent advice
    url: str = ""
    contact: Text | None = None
    agreements: tuple[str, ...] = ()
    """The transition agreements it belongs to (kom-kr, trs, tsn); empty: not bound to one."""
    sectors: tuple[str, ...] = ()
    """The sectors it serves (municipality, region, state, ...); empty: every sector."""
    stages: tuple[str, ...] = ()
    """For career-change talks: the stages where it belongs; empty: every stage."""
    checked: date | None = None
    """When someone last checked the facts against the scheme itself."""
    professions: tuple[str, ...] = ()
    """The professions it serves (dancer, musician, ...); empty: everyone of its profiles."""

    def serves(self, profession: str | None) -> bool:
        """Whether it is for people of `profession` (a union of musicians is not a dancer's)."""
        return not self.professions or profession in self.professions

    @property
    def country(self) -> str:
        """The one country of a national resource, "intl", or "" (kept for older callers)."""
        return self.countries[0] if len(self.countries) == 1 else ""

    def fits(self, kind: Kind, profile: str) -> bool:
        return (not self.kinds or kind in self.kinds) and (
            not self.profiles or profile in self.profiles
        )

    def applies(self, scope: OrgScope, kind: Kind, profile: str, stage: str | None = None) -> bool:
        """Whether to show it in a talk of `kind` and `profile` for an organisation in `scope`.

        A national scheme needs the organisation's country; one bound to an
        agreement or a sector needs the organisation's own (a wrong fund is worse
        than none); a stage-bound one needs the talk's stage when it has one.
        """
        if not self.fits(kind, profile):
            return False
        national = self.countries and "intl" not in self.countries
        if national and (scope.country is None or scope.country not in self.countries):
            return False
        if self.agreements and scope.agreement not in self.agreements:
            return False
        if self.sectors and scope.sector not in self.sectors:
            return False
        return not (stage and self.stages and stage not in self.stages)


@dataclass(frozen=True)
class OrgScope:
    """What the organisation's settings say about which national content applies.

    `country` is None when it is not known or is "other": then nothing national
    is shown or said.
    """

    country: str | None = None
    agreement: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class TransitionWindow:
    """An age window in which a career-transition scheme accepts applications."""

    id: str
    title: Text
    opens_at_age: int
    closes_before_age: int
    inform_at_age: int  # when the whole age group should hear about it
    resource: str = ""
    profession: str = ""  # the profession it is for; empty: every profession of the profile
    countries: tuple[str, ...] = ()  # where the scheme runs; empty: everywhere
    group: Text | None = None
    """The people it is for, as a plural noun ("dancers"): a reminder names the age group."""

    def applies(self, profession: str | None, country: str | None) -> bool:
        if self.profession and profession != self.profession:
            return False
        return not self.countries or (country is not None and country in self.countries)

    def group_name(self, lang: str) -> str:
        """The plural noun for the people of this window; the title when the guide has none."""
        return self.group.get(lang) if self.group is not None else self.title.get(lang)


@dataclass(frozen=True)
class CareerFact:
    """A fact about a profession's career that is not an opens/closes window.

    For example: dancers at one national company retire at the end of the
    season in which they turn 40. `verify` marks a figure that must be checked
    with the employer and its fund before anyone relies on it.
    """

    id: str
    profession: str
    title: Text
    text: Text
    countries: tuple[str, ...] = ()
    at_age: int | None = None
    resource: str = ""
    verify: bool = False

    def applies(self, profession: str | None, country: str | None) -> bool:
        if self.profession and profession != self.profession:
            return False
        return not self.countries or (country is not None and country in self.countries)


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
    facts: tuple[CareerFact, ...] = ()


def windows_for(
    profile: Profile | None, profession: str | None, country: str | None
) -> tuple[TransitionWindow, ...]:
    """The windows that concern one person: their profession's, in the organisation's country.

    A person whose profession is not recorded gets none of a profile's
    profession-bound windows: a violinist must never be shown the singers'.
    """
    if profile is None:
        return ()
    return tuple(w for w in profile.windows if w.applies(profession, country))


def facts_for(
    profile: Profile | None, profession: str | None, country: str | None
) -> tuple[CareerFact, ...]:
    """The career facts (not windows) for one profession in one country."""
    if profile is None:
        return ()
    return tuple(f for f in profile.facts if f.applies(profession, country))


@dataclass(frozen=True)
class GuideProblem:
    """One fault in one guide file, with where it is."""

    path: Path
    line: int | None
    key: str
    message: str
    warning: bool = False  # worth fixing, but the file is still used

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        message = (
            _("warning: {message}").format(message=self.message) if self.warning else (self.message)
        )
        key = clip(self.key)  # a key path written in a hostile file may be very long
        return f"{where}: {key}: {message}" if key else f"{where}: {message}"


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
    warnings: list[GuideProblem] = field(default_factory=list)  # e.g. resources not checked lately
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

    def resources_for(
        self,
        kind: Kind | str,
        profile_id: str,
        scope: OrgScope | None = None,
        stage: str | None = None,
    ) -> list[Resource]:
        """The resources for a talk; with `scope`, only those for the organisation's country,
        agreement and sector (and the talk's stage)."""
        kind = Kind(kind)
        if scope is None:
            return [r for r in self.resources.values() if r.fits(kind, profile_id)]
        return [r for r in self.resources.values() if r.applies(scope, kind, profile_id, stage)]
