"""The conversation record: dataclasses, strict JSON form with a schema version, migrations."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as dt_time
from enum import StrEnum
from typing import Any, TypeVar

from dialog_kit.errors import DialogKitError, InputError, clip, quoted
from dialog_kit.i18n import N_, _, translate
from dialog_kit.names import name_key
from dialog_kit.privacy import (
    FOLLOW_UP_AMENDMENT,
    NEW_NOTE_DEFAULT,
    READ_DEFAULT,
    Audience,
    amendments_for,
)
from dialog_kit.privacy import Visibility as Visibility  # re-exported: the record's field type

SCHEMA = 1
"""The version of the record's JSON form that this code writes."""

E = TypeVar("E", bound=StrEnum)
Date = date  # an alias: Record has a field called `date`
Time = dt_time  # an alias: Record has a field called `time`
MAX_MINUTES = 8 * 60
"""The longest talk: a working day."""
MAX_PLACE = 200

_ACTION_DONE = N_("Action done: {what}")
_ACTION_REOPENED = N_("Action reopened: {what}")

MAX_TEXT = 20_000
"""The longest note, action or name we accept: a guard against pasted documents."""

MAX_RECORD_BYTES = 8 * 1024 * 1024
"""The largest JSON form of a record, read or written (a year of weekly talks is ~1 MiB).

One limit for both directions: what `to_json` writes, `from_json` reads back, so
nothing can be saved that the next listing would refuse; the vault derives its
file-size limit from it."""

MAX_INT_DIGITS = 20
"""A number in a record (a version, a birth year) is short; a 5,000-digit one is hostile."""

MIN_YEAR = 1900
MAX_YEAR = 2199
"""Dates and times outside these years are refused: 9999-12-31 would pass the reader and
then overflow the first calculation with it (a calendar file's end date, say)."""


class Kind(StrEnum):
    DEVELOPMENT = "development"
    CAREER_CHANGE = "career-change"
    EXIT = "exit"


CAREER_STAGES: tuple[str, ...] = ("orientation", "exploration", "plan", "transition")
"""The stages of a career change a career-change talk can be about (the guide shows that one)."""


class Status(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    LOCKED = "locked"


class RecordLockedError(DialogKitError):
    """A locked record was asked to change in place; only amendments are allowed."""


def now() -> datetime:
    """The current time, timezone-aware, to the second."""
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class Person:
    name: str
    role: str = ""
    birth_year: int | None = None


@dataclass
class Note:
    text: str
    visibility: Visibility = NEW_NOTE_DEFAULT
    item: str | None = None  # the checklist item this note belongs to, if any
    id: str = field(default_factory=new_id)


@dataclass
class PhaseRecord:
    ticked: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class Action:
    what: str
    owner: str
    due: date | None = None
    done: bool = False
    carried_from: str | None = None  # id of the record this open action came from
    id: str = field(default_factory=new_id)


@dataclass
class Amendment:
    """A dated addition to a locked record; what was agreed is never rewritten."""

    at: datetime
    text: str
    visibility: Visibility = NEW_NOTE_DEFAULT
    id: str = field(default_factory=new_id)


@dataclass
class AfterTick:
    """A tick (or untick) in an after phase of a locked talk: follow-up, not what was agreed."""

    at: datetime
    phase: str
    item: str
    ticked: bool
    id: str = field(default_factory=new_id)


@dataclass
class SummaryMade:
    """That the employee's summary was made, which version, and whether it was final."""

    at: datetime
    version: int
    final: bool


@dataclass
class HandedOver:
    """That the manager gave the employee a summary made before: which version, and when."""

    at: datetime
    version: int
    final: bool


@dataclass
class Invitation:
    """That the invitation to the talk was issued (its number among them is its SEQUENCE)."""

    at: datetime


@dataclass
class GuideRef:
    id: str
    version: int


@dataclass
class Record:
    kind: Kind
    guide: GuideRef
    employee: Person
    manager: Person
    locale: str
    date: Date
    profile: str = "general"
    stage: str | None = None
    """For a career-change talk, the stage it is about (CAREER_STAGES); None: the whole guide."""
    status: Status = Status.PLANNED
    phases: dict[str, PhaseRecord] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    follow_up: Date | None = None
    amendments: list[Amendment] = field(default_factory=list)
    after_ticks: list[AfterTick] = field(default_factory=list)
    summaries: list[SummaryMade] = field(default_factory=list)
    handed_over: list[HandedOver] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    time: Time | None = None
    """When the talk starts (hours and minutes); None: no time set yet (an all-day entry)."""
    duration_minutes: int | None = None
    place: str | None = None
    locked_at: datetime | None = None
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    # -- reading -----------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.status is Status.LOCKED

    def phase(self, phase_id: str) -> PhaseRecord:
        """The state of one phase, created empty on first use."""
        return self.phases.setdefault(phase_id, PhaseRecord())

    def notes(self, *visibilities: Visibility) -> list[tuple[str, Note]]:
        """(phase id, note) pairs, in phase order of insertion, filtered by visibility."""
        wanted = set(visibilities) or set(Visibility)
        return [
            (phase_id, note)
            for phase_id, state in self.phases.items()
            for note in state.notes
            if note.visibility in wanted
        ]

    def open_actions(self) -> list[Action]:
        return [a for a in self.actions if not a.done]

    @property
    def summary_is_final(self) -> bool:
        """Whether the employee's summary is final (the talk is locked) rather than a draft."""
        return self.locked

    @property
    def summary_version(self) -> int:
        """The final summary's version: 1 at locking, +1 for each amendment the employee reads.

        A private or HR amendment leaves the employee's document as it was, so it
        does not make a new version; 0 for a draft.
        """
        if not self.locked:
            return 0
        return 1 + len(amendments_for(self, Audience.EMPLOYEE))

    @property
    def summary_out_of_date(self) -> bool:
        """Whether the last summary made is no longer the current one (say, amended since)."""
        if not self.summaries or not self.locked:
            return False
        last = self.summaries[-1]
        return (last.final, last.version) != (self.summary_is_final, self.summary_version)

    @property
    def handed_over_out_of_date(self) -> bool:
        """Whether the summary the employee last received is not the current one."""
        if not self.handed_over:
            return False
        last = self.handed_over[-1]
        return (last.final, last.version) != (self.summary_is_final, self.summary_version)

    @property
    def invitation_sequence(self) -> int:
        """The SEQUENCE the next invitation carries: how many were issued before it."""
        return len(self.invitations)

    def ticked(self, phase_id: str) -> list[str]:
        """The items ticked in a phase: as agreed, with the after-talk ticks applied in order."""
        ticked = list(self.phases[phase_id].ticked) if phase_id in self.phases else []
        for event in self.after_ticks:
            if event.phase != phase_id:
                continue
            if event.ticked and event.item not in ticked:
                ticked.append(event.item)
            elif not event.ticked and event.item in ticked:
                ticked.remove(event.item)
        return ticked

    # -- changing ----------------------------------------------------------

    def ensure_editable(self) -> None:
        if self.locked:
            raise RecordLockedError(
                _("Locked talk"),
                _("This talk is completed and locked. Add an amendment instead of changing it."),
            )

    def set_stage(self, stage: str | None) -> None:
        """The stage this career-change talk is about, chosen by the manager; None for all."""
        self.ensure_editable()
        _check_stage(self.kind, stage)
        self.stage = stage
        self.touch()

    def touch(self) -> None:
        self.updated = now()
        if self.status is Status.PLANNED:
            self.status = Status.IN_PROGRESS

    def toggle_item(self, phase_id: str, item_id: str) -> bool:
        """Ticks or unticks a checklist item; returns whether it is now ticked."""
        self.ensure_editable()
        ticked = self.phase(phase_id).ticked
        if item_id in ticked:
            ticked.remove(item_id)
            result = False
        else:
            ticked.append(item_id)
            result = True
        self.touch()
        return result

    def tick_after_talk(self, phase_id: str, item_id: str) -> bool:
        """Ticks or unticks an item of an after phase (the caller knows it is one from the guide).

        On a locked talk this appends a dated event and leaves the agreed ticks as they
        were; before locking it is an ordinary tick.
        """
        if not self.locked:
            return self.toggle_item(phase_id, item_id)
        ticked = item_id not in self.ticked(phase_id)
        event = AfterTick(at=now(), phase=phase_id, item=item_id, ticked=ticked)
        self.after_ticks.append(event)
        self.updated = event.at
        return ticked

    def summary_was_made(self) -> SummaryMade:
        """Notes that the summary was made now, as the version it is; allowed on a locked talk."""
        made = SummaryMade(at=now(), version=self.summary_version, final=self.summary_is_final)
        self.summaries.append(made)
        self.updated = made.at
        return made

    def hand_over(self, version: int | None = None) -> HandedOver:
        """Notes that the employee received a summary made before: the last one, or `version`.

        Allowed on a locked talk: it is a fact about a document, not a change to the talk.
        """
        if not self.summaries:
            raise DialogKitError(
                _("No summary made"),
                _("No summary of this talk has been made yet: make it first, then hand it over."),
            )
        if version is None:
            made = self.summaries[-1]
        else:
            made_final = [m for m in self.summaries if m.final and m.version == version]
            if not made_final:
                versions = sorted({m.version for m in self.summaries if m.final})
                raise DialogKitError(
                    _("Version not made"),
                    _("Version {version} of the summary was never made (made: {made}).").format(
                        version=version,
                        made=", ".join(str(v) for v in versions) or _("only drafts"),
                    ),
                )
            made = made_final[-1]
        given = HandedOver(at=now(), version=made.version, final=made.final)
        self.handed_over.append(given)
        self.updated = given.at
        return given

    def invitation_issued(self) -> int:
        """Counts one more invitation to the talk; returns the SEQUENCE it carries (0 first)."""
        if self.status in (Status.COMPLETED, Status.LOCKED):
            raise DialogKitError(
                _("Talk already held"),
                _("This talk has been held: there is nothing to invite to."),
            )
        sequence = self.invitation_sequence
        issued = Invitation(at=now())
        self.invitations.append(issued)
        # Not touch(): a planned talk stays planned until it is held.
        self.updated = issued.at
        return sequence

    def add_note(
        self,
        phase_id: str,
        text: str,
        visibility: Visibility = NEW_NOTE_DEFAULT,
        item: str | None = None,
    ) -> Note:
        self.ensure_editable()
        note = Note(text=text, visibility=visibility, item=item)
        self.phase(phase_id).notes.append(note)
        self.touch()
        return note

    def complete(self) -> None:
        self.ensure_editable()
        self.status = Status.COMPLETED
        self.updated = now()

    def lock(self) -> None:
        """Completes and locks the talk: from now on only amendments are added."""
        if self.locked:
            return
        self.status = Status.LOCKED
        self.locked_at = self.updated = now()

    def amend(self, text: str, visibility: Visibility = NEW_NOTE_DEFAULT) -> Amendment:
        if not self.locked:
            raise DialogKitError(
                _("Not locked"), _("Only a locked talk takes amendments; edit the talk directly.")
            )
        amendment = Amendment(at=now(), text=text, visibility=visibility)
        self.amendments.append(amendment)
        self.updated = amendment.at
        return amendment

    def set_action_done(self, action_id: str, done: bool = True) -> None:
        """Marks an action done; on a locked talk this is recorded as a dated amendment too.

        Following up what was agreed is not rewriting it, so it stays allowed.
        """
        action = next((a for a in self.actions if a.id == action_id), None)
        if action is None:
            raise DialogKitError(
                _("No such action"), _("There is no action with id {id}.").format(id=action_id)
            )
        if action.done == done:
            return
        action.done = done
        if self.locked:
            # Written in the employee's language: shared amendments go into their summary.
            template = _ACTION_DONE if done else _ACTION_REOPENED
            text = translate(template, self.locale).format(what=action.what)
            self.amendments.append(Amendment(at=now(), text=text, visibility=FOLLOW_UP_AMENDMENT))
        self.updated = now()

    def add_action(self, what: str, owner: str, due: Date | None = None) -> Action:
        """Adds an agreed action; a locked talk refuses (follow-ups go in amendments)."""
        self.ensure_editable()
        action = Action(what=what, owner=owner, due=due)
        self.actions.append(action)
        self.touch()
        return action

    # -- JSON ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "kind": self.kind.value,
            "guide": {"id": self.guide.id, "version": self.guide.version},
            "profile": self.profile,
            **({"stage": self.stage} if self.stage else {}),
            **({"time": self.time.strftime("%H:%M")} if self.time else {}),
            **({"duration_minutes": self.duration_minutes} if self.duration_minutes else {}),
            **({"place": self.place} if self.place else {}),
            "employee": _person_to_dict(self.employee),
            "manager": _person_to_dict(self.manager),
            "locale": self.locale,
            "date": self.date.isoformat(),
            "status": self.status.value,
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
                for phase_id, state in self.phases.items()
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
                for a in self.actions
            ],
            "follow_up": self.follow_up.isoformat() if self.follow_up else None,
            "amendments": [
                {
                    "id": m.id,
                    "at": m.at.isoformat(),
                    "text": m.text,
                    "visibility": m.visibility.value,
                }
                for m in self.amendments
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
                        for t in self.after_ticks
                    ]
                }
                if self.after_ticks
                else {}
            ),
            **(
                {
                    "summaries": [
                        {"at": m.at.isoformat(), "version": m.version, "final": m.final}
                        for m in self.summaries
                    ]
                }
                if self.summaries
                else {}
            ),
            **(
                {
                    "handed_over": [
                        {"at": h.at.isoformat(), "version": h.version, "final": h.final}
                        for h in self.handed_over
                    ]
                }
                if self.handed_over
                else {}
            ),
            **(
                {"invitations": [{"at": i.at.isoformat()} for i in self.invitations]}
                if self.invitations
                else {}
            ),
            "locked_at": self.locked_at.isoformat() if self.locked_at else None,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
        }

    def to_json(self) -> str:
        """The JSON form; refuses (InputError naming the field) what could not be read back.

        Checking here, before anything is written, keeps the last good copy on disk
        instead of storing a record that would fail on the next start.
        """
        data = self.to_dict()
        Record.from_dict(data)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if len(text) * 4 > MAX_RECORD_BYTES and len(text.encode("utf-8")) > MAX_RECORD_BYTES:
            raise InputError(_("Record too large"), _too_large_message("record"))
        return text

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "record") -> Record:
        """Builds a record from its JSON form, checking every field; errors name the field."""
        data = migrate(data, source=source)
        # Listing a vault reads every record, so well-formed ones take a flat fast
        # path; anything it does not plainly accept goes through the precise reader,
        # which is the reference for what is valid and says what is wrong.
        fast = _read_fast(data)
        if fast is not None:
            return fast
        return cls._read_checked(data, source)

    @classmethod
    def _read_checked(cls, data: dict[str, Any], source: str) -> Record:
        r = _Reader(data, source)
        r.keys(
            required={"kind", "employee", "manager", "locale", "date"},
            optional={
                "schema", "id", "guide", "profile", "status", "phases", "actions",
                "follow_up", "amendments", "after_ticks", "summaries", "locked_at",
                "created", "updated", "stage", "handed_over", "invitations",
                "time", "duration_minutes", "place",
            },
        )  # fmt: skip
        kind = r.enum("kind", Kind)
        if r.get("guide", None) is None:
            guide = GuideRef(id=kind.value, version=1)
        else:
            g = r.child("guide")
            g.keys(required={"id", "version"})
            guide = GuideRef(id=g.ident("id"), version=g.integer("version", minimum=1))
        record = cls(
            id=r.uuid("id") if "id" in data else str(uuid.uuid4()),
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
        if data.get("time") is not None:
            text = r.text("time")
            if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", text):
                raise r.fail("time", _("must be a time of day such as 14:30."))
            record.time = dt_time.fromisoformat(text)
        if data.get("duration_minutes") is not None:
            record.duration_minutes = r.integer("duration_minutes", minimum=1, maximum=MAX_MINUTES)
        if data.get("place") is not None:
            place = r.text("place")
            if len(place) > MAX_PLACE or "\n" in place or "\r" in place:
                raise r.fail(
                    "place", _("must be one line of at most {n} characters.").format(n=MAX_PLACE)
                )
            record.place = place.strip() or None
        if "created" in data:
            record.created = r.datetime("created")
        if "updated" in data:
            record.updated = r.datetime("updated")
        ids = _Ids()
        phases = r.child("phases", default={})
        for phase_id in phases.data:
            p = phases.child(phase_id)
            _check_id(p, phase_id)
            p.keys(optional={"ticked", "notes"})
            ticked = []
            for i, item in p.each_text("ticked"):
                if not _ID.fullmatch(item):
                    raise p.fail(f"ticked[{i}]", _("must be an id of letters, digits, - and _."))
                if item in ticked:
                    raise p.fail(
                        f"ticked[{i}]", _("{id!r} is ticked twice.").format(id=quoted(item))
                    )
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

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "record") -> Record:
        """Reads a record's JSON form strictly: one key once, short numbers, a size limit."""
        source = clip(source)
        size = len(text) if isinstance(text, bytes) else len(text) * 4
        if size > MAX_RECORD_BYTES and (
            isinstance(text, bytes) or len(text.encode("utf-8")) > MAX_RECORD_BYTES
        ):
            raise InputError(_("Record too large"), _too_large_message(source))
        try:
            data = json.loads(
                text,
                object_pairs_hook=_unique_keys,
                parse_int=_short_int,
                parse_constant=_no_constant,
            )
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            if isinstance(exc, json.JSONDecodeError):
                message = _("{source} is not valid JSON (line {line}, column {column}): {reason}")
                message = message.format(
                    source=source, line=exc.lineno, column=exc.colno, reason=exc.msg
                )
            else:
                message = _("{source} is not UTF-8 text.").format(source=source)
            raise InputError(_("Not a record"), message) from None
        except _StrictJSONError as exc:
            raise InputError(_("Not a record"), f"{source}: {exc}") from None
        except RecursionError:
            raise InputError(
                _("Not a record"),
                _("{source} is nested too deeply to be a record.").format(source=source),
            ) from None
        return cls.from_dict(data, source=source)


def _check_stage(kind: Kind, stage: str | None) -> None:
    if stage is not None and (kind is not Kind.CAREER_CHANGE or stage not in CAREER_STAGES):
        raise InputError(
            _("Unknown stage"),
            _("A {kind} talk has no stage {stage!r}; career-change talks have {stages}.").format(
                kind=kind.value, stage=stage, stages=", ".join(CAREER_STAGES)
            ),
        )


def new_record(
    kind: Kind,
    guide: GuideRef,
    employee: Person,
    manager: Person,
    locale: str,
    on: date,
    profile: str = "general",
    stage: str | None = None,
) -> Record:
    _check_stage(kind, stage)
    return Record(
        kind=kind, guide=guide, employee=employee, manager=manager, locale=locale, date=on,
        profile=profile, stage=stage,
    )  # fmt: skip


def carry_over_actions(previous: Record, new: Record) -> list[Action]:
    """Copies the open actions of `previous` into `new` once, so the next talk starts from them."""
    new.ensure_editable()
    already = {(a.carried_from, a.what) for a in new.actions}
    carried = []
    for action in previous.open_actions():
        if (previous.id, action.what) in already:
            continue
        copy = Action(
            what=action.what, owner=action.owner, due=action.due, carried_from=previous.id
        )
        new.actions.append(copy)
        carried.append(copy)
    if carried:
        new.touch()
    return carried


def latest_for_employee(
    records: Iterable[Record], name: str, before: Record | None = None
) -> Record | None:
    """The most recent talk with the employee called `name` (compared by `name_key`)."""
    key = name_key(name)
    candidates = [
        r for r in records
        if name_key(r.employee.name) == key and (before is None or r.id != before.id)
    ]  # fmt: skip
    return max(candidates, key=lambda r: (r.date, r.created), default=None)


# -- migrations ---------------------------------------------------------------

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""schema N -> a function that turns a schema-N dict into a schema N+1 dict."""


def migrate(data: Any, *, source: str = "record") -> dict[str, Any]:
    """The record's JSON form brought up to SCHEMA, one step at a time."""
    if not isinstance(data, dict):
        raise InputError(
            _("Not a record"),
            _("{source}: the top level must be a JSON object.").format(source=source),
        )
    version = data.get("schema", SCHEMA)
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
        result = MIGRATIONS[version](result)
        version += 1
        result["schema"] = version
    return result


# -- strict reading -------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})")
_ID = re.compile(r"[A-Za-z0-9_\-]{1,100}")


# -- the fast path ----------------------------------------------------------------
#
# _read_fast accepts exactly what _Reader accepts, or returns None to let _Reader
# decide (and explain). tests/core/test_record_fast_path.py checks that the two
# never disagree on generated and mutated records.

_ID_LINES = re.compile(r"[A-Za-z0-9_\-]{1,100}(?:\n[A-Za-z0-9_\-]{1,100})*")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TOP_KEYS = frozenset(
    {
        "schema", "id", "guide", "profile", "status", "phases", "actions", "follow_up",
        "amendments", "after_ticks", "summaries", "locked_at", "created", "updated", "kind",
        "employee", "manager", "locale", "date", "stage",
    }
)  # fmt: skip
_TOP_REQUIRED = frozenset({"kind", "employee", "manager", "locale", "date"})
_PERSON_KEYS = frozenset({"name", "role", "birth_year"})
_PHASE_KEYS = frozenset({"ticked", "notes"})
_NOTE_KEYS = frozenset({"id", "text", "visibility", "item"})
_ACTION_KEYS = frozenset({"id", "what", "owner", "due", "done", "carried_from"})
_AMENDMENT_KEYS = frozenset({"id", "at", "text", "visibility"})
_AFTER_TICK_KEYS = frozenset({"id", "at", "phase", "item", "ticked"})
_SUMMARY_KEYS = frozenset({"at", "version", "final"})
_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}
_VISIBILITIES = {v.value: v for v in Visibility}


def _too_large_message(source: str) -> str:
    return _(
        "{source} is larger than {size} MiB, the most a record may be; "
        "split long notes over several talks."
    ).format(source=source, size=MAX_RECORD_BYTES // (1024 * 1024))


class _StrictJSONError(ValueError):
    """Valid JSON that a record never holds: a key twice, a huge number, NaN."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # One key twice is valid JSON, but which value wins differs between readers:
    # a hostile file could show one thing to another tool and another to this one.
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _StrictJSONError(
                    _("the key {key} appears twice in one object.").format(key=quoted(key))
                )
            seen.add(key)
    return data


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _StrictJSONError(_("a number has more than {n} digits.").format(n=MAX_INT_DIGITS))
    return int(text)


def _no_constant(text: str) -> Any:
    raise _StrictJSONError(_("{value} is not a number in JSON.").format(value=text))


class _NotPlain(Exception):
    """Raised inside the fast path: let the precise reader look at this record."""


def _plain_text(value: Any, *, allow_empty: bool = True) -> str:
    if (
        type(value) is not str
        or len(value) > MAX_TEXT
        or "\x00" in value
        or (not allow_empty and not value.strip())
    ):
        raise _NotPlain
    return value


def _plain_ident(value: Any) -> str:
    if type(value) is not str or not _ID.fullmatch(value):
        raise _NotPlain
    return value


def _plain_date(value: Any) -> date:
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _NotPlain
    day = date.fromisoformat(value)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _NotPlain
    return day


def _plain_datetime(value: Any) -> datetime:
    if type(value) is not str or not _ISO_DATETIME.fullmatch(value):
        raise _NotPlain
    moment = datetime.fromisoformat(value)
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise _NotPlain
    return moment


def _plain_keys(value: Any, allowed: frozenset[str], required: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not (required <= value.keys() <= allowed):
        raise _NotPlain
    return value


def _plain_person(value: Any, *, name_required: bool) -> Person:
    data = _plain_keys(value, _PERSON_KEYS, frozenset({"name"}))
    birth_year = data.get("birth_year")
    if birth_year is not None and (
        type(birth_year) is not int or not 1900 <= birth_year <= date.today().year
    ):
        raise _NotPlain
    return Person(
        name=_plain_text(data["name"], allow_empty=not name_required),
        role=_plain_text(data.get("role", "")),
        birth_year=birth_year,
    )


def _plain_visibility(data: dict[str, Any]) -> Visibility:
    # No level stated: the policy's default, exactly as the precise reader has it.
    return _VISIBILITIES[data["visibility"]] if "visibility" in data else READ_DEFAULT


def _plain_id(data: dict[str, Any], seen: set[str]) -> str:
    if "id" not in data:
        return new_id()
    value = _plain_ident(data["id"])
    if value in seen:
        raise _NotPlain
    seen.add(value)
    return value


def _read_fast(data: dict[str, Any]) -> Record | None:
    try:
        return _read_plain(data)
    except (_NotPlain, ValueError, TypeError, KeyError):
        return None


def _read_plain(d: dict[str, Any]) -> Record:
    _plain_keys(d, _TOP_KEYS, _TOP_REQUIRED)
    kind = _KINDS[d["kind"]]
    guide_data = d.get("guide")
    if guide_data is None:
        guide = GuideRef(kind.value, 1)
    else:
        _plain_keys(guide_data, frozenset({"id", "version"}), frozenset({"id", "version"}))
        version = guide_data["version"]
        if type(version) is not int or version < 1:
            raise _NotPlain
        guide = GuideRef(_plain_ident(guide_data["id"]), version)
    record_id = d["id"] if "id" in d else str(uuid.uuid4())
    if type(record_id) is not str or not _UUID.fullmatch(record_id):
        raise _NotPlain
    profile = d.get("profile", "general")
    if profile != "":
        _plain_ident(profile)
    if d["locale"] not in ("sv", "da", "en") or type(d["locale"]) is not str:
        raise _NotPlain
    follow_up = d.get("follow_up")
    locked_at = d.get("locked_at")
    status = _STATUSES[d.get("status", "planned")]
    stage = d.get("stage")
    if stage is not None and (
        kind is not Kind.CAREER_CHANGE or type(stage) is not str or stage not in CAREER_STAGES
    ):
        raise _NotPlain
    record = Record(
        id=record_id,
        kind=kind,
        guide=guide,
        profile=profile,
        employee=_plain_person(d["employee"], name_required=True),
        manager=_plain_person(d["manager"], name_required=False),
        locale=d["locale"],
        date=_plain_date(d["date"]),
        status=status,
        follow_up=None if follow_up is None else _plain_date(follow_up),
        locked_at=None if locked_at is None else _plain_datetime(locked_at),
        created=_plain_datetime(d["created"]) if "created" in d else now(),
        updated=_plain_datetime(d["updated"]) if "updated" in d else now(),
        stage=stage,
    )
    seen: set[str] = set()
    phases = d.get("phases", {})
    if type(phases) is not dict:
        raise _NotPlain
    for phase_id, phase in phases.items():
        _plain_ident(phase_id)
        _plain_keys(phase, _PHASE_KEYS, frozenset())
        ticked = phase.get("ticked", [])
        if type(ticked) is not list:
            raise _NotPlain
        if ticked and (
            not all(type(item) is str for item in ticked)
            or not _ID_LINES.fullmatch("\n".join(ticked))
            or len(set(ticked)) != len(ticked)
        ):
            raise _NotPlain
        notes = phase.get("notes", [])
        if type(notes) is not list:
            raise _NotPlain
        state = PhaseRecord(ticked=list(ticked))
        for note in notes:
            _plain_keys(note, _NOTE_KEYS, frozenset({"text"}))
            item = note.get("item", "")
            state.notes.append(
                Note(
                    id=_plain_id(note, seen),
                    text=_plain_text(note["text"], allow_empty=False),
                    visibility=_plain_visibility(note),
                    item=_plain_ident(item) if item != "" else None,
                )
            )
        record.phases[phase_id] = state
    actions = d.get("actions", [])
    if type(actions) is not list:
        raise _NotPlain
    for action in actions:
        _plain_keys(action, _ACTION_KEYS, frozenset({"what", "owner"}))
        due = action.get("due")
        done = action.get("done", False)
        if type(done) is not bool:
            raise _NotPlain
        record.actions.append(
            Action(
                id=_plain_id(action, seen),
                what=_plain_text(action["what"], allow_empty=False),
                owner=_plain_text(action["owner"]),
                due=None if due is None else _plain_date(due),
                done=done,
                carried_from=_plain_text(action.get("carried_from", "")) or None,
            )
        )
    amendments = d.get("amendments", [])
    if type(amendments) is not list:
        raise _NotPlain
    for amendment in amendments:
        _plain_keys(amendment, _AMENDMENT_KEYS, frozenset({"at", "text"}))
        record.amendments.append(
            Amendment(
                id=_plain_id(amendment, seen),
                at=_plain_datetime(amendment["at"]),
                text=_plain_text(amendment["text"], allow_empty=False),
                visibility=_plain_visibility(amendment),
            )
        )
    after_ticks = d.get("after_ticks", [])
    if type(after_ticks) is not list:
        raise _NotPlain
    for tick in after_ticks:
        _plain_keys(tick, _AFTER_TICK_KEYS, frozenset({"at", "phase", "item", "ticked"}))
        if type(tick["ticked"]) is not bool:
            raise _NotPlain
        record.after_ticks.append(
            AfterTick(
                id=_plain_id(tick, seen),
                at=_plain_datetime(tick["at"]),
                phase=_plain_ident(tick["phase"]),
                item=_plain_ident(tick["item"]),
                ticked=tick["ticked"],
            )
        )
    summaries = d.get("summaries", [])
    if type(summaries) is not list:
        raise _NotPlain
    for made in summaries:
        _plain_keys(made, _SUMMARY_KEYS, _SUMMARY_KEYS)
        version, final = made["version"], made["final"]
        if type(version) is not int or type(final) is not bool or final != (version > 0):
            raise _NotPlain
        if version > 1_000_000:
            raise _NotPlain
        record.summaries.append(SummaryMade(_plain_datetime(made["at"]), version, final))
    if status is Status.LOCKED:
        if record.locked_at is None:
            record.locked_at = record.updated
    elif (
        record.locked_at is not None
        or record.amendments
        or record.after_ticks
        or any(m.final for m in record.summaries)
    ):
        raise _NotPlain
    return record


class _Reader:
    """Reads one JSON object, raising InputError that names the field path."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise InputError(_("Bad record"), _("{path}: must be an object.").format(path=path))
        self.data: Mapping[str, Any] = data
        self.path = path

    def fail(self, key: str, problem: str) -> InputError:
        # Keys and phase ids come from the file: a hostile one may be megabytes long.
        return InputError(_("Bad record"), f"{clip(f'{self.path}.{key}')}: {problem}")

    def keys(self, required: set[str] = frozenset(), optional: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        for key in sorted(required):
            if key not in self.data:
                raise self.fail(key, _("is missing."))
        for key in self.data:
            if key not in required | optional:
                raise self.fail(key, _("is not a known field."))

    def get(self, key: str, default: Any) -> Any:
        return self.data.get(key, default)

    def child(self, key: str, default: Any = None) -> _Reader:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, _("is missing."))
        return _Reader(value, f"{self.path}.{key}")

    def each_child(self, key: str) -> list[_Reader]:
        items = self.data.get(key, [])
        if not isinstance(items, list):
            raise self.fail(key, _("must be a list."))
        return [_Reader(item, f"{self.path}.{key}[{i}]") for i, item in enumerate(items)]

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
        if value and not _ID.fullmatch(value):
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
            return str(uuid.UUID(value))
        except ValueError:
            raise self.fail(key, _("must be a UUID.")) from None

    def date(self, key: str, optional: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
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
        if not isinstance(value, str) or not _ISO_DATETIME.fullmatch(value):
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


class _Ids:
    """Hands out the ids of notes, actions and amendments, refusing one used twice."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def take(self, r: _Reader, key: str) -> str:
        if key not in r.data:
            return new_id()
        value = r.ident(key)
        if not value:
            raise r.fail(key, _("must not be empty."))
        if value in self.seen:
            raise r.fail(
                key,
                _("the id {id!r} is also used at {other}.").format(
                    id=quoted(value), other=clip(self.seen[value])
                ),
            )
        self.seen[value] = f"{r.path}.{key}"
        return value


def _read_person(r: _Reader, *, name_required: bool) -> Person:
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


def _check_id(r: _Reader, value: str) -> None:
    if not _ID.fullmatch(value):
        raise InputError(
            _("Bad record"),
            _("{path}: a phase id uses letters, digits, - and _ only.").format(path=clip(r.path)),
        )
