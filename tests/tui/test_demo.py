"""`dialog-kit demo`: sample talks about fictional people in a vault that is erased afterwards."""

from __future__ import annotations

import asyncio
import re
from datetime import date
from pathlib import Path

import pytest

from dialog_kit.cli import main
from dialog_kit.demo import DEMO_PASSPHRASE, sample_records
from dialog_kit.guides import load_library
from dialog_kit.matching import group_unassigned
from dialog_kit.people import Register
from dialog_kit.record import Kind, Record, Visibility
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.todo import todo_entries
from dialog_kit.vault import Vault

from .helpers import pdf_text, unlock, wait_for, wait_screen

# Short words each language has and the other two do not: enough to tell a note's language.
OWN_WORDS = {
    "sv": {"och", "att", "är", "inte", "hon", "till", "av", "vill", "nu", "gick", "nya", "bli"},
    "da": {"og", "er", "ikke", "hun", "til", "af", "vil", "endnu", "samme", "en", "ingen"},
    "en": {"the", "and", "to", "of", "is", "she", "he", "his", "with", "on", "for", "you"},
}


def _language_of(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    scores = {lang: sum(w in own for w in words) for lang, own in OWN_WORDS.items()}
    best = max(scores.values())
    winners = [lang for lang, score in scores.items() if score == best]
    return winners[0] if best and len(winners) == 1 else "unknown"


def test_sample_talks_show_every_kind_and_every_situation() -> None:
    library = load_library()
    today = date(2026, 11, 22)
    records = sample_records(library, today)
    for record in records:  # each is a valid record: it survives its JSON form
        Record.from_json(record.to_json())
    assert {r.kind for r in records} == set(Kind)
    assert {r.profile for r in records} >= {"welfare", "performing-arts", "general"}
    assert any(r.locked for r in records)
    assert {v for r in records for _, n in r.notes() for v in [n.visibility]} == set(Visibility)
    texts = [e.text for e in todo_entries(records, library, today)]
    assert any("overdue" in t for t in texts)
    # A window only for a recorded profession (the people register will hold it, issue 10).
    assert not any("window" in t for t in texts)
    register = Register()
    group_unassigned(register, records)
    for record in records:
        person_id = register.person_of(record.id)
        if record.profile == "performing-arts" and person_id is not None:
            register.edit(person_id, profession="dancer")
    texts = [e.text for e in todo_entries(records, library, today, register=register, country="se")]
    assert any("window opens" in t for t in texts)


def test_each_demo_talk_is_written_in_its_own_language() -> None:
    """The notes, actions and roles become the employee's summary: in the summary's language."""
    records = sample_records(load_library(), date(2026, 11, 22))
    assert {r.locale for r in records} == {"sv", "da", "en"}
    written = set()
    for record in records:
        texts = [note.text for _phase, note in record.notes()]
        texts += [action.what for action in record.actions]
        if not texts:
            continue  # a planned talk: nothing written yet
        written.add(record.locale)
        assert _language_of(" ".join(texts)) == record.locale, (record.locale, texts)
        for text in texts:  # a short action may name no telling word, but none is another's
            assert _language_of(text) in (record.locale, "unknown"), (record.locale, text)
        roles = {record.employee.role, record.manager.role}
        english_roles = {"Unit manager (demo)", "Assistant nurse, elderly care", "Dancer, ensemble"}
        if record.locale != "en":
            assert not roles & english_roles, (record.locale, roles)
    assert written == {"sv", "da", "en"}
    swedish = next(r for r in records if r.locale == "sv")
    danish = next(r for r in records if r.locale == "da")
    assert swedish.manager.role == "Enhetschef (demo)"
    assert danish.manager.role == "Afdelingsleder (demo)"


def test_the_demos_documents_go_to_its_own_folder_never_to_the_users_documents(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real demo app, driven as a person would: a summary PDF and a calendar file."""
    documents = Path.home() / "Documents"
    documents.mkdir()
    seen: dict[str, Path] = {}
    pdf: list[str] = []

    async def drive(app: DialogKitApp) -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await unlock(pilot, DEMO_PASSPHRASE)
            home = app.screen

            def on_elin() -> bool:
                record = home.selected_record()  # type: ignore[attr-defined]
                return record is not None and record.employee.name == "Elin Sørensen"

            for _row in range(10):
                if on_elin():
                    break
                await pilot.press("down")
            assert on_elin()
            await pilot.press("enter")
            await wait_screen(pilot, "TalkScreen")
            await pilot.press("r")
            await wait_screen(pilot, "ReviewScreen")
            assert app.output_folder is not None
            out = app.output_folder
            await pilot.press("c")
            await wait_for(pilot, lambda: list(out.glob("*.ics")))
            await pilot.press("p")
            await wait_for(pilot, lambda: list(out.glob("*.pdf")), timeout=60)
            seen["folder"] = out
            seen["vault"] = app.session.vault_path
            pdf.append(pdf_text(next(out.glob("*.pdf"))))
            await pilot.press("escape", "escape")

    monkeypatch.setattr(DialogKitApp, "run", lambda app: asyncio.run(drive(app)))
    assert main(["demo"]) == 0
    folder, vault = seen["folder"], seen["vault"]
    assert folder.parent == vault.parent  # beside the throwaway vault
    assert str(folder) in capsys.readouterr().out  # and the user is told where
    assert not folder.exists() and not vault.exists()  # erased on quitting, documents too
    assert list(documents.iterdir()) == []
    text = " ".join(pdf[0].split())
    assert "nysgerrig på fysioterapi" in text and "Afdelingsleder (demo)" in text


def test_demo_command_opens_the_app_on_a_vault_it_erases_afterwards(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, object] = {}

    def fake_run(app: DialogKitApp) -> None:
        path = app.session.vault_path
        vault = Vault.open(path)
        vault.unlock(DEMO_PASSPHRASE)
        seen["path"] = path
        seen["count"] = len(vault.list_records().records)
        seen["hint"] = app.unlock_hint
        vault.close()

    monkeypatch.setattr(DialogKitApp, "run", fake_run)
    assert main(["demo"]) == 0
    assert seen["count"] == len(sample_records(load_library(), date.today()))
    assert DEMO_PASSPHRASE in str(seen["hint"])
    assert DEMO_PASSPHRASE in capsys.readouterr().out
    assert not Path(str(seen["path"])).exists()


def test_no_command_starts_the_app_on_the_configured_vault(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: list[Path] = []
    monkeypatch.setattr(DialogKitApp, "run", lambda app: started.append(app.session.vault_path))
    assert main(["--vault", str(tmp_path / "v")]) == 0
    assert started == [tmp_path / "v"]
