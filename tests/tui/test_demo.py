"""`dialog-kit demo`: sample talks about fictional people in a vault that is erased afterwards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dialog_kit.cli import main
from dialog_kit.demo import DEMO_PASSPHRASE, sample_records
from dialog_kit.guides import load_library
from dialog_kit.record import Kind, Record, Visibility
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.todo import todo_entries
from dialog_kit.vault import Vault


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
    assert any("window opens" in t for t in texts)


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
