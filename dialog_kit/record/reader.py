"""The precise reader of a record's JSON form: every field checked, every error names its path."""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from dialog_kit.errors import InputError, clip, quoted
from dialog_kit.i18n import _

from .model import MAX_TEXT, MAX_YEAR, MIN_YEAR, new_id

E = TypeVar("E", bound=StrEnum)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})")
ID = re.compile(r"[A-Za-z0-9_\-]{1,100}")


class Reader:
    """Reads one JSON object, raising InputError that names the field path."""

    __slots__ = ("_index", "_name", "_parent", "data")

    def __init__(
        self, data: Any, name: str, parent: Reader | None = None, index: int | None = None
    ) -> None:
        self._parent = parent
        self._name = name
        self._index = index
        if not isinstance(data, dict):
            raise InputError(
                _("Bad record"), _("{path}: must be an object.").format(path=self.path)
            )
        self.data: Mapping[str, Any] = data

    @property
    def path(self) -> str:
        """`source.phases.now.notes[2]`: made only when an error names it (a listing of ten
        thousand records reads half a million fields, and fails at none)."""
        if self._parent is None:
            return self._name
        path = f"{self._parent.path}.{self._name}"
        return path if self._index is None else f"{path}[{self._index}]"

    def fail(self, key: str, problem: str) -> InputError:
        # Keys and phase ids come from the file: a hostile one may be megabytes long.
        return InputError(_("Bad record"), f"{clip(f'{self.path}.{key}')}: {problem}")

    def keys(
        self, required: AbstractSet[str] = frozenset(), optional: AbstractSet[str] = frozenset()
    ) -> None:
        present = self.data.keys()
        if not required <= present:
            raise self.fail(min(required - present), _("is missing."))
        if not present <= required | optional:
            # The first unknown one in the file's order, as a person reading it would find it.
            unknown = next(key for key in self.data if key not in required and key not in optional)
            raise self.fail(unknown, _("is not a known field."))

    def get(self, key: str, default: Any) -> Any:
        return self.data.get(key, default)

    def child(self, key: str, default: Any = None) -> Reader:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, _("is missing."))
        return Reader(value, key, self)

    def each_child(self, key: str) -> list[Reader]:
        items = self.data.get(key, [])
        if not isinstance(items, list):
            raise self.fail(key, _("must be a list."))
        return [Reader(item, key, self, i) for i, item in enumerate(items)]

    def each_text(self, key: str) -> list[tuple[int, str]]:
        items = self.data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise self.fail(key, _("must be a list of texts."))
        return list(enumerate(items))

    def text(self, key: str, default: str | None = None, allow_empty: bool = True) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, _("is missing."))
        if not isinstance(value, str):
            raise self.fail(key, _("must be a text."))
        if not allow_empty and not value.strip():
            raise self.fail(key, _("must not be empty."))
        if len(value) > MAX_TEXT:
            raise self.fail(key, _("is longer than {n} characters.").format(n=MAX_TEXT))
        if "\x00" in value:
            raise self.fail(key, _("contains a NUL character."))
        return value

    def ident(self, key: str, default: str | None = None) -> str:
        value = self.text(key, default)
        if value and not ID.fullmatch(value):
            raise self.fail(key, _("must be an id of letters, digits, - and _."))
        return value

    def integer(self, key: str, minimum: int | None = None, maximum: int | None = None) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, _("must be a whole number."))
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            if maximum is None:
                raise self.fail(key, _("must be at least {low}.").format(low=minimum))
            raise self.fail(
                key, _("must be between {low} and {high}.").format(low=minimum, high=maximum)
            )
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, _("must be true or false."))
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in choices:
            raise self.fail(
                key,
                _("must be one of {choices}, not {value!r}.").format(
                    choices=", ".join(choices), value=quoted(value)
                ),
            )
        return value

    def enum(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, _("is missing."))
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise self.fail(
                key,
                _("must be one of {choices}, not {value!r}.").format(
                    choices=allowed, value=quoted(value)
                ),
            ) from None

    def uuid(self, key: str) -> str:
        value = self.text(key)
        try:
            import uuid  # here: with platform, which it loads, it would slow every command's start

            return str(uuid.UUID(value))
        except ValueError:
            raise self.fail(key, _("must be a UUID.")) from None

    def date(self, key: str, optional: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
            raise self.fail(
                key,
                _("must be a date written YYYY-MM-DD, not {value!r}.").format(value=quoted(value)),
            )
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise self.fail(
                key, _("is not a date in the calendar: {value!r}.").format(value=quoted(value))
            ) from None
        self._in_years(key, day.year)
        return day

    def _in_years(self, key: str, year: int) -> None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise self.fail(
                key,
                _("must lie in the years {low} to {high}.").format(low=MIN_YEAR, high=MAX_YEAR),
            )

    def datetime(self, key: str, optional: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not ISO_DATETIME.fullmatch(value):
            raise self.fail(
                key,
                _(
                    "must be a date and time with its offset, e.g. 2027-03-01T14:30:00+01:00, "
                    "not {value!r}."
                ).format(value=quoted(value)),
            )
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(
                key,
                _("is not a date and time in the calendar: {value!r}.").format(value=quoted(value)),
            ) from None
        self._in_years(key, moment.year)
        return moment


class Ids:
    """Hands out the ids of notes, actions and amendments, refusing one used twice."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[Reader, str]] = {}
        """Each id and where it was first seen (the reader and key: the path when needed)."""

    def take(self, r: Reader, key: str) -> str:
        if key not in r.data:
            return new_id()
        value = r.ident(key)
        if not value:
            raise r.fail(key, _("must not be empty."))
        if value in self.seen:
            first, first_key = self.seen[value]
            raise r.fail(
                key,
                _("the id {id!r} is also used at {other}.").format(
                    id=quoted(value), other=clip(f"{first.path}.{first_key}")
                ),
            )
        self.seen[value] = (r, key)
        return value
