"""Sample talks about fictional people, for `dialog-kit demo` and for trying the app safely."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dialog_kit.clock import today as clock_today
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import Guide, GuideLibrary
from dialog_kit.record import (
    Action,
    GuideRef,
    Kind,
    Person,
    Record,
    Visibility,
    new_record,
)

if TYPE_CHECKING:
    from dialog_kit.vault import Vault

DEMO_PASSPHRASE = "demo"
DEMO_WORK_FACTOR = 10
"""Low on purpose: the demo vault is thrown away, and should open at once."""

MANAGER_ROLES = {
    "sv": "Enhetschef (demo)",
    "da": "Afdelingsleder (demo)",
    "en": "Unit manager (demo)",
}
"""The manager's role in each talk's language: it is printed on the employee's summary."""


def _guide(library: GuideLibrary, kind: Kind) -> Guide | None:
    try:
        return library.guide_for_kind(kind)
    except DialogKitError:
        return None


def _talk(
    library: GuideLibrary,
    kind: Kind,
    employee: Person,
    on: date,
    locale: str,
    profile: str = "general",
    ticked_phases: int = 0,
) -> Record:
    guide = _guide(library, kind)
    ref = GuideRef(guide.id, guide.version) if guide else GuideRef(kind.value, 1)
    manager = Person("Kim Demo", MANAGER_ROLES[locale])
    record = new_record(kind, ref, employee, manager, locale, on, profile=profile)
    if guide is not None:
        for phase in library.with_profile(guide, profile).phases[:ticked_phases]:
            for item in phase.items:
                record.toggle_item(phase.id, item.id)
    return record


def _phase_id(record: Record, library: GuideLibrary, index: int) -> str:
    guide = _guide(library, record.kind)
    if guide is None or not guide.phases:
        return "notes"
    return guide.phases[min(index, len(guide.phases) - 1)].id


def sample_records(library: GuideLibrary, today: date) -> list[Record]:
    """Talks of every kind with fictional people, dated around `today`.

    They show what the app is for: an overdue follow-up, open actions carried
    from last year, a dancer whose career-transition window opens soon, and a
    completed, locked exit talk. Each talk's notes, roles and actions are
    written in that talk's own language, as a manager would write them: they
    are what its summary for the employee is made of.
    """
    records: list[Record] = []

    # Last year's development talk with an open action: the new talk offers to carry it over.
    amira = Person("Amira Haddad", "Undersköterska, äldreomsorgen")
    last_year = _talk(
        library, Kind.DEVELOPMENT, amira, today - timedelta(days=380), "sv", "welfare", 99
    )
    last_year.add_note(
        _phase_id(last_year, library, 4),
        "Amira vill bli enhetens specialist på demensvård.",
        Visibility.SHARED,
    )
    last_year.actions += [
        Action("Kurs i demensvård, 7,5 hp", "Amira", today - timedelta(days=200), True),
        Action("Följa demenssjuksköterskan under två pass", "Kim", today - timedelta(days=150)),
    ]
    last_year.follow_up = today - timedelta(days=190)
    last_year.lock()
    records.append(last_year)

    # This year's talk: in progress, follow-up overdue.
    current = _talk(
        library, Kind.DEVELOPMENT, amira, today - timedelta(days=30), "sv", "welfare", 2
    )
    current.add_note(
        _phase_id(current, library, 2),
        "Kursen gick bra; nu handleder hon nya kollegor i demensvård.",
        Visibility.SHARED,
    )
    current.add_note(
        _phase_id(current, library, 2),
        "Verkar trött efter vinterns schema; fråga om arbetsbelastningen nästa gång.",
        Visibility.PRIVATE,
    )
    current.add_note(
        _phase_id(current, library, 3),
        "Vill gå ner i antalet nattpass av hälsoskäl.",
        Visibility.HR,
    )
    current.actions.append(
        Action(
            "Planera handledarrollen med demenssjuksköterskan", "Kim", today + timedelta(days=20)
        )
    )
    current.follow_up = today - timedelta(days=3)
    records.append(current)

    # A planned talk: nothing written yet.
    records.append(
        _talk(
            library,
            Kind.DEVELOPMENT,
            Person("Jonas Lind", "Care worker, home care"),
            today + timedelta(days=4),
            "en",
            "welfare",
        )
    )

    # A dancer, 33: the transition window opens at 35, so the to-do list says when to inform.
    elin = Person("Elin Sørensen", "Danser, ensemblet", birth_year=today.year - 33)
    dancer = _talk(
        library, Kind.CAREER_CHANGE, elin, today - timedelta(days=10), "da", "performing-arts", 1
    )
    dancer.add_note(
        _phase_id(dancer, library, 0),
        "Elin er nysgerrig på fysioterapi; ingen beslutning endnu, hun tænker over det.",
        Visibility.SHARED,
    )
    dancer.add_note(
        _phase_id(dancer, library, 0),
        "Fortalte hele aldersgruppen om omstillingsordningen på samme møde.",
        Visibility.PRIVATE,
    )
    dancer.actions.append(
        Action("Book en fortrolig samtale med en rådgiver", "Elin", today + timedelta(days=45))
    )
    dancer.follow_up = today + timedelta(days=9)
    records.append(dancer)

    # A completed and locked exit talk.
    per = Person("Per Olsson", "Nurse, night team")
    leaving = _talk(library, Kind.EXIT, per, today - timedelta(days=60), "en", "general", 99)
    leaving.add_note(
        _phase_id(leaving, library, 1),
        "Thank you for eleven years on the night team; you are welcome back.",
        Visibility.SHARED,
    )
    leaving.add_note(
        _phase_id(leaving, library, 2),
        "Feedback on rota planning passed on to HR, with his consent.",
        Visibility.HR,
    )
    leaving.actions.append(
        Action("Certificate of employment", "Kim", today - timedelta(days=50), True)
    )
    leaving.lock()
    records.append(leaving)
    return records


def create_demo_vault(path: Path, library: GuideLibrary, today: date | None = None) -> Vault:
    """A new vault at `path` (passphrase DEMO_PASSPHRASE) holding the sample talks."""
    from dialog_kit.vault import Vault

    vault = Vault.create(path, DEMO_PASSPHRASE, work_factor=DEMO_WORK_FACTOR)
    for record in sample_records(library, today or clock_today()):
        vault.save(record)
    return vault
