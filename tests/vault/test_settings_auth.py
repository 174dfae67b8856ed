"""The authenticated settings through the Vault API: what is trusted, what stops a write."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.vault import AuthState, SettingsChangedError, Vault, VaultError, WorkFactorError

from .conftest import PASSPHRASE, WORK_FACTOR, MakeRecord, snapshot


def _reopen(path: Path) -> Vault:
    vault = Vault.open(path)
    vault.unlock(PASSPHRASE)
    return vault


def _readable_by(path: Path, secret: str) -> int:
    count = 0
    for file in (path / "records").glob("*.age"):
        try:
            age.decrypt(file.read_bytes(), [secret])
            count += 1
        except age.NoMatchError:
            pass
    return count


def test_a_new_vault_is_authenticated(vault: Vault, vault_path: Path) -> None:
    vault.close()
    with _reopen(vault_path) as again:
        assert again.authentication.state is AuthState.OK
        assert again.authentication.differences == []


def test_saving_needs_the_identity_because_it_checks_the_recipients(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    vault.close()
    locked = Vault.open(vault_path)
    with pytest.raises(VaultError, match="Unlock"):
        locked.save(make_record())
    locked.close()
    assert list((vault_path / "records").iterdir()) == []


def test_settings_authenticated_by_another_vault_are_not_this_ones(
    vault: Vault, vault_path: Path, tmp_path: Path, make_record: MakeRecord
) -> None:
    other = Vault.create(tmp_path / "other", PASSPHRASE, work_factor=WORK_FACTOR)
    hr = age.generate_identity()[1]
    other.add_recipient(hr)
    other.close()
    vault.save(make_record())
    vault.close()
    # The other vault's file is well formed and carries a valid MAC, for the other identity.
    shutil.copy(tmp_path / "other" / "vault.toml", vault_path / "vault.toml")
    before = snapshot(vault_path)
    with _reopen(vault_path) as again:
        auth = again.authentication
        assert auth.state is AuthState.CHANGED
        assert any("belongs to another vault" in d for d in auth.differences)
        with pytest.raises(SettingsChangedError):
            again.save(make_record())
        assert len(again.list_records().records) == 1
    assert snapshot(vault_path) == before


def test_a_new_change_of_recipients_waits_for_the_unfinished_one(
    vault: Vault, vault_path: Path, make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dialog_kit.vault.recipients as module

    for _ in range(3):
        vault.save(make_record())

    def dying(path: Path, data: bytes, mode: int = 0o600) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(module, "write_atomic", dying)
        with pytest.raises(KeyboardInterrupt):
            vault.add_recipient(age.generate_identity()[1])
    vault.close()
    again = Vault.open(vault_path)
    again.unlock(PASSPHRASE, finish_change=False)
    with pytest.raises(VaultError, match="resume"):
        again.add_recipient(age.generate_identity()[1])
    again.resume_recipient_change()
    assert not again.pending_recipient_change
    again.close()


def test_abandoning_a_planted_change_restores_the_authenticated_settings(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    vault.save(make_record())
    vault.close()
    toml = vault_path / "vault.toml"
    original = toml.read_text()
    attacker_secret, attacker = age.generate_identity()
    toml.write_text(
        original.replace("\n[settings]", f'pending_recipients = ["{attacker}"]\n[settings]')
    )
    with _reopen(vault_path) as again:
        assert again.authentication.state is AuthState.CHANGED
        with pytest.raises(SettingsChangedError):
            again.resume_recipient_change()
        again.abandon_recipient_change()
        assert again.authentication.state is AuthState.OK
    assert "pending_recipients" not in toml.read_text()
    assert _readable_by(vault_path, attacker_secret) == 0


def test_restore_needs_an_intact_authenticated_copy(vault: Vault, vault_path: Path) -> None:
    vault.close()
    toml = vault_path / "vault.toml"
    toml.write_text(re.sub(r'mac = "[^"]+"', 'mac = "AAAA"', toml.read_text()))
    with _reopen(vault_path) as again, pytest.raises(VaultError, match="settings accept"):
        again.restore_settings()


def test_a_weaker_work_factor_needs_saying_so(vault_path: Path) -> None:
    vault = Vault.create(vault_path, PASSPHRASE, work_factor=12)
    before = (vault_path / "identity.age").read_bytes()
    with pytest.raises(WorkFactorError, match="--allow-weaker") as info:
        vault.change_passphrase("another passphrase", 11)
    assert info.value.exit_code == 2
    assert (vault_path / "identity.age").read_bytes() == before
    vault.change_passphrase("another passphrase", 11, allow_weaker=True)
    assert age.passphrase_work_factor((vault_path / "identity.age").read_bytes()) == 11
    assert vault.min_work_factor == 11
    vault.close()
