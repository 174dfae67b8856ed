"""The vault the team-view benchmark opens in the app: 40 people, 400 talks, made per run.

Every talk a development talk as a manager leaves it (notes in five phases, three
actions, a follow-up), the register tying each talk to its person.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialog_kit.people import Register
from dialog_kit.record import (
    Action,
    GuideRef,
    Kind,
    Person,
    Status,
    Visibility,
    new_record,
)
from dialog_kit.vault import Vault

PASSPHRASE = "benchmark passphrase, long enough"
PEOPLE = 40
TALKS = 400
TODAY = date(2026, 11, 22)


def seed(folder: Path) -> Vault:
    """A new vault in `folder`/vault with the talks and the register, left unlocked."""
    vault = Vault.create(folder / "vault", PASSPHRASE, work_factor=10)
    register = Register()
    people = [
        register.add(f"Employee {i}", "Undersköterska", profile="welfare", birth_year=1970 + i)
        for i in range(PEOPLE)
    ]
    for n in range(TALKS):
        person = people[n % PEOPLE]
        on = TODAY - timedelta(days=30 * (n // PEOPLE) + n % 30)
        record = new_record(
            Kind.DEVELOPMENT, GuideRef("development", 1), Person(person.name, person.role),
            Person("Bo Ek", "Enhetschef"), "sv", on, profile="welfare",
        )  # fmt: skip
        record.link_person(person.id)
        for phase in ("prepare", "look-back", "now", "look-ahead", "agree"):
            record.phase(phase).ticked.extend(["a", "b", "c"])
            record.add_note(phase, "Berättade om året och vad som gått bra. " * 3)
            record.add_note(phase, "Vill fördjupa sig inom demensvård.", Visibility.SHARED)
        for what in ("Handledarutbildning", "Språkstöd", "Auskultation"):
            record.actions.append(Action(what, person.name, on + timedelta(days=90)))
        record.follow_up = on + timedelta(days=180)
        record.status = Status.COMPLETED
        register.assign(record.id, person.id)
        vault.save(record)
    vault.save_people(register)
    return vault
