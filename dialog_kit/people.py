"""The person register: who the manager talks with, by a stable id, and which talks are theirs.

Two employees may share a name, and one employee may be typed two ways; so
talks are tied to a register entry by id, never by the name on the talk. The
register is one JSON document (`"format": 1`), kept encrypted in the vault as
people.age (see dialog_kit.vault.people); this module is the model and its
strict reader, with no file or crypto in it.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from dialog_kit.clock import today as clock_today
from dialog_kit.errors import InputError
from dialog_kit.i18n import LANGUAGES, _
from dialog_kit.names import name_key

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.listing import Talk

    TalkT = TypeVar("TalkT", bound=Talk)

FORMAT = 1
"""The version of the register's JSON form that this code writes."""

MAX_TEXT = 500
"""The longest name, role or employee number: a guard against pasted documents."""
MAX_PEOPLE = 100_000
MAX_DEALT_WITH = 10_000

_PERSON_ID = re.compile(r"[0-9a-f]{12}")
_PROFILE_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_ID_PREFIX = re.compile(r"[0-9a-f]{4,12}")
_REMINDER_KEY = re.compile(r"[A-Za-z0-9_\-:]{1,120}")


class NoSuchPersonError(InputError):
    """No register entry matches what was asked for (exit code 2)."""


class AmbiguousPersonError(InputError):
    """Several register entries match; the message lists them with their ids (exit code 2)."""

    def __init__(self, title: str, message: str, matches: list[PersonEntry]) -> None:
        super().__init__(title, message)
        self.matches = matches


def new_person_id() -> str:
    """12 random hex digits: stable for the person's life in the register, says nothing of them."""
    return secrets.token_hex(6)


def search_key(text: str) -> str:
    """name_key without diacritics ("Zoë" finds "Zoe"): for searching, never for identifying."""
    decomposed = unicodedata.normalize("NFD", name_key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class PersonEntry:
    """One person in the register. The name is stored NFC; the id never changes."""

    name: str
    role: str = ""
    language: str = "sv"
    """The employee's language: their documents are written in it."""
    profile: str = "general"
    profession: str | None = None
    birth_year: int | None = None
    employee_number: str | None = None
    active: bool = True
    """Whether they still work for the manager; former staff leave the team view."""
    dealt_with: list[str] = field(default_factory=list)
    """Reminder keys (see dialog_kit.team) the manager marked as dealt with."""
    id: str = field(default_factory=new_person_id)

    def label(self) -> str:
        """Name, role and id, as a list of matches shows them."""
        role = f", {self.role}" if self.role else ""
        return f"{self.name}{role} ({self.id})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "language": self.language,
            "profile": self.profile,
            "profession": self.profession,
            "birth_year": self.birth_year,
            "employee_number": self.employee_number,
            "active": self.active,
            "dealt_with": list(self.dealt_with),
        }


_EDITABLE = frozenset(
    {"name", "role", "language", "profile", "profession", "birth_year", "employee_number", "active"}
)


@dataclass
class Register:
    """Every person, and which person each talk (record id) is with."""

    people: list[PersonEntry] = field(default_factory=list)
    talks: dict[str, str] = field(default_factory=dict)
    """record id -> person id: an index of the links, kept for schema-1 talks.

    Since record schema 2 the talk names its person itself (`Record.person`) and
    that is the source of truth (see `person_for`); this map holds the links of
    talks still stored in schema 1 (a 0.1.0 vault, a locked talk never saved
    since), and `link_records` keeps it in step with the records."""
    _id_cache: tuple[int, frozenset[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """The people's ids and how many people there were; every change below forgets it."""

    # -- reading -------------------------------------------------------------

    def get(self, person_id: str) -> PersonEntry:
        for person in self.people:
            if person.id == person_id:
                return person
        raise NoSuchPersonError(
            _("No such person"), _("Nobody in the register has the id {id}.").format(id=person_id)
        )

    def active_people(self) -> list[PersonEntry]:
        return sorted((p for p in self.people if p.active), key=lambda p: search_key(p.name))

    def person_of(self, record_id: str) -> str | None:
        """The id of the person a talk is with, or None when it is not tied to anyone yet."""
        return self.talks.get(record_id)

    def talk_ids(self, person_id: str) -> list[str]:
        """The talks the index ties to the person; `talks_of` asks the records themselves."""
        return [rid for rid, pid in self.talks.items() if pid == person_id]

    def person_for(self, record: Talk) -> str | None:
        """The person a talk is with: its own `person` when the register has that entry,
        else the index (a schema-1 talk, or one whose entry was merged away)."""
        if record.person is not None and record.person in self._ids():
            return record.person
        return self.talks.get(record.id)

    def talks_of(self, person_id: str, records: Iterable[TalkT]) -> list[TalkT]:
        """The talks among `records` that are with the person (by the record's person id)."""
        ids = self._ids()
        return [
            r
            for r in records
            if (r.person if r.person in ids else self.talks.get(r.id)) == person_id
        ]

    def link_records(self, records: Iterable[Talk]) -> bool:
        """Every talk's `person` set from `person_for` (in memory), and the index set from
        the talks; returns whether the index changed. The record wins where they differ."""
        changed = False
        ids = self._ids()
        for record in records:
            person_id = record.person if record.person in ids else self.talks.get(record.id)
            if person_id is None:
                continue
            record.person = person_id
            if self.talks.get(record.id) != person_id:
                self.talks[record.id] = person_id
                changed = True
        return changed

    def _ids(self) -> frozenset[str]:
        """The ids of everyone in the register, made once per change of it: the team view asks
        for each of ten thousand talks (a set of a thousand ids each time was quadratic)."""
        known = self._id_cache
        if known is None or known[0] != len(self.people):
            known = (len(self.people), frozenset(p.id for p in self.people))
            self._id_cache = known
        return known[1]

    def search(self, text: str) -> list[PersonEntry]:
        """Type-to-search: every person whose name contains `text` (case and diacritics ignored)."""
        needle = search_key(text)
        found = [p for p in self.people if needle in search_key(p.name)]
        return sorted(found, key=lambda p: (not p.active, search_key(p.name), p.id))

    def find(self, query: str) -> list[PersonEntry]:
        """An id, a unique id prefix (4+ hex digits), or a whole name (case and accents ignored).

        Never a part of a name: "Anna Berg" must not find "Anna Bergström" for an
        access report or a handover. The picker's type-to-search is `search`.
        """
        query = query.strip()
        if not query:
            return []
        lowered = query.lower()
        if _ID_PREFIX.fullmatch(lowered):
            by_id = [p for p in self.people if p.id.startswith(lowered)]
            if by_id:
                return by_id
        wanted = search_key(query)
        return sorted(
            (p for p in self.people if search_key(p.name) == wanted),
            key=lambda p: (not p.active, p.id),
        )

    def resolve(self, query: str) -> PersonEntry:
        """The one person `query` names; NoSuchPersonError or AmbiguousPersonError otherwise.

        The messages name no one (they may end up in a log); an ambiguous match
        carries the entries in `matches` for the caller to list.
        """
        matches = self.find(query)
        if not matches:
            raise NoSuchPersonError(
                _("No such person"),
                _("Nobody in the register matches; see 'dialog-kit people list'. Nothing changed."),
            )
        if len(matches) > 1:
            raise AmbiguousPersonError(
                _("Several people match"),
                _("{count} people match ({ids}); give one of their ids. Nothing changed.").format(
                    count=len(matches), ids=", ".join(p.id for p in matches)
                ),
                matches,
            )
        return matches[0]

    # -- changing ------------------------------------------------------------

    def add(
        self,
        name: str,
        role: str = "",
        language: str = "sv",
        profile: str = "general",
        profession: str | None = None,
        birth_year: int | None = None,
        employee_number: str | None = None,
    ) -> PersonEntry:
        """Adds a new person (a namesake is a new person too: the id tells them apart)."""
        person = PersonEntry(
            name=name,
            role=role,
            language=language,
            profile=profile,
            profession=profession,
            birth_year=birth_year,
            employee_number=employee_number,
        )
        while any(p.id == person.id for p in self.people):
            person.id = new_person_id()
        person = _checked(person, "person")
        self.people.append(person)
        self._id_cache = None
        return person

    def edit(self, person_id: str, **changes: Any) -> PersonEntry:
        """Changes the given fields of one person; a bad value changes nothing."""
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        person = self.get(person_id)
        edited = _checked(replace(person, **changes), "person")
        self.people[self.people.index(person)] = edited
        self._id_cache = None
        return edited

    def assign(self, record_id: str, person_id: str) -> None:
        """Ties a talk to a person (the person must be in the register)."""
        self.get(person_id)
        self.talks[record_id] = person_id

    def unassign(self, record_id: str) -> None:
        self.talks.pop(record_id, None)

    def merge(self, keep_id: str, gone_id: str) -> PersonEntry:
        """One person entered twice: `gone`'s talks and marks move to `keep`, `gone` is removed.

        Empty fields of `keep` are filled from `gone`; nothing else of `keep` changes.
        """
        if keep_id == gone_id:
            raise InputError(
                _("Same person"), _("A person cannot be merged with themselves; nothing changed.")
            )
        keep, gone = self.get(keep_id), self.get(gone_id)
        for name in ("role", "profession", "birth_year", "employee_number"):
            if not getattr(keep, name) and getattr(gone, name):
                setattr(keep, name, getattr(gone, name))
        keep.dealt_with.extend(k for k in gone.dealt_with if k not in keep.dealt_with)
        keep.active = keep.active or gone.active
        for record_id, person_id in self.talks.items():
            if person_id == gone_id:
                self.talks[record_id] = keep_id
        self.people.remove(gone)
        self._id_cache = None
        return keep

    def remove(self, person_id: str) -> list[str]:
        """Removes a person and their talk links; returns the ids of their talks."""
        person = self.get(person_id)
        talks = self.talk_ids(person_id)
        for record_id in talks:
            del self.talks[record_id]
        self.people.remove(person)
        self._id_cache = None
        return talks

    def mark_dealt_with(self, person_id: str, key: str) -> None:
        """Records that the manager dealt with a reminder (a follow-up, an overdue action)."""
        if not _REMINDER_KEY.fullmatch(key):
            raise ValueError(f"bad reminder key {key!r}")
        person = self.get(person_id)
        if key not in person.dealt_with:
            person.dealt_with.append(key)

    def copy(self) -> Register:
        return Register.from_dict(self.to_dict())

    # -- JSON ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "people": [p.to_dict() for p in self.people],
            "talks": dict(sorted(self.talks.items())),
        }

    def to_json(self) -> bytes:
        """The JSON form; refuses (InputError) what could not be read back."""
        data = self.to_dict()
        Register.from_dict(data)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, *, source: str = "people") -> Register:
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise InputError(
                _("Bad register"), _("{source}: is not JSON text.").format(source=source)
            ) from None
        return cls.from_dict(parsed, source=source)

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "people") -> Register:
        """Checks every field; errors name the field (`people[3].birth_year: ...`)."""
        if not isinstance(data, dict):
            raise _fail(source, _("must be an object."))
        _keys(data, source, required={"format", "people"}, optional={"talks"})
        if data["format"] != FORMAT or type(data["format"]) is not int:
            raise _fail(
                f"{source}.format",
                _("is {value!r}; this version reads format {format}.").format(
                    value=data["format"], format=FORMAT
                ),
            )
        people_data = data["people"]
        if not isinstance(people_data, list) or len(people_data) > MAX_PEOPLE:
            raise _fail(f"{source}.people", _("must be a list."))
        register = cls()
        seen: set[str] = set()
        for i, item in enumerate(people_data):
            person = _read_person(item, f"{source}.people[{i}]")
            if person.id in seen:
                raise _fail(
                    f"{source}.people[{i}].id",
                    _("the id {id!r} is used twice.").format(id=person.id),
                )
            seen.add(person.id)
            register.people.append(person)
        talks = data.get("talks", {})
        if not isinstance(talks, dict):
            raise _fail(f"{source}.talks", _("must be an object."))
        for record_id, person_id in talks.items():
            if not isinstance(person_id, str) or person_id not in seen:
                raise _fail(
                    f"{source}.talks.{record_id}",
                    _("names a person who is not in the register."),
                )
            if not _RECORD_ID.fullmatch(record_id):
                raise _fail(f"{source}.talks.{record_id}", _("must be a record id (a UUID)."))
            register.talks[record_id] = person_id
        return register


_RECORD_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_PERSON_KEYS = {f.name for f in fields(PersonEntry)}


def _fail(where: str, problem: str) -> InputError:
    return InputError(_("Bad register"), f"{where}: {problem}")


def _keys(data: Mapping[str, Any], where: str, required: set[str], optional: set[str]) -> None:
    for key in sorted(required):
        if key not in data:
            raise _fail(f"{where}.{key}", _("is missing."))
    for key in data:
        if key not in required | optional:
            raise _fail(f"{where}.{str(key)[:40]}", _("is not a known field."))


def _text(value: Any, where: str, *, allow_empty: bool = True) -> str:
    if not isinstance(value, str):
        raise _fail(where, _("must be a text."))
    if len(value) > MAX_TEXT:
        raise _fail(where, _("is longer than {n} characters.").format(n=MAX_TEXT))
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise _fail(where, _("contains a control character."))
    if not allow_empty and not value.strip():
        raise _fail(where, _("must not be empty."))
    return value


def _read_person(item: Any, where: str) -> PersonEntry:
    if not isinstance(item, dict):
        raise _fail(where, _("must be an object."))
    _keys(item, where, required={"id", "name"}, optional=_PERSON_KEYS - {"id", "name"})
    person_id = item["id"]
    if not isinstance(person_id, str) or not _PERSON_ID.fullmatch(person_id):
        raise _fail(f"{where}.id", _("must be 12 hex digits."))
    dealt = item.get("dealt_with", [])
    if (
        not isinstance(dealt, list)
        or len(dealt) > MAX_DEALT_WITH
        or not all(isinstance(k, str) and _REMINDER_KEY.fullmatch(k) for k in dealt)
    ):
        raise _fail(f"{where}.dealt_with", _("must be a list of reminder keys."))
    active = item.get("active", True)
    if not isinstance(active, bool):
        raise _fail(f"{where}.active", _("must be true or false."))
    person = PersonEntry(
        id=person_id,
        name=item["name"],
        role=item.get("role", ""),
        language=item.get("language", "sv"),
        profile=item.get("profile", "general"),
        profession=item.get("profession"),
        birth_year=item.get("birth_year"),
        employee_number=item.get("employee_number"),
        active=active,
        dealt_with=list(dealt),
    )
    return _checked(person, where)


def _checked(person: PersonEntry, where: str) -> PersonEntry:
    """The entry with its name in NFC, or InputError naming the first bad field."""
    name = unicodedata.normalize("NFC", _text(person.name, f"{where}.name", allow_empty=False))
    name = " ".join(name.split())
    role = " ".join(_text(person.role, f"{where}.role").split())
    if person.language not in LANGUAGES:
        raise _fail(
            f"{where}.language",
            _("must be one of {choices}.").format(choices=", ".join(LANGUAGES)),
        )
    if not isinstance(person.profile, str) or not _PROFILE_ID.fullmatch(person.profile):
        raise _fail(f"{where}.profile", _("must be a profile id."))
    if person.profession is not None and (
        not isinstance(person.profession, str) or not _PROFILE_ID.fullmatch(person.profession)
    ):
        raise _fail(f"{where}.profession", _("must be a profession id."))
    year = person.birth_year
    if year is not None and (type(year) is not int or not 1900 <= year <= clock_today().year):
        raise _fail(
            f"{where}.birth_year",
            _("must be a year between 1900 and {year}.").format(year=clock_today().year),
        )
    number = person.employee_number
    if number is not None:
        number = _text(number, f"{where}.employee_number").strip() or None
    return replace(person, name=name, role=role, employee_number=number)


def check_profession(
    library: GuideLibrary | None, profile: str, profession: str | None
) -> str | None:
    """`profession` when the profile lists it (None stays None); InputError otherwise."""
    if profession is None or profession == "":
        return None
    listed: Iterable[str] = ()
    if library is not None:
        found = library.profile(profile)
        listed = found.professions if found is not None else ()
    if profession not in listed:
        if listed:
            problem = _("The profile {profile} has the professions {choices}.").format(
                profile=profile, choices=", ".join(listed)
            )
        else:
            problem = _("The profile {profile} defines no professions.").format(profile=profile)
        raise InputError(
            _("Unknown profession"),
            _("{profession!r} is not a profession here. {problem}").format(
                profession=profession, problem=problem
            ),
        )
    return profession


def check_profile(library: GuideLibrary | None, profile: str) -> str:
    """`profile` when the guide library has it; InputError naming the known ones otherwise."""
    if library is None or library.profile(profile) is not None:
        return profile
    known = ", ".join(library.profiles)
    raise InputError(
        _("Unknown profile"),
        _("There is no profile {profile!r} (known: {known}).").format(profile=profile, known=known),
    )
