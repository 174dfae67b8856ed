"""Property: whatever the CLI's input files hold, it exits 0 or 2, never with a traceback,
and on exit 2 nothing in the vault changed.

The inputs are the files a user or another program hands the command line: a
record's JSON (`new --from`), a guide's TOML (`guides validate`, and a guide in
`guides_dir` while `show` runs), the settings TOML (config.toml) and the bytes of
a passphrase file. Each is made by mutating a valid file (values swapped for
odd JSON or TOML, keys dropped or doubled, characters inserted, deep nesting)
or from scratch. The CLI runs in-process through `dialog_kit.cli.main`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dialog_kit.cli import common, main
from tests.guides.guidefiles import MINI_GUIDE
from tests.hostile.conftest import PASSPHRASE, vault_digest
from tests.vault.conftest import build_record

FUZZ = settings(
    max_examples=int(os.environ.get("DIALOG_KIT_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # The same examples on every run, so a failure is reproducible in CI; set
    # DIALOG_KIT_FUZZ_EXAMPLES=2000 DIALOG_KIT_FUZZ_RANDOM=1 for a long hunt.
    derandomize=not os.environ.get("DIALOG_KIT_FUZZ_RANDOM"),
)

SAMPLE = json.loads(build_record().to_json())


class InProcess:
    """One vault with one record, shared by every example of a test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.vault = root / "vault"
        self.pass_file = root / "pass.txt"
        self.pass_file.write_text(PASSPHRASE + "\n")
        self.pass_file.chmod(0o600)
        self.config = Path(os.environ["DIALOG_KIT_CONFIG"])
        code, _out, err = self.run("init", "--work-factor", "10")
        assert code == 0, err
        source = root / "sample.json"
        source.write_text(build_record().to_json())
        code, out, err = self.run("new", "--from", str(source))
        assert code == 0, err
        self.record_id = out.strip()

    def run(self, *args: str, passphrase: Path | None = None) -> tuple[int, str, str]:
        common._stdin_lines = None
        out, err = io.StringIO(), io.StringIO()
        argv = ["--vault", str(self.vault), "--passphrase-file", str(passphrase or self.pass_file)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*argv, *args])
        return code, out.getvalue(), err.getvalue()

    def check(self, *args: str, allowed: tuple[int, ...] = (0, 2), **kw: Any) -> int:
        before = vault_digest(self.vault)
        code, out, err = self.run(*args, **kw)
        assert code in allowed, (code, err[:500])
        assert "Traceback" not in out + err
        if code != 0:
            assert err.startswith("dialog-kit: ") or "problem" in err, err[:500]
            assert vault_digest(self.vault) == before
        return code


@pytest.fixture
def env() -> Iterator[InProcess]:
    with tempfile.TemporaryDirectory() as folder:
        yield InProcess(Path(folder))


# -- strategies -----------------------------------------------------------------------

ODD_TEXT = st.sampled_from(
    ["", " ", "\x00", "\x1b[2J", "\u202e", "9999-12-31", "0000-00-00", "2026-02-30",
     "1" * 30, "-1", "true", "null", "[", "{", '"', "\\", "\udcff"[:0] + "é" * 3, "ŧ" * 5000]
) | st.text(max_size=30)  # fmt: skip
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@st.composite
def mutated_record(draw: st.DrawFn) -> bytes:
    data = json.loads(json.dumps(SAMPLE))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(ODD_TEXT)] = draw(JSON_VALUES)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    return _mangle(draw, text.encode("utf-8", "surrogatepass"))


def _mangle(draw: st.DrawFn, data: bytes) -> bytes:
    """Sometimes a byte-level edit on top: an insertion, a cut, deep nesting, a doubled key."""
    edit = draw(st.sampled_from(["none", "none", "insert", "cut", "nest", "repeat"]))
    if not data or edit == "none":
        return data
    at = draw(st.integers(0, len(data)))
    if edit == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if edit == "cut":
        return data[:at]
    if edit == "nest":
        depth = draw(st.sampled_from([50, 600, 5000]))
        return data[:at] + b"[" * depth + b"]" * depth + data[at:]
    line = draw(st.sampled_from(data.splitlines() or [data]))
    return data.replace(line, line + b"\n" + line, 1)


@st.composite
def mutated_toml(draw: st.DrawFn, template: str) -> bytes:
    lines = template.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        choice = draw(st.sampled_from(["replace", "delete", "duplicate", "value"]))
        if not lines:
            lines = [""]
        if choice == "replace":
            lines[index] = draw(st.text(max_size=40))
        elif choice == "delete":
            del lines[index]
        elif choice == "duplicate":
            lines.insert(index, lines[index])
        elif "=" in lines[index]:
            key = lines[index].split("=", 1)[0]
            value = draw(st.sampled_from(
                ['""', "1" * 5000, "[" * 3000 + "]" * 3000, "{a = " * 800 + "1" + "}" * 800,
                 "9999-12-31", "-0", "inf", "nan", '"\\u202e"', "[1, 'a', {x = 1}]", "true"]
            ))  # fmt: skip
            lines[index] = f"{key}= {value}"
    return _mangle(draw, "\n".join(lines).encode("utf-8", "surrogatepass"))


SETTINGS_TEMPLATE = """organisation = "Norrviks kommun"
manager_name = "Karin Berg"
manager_role = "Enhetschef"
language = "en"
retention_months = 24
country = "se"
guides_dir = "guides"
"""


# -- the properties ---------------------------------------------------------------------


DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
DEEP_TOML = b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n"


# The findings of issue 9 are pinned as explicit examples, run on every run besides the
# generated ones: each of them used to end in a traceback.
@FUZZ
@example(data=DEEP_JSON)
@example(data=b'{"kind": "development", "n": ' + b"1" * 5000 + b"}")
@example(data=json.dumps({**SAMPLE, "follow_up": "9999-12-31"}).encode())
@given(data=mutated_record() | st.binary(max_size=200))
def test_any_record_json_is_taken_or_refused_cleanly(env: InProcess, data: bytes) -> None:
    source = env.root / "input.json"
    source.write_bytes(data)
    if env.check("new", "--from", str(source)) == 0:
        # What was taken can be read back: list and check stay clean.
        env.check("list", allowed=(0,))
        env.check("check", allowed=(0,))
        _code, out, _err = env.run("list", "--json")
        added = [r["id"] for r in json.loads(out) if r["id"] != env.record_id]
        assert len(added) == 1
        assert env.run("delete", added[0], "--yes")[0] == 0  # the next example starts alike


@FUZZ
@example(data=DEEP_TOML)
@example(data=b"version = " + b"9" * 5000 + b"\n")
@given(data=mutated_toml(MINI_GUIDE) | st.binary(max_size=200))
def test_any_guide_toml_is_validated_or_refused_cleanly(env: InProcess, data: bytes) -> None:
    folder = env.root / "guides"
    folder.mkdir(exist_ok=True)
    (folder / "mini.toml").write_bytes(data)
    env.check("guides", "validate", str(folder / "mini.toml"))
    # The same file in the organisation's folder never stops a record being shown.
    env.config.write_text(f'guides_dir = "{folder}"\n')
    try:
        env.check("show", env.record_id, allowed=(0,))
    finally:
        env.config.unlink()


@FUZZ
@example(data=DEEP_TOML)
@example(data=b"retention_months = " + b"9" * 5000 + b"\n")
@given(data=mutated_toml(SETTINGS_TEMPLATE) | st.binary(max_size=200))
def test_any_settings_toml_is_used_or_refused_cleanly(env: InProcess, data: bytes) -> None:
    env.config.write_bytes(data)
    try:
        env.check("list")
    finally:
        env.config.unlink()


@FUZZ
@example(data=b"\xff\xfe not UTF-8\n")
@given(
    data=st.binary(max_size=64)
    | st.builds(lambda extra: PASSPHRASE.encode() + extra, st.binary(max_size=16))
)
def test_any_passphrase_bytes_unlock_or_are_refused_cleanly(env: InProcess, data: bytes) -> None:
    source = env.root / "pass.bin"
    source.write_bytes(data)
    try:
        lines = data.decode("utf-8").splitlines()
        first_line: str | None = lines[0] if lines else ""
    except UnicodeDecodeError:
        first_line = None
    # 3 is the right answer, and only then, for a readable passphrase that is not this one.
    # (Trailing NULs make no difference to scrypt: its HMAC pads every key with zeros.)
    wrong = first_line not in (None, "") and first_line.rstrip("\x00") != PASSPHRASE
    env.check("list", passphrase=source, allowed=(3,) if wrong else (0, 2))
