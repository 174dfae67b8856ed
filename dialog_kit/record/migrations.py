"""The versions of a record's JSON form, and the steps that bring an older one up to date.

Schema 1 (dialog_kit 0.1.0 and main until schema 2): the talk names its employee
only by the snapshot `employee` {name, role, birth_year}; which register entry it
is with lives in the register's `talks` map (people.age).

Schema 2: the same fields, plus `person` (the register id of the person the talk
is with: the source of truth for the link) and the optional `time` ("HH:MM"),
`duration_minutes` and `place`. The step 1 -> 2 changes no field: every value of
a schema-1 record means the same in schema 2, and `person` is filled in by the
vault from the register when it links the talks (dialog_kit.vault.core.sync_people).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialog_kit.errors import InputError
from dialog_kit.i18n import _

SCHEMA = 2
"""The version of the record's JSON form that this code writes."""

SCHEMA_2_FIELDS = ("person", "time", "duration_minutes", "place")
"""The fields schema 2 added: a schema-1 record that holds one of them is not schema 1."""


def _one_to_two(data: dict[str, Any], source: str) -> dict[str, Any]:
    for key in SCHEMA_2_FIELDS:
        if key in data:
            raise InputError(
                _("Bad record"),
                _('{source}.{key}: is not a field of schema 1 (write "schema": 2).').format(
                    source=source, key=key
                ),
            )
    return dict(data)  # a copy: the caller's dict stays as it was read


MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {1: _one_to_two}
"""schema N -> a function that turns a schema-N dict into a schema N+1 dict."""


def schema_of(data: dict[str, Any]) -> Any:
    """The schema a record's dict says it has (a file without one is the current schema)."""
    return data.get("schema", SCHEMA)


def migrate(data: Any, *, source: str = "record") -> dict[str, Any]:
    """The record's JSON form brought up to SCHEMA, one step at a time (never in place)."""
    if not isinstance(data, dict):
        raise InputError(
            _("Not a record"),
            _("{source}: the top level must be a JSON object.").format(source=source),
        )
    version = schema_of(data)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            _("Not a record"),
            _("{source}.schema: must be a whole number from 1 up.").format(source=source),
        )
    if version > SCHEMA:
        raise InputError(
            _("Newer record"),
            _(
                "{source} was written by a newer dialog_kit (schema {found}); "
                "this version reads schema {supported} and older. Update dialog_kit."
            ).format(source=source, found=version, supported=SCHEMA),
        )
    result: dict[str, Any] = data
    while version < SCHEMA:
        result = MIGRATIONS[version](result, source)
        version += 1
        result["schema"] = version
    return result
