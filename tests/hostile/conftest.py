"""A vault driven through the real command line, in-process, with a snapshot of its files."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from dialog_kit.cli import common, main
from dialog_kit.record import Record

PASSPHRASE = "a long passphrase for hostile tests"


def vault_digest(folder: Path) -> str:
    """One hash over every name, type and content below `folder` (the lock file left out).

    Links are hashed as links (their target text), never followed.
    """
    h = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files + [d for d in dirs if Path(root, d).is_symlink()]):
            path = Path(root, name)
            if name == ".lock":
                continue
            h.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
            if path.is_symlink():
                h.update(b"link:" + os.readlink(path).encode("utf-8", "surrogateescape"))
            elif path.is_file():
                h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


class Cli:
    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp = tmp_path
        self.vault = tmp_path / "vault"
        self.capsys = capsys
        self.pass_file = tmp_path / "pass.txt"
        self.pass_file.write_text(PASSPHRASE + "\n")
        self.pass_file.chmod(0o600)
        self.out = ""
        self.err = ""

    def run(self, *args: str, passphrase: Path | str | None = None) -> int:
        common._stdin_lines = None
        source = str(passphrase or self.pass_file)
        code = main(["--vault", str(self.vault), "--passphrase-file", source, *args])
        captured = self.capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        assert "Traceback" not in self.out + self.err
        return code

    def add(self, record: Record) -> str:
        path = self.tmp / f"{record.id}.json"
        path.write_text(record.to_json())
        assert self.run("new", "--from", str(path)) == 0, self.err
        return self.out.strip()

    def digest(self) -> str:
        return vault_digest(self.vault)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path, capsys)
    assert c.run("init", "--work-factor", "10") == 0, c.err
    return c
