"""The vault the team-view benchmark opens in the app: 40 people, 400 talks, made per run.

Every talk the development talk of listing_vault.development_talk, completed, the
register tying each talk to its person.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from listing_vault import development_talk

from dialog_kit.people import Register
from dialog_kit.record import Status
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
        record = development_talk(person, on)
        record.link_person(person.id)
        record.status = Status.COMPLETED
        register.assign(record.id, person.id)
        vault.save(record)
    vault.save_people(register)
    return vault
