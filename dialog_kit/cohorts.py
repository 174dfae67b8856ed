"""Cohorts: the people of one profession whose age to be informed falls this year or next.

The guides advise telling a whole age group about career transition the same
way at the same time, some years before their window opens, and before
talking to anyone alone. A cohort is that group: the active people of one
window's profession (the organisation's country's windows only) born in the
two years whose inform age falls this year or next. Its id, such as
`dancer-1993-1994`, names the window and the birth years, never a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dialog_kit.briefings import Briefing, Briefings
from dialog_kit.errors import InputError
from dialog_kit.i18n import _, ngettext
from dialog_kit.people import PersonEntry, Register

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary, Profile, TransitionWindow

_COHORT_ID = re.compile(r"(?P<window>[A-Za-z0-9_\-]{1,64})-(?P<first>[0-9]{4})-(?P<last>[0-9]{4})")


@dataclass(frozen=True)
class Member:
    person: PersonEntry
    informed_on: date | None
    """The first day they were informed about this window (by this or an earlier briefing)."""


@dataclass(frozen=True)
class Cohort:
    id: str
    profile: Profile
    window: TransitionWindow
    country: str | None
    birth_years: tuple[int, int]
    members: tuple[Member, ...]
    briefings: tuple[Briefing, ...] = ()
    """The briefings recorded for this cohort, oldest first."""

    @property
    def not_informed(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.informed_on is None)

    @property
    def pending(self) -> bool:
        """Whether the group still has to be informed: no briefing yet, and someone not told."""
        return not self.briefings and bool(self.not_informed)

    @property
    def opens(self) -> tuple[int, int]:
        """The years the window opens for the first and the last birth year."""
        return (
            self.birth_years[0] + self.window.opens_at_age,
            self.birth_years[1] + self.window.opens_at_age,
        )

    def group(self, lang: str) -> str:
        """ "dancers born 1993–1994": the group in words, naming nobody."""
        first, last = self.birth_years
        years = str(first) if first == last else f"{first}–{last}"
        return _("{group} born {years}").format(group=self.window.group_name(lang), years=years)

    def reminder(self, lang: str) -> str:
        count = len(self.not_informed)
        return ngettext(
            "Inform the {group} together ({count} person)",
            "Inform the {group} together ({count} people)",
            count,
        ).format(group=self.group(lang), count=count)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "profile": self.profile.id,
            "window": self.window.id,
            "profession": self.window.profession or None,
            "country": self.country,
            "group": self.group(lang),
            "birth_years": list(self.birth_years),
            "inform_at_age": self.window.inform_at_age,
            "opens": list(self.opens),
            "pending": self.pending,
            "members": [
                {
                    "person": m.person.id,
                    "name": m.person.name,
                    "birth_year": m.person.birth_year,
                    "informed_on": m.informed_on.isoformat() if m.informed_on else None,
                }
                for m in self.members
            ],
            "briefings": [{"id": b.id, "date": b.date.isoformat()} for b in self.briefings],
        }


def cohort_id(window: TransitionWindow, first: int, last: int) -> str:
    return f"{window.id}-{first}-{last}"


def current_years(window: TransitionWindow, today: date) -> tuple[int, int]:
    """The birth years whose inform age falls this year or next."""
    first = today.year - window.inform_at_age
    return (first, first + 1)


def _windows(
    library: GuideLibrary | None, country: str | None
) -> list[tuple[Profile, TransitionWindow]]:
    """Every window of the country's schemes, with its profile (profession-bound or not)."""
    if library is None:
        return []
    return [
        (profile, window)
        for profile in library.profiles.values()
        for window in profile.windows
        if window.applies(window.profession or None, country)
    ]


def _members(
    register: Register,
    profile: Profile,
    window: TransitionWindow,
    country: str | None,
    years: tuple[int, int],
    briefings: Briefings,
) -> tuple[Member, ...]:
    first, last = years
    chosen = [
        p
        for p in register.active_people()
        if p.profile == profile.id
        and p.birth_year is not None
        and first <= p.birth_year <= last
        # A person's profession must be the window's: a violinist never joins the singers.
        and window.applies(p.profession, country)
    ]
    return tuple(Member(p, briefings.informed_on(p.id, profile.id, window.id)) for p in chosen)


def _build(
    register: Register,
    profile: Profile,
    window: TransitionWindow,
    country: str | None,
    years: tuple[int, int],
    briefings: Briefings,
) -> Cohort:
    the_id = cohort_id(window, *years)
    return Cohort(
        id=the_id,
        profile=profile,
        window=window,
        country=country,
        birth_years=years,
        members=_members(register, profile, window, country, years, briefings),
        briefings=tuple(
            b
            for b in briefings.for_cohort(the_id)
            if b.profile == profile.id and b.window == window.id
        ),
    )


def current_cohorts(
    register: Register,
    library: GuideLibrary | None,
    country: str | None,
    today: date,
    briefings: Briefings | None = None,
) -> list[Cohort]:
    """This year's cohorts that have anyone in them, the soonest window first."""
    found = []
    briefings = briefings or Briefings()
    for profile, window in _windows(library, country):
        cohort = _build(register, profile, window, country, current_years(window, today), briefings)
        if cohort.members:
            found.append(cohort)
    found.sort(key=lambda c: (c.opens[0], c.id))
    return found


def find_cohort(
    text: str,
    register: Register,
    library: GuideLibrary | None,
    country: str | None,
    briefings: Briefings | None = None,
) -> Cohort:
    """The cohort an id such as dancer-1993-1994 names (any year), for the country's windows.

    InputError (exit 2) for an id that does not parse, a window the
    organisation's country does not have, or birth years that are not two
    consecutive years.
    """
    match = _COHORT_ID.fullmatch(text.strip())
    if match is None:
        raise InputError(
            _("Bad cohort"),
            _(
                "{id!r} is not a cohort id (such as dancer-1993-1994); see 'dialog-kit cohorts'."
            ).format(id=text[:40]),
        )
    first, last = int(match["first"]), int(match["last"])
    if last != first + 1:
        raise InputError(
            _("Bad cohort"),
            _("A cohort spans two consecutive birth years, such as 1993-1994."),
        )
    matches = [(p, w) for p, w in _windows(library, country) if w.id == match["window"]]
    if not matches:
        known = sorted({w.id for _p, w in _windows(library, country)})
        raise InputError(
            _("Unknown window"),
            _("The organisation's country has no window {window!r} (known: {known}).").format(
                window=match["window"], known=", ".join(known) or _("none")
            ),
        )
    profile, window = matches[0]
    return _build(register, profile, window, country, (first, last), briefings or Briefings())
