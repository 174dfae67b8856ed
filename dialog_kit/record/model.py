"""The conversation record: its dataclasses, every change a method that checks the lock.

The JSON form is dialog_kit.record.codec, its versions dialog_kit.record.migrations.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from dialog_kit.career.attached import AttachedPath
from dialog_kit.errors import DialogKitError, InputError
from dialog_kit.i18n import N_, _, translate
from dialog_kit.privacy import (
    FOLLOW_UP_AMENDMENT,
    NEW_NOTE_DEFAULT,
    Audience,
    amendments_for,
)
from dialog_kit.privacy import Visibility as Visibility  # re-exported: the record's field type

from .schedule import duration_problem, place_problem

Date = date  # an alias: Record has a field called `date`
Time = time  # an alias: Record has a field called `time`

_ACTION_DONE = N_("Action done: {what}")
_ACTION_REOPENED = N_("Action reopened: {what}")

MAX_TEXT = 20_000
"""The longest note, action or name we accept: a guard against pasted documents."""

MAX_RECORD_BYTES = 8 * 1024 * 1024
"""The largest JSON form of a record, read or written (a year of weekly talks is ~1 MiB).

One limit for both directions: what `to_json` writes, `from_json` reads back, so
nothing can be saved that the next listing would refuse; the vault derives its
file-size limit from it."""

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
    return os.urandom(6).hex()  # as random as the first 12 hex digits of a uuid4


def new_record_id() -> str:
    """A new record's id: a random (version 4) UUID in its canonical form."""
    import uuid  # here: with platform, which it loads, it would slow every command's start

    return str(uuid.uuid4())


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
    """One talk. `employee` is the snapshot of name and role as they were on the day;
    `person` is the register entry (dialog_kit.people) the talk is with: the link."""

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
    career_paths: list[AttachedPath] = field(default_factory=list)
    """Career paths (or steps) looked at in the talk, each with a note on the next step."""
    locked_at: datetime | None = None
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    id: str = field(default_factory=lambda: new_record_id())
    person: str | None = None
    """The register id of the person the talk is with; None until the talk is tied to one."""
    time: Time | None = None
    """When the talk starts (minutes only); None: no time set (an all-day entry)."""
    duration_minutes: int | None = None
    place: str | None = None

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
        check_stage(self.kind, stage)
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
        action = self.action(action_id)
        if action.done == done:
            return
        action.done = done
        if self.locked:
            # Written in the employee's language: shared amendments go into their summary.
            template = _ACTION_DONE if done else _ACTION_REOPENED
            text = translate(template, self.locale).format(what=action.what)
            self.amendments.append(Amendment(at=now(), text=text, visibility=FOLLOW_UP_AMENDMENT))
        self.updated = now()

    # -- career paths looked at in the talk (issue 13) ------------------------

    def attach_path(self, attached: AttachedPath) -> AttachedPath:
        """Adds a career path (or step) to the talk; the same path and step twice is one entry."""
        self.ensure_editable()
        for existing in self.career_paths:
            if (existing.path, existing.step) == (attached.path, attached.step):
                return existing
        self.career_paths.append(attached)
        self.touch()
        return attached

    def update_path(
        self, attached_id: str, *, next_step: str | None = None,
        visibility: Visibility | None = None,
    ) -> AttachedPath:  # fmt: skip
        """Changes an attached path's note on the next step, or who sees it."""
        self.ensure_editable()
        found = self._attached(attached_id)
        if next_step is not None:
            found.next_step = next_step.strip()
        if visibility is not None:
            found.visibility = visibility
        self.touch()
        return found

    def detach_path(self, attached_id: str) -> None:
        self.ensure_editable()
        self.career_paths.remove(self._attached(attached_id))
        self.touch()

    def _attached(self, attached_id: str) -> AttachedPath:
        for attached in self.career_paths:
            if attached.id == attached_id:
                return attached
        raise DialogKitError(_("No such path"), _("That career path is not attached to this talk."))

    def add_action(
        self, what: str, owner: str, due: Date | None = None, done: bool = False
    ) -> Action:
        """Adds an agreed action; a locked talk refuses (follow-ups go in amendments)."""
        self.ensure_editable()
        action = Action(what=what, owner=owner, due=due, done=done)
        self.actions.append(action)
        self.touch()
        return action

    def action(self, action_id: str) -> Action:
        found = next((a for a in self.actions if a.id == action_id), None)
        if found is None:
            raise DialogKitError(
                _("No such action"), _("There is no action with id {id}.").format(id=action_id)
            )
        return found

    def edit_action(
        self, action_id: str, what: str, owner: str, due: Date | None, done: bool
    ) -> Action:
        """Rewrites an agreed action before locking; a locked talk refuses."""
        self.ensure_editable()
        action = self.action(action_id)
        action.what, action.owner, action.due, action.done = what, owner, due, done
        self.touch()
        return action

    def remove_action(self, action_id: str) -> None:
        self.ensure_editable()
        self.actions.remove(self.action(action_id))
        self.touch()

    def note(self, note_id: str) -> Note:
        for state in self.phases.values():
            for note in state.notes:
                if note.id == note_id:
                    return note
        raise DialogKitError(
            _("No such note"), _("There is no note with id {id}.").format(id=note_id)
        )

    def edit_note(self, note_id: str, text: str) -> Note:
        self.ensure_editable()
        note = self.note(note_id)
        note.text = text
        self.touch()
        return note

    def set_note_visibility(self, note_id: str, visibility: Visibility) -> Note:
        self.ensure_editable()
        note = self.note(note_id)
        note.visibility = visibility
        self.touch()
        return note

    def remove_note(self, note_id: str) -> None:
        self.ensure_editable()
        note = self.note(note_id)
        for state in self.phases.values():
            if note in state.notes:
                state.notes.remove(note)
        self.touch()

    def set_follow_up(self, on: Date | None) -> None:
        self.ensure_editable()
        if on != self.follow_up:
            self.follow_up = on
            self.touch()

    def set_schedule(
        self, at: Time | None, duration_minutes: int | None, place: str | None
    ) -> None:
        """When (HH:MM), how long and where the talk is held; InputError for a bad value."""
        self.ensure_editable()
        if at is not None and (at.second or at.microsecond or at.tzinfo is not None):
            raise InputError(_("Bad time"), _("A talk's time is given in hours and minutes."))
        if duration_minutes is not None and (problem := duration_problem(duration_minutes)):
            raise InputError(_("Bad duration"), _("The duration {problem}").format(problem=problem))
        if place is not None and (problem := place_problem(place)):
            raise InputError(_("Bad place"), _("The place {problem}").format(problem=problem))
        self.time, self.duration_minutes, self.place = at, duration_minutes, place
        self.updated = now()  # planning the talk is not holding it: the status stays

    def link_person(self, person_id: str | None) -> None:
        """Ties the talk to a register entry. Allowed on a locked talk: which entry the talk
        is with is the register's bookkeeping (a merge of one person entered twice), not
        a change to what was agreed; the name and role on the day stay as they were."""
        self.person = person_id

    # -- JSON (dialog_kit.record.codec) ---------------------------------------

    def to_dict(self) -> dict[str, Any]:
        from .codec import record_to_dict

        return record_to_dict(self)

    def to_json(self) -> str:
        """The JSON form; refuses (InputError naming the field) what could not be read back."""
        from .codec import record_to_json

        return record_to_json(self)

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "record") -> Record:
        """Builds a record from its JSON form (any schema), checking every field."""
        from .codec import record_from_dict

        return record_from_dict(data, source=source)

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "record") -> Record:
        """Reads a record's JSON form strictly: one key once, short numbers, a size limit."""
        from .codec import record_from_json

        return record_from_json(text, source=source)


def check_stage(kind: Kind, stage: str | None) -> None:
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
    person: str | None = None,
) -> Record:
    check_stage(kind, stage)
    return Record(
        kind=kind, guide=guide, employee=employee, manager=manager, locale=locale, date=on,
        profile=profile, stage=stage, person=person,
    )  # fmt: skip
