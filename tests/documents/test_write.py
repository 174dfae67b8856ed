"""write_document: atomic, private (0600), never over an existing file unless forced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from dialog_kit.documents import write_document
from dialog_kit.errors import DialogKitError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_a_private_file(tmp_path: Path) -> None:
    target = write_document(tmp_path / "summary.pdf", b"%PDF-1.7 data")
    assert target.read_bytes() == b"%PDF-1.7 data"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"keep me")
    with pytest.raises(DialogKitError, match="already exists") as caught:
        write_document(target, b"new")
    assert caught.value.exit_code == 1
    assert target.read_bytes() == b"keep me"


def test_force_replaces_and_tightens_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_document(target, b"new", force=True)
    assert target.read_bytes() == b"new" and mode(target) == 0o600


def test_force_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"untouched")
    link = tmp_path / "summary.pdf"
    link.symlink_to(elsewhere)
    with pytest.raises(DialogKitError):
        write_document(link, b"new")
    write_document(link, b"new", force=True)
    assert elsewhere.read_bytes() == b"untouched"
    assert not link.is_symlink() and link.read_bytes() == b"new"


def test_a_missing_folder_or_a_folder_as_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DialogKitError, match="does not exist"):
        write_document(tmp_path / "missing" / "x.pdf", b"x")
    with pytest.raises(DialogKitError, match="is a folder"):
        write_document(tmp_path, b"x", force=True)
