"""Times the team view's data (40 people, 400 talks) against today's list of the same 400 talks.

The list is what the home screen waits for now: every record decrypted and
read. The team view needs that plus the register (people.age) and the
computation of who is due and why. Runs alternate (list, team, list, team,
...) so both see the same machine load; the figures are medians. The target
is "as fast as the list": a ratio close to 1.0x.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialog_kit.guides import load_library
from dialog_kit.people import Register
from dialog_kit.record import Action, GuideRef, Kind, Person, Status, Visibility, new_record
from dialog_kit.team import team_rows
from dialog_kit.vault import Vault

PASSPHRASE = "benchmark passphrase, long enough"
PEOPLE = 40
TALKS = 400
RUNS = 15
TODAY = date(2026, 11, 22)


def seed(folder: Path) -> Vault:
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
        for phase in ("prepare", "look-back", "now", "look-ahead", "agree"):
            record.phase(phase).ticked.extend(["a", "b", "c"])
            record.add_note(phase, "Berättade om året och vad som gått bra. " * 3)
            record.add_note(phase, "Vill fördjupa sig inom demensvård.", Visibility.SHARED)
        for what in ("Handledarutbildning", "Språkstöd", "Auskultation"):
            record.actions.append(Action(what, person.name, on + timedelta(days=90)))
        record.follow_up = on + timedelta(days=180)
        record.status = Status.COMPLETED
        vault.save(record)
        register.assign(record.id, person.id)
    vault.save_people(register)
    return vault


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="dialog-kit-bench-team-"))
    try:
        seed(folder).close()
        vault = Vault.open(folder / "vault")
        vault.unlock(PASSPHRASE)
        library = load_library()
        listing_times, team_times, compute_times = [], [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            vault.list_records()
            listing_times.append(time.perf_counter() - started)

            started = time.perf_counter()
            listing = vault.list_records()
            register, _report = vault.sync_people(listing.records)
            computed = time.perf_counter()
            rows = team_rows(register, listing.records, library, 12, TODAY)
            done = time.perf_counter()
            team_times.append(done - started)
            compute_times.append(done - computed)
            assert len(rows) == PEOPLE and len(listing.records) == TALKS
        vault.close()
        list_median = statistics.median(listing_times)
        team_median = statistics.median(team_times)
        compute_median = statistics.median(compute_times)
        print(f"team view data, {PEOPLE} people with {TALKS} talks (median of {RUNS}, alternating)")
        print(f"  list of {TALKS} talks:        {list_median * 1000:7.1f} ms")
        print(f"  team view (list+register+due): {team_median * 1000:7.1f} ms")
        print(f"    of which the team rows:      {compute_median * 1000:7.1f} ms")
        print(f"  ratio team/list: {team_median / list_median:.2f}x (target: as fast, ~1.0x)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
