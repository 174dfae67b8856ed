"""The session's people methods the screens call: real vault, no terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dialog_kit.clock import fixed_today
from dialog_kit.config import Config, load_config
from dialog_kit.record import Status
from dialog_kit.team import reminder_key_follow_up
from dialog_kit.tui.session import Session
from dialog_kit.vault import Vault
from tests.vault.conftest import PASSPHRASE, build_record


@pytest.fixture
def session(tmp_path: Path) -> Session:
    s = Session(Config(), tmp_path / "vault", work_factor=10)
    s.prepare()
    s.create(PASSPHRASE)
    return s


def _reopened(session: Session) -> Session:
    session.close()
    again = Session(Config(), session.vault_path, work_factor=10)
    again.prepare()
    again.unlock(PASSPHRASE)
    return again


def test_a_talk_saved_for_a_picked_person_stays_theirs(session: Session) -> None:
    anna = session.add_person("Anna Berg", role="Nurse")
    namesake = session.add_person("Anna Berg", role="Nurse")
    record = build_record(name="Anna Berg")
    session.save(record, person_id=namesake.id)
    again = _reopened(session)
    assert [r.id for r in again.talks_of(namesake.id)] == [record.id]
    assert again.talks_of(anna.id) == []
    again.close()


def test_a_talk_saved_by_name_is_tied_to_its_person(session: Session) -> None:
    record = build_record(name="Åsa Lind")
    session.save(record)
    again = _reopened(session)
    (person,) = again.register.people
    assert person.name == "Åsa Lind" and again.talks_of(person.id)[0].id == record.id
    again.close()


def test_dealt_with_is_kept_and_clears_the_reminder(session: Session) -> None:
    record = build_record(name="Bo Ek", on=date(2026, 1, 10), status=Status.COMPLETED)
    record.follow_up = date(2026, 3, 1)
    session.save(record)
    (person,) = session.register.people
    with fixed_today(date(2026, 11, 22)):
        (row,) = session.team()
        assert "follow-up" in row.reasons
        session.mark_dealt_with(person.id, reminder_key_follow_up(record))
        again = _reopened(session)
        (row,) = again.team()
        assert "follow-up" not in row.reasons
    again.close()


def test_editing_a_person_and_the_setup(session: Session) -> None:
    person = session.add_person("Zoë Lund")
    session.edit_person(person.id, active=False)
    assert session.team() == []
    session.save_setup({"manager_name": "Mette Holm", "organisation": "Aarhus", "country": "dk"})
    assert session.config.country == "dk" and load_config().manager_name == "Mette Holm"
    session.close()


def test_read_only_the_people_are_grouped_but_not_written(session: Session) -> None:
    from tests.vault.conftest import lock_held_by_another_process

    session.save(build_record(name="Åsa Lind"))
    (session.vault_path / "people.age").unlink()
    session.close()
    with lock_held_by_another_process(session.vault_path):
        other = Session(Config(), session.vault_path, work_factor=10)
        other.prepare()
        other.unlock(PASSPHRASE)
        assert other.read_only and len(other.register.people) == 1
        other.close()
    assert not (session.vault_path / "people.age").exists()
    assert Vault.exists(session.vault_path)
