"""A record's JSON form: writing it, and reading it back strictly (any schema, via migrations)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from dialog_kit.career.attached import read_attached
from dialog_kit.errors import InputError, clip, quoted
from dialog_kit.i18n import _
from dialog_kit.privacy import READ_DEFAULT

from .migrations import SCHEMA, migrate
from .model import (
    CAREER_STAGES,
    Action,
    AfterTick,
    Amendment,
    GuideRef,
    HandedOver,
    Invitation,
    Kind,
    Note,
    Person,
    PhaseRecord,
    Record,
    Status,
    SummaryMade,
    Visibility,
    new_record_id,
)
from .reader import ID, Ids, Reader
from .schedule import duration_problem, format_time, parse_time, place_problem, time_problem
from .strict_json import StrictJSONError, loads, too_large, too_large_message

PERSON_ID = re.compile(r"[0-9a-f]{12}")
"""A register id (dialog_kit.people.new_person_id): 12 hex digits."""


def record_to_dict(record: Record) -> dict[str, Any]:
    """The record's JSON form as a dict (schema SCHEMA)."""
    return {
        "schema": SCHEMA,
        "id": record.id,
        **({"person": record.person} if record.person else {}),
        "kind": record.kind.value,
        "guide": {"id": record.guide.id, "version": record.guide.version},
        "profile": record.profile,
        **({"stage": record.stage} if record.stage else {}),
        "employee": _person_to_dict(record.employee),
        "manager": _person_to_dict(record.manager),
        "locale": record.locale,
        "date": record.date.isoformat(),
        **({"time": format_time(record.time)} if record.time is not None else {}),
        **(
            {"duration_minutes": record.duration_minutes}
            if record.duration_minutes is not None
            else {}
        ),
        **({"place": record.place} if record.place is not None else {}),
        "status": record.status.value,
        "phases": {
            phase_id: {
                "ticked": list(state.ticked),
                "notes": [
                    {
                        "id": n.id,
                        "text": n.text,
                        "visibility": n.visibility.value,
                        **({"item": n.item} if n.item else {}),
                    }
                    for n in state.notes
                ],
            }
            for phase_id, state in record.phases.items()
        },
        "actions": [
            {
                "id": a.id,
                "what": a.what,
                "owner": a.owner,
                "due": a.due.isoformat() if a.due else None,
                "done": a.done,
                **({"carried_from": a.carried_from} if a.carried_from else {}),
            }
            for a in record.actions
        ],
        "follow_up": record.follow_up.isoformat() if record.follow_up else None,
        "amendments": [
            {
                "id": m.id,
                "at": m.at.isoformat(),
                "text": m.text,
                "visibility": m.visibility.value,
            }
            for m in record.amendments
        ],
        **(
            {
                "after_ticks": [
                    {
                        "id": t.id,
                        "at": t.at.isoformat(),
                        "phase": t.phase,
                        "item": t.item,
                        "ticked": t.ticked,
                    }
                    for t in record.after_ticks
                ]
            }
            if record.after_ticks
            else {}
        ),
        **(
            {
                "summaries": [
                    {"at": m.at.isoformat(), "version": m.version, "final": m.final}
                    for m in record.summaries
                ]
            }
            if record.summaries
            else {}
        ),
        **(
            {
                "handed_over": [
                    {"at": h.at.isoformat(), "version": h.version, "final": h.final}
                    for h in record.handed_over
                ]
            }
            if record.handed_over
            else {}
        ),
        **(
            {"invitations": [{"at": i.at.isoformat()} for i in record.invitations]}
            if record.invitations
            else {}
        ),
        **(
            {"career_paths": [p.to_dict() for p in record.career_paths]}
            if record.career_paths
            else {}
        ),
        "locked_at": record.locked_at.isoformat() if record.locked_at else None,
        "created": record.created.isoformat(),
        "updated": record.updated.isoformat(),
    }


def record_to_json(record: Record) -> str:
    """The JSON form; refuses (InputError naming the field) what could not be read back.

    Checking here, before anything is written, keeps the last good copy on disk
    instead of storing a record that would fail on the next start.
    """
    data = record_to_dict(record)
    record_from_dict(data)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if too_large(text):
        raise InputError(_("Record too large"), too_large_message("record"))
    return text


def record_from_dict(data: Any, *, source: str = "record") -> Record:
    """Builds a record from its JSON form (any schema up to SCHEMA); errors name the field."""
    return _read(migrate(data, source=source), source)


_REQUIRED = frozenset({"kind", "employee", "manager", "locale", "date"})
_OPTIONAL = frozenset({
    "schema", "id", "guide", "profile", "status", "phases", "actions",
    "follow_up", "amendments", "after_ticks", "summaries", "locked_at",
    "created", "updated", "stage", "person", "time", "duration_minutes", "place",
    "handed_over", "invitations",
    "career_paths",
})  # fmt: skip
"""A record's fields: those it must have, and the others it may have."""


def _read(data: dict[str, Any], source: str) -> Record:
    r = Reader(data, source)
    r.keys(required=_REQUIRED, optional=_OPTIONAL)
    kind = r.enum("kind", Kind)
    if r.get("guide", None) is None:
        guide = GuideRef(id=kind.value, version=1)
    else:
        g = r.child("guide")
        g.keys(required={"id", "version"})
        guide = GuideRef(id=g.ident("id"), version=g.integer("version", minimum=1))
    record = Record(
        id=r.uuid("id") if "id" in data else new_record_id(),
        kind=kind,
        guide=guide,
        profile=r.ident("profile", default="general"),
        employee=_read_person(r.child("employee"), name_required=True),
        manager=_read_person(r.child("manager"), name_required=False),
        locale=r.choice("locale", ("sv", "da", "en")),
        date=r.date("date"),
        status=r.enum("status", Status, default=Status.PLANNED),
        follow_up=r.date("follow_up", optional=True),
        locked_at=r.datetime("locked_at", optional=True),
    )
    if "stage" in data:
        if kind is not Kind.CAREER_CHANGE:
            raise r.fail("stage", _("only a career-change talk has a stage."))
        record.stage = r.choice("stage", CAREER_STAGES)
    _read_schedule(r, record)
    if "created" in data:
        record.created = r.datetime("created")
    if "updated" in data:
        record.updated = r.datetime("updated")
    ids = Ids()
    phases = r.child("phases", default={})
    for phase_id in phases.data:
        p = phases.child(phase_id)
        _check_id(p, phase_id)
        p.keys(optional={"ticked", "notes"})
        ticked = []
        for i, item in p.each_text("ticked"):
            if not ID.fullmatch(item):
                raise p.fail(f"ticked[{i}]", _("must be an id of letters, digits, - and _."))
            if item in ticked:
                raise p.fail(f"ticked[{i}]", _("{id!r} is ticked twice.").format(id=quoted(item)))
            ticked.append(item)
        state = PhaseRecord(ticked=ticked)
        for n in p.each_child("notes"):
            n.keys(required={"text"}, optional={"id", "visibility", "item"})
            state.notes.append(
                Note(
                    id=ids.take(n, "id"),
                    text=n.text("text", allow_empty=False),
                    visibility=n.enum("visibility", Visibility, default=READ_DEFAULT),
                    item=n.ident("item", default="") or None,
                )
            )
        record.phases[phase_id] = state
    for a in r.each_child("actions"):
        a.keys(required={"what", "owner"}, optional={"id", "due", "done", "carried_from"})
        record.actions.append(
            Action(
                id=ids.take(a, "id"),
                what=a.text("what", allow_empty=False),
                owner=a.text("owner"),
                due=a.date("due", optional=True),
                done=a.boolean("done", default=False),
                carried_from=a.text("carried_from", default="") or None,
            )
        )
    for m in r.each_child("amendments"):
        m.keys(required={"at", "text"}, optional={"id", "visibility"})
        record.amendments.append(
            Amendment(
                id=ids.take(m, "id"),
                at=m.datetime("at"),
                text=m.text("text", allow_empty=False),
                visibility=m.enum("visibility", Visibility, default=READ_DEFAULT),
            )
        )
    for t in r.each_child("after_ticks"):
        t.keys(required={"at", "phase", "item", "ticked"}, optional={"id"})
        record.after_ticks.append(
            AfterTick(
                id=ids.take(t, "id"),
                at=t.datetime("at"),
                phase=t.ident("phase"),
                item=t.ident("item"),
                ticked=t.boolean("ticked", default=True),
            )
        )
    for m in r.each_child("summaries"):
        m.keys(required={"at", "version", "final"})
        made = SummaryMade(
            at=m.datetime("at"),
            version=m.integer("version", minimum=0, maximum=1_000_000),
            final=m.boolean("final", default=False),
        )
        if made.final != (made.version > 0):
            raise m.fail("version", _("a final summary has a version from 1, a draft 0."))
        record.summaries.append(made)
    _read_delivery(r, record)
    record.career_paths = read_attached(r.get("career_paths", []), f"{source}.career_paths")
    if record.status is Status.LOCKED:
        if record.locked_at is None:
            record.locked_at = record.updated
    else:
        if record.locked_at is not None:
            raise r.fail("locked_at", _("is set, but the status is not locked."))
        if record.amendments:
            raise r.fail("amendments", _("only a locked talk has amendments."))
        if record.after_ticks:
            raise r.fail("after_ticks", _("only a locked talk has ticks after the talk."))
        if any(m.final for m in record.summaries):
            raise r.fail("summaries", _("only a locked talk has a final summary."))
        if any(h.final for h in record.handed_over):
            raise r.fail("handed_over", _("only a locked talk has a final summary."))
    return record


def _read_delivery(r: Reader, record: Record) -> None:
    """What reached the employee: the summaries handed over, the invitations issued."""
    for h in r.each_child("handed_over"):
        h.keys(required={"at", "version", "final"})
        given = HandedOver(
            at=h.datetime("at"),
            version=h.integer("version", minimum=0, maximum=1_000_000),
            final=h.boolean("final", default=False),
        )
        if given.final != (given.version > 0):
            raise h.fail("version", _("a final summary has a version from 1, a draft 0."))
        record.handed_over.append(given)
    for issued in r.each_child("invitations"):
        issued.keys(required={"at"})
        record.invitations.append(Invitation(at=issued.datetime("at")))


def _read_schedule(r: Reader, record: Record) -> None:
    """The schema-2 fields: the person's id, and when, how long and where the talk is held."""
    data = r.data
    if "person" in data:
        value = data["person"]
        if not isinstance(value, str) or not PERSON_ID.fullmatch(value):
            raise r.fail("person", _("must be a person's id in the register (12 hex digits)."))
        record.person = value
    if "time" in data:
        if (problem := time_problem(data["time"])) is not None:
            raise r.fail("time", problem)
        record.time = parse_time(data["time"])
    if "duration_minutes" in data:
        if (problem := duration_problem(data["duration_minutes"])) is not None:
            raise r.fail("duration_minutes", problem)
        record.duration_minutes = data["duration_minutes"]
    if "place" in data:
        if (problem := place_problem(data["place"])) is not None:
            raise r.fail("place", problem)
        record.place = data["place"]


def record_from_json(text: str | bytes, *, source: str = "record") -> Record:
    """Reads a record's JSON form strictly: one key once, short numbers, a size limit."""
    source = clip(source)
    if too_large(text):
        raise InputError(_("Record too large"), too_large_message(source))
    try:
        data = loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        if isinstance(exc, json.JSONDecodeError):
            message = _("{source} is not valid JSON (line {line}, column {column}): {reason}")
            message = message.format(
                source=source, line=exc.lineno, column=exc.colno, reason=exc.msg
            )
        else:
            message = _("{source} is not UTF-8 text.").format(source=source)
        raise InputError(_("Not a record"), message) from None
    except StrictJSONError as exc:
        raise InputError(_("Not a record"), f"{source}: {exc}") from None
    except RecursionError:
        raise InputError(
            _("Not a record"),
            _("{source} is nested too deeply to be a record.").format(source=source),
        ) from None
    return record_from_dict(data, source=source)


def _read_person(r: Reader, *, name_required: bool) -> Person:
    r.keys(required={"name"}, optional={"role", "birth_year"})
    birth_year = None
    if r.get("birth_year", None) is not None:
        birth_year = r.integer("birth_year", minimum=1900, maximum=date.today().year)
    return Person(
        name=r.text("name", allow_empty=not name_required),
        role=r.text("role", default=""),
        birth_year=birth_year,
    )


def _person_to_dict(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"name": person.name, "role": person.role}
    if person.birth_year is not None:
        data["birth_year"] = person.birth_year
    return data


def _check_id(r: Reader, value: str) -> None:
    if not ID.fullmatch(value):
        raise InputError(
            _("Bad record"),
            _("{path}: a phase id uses letters, digits, - and _ only.").format(path=clip(r.path)),
        )
