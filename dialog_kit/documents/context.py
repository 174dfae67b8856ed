"""Builds the typed, already-translated contexts the document templates (and the TUI) show.

The summary builder is the privacy boundary: it copies only the notes and
amendments that dialog_kit.privacy lets reach the employee, so nothing private
or for HR can reach a template. The access report takes what reaches the data
subject: everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from dialog_kit.briefings import Briefing
from dialog_kit.career.attached import AttachedPath
from dialog_kit.clock import today as clock_today
from dialog_kit.config import Config
from dialog_kit.documents.forms import EMPLOYEE_PREPARATION
from dialog_kit.documents.labels import check_lang, label, labels
from dialog_kit.errors import DialogKitError, UsageError
from dialog_kit.guides import Guide, GuideLibrary, OrgScope, Resource, org_scope
from dialog_kit.i18n import _, format_date
from dialog_kit.names import name_key
from dialog_kit.people import PersonEntry
from dialog_kit.privacy import Audience, amendments_for, notes_for, paths_for
from dialog_kit.record import Amendment, Kind, Note, Record

_PLACEHOLDER = re.compile(r"^\s*\[[^\]]*\]\s*$")
HR_PARTNER = "hr-partner"
"""The shipped resource for "your HR partner", left out when setup names the HR contacts."""


# -- the summary ----------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantRow:
    label: str  # "Employee", "Manager" in the document language
    name: str
    role: str


@dataclass(frozen=True)
class Section:
    """One phase of the talk (or the amendments) with the shared notes written in it."""

    title: str
    notes: tuple[str, ...]
    phase_id: str = ""  # empty for the amendments section


@dataclass(frozen=True)
class ActionRow:
    what: str
    owner: str
    due_text: str
    done: bool
    done_text: str  # "Done" / "Not yet": the state in words, not only a mark


@dataclass(frozen=True)
class ResourceRow:
    """A resource as the employee reads it: the guide's `when` advice is for the manager, so
    it is not copied here."""

    name: str
    what: str
    contact: str
    url: str
    confidential: bool


@dataclass(frozen=True)
class PathRow:
    """A career path looked at in the talk, as the employee reads it: title, next step, where."""

    title: str
    next_step: str
    read_more: str  # "Read more: https://…", or where in the career guide


@dataclass(frozen=True)
class ContactRow:
    """A named HR contact from setup, as the employee reads it: a name and how to reach them."""

    name: str
    reach: str  # "e-mail, phone", either may be missing


def hr_contacts(config: Config) -> tuple[ContactRow, ...]:
    """The organisation's named HR contacts (setup's `hr_contacts`), in the order given.

    The one place that reads them, so documents do not care where setup keeps them.
    """
    rows = []
    for contact in config.hr_contacts:
        name = " ".join(contact.name.split())
        reach = ", ".join(part for part in (contact.email, contact.phone) if part.strip())
        if name:
            rows.append(ContactRow(name, reach))
    return tuple(rows)


@dataclass(frozen=True)
class SummaryContext:
    """Everything the employee may see of one talk, as plain strings in one language."""

    lang: str
    organisation: str
    title: str  # the kind of talk
    document_title: str  # "Development talk – summary": PDF title and running header
    author: str  # the manager, else the organisation
    date_text: str
    participants: tuple[ParticipantRow, ...]
    sections: tuple[Section, ...]
    actions: tuple[ActionRow, ...]
    follow_up_text: str | None
    resources: tuple[ResourceRow, ...]
    statement: str
    signatures: bool = False
    contacts: tuple[ContactRow, ...] = ()  # the named HR contacts: first under "where to turn"
    talk_id: str = ""
    final: bool = False  # Record.summary_is_final: the talk is locked
    version: int = 0  # Record.summary_version: 0 for a draft
    paths: tuple[PathRow, ...] = ()  # the shared career paths: "Paths we looked at"
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_notes(self) -> bool:
        return any(s.notes for s in self.sections)


def summary_guide(record: Record, library: GuideLibrary) -> Guide | None:
    """The guide a record was held with (with its profile), else the one for its kind."""
    guide = library.guides.get(record.guide.id)
    if guide is None:
        try:
            guide = library.guide_for_kind(record.kind)
        except DialogKitError:
            return None
    return library.with_profile(guide, record.profile)


def build_summary(
    record: Record,
    library: GuideLibrary,
    config: Config,
    lang: str | None = None,
    *,
    signatures: bool = False,
) -> SummaryContext:
    """The employee's summary of `record` in `lang` (default: the employee's language).

    Only notes and amendments marked shared are copied; private and HR notes
    never leave the record.
    """
    lang = check_lang(lang or record.locale)
    words = labels(lang)
    kind = words[f"kind.{record.kind.value}"]
    date_text = format_date(record.date, lang)
    participants = (
        ParticipantRow(words["employee"], record.employee.name, record.employee.role),
        ParticipantRow(words["manager"], record.manager.name, record.manager.role),
    )
    scope = org_scope(config)
    # The public-record statement is national: a country the guides do not know gets none.
    statement = " ".join(
        (label(lang, "statement", date=date_text), words[f"statement.{config.document_country}"])
    )
    contacts = hr_contacts(config)
    resources = document_resources(library, record.kind, record.profile, scope, record.stage)
    if contacts:
        # The named contacts say who in HR to call; the generic "HR partner" would repeat them.
        resources = [r for r in resources if r.id != HR_PARTNER]
    return SummaryContext(
        lang=lang,
        organisation=config.organisation,
        title=kind,
        document_title=f"{kind} – {words['summary'].lower()}",
        author=record.manager.name or config.organisation,
        date_text=date_text,
        participants=participants,
        sections=_shared_sections(record, summary_guide(record, library), lang),
        actions=tuple(_action_row(a.what, a.owner, a.due, a.done, lang) for a in record.actions),
        follow_up_text=(
            label(lang, "follow_up_text", date=format_date(record.follow_up, lang))
            if record.follow_up
            else None
        ),
        resources=tuple(_resource_row(r, lang) for r in resources),
        statement=statement,
        signatures=signatures,
        contacts=contacts,
        talk_id=record.id,
        final=record.summary_is_final,
        version=record.summary_version,
        paths=tuple(_path_row(p, lang) for p in paths_for(record, Audience.EMPLOYEE)),
        labels=dict(words),
    )


def _path_row(attached: AttachedPath, lang: str) -> PathRow:
    title = attached.title_in(lang)
    if attached.read_more:
        where = f"{label(lang, 'read_more')}: {attached.read_more}"
    else:
        where = label(lang, "read_more_guide", title=attached.title.get(lang) or title)
    return PathRow(title, attached.next_step, where)


def shared_with_employee(record: Record) -> tuple[list[tuple[str, Note]], list[Amendment]]:
    """The notes (with their phase id) and amendments the employee may read.

    The one privacy filter of the summary: everything the summary, its PDF and
    the review's preview show of what was written comes through here.
    """
    return notes_for(record, Audience.EMPLOYEE), amendments_for(record, Audience.EMPLOYEE)


def _shared_sections(record: Record, guide: Guide | None, lang: str) -> tuple[Section, ...]:
    notes, shared_amendments = shared_with_employee(record)
    shared: dict[str, list[str]] = {}
    for phase_id, note in notes:
        shared.setdefault(phase_id, []).append(note.text)
    sections = []
    known = {EMPLOYEE_PREPARATION}
    if EMPLOYEE_PREPARATION in shared:
        # The employee's own answers from their preparation sheet, in their words.
        title = label(lang, "your_preparation")
        sections.append(Section(title, tuple(shared[EMPLOYEE_PREPARATION]), EMPLOYEE_PREPARATION))
    for phase in guide.phases if guide else ():
        known.add(phase.id)
        if phase.id in shared:
            sections.append(Section(phase.title(lang), tuple(shared[phase.id]), phase.id))
    # Notes in phases the guide no longer has are still part of what was agreed.
    other = [text for pid, texts in shared.items() if pid not in known for text in texts]
    if other:
        sections.append(Section(label(lang, "other_notes"), tuple(other), "other"))
    amendments = tuple(f"{format_date(m.at, lang)}: {m.text}" for m in shared_amendments)
    if amendments:
        sections.append(Section(label(lang, "amendments"), amendments))
    return tuple(sections)


def _action_row(what: str, owner: str, due: date | None, done: bool, lang: str) -> ActionRow:
    return ActionRow(
        what=what,
        owner=owner,
        due_text=format_date(due, lang) if due else label(lang, "no_date"),
        done=done,
        done_text=label(lang, "done_yes" if done else "done_no"),
    )


def document_resources(
    library: GuideLibrary,
    kind: Kind | str,
    profile: str,
    scope: OrgScope,
    stage: str | None = None,
) -> list[Resource]:
    """The resources to print for a talk: internal contacts, then external schemes.

    Only what applies to the organisation (Resource.applies): its country (so a
    Danish employee is not pointed to a Swedish fund, and an unknown country
    gets international schemes only), its transition agreement (a dancer is not
    sent to the municipal fund), the kind of talk (no redundancy fund in an
    ordinary development talk) and the career-change stage.
    """
    chosen = library.resources_for(kind, profile, scope, stage)
    return sorted(chosen, key=lambda r: r.scope != "internal")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SHORT_TEXT = 100
"""About two lines of a column: what a resource does, at most, on the employee's summary."""


def short_text(text: str, limit: int = SHORT_TEXT) -> str:
    """The first whole sentences of `text` that fit in `limit` characters (at least one)."""
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    kept = sentences[0]
    for sentence in sentences[1:]:
        if len(kept) + 1 + len(sentence) > limit:
            break
        kept = f"{kept} {sentence}"
    return kept


def confidential_contacts(
    library: GuideLibrary, kind: Kind | str, profile: str, scope: OrgScope
) -> list[Resource]:
    """The independent, confidential contacts for a talk: what the preparation sheet prints."""
    return [r for r in document_resources(library, kind, profile, scope) if r.confidential]


def _resource_row(resource: Resource, lang: str) -> ResourceRow:
    contact = resource.contact(lang) if resource.contact else ""
    if _PLACEHOLDER.match(contact):
        # "[Name, phone]" not yet filled in by the organisation: better nothing than a blank form.
        contact = ""
    return ResourceRow(
        name=resource.name(lang),
        what=short_text(resource.what(lang)),
        contact=contact,
        url=resource.url,
        confidential=resource.confidential,
    )


# -- the preparation sheet ------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: str


@dataclass(frozen=True)
class FormField:
    """A question of the sheet and the name of the form field its answer is typed in."""

    name: str
    question: str


@dataclass(frozen=True)
class PreparationContext:
    lang: str
    organisation: str
    title: str
    document_title: str
    author: str
    summary: str
    intro: str
    profile_title: str
    questions: tuple[str, ...]
    fields: tuple[FormField, ...] = ()
    facts: tuple[FieldRow, ...] = ()  # date, time, place, manager: only on a talk's own sheet
    keywords: str = ""  # PDF keywords: what the sheet is, the talk's id, the field set
    contacts: tuple[ResourceRow, ...] = ()  # confidential, independent advice outside work
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


def preparation_fields(questions: Iterable[str]) -> tuple[FormField, ...]:
    from dialog_kit.documents.forms import answer_field

    return tuple(FormField(answer_field(n), q) for n, q in enumerate(questions, start=1))


def preparation_fingerprint(fields: Iterable[FormField]) -> str:
    from dialog_kit.documents.forms import PREP_MARK, fingerprint

    fields = tuple(fields)
    return fingerprint(PREP_MARK, [f.name for f in fields], [f.question for f in fields])


def talk_facts(record: Record, lang: str) -> tuple[FieldRow, ...]:
    """When, where and with whom: the date, the time and place once the record has them."""
    words = labels(lang)
    facts = [FieldRow(words["date"], format_date(record.date, lang))]
    # Time, duration and place come with record schema 2; older records have none.
    from dialog_kit.documents.invitation import DEFAULT_MINUTES, talk_time

    when = talk_time(record)
    if when.start is not None:
        start = datetime.combine(record.date, when.start)
        end = start + timedelta(minutes=when.minutes or DEFAULT_MINUTES)
        span = f"{start:%H:%M}–{end:%H:%M}"
        if when.minutes:
            span += f" ({label(lang, 'minutes', count=when.minutes)})"
        facts.append(FieldRow(words["time"], span))
    if when.place.strip():
        facts.append(FieldRow(words["place"], " ".join(when.place.split())))
    manager = record.manager.name + (f", {record.manager.role}" if record.manager.role else "")
    facts.append(FieldRow(words["manager"], manager))
    return tuple(facts)


def build_preparation_for_talk(
    record: Record, library: GuideLibrary, config: Config, lang: str | None = None
) -> PreparationContext:
    """The sheet for one talk: its kind, profile and language, with when and with whom."""
    from dialog_kit.documents.forms import PREP_MARK, keywords

    lang = check_lang(lang or record.locale)
    base = build_preparation(record.kind, record.profile, library, config, lang)
    return replace(
        base,
        author=record.manager.name or base.author,
        facts=talk_facts(record, lang),
        keywords=keywords(PREP_MARK, record.id, preparation_fingerprint(base.fields)),
    )


def build_preparation(
    kind: Kind | str, profile_id: str | None, library: GuideLibrary, config: Config, lang: str
) -> PreparationContext:
    """The employee's preparation sheet for a talk of `kind`, with the profile's extra questions."""
    lang = check_lang(lang)
    kind = Kind(kind)
    profile_id = profile_id or "general"
    if profile_id != "general" and library.profile(profile_id) is None:
        raise UsageError(
            _("Unknown profile"),
            _("There is no profile {profile!r}; known: {known}.").format(
                profile=profile_id,
                known=", ".join(sorted(library.profiles)) or _("none are loaded"),
            ),
        )
    guide = library.with_profile(library.guide_for_kind(kind), profile_id)
    words = labels(lang)
    title = words[f"kind.{kind.value}"]
    profile = library.profile(profile_id)
    return PreparationContext(
        lang=lang,
        organisation=config.organisation,
        title=title,
        document_title=f"{title} – {words['preparation'].lower()}",
        author=config.manager_name or config.organisation,
        summary=guide.summary(lang),
        intro=guide.preparation.intro(lang),
        profile_title=profile.title(lang) if profile and profile_id != "general" else "",
        questions=tuple(q.text(lang) for q in guide.preparation.questions),
        fields=preparation_fields(q.text(lang) for q in guide.preparation.questions),
        contacts=tuple(
            _resource_row(r, lang)
            for r in confidential_contacts(library, kind, profile_id, org_scope(config))
        ),
        labels=dict(words),
    )


# -- the access report (GDPR art. 15) ---------------------------------------------------


@dataclass(frozen=True)
class AccessNote:
    phase: str
    visibility: str  # the level in words: Private, Shared, HR
    level: str  # private | shared | hr, for styling
    text: str


@dataclass(frozen=True)
class AccessRecord:
    heading: str
    facts: tuple[FieldRow, ...]
    notes: tuple[AccessNote, ...]
    actions: tuple[ActionRow, ...]
    amendments: tuple[AccessNote, ...]  # phase holds the date and time


@dataclass(frozen=True)
class AccessContext:
    lang: str
    organisation: str
    title: str
    document_title: str
    author: str
    employee_name: str
    lead: str
    count_text: str
    made_on: str
    records: tuple[AccessRecord, ...]
    incomplete_text: str | None  # says that damaged record files could not be read, if any
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    register: tuple[FieldRow, ...] = ()
    """The person's register entry, when the report was asked for a person (issue 10)."""
    briefings: tuple[AccessBriefing, ...] = ()
    """The group briefings the person was invited to: their own place in each, no one else's."""


@dataclass(frozen=True)
class AccessBriefing:
    heading: str
    facts: tuple[FieldRow, ...]


def access_records(vault_records: Iterable[Record], name: str) -> list[Record]:
    """Every record about the employee `name` (whole name, by `name_key`), oldest first."""
    key = name_key(name)
    found = [r for r in vault_records if name_key(r.employee.name) == key]
    return sorted(found, key=lambda r: (r.date, r.created))


def build_access_report(
    records: Iterable[Record],
    employee_name: str,
    library: GuideLibrary,
    config: Config,
    lang: str,
    *,
    today: date | None = None,
    unreadable: int = 0,
    person: PersonEntry | None = None,
    briefings: Iterable[Briefing] = (),
) -> AccessContext:
    """Everything held about one employee, every note with its visibility stated.

    `unreadable` is the number of record files the vault could not read: the
    document then says that it may be incomplete, so the answer to the person
    never silently leaves out a talk.

    With `person` (a register entry), `records` are taken as that person's talks
    as they are (chosen by id, so a namesake's are not among them and a talk
    under an earlier name is), and the register entry is part of the report.
    """
    lang = check_lang(lang)
    words = labels(lang)
    if person is not None:
        matched = sorted(records, key=lambda r: (r.date, r.created))
        name = person.name
    else:
        matched = access_records(records, employee_name)
        name = matched[-1].employee.name if matched else " ".join(employee_name.split())
    return AccessContext(
        lang=lang,
        organisation=config.organisation,
        title=name,
        document_title=f"{words['access']} – {name}",
        author=config.manager_name or config.organisation,
        employee_name=name,
        lead=label(lang, "access_lead", name=name),
        count_text=label(lang, "access_count", count=len(matched)),
        made_on=label(lang, "made_on", date=format_date(today or clock_today(), lang)),
        records=tuple(_access_record(r, library, lang) for r in matched),
        incomplete_text=(
            label(lang, "access_incomplete", count=unreadable) if unreadable > 0 else None
        ),
        labels=dict(words),
        register=_register_rows(person, lang) if person is not None else (),
        briefings=tuple(
            _access_briefing(b, person, library, lang) for b in briefings if person is not None
        ),
    )


def _access_briefing(
    briefing: Briefing, person: PersonEntry | None, library: GuideLibrary, lang: str
) -> AccessBriefing:
    """One briefing as the person sees it: who else was there is not theirs to see."""
    from dialog_kit.documents.handout_text import HANDOUT_TEXT

    assert person is not None
    text, words = HANDOUT_TEXT[lang], labels(lang)
    profile = library.profile(briefing.profile)
    windows = profile.windows if profile else ()
    window = next((w for w in windows if w.id == briefing.window), None)
    years = briefing.cohort.removeprefix(f"{briefing.window}-").replace("-", "–")
    group = f"{window.group_name(lang)}, {years}" if window else briefing.cohort
    informed = briefing.informed.get(person.id)
    handed = [text["briefing_handout"].format(lang=code) for code in briefing.handout]
    facts = (
        FieldRow(words["date"], format_date(briefing.date, lang)),
        FieldRow(text["briefing_group"], group),
        FieldRow(text["briefing_invited"], words["yes" if person.id in briefing.invited else "no"]),
        FieldRow(
            text["briefing_attended"], words["yes" if person.id in briefing.attended else "no"]
        ),
        FieldRow(
            text["briefing_informed"], format_date(informed, lang) if informed else words["no"]
        ),
        FieldRow(
            text["briefing_handed"], "\n".join([*handed, *briefing.materials]) or words["none"]
        ),
    )
    return AccessBriefing(f"{text['briefing']}, {format_date(briefing.date, lang)}", facts)


def _register_rows(person: PersonEntry, lang: str) -> tuple[FieldRow, ...]:
    words = labels(lang)
    rows = [
        FieldRow(words["person_id"], person.id),
        FieldRow(words["employee"], person.name),
        FieldRow(words["role"], person.role or "–"),
        FieldRow(words["language"], person.language),
        FieldRow(words["profile"], person.profile),
        FieldRow(words["profession"], person.profession or "–"),
        FieldRow(
            words["birth_year"],
            str(person.birth_year) if person.birth_year is not None else "–",
        ),
        FieldRow(words["employee_number"], person.employee_number or "–"),
        FieldRow(words["active"], words["yes"] if person.active else words["no"]),
    ]
    return tuple(rows)


def _when(value: datetime, lang: str) -> str:
    from dialog_kit.i18n import format_datetime

    return format_datetime(value, lang, "short")


def _access_record(record: Record, library: GuideLibrary, lang: str) -> AccessRecord:
    words = labels(lang)
    guide = summary_guide(record, library)
    titles = {p.id: p.title(lang) for p in guide.phases} if guide else {}
    titles[EMPLOYEE_PREPARATION] = label(lang, "your_preparation")
    items = {(p.id, i.id): i.text(lang) for p in guide.phases for i in p.items} if guide else {}
    facts = [
        FieldRow(words["record_id"], record.id),
        FieldRow(words["date"], format_date(record.date, lang)),
        FieldRow(words["status"], words[f"status.{record.status.value}"]),
        FieldRow(words["employee"], record.employee.name),
    ]
    if record.employee.role:
        facts.append(FieldRow(words["role"], record.employee.role))
    if record.employee.birth_year is not None:
        facts.append(FieldRow(words["birth_year"], str(record.employee.birth_year)))
    manager = record.manager.name + (f", {record.manager.role}" if record.manager.role else "")
    facts += [
        FieldRow(words["manager"], manager),
        FieldRow(
            words["guide"],
            f"{record.guide.id}, {label(lang, 'version', version=record.guide.version)}",
        ),
        FieldRow(words["profile"], record.profile),
        FieldRow(
            words["follow_up"],
            format_date(record.follow_up, lang) if record.follow_up else words["none"],
        ),
        FieldRow(words["created"], _when(record.created, lang)),
        FieldRow(words["updated"], _when(record.updated, lang)),
    ]
    if record.locked_at:
        facts.append(FieldRow(words["locked_at"], _when(record.locked_at, lang)))
    ticked = [
        f"{titles.get(pid, pid)}: {'; '.join(items.get((pid, t), t) for t in state.ticked)}"
        for pid, state in record.phases.items()
        if state.ticked
    ]
    facts.append(FieldRow(words["ticked"], "\n".join(ticked) or words["none"]))
    notes = tuple(
        AccessNote(titles.get(pid, pid), words[f"vis.{n.visibility.value}"], n.visibility.value,
                   n.text)
        for pid, n in notes_for(record, Audience.DATA_SUBJECT)
    ) + tuple(
        # A career path looked at in the talk, with its note on the next step.
        AccessNote(f"{words['paths']}: {p.title_in(lang)}", words[f"vis.{p.visibility.value}"],
                   p.visibility.value, p.next_step or "–")
        for p in paths_for(record, Audience.DATA_SUBJECT)
    )  # fmt: skip
    amendments = tuple(
        AccessNote(_when(m.at, lang), words[f"vis.{m.visibility.value}"], m.visibility.value,
                   m.text)
        for m in amendments_for(record, Audience.DATA_SUBJECT)
    )  # fmt: skip
    actions = tuple(_action_row(a.what, a.owner, a.due, a.done, lang) for a in record.actions)
    return AccessRecord(
        heading=f"{words[f'kind.{record.kind.value}']}, {format_date(record.date, lang)}",
        facts=tuple(facts),
        notes=notes,
        actions=actions,
        amendments=amendments,
    )
