"""Group briefings: when a whole age group was told about career transition, and who heard it.

The guides advise informing a whole age group the same way at the same time,
before talking to anyone alone. A briefing records one such meeting: its date,
the cohort (see dialog_kit.cohorts), who was invited, who attended, what was
handed out, and per person the day they were informed. It is one JSON
document (`"format": 1`), kept encrypted in the vault as briefings.age (see
dialog_kit.vault.briefings); this module is the model and its strict reader.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dialog_kit.errors import InputError
from dialog_kit.i18n import LANGUAGES, _

FORMAT = 1
"""The version of the briefings' JSON form that this code writes."""

MAX_BRIEFINGS = 10_000
MAX_PEOPLE = 1_000
"""Invited people in one briefing at most: an age group, not a city."""
MAX_MATERIALS = 20
MAX_TEXT = 500

_ID = re.compile(r"[0-9a-f]{12}")
_PERSON_ID = re.compile(r"[0-9a-f]{12}")
_WORD_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_COHORT_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}-[0-9]{4}-[0-9]{4}")
_COUNTRY = re.compile(r"[a-z]{2,8}")


Day = date
"""`date` under another name, for the class whose field is called date."""


def new_briefing_id() -> str:
    return secrets.token_hex(6)


@dataclass
class Briefing:
    """One group briefing. `informed` maps a person id to the day they were informed."""

    date: date
    cohort: str
    """The cohort's id, e.g. dancer-1993-1994 (window id and the birth years)."""
    profile: str
    window: str
    country: str
    invited: list[str] = field(default_factory=list)
    attended: list[str] = field(default_factory=list)
    handout: list[str] = field(default_factory=list)
    """The languages in which the app's handout was given out (empty: not given)."""
    materials: list[str] = field(default_factory=list)
    """Anything else handed out, in the manager's words."""
    informed: dict[str, Day] = field(default_factory=dict)
    id: str = field(default_factory=new_briefing_id)

    def people(self) -> set[str]:
        return set(self.invited) | set(self.attended) | set(self.informed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "cohort": self.cohort,
            "profile": self.profile,
            "window": self.window,
            "country": self.country,
            "invited": list(self.invited),
            "attended": list(self.attended),
            "handout": list(self.handout),
            "materials": list(self.materials),
            "informed": {pid: day.isoformat() for pid, day in sorted(self.informed.items())},
        }


@dataclass
class Briefings:
    """Every group briefing the manager recorded, oldest first."""

    items: list[Briefing] = field(default_factory=list)

    def get(self, briefing_id: str) -> Briefing:
        found = [b for b in self.items if b.id.startswith(briefing_id.strip().lower())]
        if len(found) != 1 or len(briefing_id.strip()) < 4:
            raise InputError(
                _("No such briefing"),
                _("No single briefing has the id {id!r}; see 'dialog-kit briefing list'.").format(
                    id=briefing_id[:40]
                ),
            )
        return found[0]

    def add(self, briefing: Briefing) -> Briefing:
        while any(b.id == briefing.id for b in self.items):
            briefing.id = new_briefing_id()
        _check(briefing, "briefing")
        self.items.append(briefing)
        self.items.sort(key=lambda b: b.date)
        return briefing

    def for_cohort(self, cohort_id: str) -> list[Briefing]:
        return [b for b in self.items if b.cohort == cohort_id]

    def of_person(self, person_id: str) -> list[Briefing]:
        """The briefings a person was invited to, attended or was informed by."""
        return [b for b in self.items if person_id in b.people()]

    def informed_on(self, person_id: str, profile: str, window: str) -> date | None:
        """The first day the person was informed about this window, by any briefing."""
        days = [
            b.informed[person_id]
            for b in self.items
            if b.profile == profile and b.window == window and person_id in b.informed
        ]
        return min(days, default=None)

    def forget(self, person_id: str) -> None:
        """Erases a person from every briefing (GDPR erasure); a briefing left empty goes."""
        for briefing in self.items:
            _drop(briefing, person_id)
        self.items = [b for b in self.items if b.people()]

    def merge(self, keep_id: str, gone_id: str) -> None:
        """One person entered twice: `gone`'s places in the briefings become `keep`'s."""
        self.remap({gone_id: keep_id}, keep_others=True)

    def remap(self, ids: Mapping[str, str], *, keep_others: bool = False) -> None:
        """Person ids translated by `ids`; without keep_others, an id not in it is dropped."""

        def one(pid: str) -> str | None:
            return ids.get(pid, pid if keep_others else None)

        for briefing in self.items:
            briefing.invited = _unique(one(p) for p in briefing.invited)
            briefing.attended = _unique(one(p) for p in briefing.attended)
            informed: dict[str, date] = {}
            for pid, day in briefing.informed.items():
                new = one(pid)
                if new is not None:
                    informed[new] = min(day, informed.get(new, day))
            briefing.informed = informed
        self.items = [b for b in self.items if b.people()]

    def only(self, person_ids: Iterable[str]) -> Briefings:
        """A copy holding only these people (for a handover): nobody else's place is in it."""
        copy = Briefings.from_dict(self.to_dict())
        copy.remap({pid: pid for pid in person_ids})
        return copy

    def take(self, other: Briefings) -> int:
        """Adds `other`'s briefings (a handover's); one already here gets the new people added.

        Returns how many briefings were new.
        """
        added = 0
        for theirs in other.items:
            mine = next((b for b in self.items if _same(b, theirs)), None)
            if mine is None:
                self.add(_read_briefing(theirs.to_dict(), "briefing"))
                added += 1
                continue
            mine.invited = _unique([*mine.invited, *theirs.invited])
            mine.attended = _unique([*mine.attended, *theirs.attended])
            for pid, day in theirs.informed.items():
                mine.informed[pid] = min(day, mine.informed.get(pid, day))
            _check(mine, "briefing")
        return added

    # -- JSON ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "briefings": [b.to_dict() for b in self.items]}

    def to_json(self) -> bytes:
        """The JSON form; refuses (InputError) what could not be read back."""
        data = self.to_dict()
        Briefings.from_dict(data)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, *, source: str = "briefings") -> Briefings:
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise _fail(source, _("is not JSON text.")) from None
        return cls.from_dict(parsed, source=source)

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "briefings") -> Briefings:
        """Checks every field; errors name the field (`briefings[2].attended: ...`)."""
        if not isinstance(data, dict):
            raise _fail(source, _("must be an object."))
        _keys(data, source, {"format", "briefings"})
        if type(data["format"]) is not int or data["format"] != FORMAT:
            raise _fail(
                f"{source}.format",
                _("is {value!r}; this version reads format {format}.").format(
                    value=str(data["format"])[:20], format=FORMAT
                ),
            )
        items = data["briefings"]
        if not isinstance(items, list) or len(items) > MAX_BRIEFINGS:
            raise _fail(f"{source}.briefings", _("must be a list."))
        result = cls()
        seen: set[str] = set()
        for i, item in enumerate(items):
            briefing = _read_briefing(item, f"{source}.briefings[{i}]")
            if briefing.id in seen:
                raise _fail(f"{source}.briefings[{i}].id", _("the id is used twice."))
            seen.add(briefing.id)
            result.items.append(briefing)
        result.items.sort(key=lambda b: b.date)
        return result


_FIELDS = {
    "id", "date", "cohort", "profile", "window", "country", "invited", "attended", "handout",
    "materials", "informed",
}  # fmt: skip


def _same(a: Briefing, b: Briefing) -> bool:
    """The same meeting, whoever recorded it: same cohort, profile, window and day."""
    return (a.cohort, a.profile, a.window, a.date) == (b.cohort, b.profile, b.window, b.date)


def _unique(ids: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(p for p in ids if p is not None))


def _drop(briefing: Briefing, person_id: str) -> None:
    briefing.invited = [p for p in briefing.invited if p != person_id]
    briefing.attended = [p for p in briefing.attended if p != person_id]
    briefing.informed.pop(person_id, None)


def _fail(where: str, problem: str) -> InputError:
    return InputError(_("Bad briefings"), f"{where}: {problem}")


def _keys(data: Mapping[str, Any], where: str, wanted: set[str]) -> None:
    for key in sorted(wanted):
        if key not in data:
            raise _fail(f"{where}.{key}", _("is missing."))
    for key in data:
        if key not in wanted:
            raise _fail(f"{where}.{str(key)[:40]}", _("is not a known field."))


def _day(value: Any, where: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise _fail(where, _("must be a date (YYYY-MM-DD)."))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(where, _("must be a date (YYYY-MM-DD).")) from None


def _id_list(value: Any, where: str) -> list[str]:
    if (
        not isinstance(value, list)
        or len(value) > MAX_PEOPLE
        or not all(isinstance(p, str) and _PERSON_ID.fullmatch(p) for p in value)
    ):
        raise _fail(where, _("must be a list of person ids."))
    if len(set(value)) != len(value):
        raise _fail(where, _("names a person twice."))
    return list(value)


def _word(value: Any, where: str, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _fail(where, _("is not a valid id."))
    return value


def _read_briefing(item: Any, where: str) -> Briefing:
    if not isinstance(item, dict):
        raise _fail(where, _("must be an object."))
    _keys(item, where, _FIELDS)
    informed_data = item["informed"]
    if not isinstance(informed_data, dict) or len(informed_data) > MAX_PEOPLE:
        raise _fail(f"{where}.informed", _("must be an object of person ids and dates."))
    informed: dict[str, date] = {}
    for pid, day in informed_data.items():
        if not _PERSON_ID.fullmatch(pid):
            raise _fail(f"{where}.informed", _("must be an object of person ids and dates."))
        informed[pid] = _day(day, f"{where}.informed.{pid}")
    materials = item["materials"]
    if not isinstance(materials, list) or len(materials) > MAX_MATERIALS:
        raise _fail(f"{where}.materials", _("must be a list of texts."))
    handout = item["handout"]
    if not isinstance(handout, list) or not all(lang in LANGUAGES for lang in handout):
        raise _fail(
            f"{where}.handout",
            _("must be a list of languages ({choices}).").format(choices=", ".join(LANGUAGES)),
        )
    briefing = Briefing(
        id=_word(item["id"], f"{where}.id", _ID),
        date=_day(item["date"], f"{where}.date"),
        cohort=_word(item["cohort"], f"{where}.cohort", _COHORT_ID),
        profile=_word(item["profile"], f"{where}.profile", _WORD_ID),
        window=_word(item["window"], f"{where}.window", _WORD_ID),
        country=_word(item["country"], f"{where}.country", _COUNTRY),
        invited=_id_list(item["invited"], f"{where}.invited"),
        attended=_id_list(item["attended"], f"{where}.attended"),
        handout=list(dict.fromkeys(handout)),
        materials=[_text(m, f"{where}.materials") for m in materials],
        informed=informed,
    )
    return _check(briefing, where)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, _("must be a text."))
    if len(value) > MAX_TEXT:
        raise _fail(where, _("is longer than {n} characters.").format(n=MAX_TEXT))
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in value):
        raise _fail(where, _("contains a control character."))
    return " ".join(value.split())


def _check(briefing: Briefing, where: str) -> Briefing:
    """The briefing when its parts fit together; InputError naming the first that does not."""
    if not set(briefing.attended) <= set(briefing.invited):
        raise _fail(f"{where}.attended", _("names someone who was not invited."))
    if not set(briefing.informed) <= set(briefing.invited):
        raise _fail(f"{where}.informed", _("names someone who was not invited."))
    if any(day < briefing.date for day in briefing.informed.values()):
        raise _fail(f"{where}.informed", _("has a day before the briefing."))
    if not briefing.cohort.startswith(briefing.window + "-"):
        raise _fail(f"{where}.cohort", _("does not belong to the window {window}.").format(
            window=briefing.window))  # fmt: skip
    return briefing
