"""safe_files.read_file: links, pipes, devices, folders and oversized files are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dialog_kit.safe_files import TooDeepError, UnsafeFileError, load_toml, read_file


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "plain.toml"
    path.write_bytes(b"a = 1\n")
    assert read_file(path, 100) == b"a = 1\n"


def test_a_file_exactly_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 1000)
    assert len(read_file(path, 1000)) == 1000
    with pytest.raises(UnsafeFileError, match="larger than"):
        read_file(path, 999)


def test_a_link_to_a_real_file_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "secret.txt"
    target.write_bytes(b"someone else's file")
    link = tmp_path / "guide.toml"
    link.symlink_to(target)
    with pytest.raises(UnsafeFileError, match="link") as caught:
        read_file(link, 1000)
    assert "someone else" not in caught.value.message
    # ...unless the caller says the user named it on the command line.
    assert read_file(link, 1000, follow_links=True) == b"someone else's file"


def test_a_link_to_dev_zero_is_refused_even_when_links_are_followed(tmp_path: Path) -> None:
    link = tmp_path / "record.age"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnsafeFileError, match="link"):
        read_file(link, 1000)
    with pytest.raises(UnsafeFileError, match="not a regular file"):
        read_file(link, 1000, follow_links=True)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(UnsafeFileError, match="folder"):
        read_file(tmp_path / "folder.toml", 1000)


def test_a_missing_file_is_an_ordinary_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "nothing", 1000)


READ_FIFO = """
import sys
from dialog_kit.safe_files import UnsafeFileError, read_file
try:
    read_file(sys.argv[1], 1000)
except UnsafeFileError as exc:
    print("refused:", exc.reason)
"""


def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path, repo_root: Path) -> None:
    fifo = tmp_path / "identity.age"
    os.mkfifo(fifo)
    # In a subprocess with a timeout: opening a FIFO the ordinary way waits forever.
    result = subprocess.run(
        [sys.executable, "-c", READ_FIFO, str(fifo)],
        capture_output=True, text=True, timeout=60, cwd=repo_root,
    )  # fmt: skip
    assert result.stdout.startswith("refused: not a regular file"), result.stderr


def test_a_pipe_may_be_read_where_allowed(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"passphrase\n")
    os.close(write_end)
    try:
        assert read_file(f"/dev/fd/{read_end}", 100, follow_links=True, allow_pipe=True) == (
            b"passphrase\n"
        )
    finally:
        os.close(read_end)


def test_a_pipe_that_delivers_more_than_the_limit_is_refused() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"x" * 5000)
    os.close(write_end)
    try:
        with pytest.raises(UnsafeFileError, match="larger than"):
            read_file(f"/dev/fd/{read_end}", 1000, follow_links=True, allow_pipe=True)
    finally:
        os.close(read_end)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 3000 + "]" * 3000,
        "a = " + "{b = " * 3000 + "1" + "}" * 3000,
        "a = " + "7" * 5000,
    ],
)
def test_toml_that_would_crash_tomllib_is_a_plain_error(text: str) -> None:
    with pytest.raises(TooDeepError):
        load_toml(text)
