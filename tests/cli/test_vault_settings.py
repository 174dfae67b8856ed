"""vault.toml is authenticated: a change made outside dialog_kit stops every write, is named,
and is resolved only by the manager with the passphrase; one bad key never locks anyone out."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.cli import common
from dialog_kit.record import Status
from tests.age.test_age_low_order import LOW_ORDER_RECIPIENTS, ZERO_RECIPIENT
from tests.cli.test_vault_cli import Cli
from tests.vault.conftest import build_record, snapshot

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "vaults" / "v0.1.0"
SAMPLE_PASSPHRASE = "sample vault v0.1.0"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path, capsys)
    assert c.run("init", "--work-factor", "10") == 0, c.err
    return c


@pytest.fixture(autouse=True)
def fresh_stdin_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "_stdin_lines", None)


def _toml(cli: Cli) -> Path:
    return cli.vault / "vault.toml"


def _edit(cli: Cli, change: Callable[[str], str]) -> None:
    path = _toml(cli)
    text = path.read_text()
    changed = change(text)
    assert changed != text
    path.write_text(changed)


def _readable_by(cli: Cli, secret: str) -> int:
    count = 0
    for path in (cli.vault / "records").glob("*.age"):
        if not path.is_file():
            continue
        try:
            age.decrypt(path.read_bytes(), [secret])
            count += 1
        except age.NoMatchError:
            pass
    return count


def _record_file(cli: Cli) -> Path:
    path = cli.tmp / "record.json"
    path.write_text(build_record(name="Nils Ek").to_json())
    return path


# -- §1: the attacks of the report, one by one ------------------------------------------------


def test_a_planted_pending_change_is_never_carried_out_by_a_plain_list(cli: Cli) -> None:
    for i in range(3):
        cli.add(build_record(name=f"P{i}"))
    attacker_secret, attacker = age.generate_identity()
    _edit(
        cli, lambda t: t.replace("\n[settings]", f'pending_recipients = ["{attacker}"]\n[settings]')
    )
    before = snapshot(cli.vault)
    assert cli.run("list") == 0  # reading still works
    assert len(cli.out.strip().splitlines()) == 3
    assert "Finished an interrupted change" not in cli.err
    assert "changed outside dialog_kit" in cli.err and attacker in cli.err
    assert _readable_by(cli, attacker_secret) == 0
    assert snapshot(cli.vault) == before


def test_a_planted_recipient_stops_new_and_is_named(cli: Cli) -> None:
    cli.add(build_record())
    attacker_secret, attacker = age.generate_identity()
    _edit(cli, lambda t: t.replace("recipients = []", f'recipients = ["{attacker}"]'))
    before = snapshot(cli.vault)
    assert cli.run("new", "--from", str(_record_file(cli))) == 1
    assert f"a recipient was added outside dialog_kit: {attacker}" in cli.err
    assert "Nothing was written" in cli.err
    assert snapshot(cli.vault) == before
    assert _readable_by(cli, attacker_secret) == 0


def test_a_swapped_own_recipient_stops_new_and_the_manager_loses_nothing(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    assert cli.run("recipients", "list") == 0
    own = cli.out.split()[0]
    _, attacker = age.generate_identity()
    _edit(cli, lambda t: t.replace(f'recipient = "{own}"', f'recipient = "{attacker}"'))
    before = snapshot(cli.vault)
    assert cli.run("new", "--from", str(_record_file(cli))) == 1
    assert "own recipient" in cli.err and attacker in cli.err
    assert snapshot(cli.vault) == before
    assert cli.run("show", record.id) == 0  # the manager still reads everything
    assert "Åsa Lind" in cli.out


def test_new_without_the_passphrase_encrypts_nothing(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    before = snapshot(cli.vault)
    code = common_main(cli, "new", "--from", str(_record_file(cli)))
    assert code == 2 and "--passphrase-file" in cli.err
    assert snapshot(cli.vault) == before


def common_main(cli: Cli, *args: str) -> int:
    from dialog_kit.cli import main

    code = main(["--vault", str(cli.vault), *args])
    captured = cli.capsys.readouterr()
    cli.out, cli.err = captured.out, captured.err
    return code


def test_a_planted_low_work_factor_stops_passwd(cli: Cli) -> None:
    _edit(cli, lambda t: t.replace("work_factor = 10\n", "work_factor = 11\n", 1))
    new = cli.tmp / "new.txt"
    new.write_text("another passphrase\n")
    before = snapshot(cli.vault)
    assert cli.run("passwd", "--new-passphrase-file", str(new)) == 1
    assert "the work factor was changed outside dialog_kit: 10 to 11" in cli.err
    assert snapshot(cli.vault) == before


@pytest.fixture
def strong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A vault with the default work factor 18 (about a second for each unlock)."""
    c = Cli(tmp_path, capsys)
    assert c.run("init") == 0, c.err
    return c


def test_the_work_factor_never_drops_below_18_or_the_original_without_asking(strong: Cli) -> None:
    identity = strong.vault / "identity.age"
    new = strong.tmp / "new.txt"
    new.write_text("another passphrase\n")
    # Planted, then accepted by the manager: the floor still holds.
    _edit(
        strong,
        lambda t: t.replace(
            "work_factor = 18\nmin_work_factor = 18", "work_factor = 10\nmin_work_factor = 10"
        ),
    )
    assert strong.run("settings", "accept", "--yes") == 0, strong.err
    assert "work factor: 18" in strong.out
    assert strong.run("passwd", "--new-passphrase-file", str(new)) == 0, strong.err
    assert age.passphrase_work_factor(identity.read_bytes()) == 18
    # Asking for less needs saying so.
    before = identity.read_bytes()
    assert (
        strong.run(
            "passwd",
            "--new-passphrase-file",
            str(strong.pass_file),
            "--work-factor",
            "10",
            passphrase=new,
        )
        == 2
    )
    assert "--allow-weaker" in strong.err
    assert identity.read_bytes() == before
    weaker = ["passwd", "--new-passphrase-file", str(strong.pass_file), "--work-factor", "10"]
    assert strong.run(*weaker, "--allow-weaker", passphrase=new) == 0, strong.err
    assert age.passphrase_work_factor(identity.read_bytes()) == 10


TAMPERINGS: dict[str, Callable[[str, str], str]] = {
    "pending": lambda t, k: t.replace("\n[settings]", f'pending_recipients = ["{k}"]\n[settings]'),
    "extra recipient": lambda t, k: t.replace("recipients = []", f'recipients = ["{k}"]'),
    "own recipient": lambda t, k: re.sub(r'\nrecipient = "[^"]+"', f'\nrecipient = "{k}"', t),
    "work factor": lambda t, k: t.replace("work_factor = 10\n", "work_factor = 12\n", 1),
    "floor": lambda t, k: t.replace("min_work_factor = 10", "min_work_factor = 11"),
    "authentication removed": lambda t, k: t[: t.index("[authentication]")],
    "authentication altered": lambda t, k: re.sub(r'mac = "[^"]+"', 'mac = "AAAA"', t),
    "authenticated copy altered": lambda t, k: t.replace(
        '\\"recipients\\":[]', f'\\"recipients\\":[\\"{k}\\"]'
    ),
    "put back into format 1": lambda t, k: re.sub(
        r"\[authentication\].*", "", t.replace("format = 2", "format = 1"), flags=re.S
    ).replace("recipients = []", f'recipients = ["{k}"]'),
}


@pytest.mark.parametrize("how", list(TAMPERINGS))
def test_check_reports_tampered_settings_and_every_write_stops(cli: Cli, how: str) -> None:
    record = build_record(status=Status.COMPLETED, on=date(2020, 1, 6))  # purge would erase it
    cli.add(record)
    assert cli.run("check") == 0 and "sound" in cli.out
    _, stranger = age.generate_identity()
    _edit(cli, lambda t: TAMPERINGS[how](t, stranger))
    before = snapshot(cli.vault)
    assert cli.run("check") == 1
    assert "vault.toml" in cli.err and "vault is sound" not in cli.out
    for command in (
        ["new", "--from", str(_record_file(cli))],
        ["delete", record.id, "--yes"],
        ["recipients", "add", age.generate_identity()[1], "--yes"],
        ["purge", "--older-than", "1m", "--yes"],
    ):
        assert cli.run(*command) == 1, command
        assert "Nothing was written" in cli.err, command  # refused by the check, not otherwise
    assert snapshot(cli.vault) == before
    assert cli.run("list") == 0 and record.id[:8] in cli.out  # reading works in every state


def test_settings_show_names_the_change_and_accept_shows_it_before_keeping_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.add(build_record())
    hr_secret, hr = age.generate_identity()
    _edit(cli, lambda t: t.replace("recipients = []", f'recipients = ["{hr}"]'))
    assert cli.run("settings", "show") == 1
    assert f"a recipient was added outside dialog_kit: {hr}" in cli.out
    before = snapshot(cli.vault)
    # Not at a terminal and without --yes: shown, but nothing kept.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.run("settings", "accept") == 2
    assert hr in cli.out and "--yes" in cli.err
    assert snapshot(cli.vault) == before
    assert cli.run("settings", "accept", "--yes") == 0, cli.err
    assert hr in cli.out and "recipients resume" in cli.out
    assert cli.run("new", "--from", str(_record_file(cli))) == 0
    assert _readable_by(cli, hr_secret) == 1  # the new record: the accepted key is now in use
    assert cli.run("check") == 1 and "encrypted to 1 key, but the vault has 2" in cli.err
    assert cli.run("recipients", "resume") == 0, cli.err
    assert _readable_by(cli, hr_secret) == 2
    assert cli.run("check") == 0 and "sound" in cli.out


def test_settings_restore_undoes_the_change(cli: Cli) -> None:
    cli.add(build_record())
    attacker_secret, attacker = age.generate_identity()
    _edit(cli, lambda t: t.replace("recipients = []", f'recipients = ["{attacker}"]'))
    assert cli.run("settings", "restore", "--yes") == 0, cli.err
    assert attacker not in _toml(cli).read_text()
    assert cli.run("new", "--from", str(_record_file(cli))) == 0
    assert cli.run("check") == 0
    assert _readable_by(cli, attacker_secret) == 0


def test_check_names_a_record_encrypted_to_other_keys_than_the_vaults(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    assert cli.run("recipients", "list") == 0
    own = cli.out.split()[0]
    _, stranger = age.generate_identity()
    path = cli.vault / "records" / f"{record.id}.age"
    path.write_bytes(age.encrypt(record.to_json().encode(), [own, stranger]))
    assert cli.run("check") == 1
    assert f"{record.id}.age" in cli.err and "encrypted to 2 keys, but the vault has 1" in cli.err
    assert cli.run("recipients", "resume") == 0, cli.err
    assert len(age.stanza_types(path.read_bytes())) == 1
    assert cli.run("check") == 0


# -- the sample vault made by release 0.1.0 ----------------------------------------------------


def _sample(tmp_path: Path) -> Path:
    target = tmp_path / "vault"
    shutil.copytree(SAMPLE, target)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return target


@pytest.fixture
def old(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    c = Cli(tmp_path, capsys)
    c.pass_file.write_text(SAMPLE_PASSPHRASE + "\n")
    c.pass_file.chmod(0o600)
    _sample(tmp_path)
    yield c


def test_a_vault_made_by_0_1_0_is_authenticated_at_its_first_unlock(old: Cli) -> None:
    committed = snapshot(SAMPLE)
    assert old.run("check") == 0  # a warning, not damage
    assert "not authenticated yet" in old.err
    assert "sound" in old.out and "7 records" in old.out
    assert "format = 1" in _toml(old).read_text()
    assert old.run("list") == 0, old.err
    assert len(old.out.strip().splitlines()) == 7
    assert "made by dialog_kit 0.1.0" in old.err and "authenticated now" in old.err
    assert "your own key: age1" in old.err and "work factor: 18" in old.err
    text = _toml(old).read_text()
    assert "format = 2" in text and "[authentication]" in text
    assert old.run("list") == 0
    assert len(old.out.strip().splitlines()) == 7
    assert "0.1.0" not in old.err  # said once
    assert old.run("check") == 0 and not old.err
    assert snapshot(SAMPLE) == committed  # the committed files are never touched


def test_a_0_1_0_vault_put_back_after_the_upgrade_is_tampering_not_a_new_upgrade(old: Cli) -> None:
    original = (SAMPLE / "vault.toml").read_text()
    assert old.run("list") == 0
    _, attacker = age.generate_identity()
    _toml(old).write_text(original.replace("recipients = []", f'recipients = ["{attacker}"]'))
    assert old.run("new", "--from", str(_record_file(old))) == 1
    assert "0.1.0" in old.err and "Nothing was written" in old.err
    assert old.run("settings", "show") == 1
    assert attacker in old.out  # no authenticated copy to compare with: all is shown


def test_a_planted_pending_change_in_a_0_1_0_vault_is_not_carried_over(old: Cli) -> None:
    attacker_secret, attacker = age.generate_identity()
    _edit(
        old, lambda t: t.replace("\n[settings]", f'pending_recipients = ["{attacker}"]\n[settings]')
    )
    assert old.run("list") == 0, old.err
    assert len(old.out.strip().splitlines()) == 7
    assert "was not carried over" in old.err and attacker in old.err
    assert _readable_by(old, attacker_secret) == 0
    assert "pending_recipients" not in _toml(old).read_text()
    assert old.run("check") == 0


def test_a_planted_low_work_factor_in_a_0_1_0_vault_is_not_authenticated(old: Cli) -> None:
    _edit(old, lambda t: t.replace("work_factor = 18", "work_factor = 10"))
    assert old.run("list") == 0
    assert "work factor: 18" in old.err  # identity.age's own, authenticated by the passphrase
    assert "work_factor = 18" in _toml(old).read_text()


# -- §2: one bad key or file never locks the user out -----------------------------------------


@pytest.mark.parametrize("key", LOW_ORDER_RECIPIENTS, ids=range(len(LOW_ORDER_RECIPIENTS)))
def test_recipients_add_refuses_a_low_order_key_with_exit_2(cli: Cli, key: str) -> None:
    cli.add(build_record())
    before = snapshot(cli.vault)
    assert cli.run("recipients", "add", key, "--yes") == 2
    assert "low-order" in cli.err
    assert snapshot(cli.vault) == before
    assert cli.run("list") == 0


def test_a_0_1_0_vault_left_with_a_low_order_pending_key_opens_and_lists(old: Cli) -> None:
    # What 0.1.0's crash left behind: `recipients add` of the zero key died mid-way.
    _edit(
        old,
        lambda t: t.replace(
            "\n[settings]", f'pending_recipients = ["{ZERO_RECIPIENT}"]\n[settings]'
        ),
    )
    assert old.run("list") == 0, old.err
    assert len(old.out.strip().splitlines()) == 7
    assert old.run("check") == 0
    assert old.run("new", "--from", str(_record_file(old))) == 0


def test_a_low_order_key_planted_in_an_authenticated_vault_never_stops_reading(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    _edit(cli, lambda t: t.replace("recipients = []", f'recipients = ["{ZERO_RECIPIENT}"]'))
    assert cli.run("list") == 0 and record.id[:8] in cli.out
    assert cli.run("show", record.id) == 0
    assert cli.run("check") == 1 and "not a usable age recipient" in cli.err
    assert cli.run("recipients", "list") == 0
    assert cli.run("settings", "accept", "--yes") == 0, cli.err
    assert ZERO_RECIPIENT not in _toml(cli).read_text()  # never authenticated
    assert cli.run("new", "--from", str(_record_file(cli))) == 0


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, records: int) -> None:
    import dialog_kit.vault.recipients as module

    real = module.write_atomic
    calls = {"n": 0}

    def dying(path: Path, data: bytes, mode: int = 0o600) -> os.stat_result:
        calls["n"] += 1
        if calls["n"] > records:
            raise KeyboardInterrupt
        return real(path, data, mode)

    monkeypatch.setattr(module, "write_atomic", dying)


@pytest.mark.parametrize("end", ["resume", "abandon"])
def test_a_half_done_change_can_be_resumed_or_abandoned(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, end: str
) -> None:
    for i in range(4):
        cli.add(build_record(name=f"P{i}"))
    hr_secret, hr = age.generate_identity()
    with monkeypatch.context() as patch:
        _interrupt_after(patch, 2)
        assert cli.run("recipients", "add", hr, "--yes") == 130
    assert 0 < _readable_by(cli, hr_secret) < 4
    assert cli.run("recipients", "list") == 0
    assert "resume" in cli.err and "abandon" in cli.err
    assert cli.run("recipients", end) == 0, cli.err
    assert _readable_by(cli, hr_secret) == (4 if end == "resume" else 0)
    assert "pending_recipients" not in _toml(cli).read_text()
    assert cli.run("check") == 0, cli.err


@pytest.mark.parametrize("bad", ["folder", "socket"])
def test_an_unreadable_record_never_blocks_a_change_of_recipients(
    cli: Cli, bad: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(3):
        cli.add(build_record(name=f"P{i}"))
    name = "0b5e7c4a-1111-4222-8333-444455556666.age"
    path = cli.vault / "records" / name
    listener = None
    if bad == "folder":
        path.mkdir()
    else:  # a socket cannot be opened, even by root (mode 000 does not stop root)
        listener = socket.socket(socket.AF_UNIX)
        monkeypatch.chdir(path.parent)  # the full path is too long for a socket's address
        listener.bind(name)
    try:
        hr_secret, hr = age.generate_identity()
        assert cli.run("recipients", "add", hr, "--yes") == 1  # done, with the bad file named
        assert name in cli.err and "not re-encrypted" in cli.err
        assert _readable_by(cli, hr_secret) == 3
        assert "pending_recipients" not in _toml(cli).read_text()
        for command in (["list"], ["check"]):
            assert cli.run(*command) == 1 and name in cli.err
            assert "Traceback" not in cli.err
        assert cli.run("list", "--json") == 1 and cli.out.count('"id"') == 3
    finally:
        if listener is not None:
            listener.close()


def test_an_unreadable_record_never_blocks_finishing_an_interrupted_change(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [build_record(name=f"P{i}") for i in range(3)]
    for record in records:
        cli.add(record)
    hr_secret, hr = age.generate_identity()
    with monkeypatch.context() as patch:
        _interrupt_after(patch, 1)
        assert cli.run("recipients", "add", hr, "--yes") == 130
    (cli.vault / "records" / "0b5e7c4a-1111-4222-8333-444455556666.age").mkdir()
    assert cli.run("list") == 1  # finishes the change at unlock; the folder named
    assert "Finished an interrupted change" in cli.err and "0b5e7c4a" in cli.err
    assert len(cli.out.strip().splitlines()) == 3
    assert _readable_by(cli, hr_secret) == 3
    assert cli.run("show", records[0].id) == 0


def test_a_record_of_mode_000_never_blocks_a_change_of_recipients(cli: Cli) -> None:
    records = [build_record(name=f"P{i}") for i in range(3)]
    for record in records:
        cli.add(record)
    locked = cli.vault / "records" / f"{records[0].id}.age"
    locked.chmod(0)
    try:
        hr_secret, hr = age.generate_identity()
        code = cli.run("recipients", "add", hr, "--yes")
        assert "pending_recipients" not in _toml(cli).read_text()  # the change completed
        if os.geteuid() == 0:
            # Root reads any file whatever its mode: the record is simply re-encrypted.
            assert code == 0
        else:
            assert code == 1 and locked.name in cli.err and "not re-encrypted" in cli.err
        assert cli.run("list") in (0, 1) and records[1].id[:8] in cli.out
        assert cli.run("show", records[2].id) == 0
    finally:
        locked.chmod(0o600)
    assert _readable_by(cli, hr_secret) >= 2


def test_settings_show_of_a_0_1_0_vault_looks_and_changes_nothing(old: Cli) -> None:
    before = snapshot(old.vault)
    assert old.run("settings", "show") == 0, old.err
    assert "not authenticated yet" in old.out and "your own key: age1" in old.out
    assert snapshot(old.vault) == before
