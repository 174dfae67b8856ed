"""The privacy policy as a table: audience x visibility x kind of text, through the real consumers.

Each audience's column is produced by the code that really serves it: the
employee's summary context, the GDPR access report, a handover opened with
the successor's key. A consumer that filtered on its own, or the policy's
table itself, being wrong by one cell fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dialog_kit import age, privacy
from dialog_kit.career.attached import AttachedPath
from dialog_kit.career.load import load_catalogue
from dialog_kit.config import Config
from dialog_kit.documents import build_access_report, build_summary
from dialog_kit.guides import GuideLibrary, load_library
from dialog_kit.privacy import Audience, TextKind, Visibility
from dialog_kit.record import GuideRef, Kind, Person, Record, new_record
from dialog_kit.vault import Vault

PRIVATE, SHARED, HR = Visibility.PRIVATE, Visibility.SHARED, Visibility.HR

# Written out by hand, cell by cell: the policy as the docs state it.
# (audience column) -> the visibilities that reach it, for every kind of text alike.
EXPECTED: dict[str, dict[TextKind, set[Visibility]]] = {
    "employee": {k: {SHARED} for k in TextKind},
    "hr": {k: {SHARED, HR} for k in TextKind},
    "successor": {k: {SHARED, HR} for k in TextKind},
    "successor --with-private": {k: {PRIVATE, SHARED, HR} for k in TextKind},
    "data-subject": {k: {PRIVATE, SHARED, HR} for k in TextKind},
}
CELLS = [
    (column, kind, vis)
    for column in EXPECTED
    for kind in TextKind
    for vis in Visibility
]  # fmt: skip


def marker(kind: TextKind, vis: Visibility) -> str:
    return f"MARK{kind.value.replace('-', '')}X{vis.value}Q"


def _talk(library: GuideLibrary) -> Record:
    guide = library.guide_for_kind(Kind.DEVELOPMENT)
    phase = guide.phases[2]
    item = phase.items[0].id
    record = new_record(
        Kind.DEVELOPMENT, GuideRef(guide.id, guide.version), Person("Zoë Lind", "Sjuksköterska"),
        Person("Bo Ek", "Enhetschef"), "en", date(2026, 3, 2),
    )  # fmt: skip
    paths = list(load_catalogue().paths.values())
    for n, vis in enumerate(Visibility):
        record.add_note(phase.id, marker(TextKind.NOTE, vis), vis)
        record.add_note(phase.id, marker(TextKind.ITEM_NOTE, vis), vis, item=item)
        attached = record.attach_path(AttachedPath.of(paths[n], next_step="x"))
        record.update_path(attached.id, next_step=marker(TextKind.CAREER_PATH, vis), visibility=vis)
    record.lock()
    for vis in Visibility:
        record.amend(marker(TextKind.AMENDMENT, vis), vis)
    return record


def _handover_text(record: Record, tmp: Path, *, with_private: bool) -> str:
    vault = Vault.create(tmp / "vault", "correct horse battery staple", work_factor=10)
    try:
        vault.save(record)
        secret, public = age.generate_identity()
        out = tmp / "handover"
        vault.handover(public, out, include_private=with_private)
    finally:
        vault.close()
    (file,) = (out / "records").iterdir()
    return age.decrypt(file.read_bytes(), [secret]).decode("utf-8")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """For each audience column, all the text that reached it (one real run each)."""
    library = load_library()
    config = Config(organisation="Norrviks kommun", manager_name="Bo Ek", country="se")
    record = _talk(library)
    hr_texts = [note.text for _phase, note in privacy.notes_for(record, Audience.HR)]
    hr_texts += [m.text for m in privacy.amendments_for(record, Audience.HR)]
    hr_texts += [p.next_step for p in privacy.paths_for(record, Audience.HR)]
    yield {
        "employee": repr(build_summary(record, library, config, "en")),
        "hr": " ".join(hr_texts),
        "successor": _handover_text(record, tmp_path_factory.mktemp("s"), with_private=False),
        "successor --with-private": _handover_text(
            record, tmp_path_factory.mktemp("p"), with_private=True
        ),
        "data-subject": repr(build_access_report([record], "Zoë Lind", library, config, "en")),
    }


@pytest.mark.parametrize(("column", "kind", "vis"), CELLS)
def test_the_policy_matrix(
    outputs: dict[str, str], column: str, kind: TextKind, vis: Visibility
) -> None:
    arrived = marker(kind, vis) in outputs[column]
    assert arrived == (vis in EXPECTED[column][kind]), (
        f"{kind.value} at {vis.value} {'reached' if arrived else 'did not reach'} {column}"
    )


@pytest.mark.parametrize(("column", "kind", "vis"), CELLS)
def test_reaches_states_the_same_table(column: str, kind: TextKind, vis: Visibility) -> None:
    audience = Audience(column.split()[0])
    with_private = column.endswith("--with-private")
    assert privacy.reaches(vis, audience, kind, with_private=with_private) == (
        vis in EXPECTED[column][kind]
    )


@pytest.mark.parametrize("audience", [Audience.EMPLOYEE, Audience.HR, Audience.DATA_SUBJECT])
def test_with_private_means_nothing_outside_a_handover(audience: Audience) -> None:
    for vis in Visibility:
        assert privacy.reaches(vis, audience, with_private=True) == privacy.reaches(vis, audience)


def test_the_defaults_keep_a_note_with_the_manager() -> None:
    assert privacy.ITEM_DEFAULT is PRIVATE
    assert privacy.READ_DEFAULT is PRIVATE
    assert privacy.NEW_NOTE_DEFAULT is PRIVATE
    assert privacy.note_default(None) is PRIVATE
    assert privacy.note_default(HR) is HR
    assert privacy.HANDOVER_INCLUDES_PRIVATE is False


def test_the_employees_own_words_are_shared_by_default() -> None:
    # What the employee typed into their preparation sheet is their text: it reaches their summary.
    assert privacy.EMPLOYEE_WORDS_DEFAULT is SHARED
    assert privacy.reaches(privacy.EMPLOYEE_WORDS_DEFAULT, Audience.EMPLOYEE)


def test_an_attached_career_path_is_shared_by_default() -> None:
    # A path the employee is interested in is about their own plans: it is in their summary.
    assert privacy.CAREER_PATH_DEFAULT is SHARED
    attached = AttachedPath.of(next(iter(load_catalogue().paths.values())))
    assert attached.visibility is SHARED
    assert privacy.reaches(attached.visibility, Audience.EMPLOYEE, TextKind.CAREER_PATH)


def test_the_cycle_visits_every_level_and_returns() -> None:
    seen = [PRIVATE]
    for _ in range(3):
        seen.append(privacy.next_visibility(seen[-1]))
    assert seen == [PRIVATE, SHARED, HR, PRIVATE]
    assert [v.next() for v in (PRIVATE, SHARED, HR)] == [SHARED, HR, PRIVATE]


def test_a_handover_copy_keeps_what_was_agreed() -> None:
    record = _talk(load_library())
    copy = privacy.copy_for(record, Audience.SUCCESSOR)
    assert copy.id == record.id and copy.actions == record.actions
    assert copy.phases.keys() == record.phases.keys()
    assert all(n.visibility is not PRIVATE for _p, n in copy.notes())
    assert all(m.visibility is not PRIVATE for m in copy.amendments)
    # The manager's own record is not touched by making the copy.
    assert len(record.notes(PRIVATE)) == 2
    assert [m.visibility for m in record.amendments] == [PRIVATE, SHARED, HR]
