"""Files in the vault folder that are not what they seem: named, never followed, never hung on.

The vault may sit in a synced or shared folder. Whoever else can write there may
put a FIFO, a link to /dev/zero or to another file, a folder or a huge file
where a record, identity.age, vault.toml or .lock should be. `list` and `check`
run as real processes with a timeout: a hang or a runaway read fails the test
instead of stopping the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from dialog_kit.cli import main
from dialog_kit.vault.layout import MAX_RECORD_FILE
from tests.hostile.conftest import PASSPHRASE, Cli
from tests.hostile.test_age_limits import _file_with_stanzas
from tests.vault.conftest import build_record


def _cli(cli: Cli, repo_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "dialog_kit", "--vault", str(cli.vault),
            "--passphrase-file", str(cli.pass_file), *args]  # fmt: skip
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=repo_root)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _plant(path: Path, kind: str, elsewhere: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "link":
        path.symlink_to(elsewhere)
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        with open(path, "wb") as f:
            f.truncate(MAX_RECORD_FILE + 1)  # sparse: no disk space used
    elif kind == "stanzas":  # under the size limit, so it reaches the age header parser
        path.write_bytes(_file_with_stanzas(60_000))
    else:
        raise AssertionError(kind)


KINDS = ["fifo", "dev-zero", "link", "folder", "huge", "stanzas"]
REASONS = {
    "fifo": "not a regular file",
    "dev-zero": "a link, which is not followed",
    "link": "a link, which is not followed",
    "folder": "a folder",
    "huge": "too large to be a record",
    "stanzas": "more than 64 recipients",
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_record_file_is_named_and_the_rest_still_lists(
    cli: Cli, repo_root: Path, kind: str
) -> None:
    good = build_record()
    cli.add(good)
    # A real record of this vault, elsewhere: even a link to a genuine record is not followed.
    elsewhere = cli.tmp / "copy.age"
    shutil.copy(cli.vault / "records" / f"{good.id}.age", elsewhere)
    bad = f"{uuid.uuid4()}.age"
    _plant(cli.vault / "records" / bad, kind, elsewhere)
    for command in ("list", "check"):
        result = _cli(cli, repo_root, command)
        assert result.returncode == 1, result.stderr
        assert f"damaged file {bad}: " in result.stderr
        assert REASONS[kind] in result.stderr
    listing = _cli(cli, repo_root, "list")
    assert good.id[:8] in listing.stdout and len(listing.stdout.splitlines()) == 1
    assert "1 damaged file; 1 record is sound" in _cli(cli, repo_root, "check").stdout


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link", "folder", "huge", "garbage"])
def test_a_hostile_listing_index_is_never_trusted_and_the_listing_is_right(
    cli: Cli, repo_root: Path, kind: str
) -> None:
    from dialog_kit.vault.index import INDEX_FILE, MAX_INDEX_FILE

    for name in ("Åsa Lind", "Bo Ek"):
        cli.add(build_record(name=name))
    expected = _cli(cli, repo_root, "list", "--json")
    assert expected.returncode == 0 and "Åsa Lind" in expected.stdout
    index = cli.vault / INDEX_FILE
    # A genuine index of this vault, elsewhere: even a link to it is not followed.
    elsewhere = cli.tmp / "index-copy.age"
    shutil.move(index, elsewhere)
    if kind == "huge":
        with open(index, "wb") as f:
            f.truncate(MAX_INDEX_FILE + 1)  # sparse: no disk space used
    elif kind == "garbage":
        index.write_bytes(b"age-encryption.org/v1\n" + os.urandom(5000))
    else:
        _plant(index, kind, elsewhere)
    warnings = _cli(cli, repo_root, "check")
    assert warnings.returncode == 0, warnings.stderr  # the records are sound
    assert f"{INDEX_FILE}: " in warnings.stderr and "rebuilds it" in warnings.stderr
    for _round in range(2):  # rebuilt (where it can be), then read
        listing = _cli(cli, repo_root, "list", "--json")
        assert listing.returncode == 0, listing.stderr
        assert listing.stdout == expected.stdout
    if kind == "folder":
        assert index.is_dir()  # not removed, not written into
        assert list(index.iterdir()) == []
    else:
        assert index.is_file() and not index.is_symlink()
        assert index.stat().st_size < 10_000
    assert elsewhere.read_bytes()[:22] == b"age-encryption.org/v1\n"  # the link's target untouched


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link", "folder"])
def test_a_hostile_identity_file_stops_with_a_message_not_a_hang(
    cli: Cli, repo_root: Path, kind: str
) -> None:
    identity = cli.vault / "identity.age"
    elsewhere = cli.tmp / "identity-copy.age"
    shutil.move(identity, elsewhere)
    _plant(identity, kind, elsewhere)
    for command in ("list", "check"):
        result = _cli(cli, repo_root, command)
        assert result.returncode == 1
        assert "Identity damaged: identity.age: " in result.stderr
        assert REASONS[kind] in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link", "folder"])
def test_a_hostile_vault_toml_stops_with_a_message_not_a_hang(
    cli: Cli, repo_root: Path, kind: str
) -> None:
    settings = cli.vault / "vault.toml"
    elsewhere = cli.tmp / "vault-copy.toml"
    shutil.move(settings, elsewhere)
    _plant(settings, kind, elsewhere)
    result = _cli(cli, repo_root, "list")
    assert result.returncode == 1
    assert "Vault settings damaged" in result.stderr and REASONS[kind] in result.stderr


def test_a_deeply_nested_vault_toml_is_damaged_not_a_crash(cli: Cli) -> None:
    (cli.vault / "vault.toml").write_text("a = " + "[" * 3000 + "]" * 3000 + "\n")
    assert cli.run("list") == 1
    assert "Vault settings damaged" in cli.err and "nested too deeply" in cli.err


def test_a_lock_file_replaced_by_a_link_is_never_followed(cli: Cli) -> None:
    victim = cli.tmp / "precious.txt"
    victim.write_text("the user's own file\n")
    (cli.vault / ".lock").unlink(missing_ok=True)
    (cli.vault / ".lock").symlink_to(victim)
    before = cli.digest()
    source = cli.tmp / "r.json"
    source.write_text(build_record().to_json())
    assert cli.run("new", "--from", str(source)) == 1
    assert "Lock file replaced" in cli.err
    assert victim.read_text() == "the user's own file\n"  # not truncated
    assert cli.digest() == before
    # Reading still works, and check says what is wrong.
    assert cli.run("list") == 0, cli.err
    assert cli.run("check") == 1
    assert "damaged file .lock: a link" in cli.err
    assert victim.read_text() == "the user's own file\n"


def test_a_records_folder_that_is_a_link_is_reported_and_never_written(cli: Cli) -> None:
    good = build_record()
    cli.add(good)
    records = cli.vault / "records"
    elsewhere = cli.tmp / "elsewhere"
    shutil.move(records, elsewhere)
    records.symlink_to(elsewhere)
    inside_before = sorted(p.name for p in elsewhere.iterdir())
    assert cli.run("check") == 1
    assert "damaged file records: a link to another folder" in cli.err
    source = cli.tmp / "r.json"
    source.write_text(build_record().to_json())
    assert cli.run("new", "--from", str(source)) == 1
    assert "Records folder replaced" in cli.err
    assert cli.run("delete", good.id[:8], "--yes") == 1
    assert sorted(p.name for p in elsewhere.iterdir()) == inside_before
    # What is there can still be read.
    assert cli.run("list") == 0 and good.id[:8] in cli.out


@pytest.mark.parametrize("prefix", ["-", "--", "a", "7f", "abc", "", " ", "xyz1", "a" * 37])
def test_delete_with_an_implausible_id_matches_nothing_and_exits_2(cli: Cli, prefix: str) -> None:
    cli.add(build_record())
    before = cli.digest()
    assert cli.run("delete", prefix, "--yes") == 2
    assert "Bad record id" in cli.err
    assert cli.digest() == before
    assert len(list((cli.vault / "records").iterdir())) == 1


def test_delete_with_four_characters_of_the_id_still_works(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    assert cli.run("delete", record.id[:4], "--yes") == 0, cli.err
    assert not list((cli.vault / "records").iterdir())


def test_show_with_an_implausible_id_exits_2(cli: Cli) -> None:
    cli.add(build_record())
    assert cli.run("show", "-") == 2
    assert "Bad record id" in cli.err


def test_hostile_files_in_a_handover_folder_are_named_and_the_rest_is_taken(
    cli: Cli, repo_root: Path
) -> None:
    good = build_record()
    cli.add(good)
    successor = cli.tmp / "successor"
    code = main(["--vault", str(successor), "--passphrase-file", str(cli.pass_file),
                 "init", "--work-factor", "10"])  # fmt: skip
    assert code == 0
    recipient = next(
        line.split()[-1] for line in cli.capsys.readouterr().out.splitlines() if "age1" in line
    )
    out = cli.tmp / "handover"
    assert cli.run("handover", "--to", recipient, "--out", str(out)) == 0, cli.err
    fifo, zero = f"{uuid.uuid4()}.age", f"{uuid.uuid4()}.age"
    os.mkfifo(out / "records" / fifo)
    (out / "records" / zero).symlink_to("/dev/zero")
    argv = [sys.executable, "-m", "dialog_kit", "--vault", str(successor),
            "--passphrase-file", str(cli.pass_file), "import", str(out)]  # fmt: skip
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=repo_root)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert f"damaged file {fifo}: not a regular file" in result.stderr
    assert f"damaged file {zero}: a link, which is not followed" in result.stderr
    assert good.id[:8] in result.stdout  # the real record came across


def test_one_recipient_too_many_is_refused_before_anything_is_written(cli: Cli) -> None:
    from dialog_kit import age
    from dialog_kit.vault import Vault

    cli.add(build_record())
    with Vault.open(cli.vault) as vault:
        vault.unlock(PASSPHRASE)
        for _ in range(age.MAX_STANZAS - 2):
            vault.add_recipient(age.Identity.generate().recipient)
    assert cli.run("recipients", "add", age.Identity.generate().recipient, "--yes") == 0, cli.err
    before = cli.digest()
    assert cli.run("recipients", "add", age.Identity.generate().recipient, "--yes") == 2
    assert "at most 64 recipients" in cli.err
    assert cli.digest() == before
    assert cli.run("list") == 0  # nothing left pending, nothing locked out
