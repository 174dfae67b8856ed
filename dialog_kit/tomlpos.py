"""Where keys are written in TOML text: a key path -> line scanner (tomllib keeps no positions)."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Mapping
from types import MappingProxyType


def join(where: str, key: str) -> str:
    """A key path one level down: join("phases[0]", "id") -> "phases[0].id"."""
    return f"{where}.{key}" if where else key


def locate_key(lines: list[str], key: str) -> int | None:
    """The 1-based line of a key path in TOML text; None when it cannot be found.

    A key that is not written (a missing one) gets the line of the nearest
    table or key above it in the path, e.g. the `[[phases]]` header.
    """
    return lookup(key_lines("\n".join(lines)), key)


def lookup(index: Mapping[str, int], key: str) -> int | None:
    while key:
        if key in index:
            return index[key]
        cut = max(key.rfind("."), key.rfind("["))
        key = key[:cut] if cut > 0 else ""
    return None


@functools.lru_cache(maxsize=16)
def key_lines(text: str) -> Mapping[str, int]:
    """Maps every key path written in TOML `text` to the line where it first appears.

    Paths look like `title.sv`, `phases[2].items[0].text.da`, `resources[1].kinds[0]`.
    A small scanner, not a parser: it is only used on text tomllib has accepted,
    and it never raises (whatever it could not follow is simply not in the map).
    Remembered per text, read-only: every load of the built-in guides warns about the
    same undated resources, and scanning their file again for the lines was about a
    third of each load after the first.
    """
    scanner = KeyScanner(text)
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        scanner.run()
    return MappingProxyType(scanner.lines)


_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")


class KeyScanner:
    """Walks TOML text keeping the current table path, recording the line of each key path."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines: dict[str, int] = {}
        self.arrays: dict[str, int] = {}  # array-of-tables path -> number of elements so far
        self.table = ""  # the concrete path of the table being read

    def run(self) -> None:
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.s):
                return
            start = self.i
            if self.s.startswith("[[", self.i):
                self.i += 2
                parts = self.key()
                self.expect("]]")
                base = self.resolve(parts[:-1])
                array = join(base, parts[-1])
                count = self.arrays.get(array, 0)
                self.arrays[array] = count + 1
                self.table = f"{array}[{count}]"
                self.mark(array)
                self.mark(self.table)
            elif self.s[self.i] == "[":
                self.i += 1
                parts = self.key()
                self.expect("]")
                self.table = self.resolve(parts)
                self.mark_prefixes(self.table)
            else:
                self.keyval(self.table)
            self.end_of_line()
            if self.i == start:  # cannot follow the text any further
                return

    def resolve(self, parts: list[str]) -> str:
        """The concrete path of a header's key: arrays of tables resolve to their last element."""
        path = ""
        for part in parts:
            path = join(path, part)
            if path in self.arrays:
                path = f"{path}[{self.arrays[path] - 1}]"
        return path

    def mark(self, path: str) -> None:
        self.lines.setdefault(path, self.line)

    def mark_prefixes(self, path: str) -> None:
        for match in re.finditer(r"[.\[]", path):
            self.mark(path[: match.start()])
        self.mark(path)

    def keyval(self, base: str) -> None:
        parts = self.key()
        path = base
        for part in parts:
            path = join(path, part)
            self.mark(path)
        self.skip_blank()
        self.expect("=")
        self.skip_blank()
        self.value(path)

    def key(self) -> list[str]:
        parts = []
        while True:
            self.skip_blank()
            c = self.s[self.i]
            if c in "\"'":
                end = self.s.index(c, self.i + 1)
                while c == '"' and self.s[end - 1] == "\\":
                    end = self.s.index(c, end + 1)
                parts.append(self.s[self.i + 1 : end])
                self.i = end + 1
            else:
                match = _BARE_KEY.match(self.s, self.i)
                if not match:
                    raise ValueError("no key")
                parts.append(match.group())
                self.i = match.end()
            self.skip_blank()
            if self.i < len(self.s) and self.s[self.i] == ".":
                self.i += 1
                continue
            return parts

    def value(self, path: str) -> None:
        s = self.s
        if s.startswith('"""', self.i) or s.startswith("'''", self.i):
            self.long_string(s[self.i : self.i + 3])
        elif s[self.i] in "\"'":
            quote = s[self.i]
            self.i += 1
            while s[self.i] != quote:
                if s[self.i] == "\n":
                    raise ValueError("unterminated string")
                self.i += 2 if quote == '"' and s[self.i] == "\\" else 1
            self.i += 1
        elif s[self.i] == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if s[self.i] == "]":
                    self.i += 1
                    return
                element = f"{path}[{index}]"
                self.mark(element)
                self.value(element)
                self.skip_blank(newlines=True)
                if s[self.i] == ",":
                    self.i += 1
                index += 1
        elif s[self.i] == "{":
            self.i += 1
            while True:
                self.skip_blank()
                if s[self.i] == "}":
                    self.i += 1
                    return
                self.keyval(path)
                self.skip_blank()
                if s[self.i] == ",":
                    self.i += 1
        else:
            match = re.compile(r"[^,\]}\n#]+").match(s, self.i)
            if not match:
                raise ValueError("no value")
            self.i = match.end()

    def long_string(self, quote: str) -> None:
        self.i += 3
        while not self.s.startswith(quote, self.i):
            c = self.s[self.i]
            if c == "\n":
                self.line += 1
            self.i += 2 if quote == '"""' and c == "\\" else 1
            if c == "\\" and self.s[self.i - 1] == "\n":
                self.line += 1
        self.i += 3
        # Up to two more quotes may belong to the string's content.
        for _extra in range(2):
            if self.s.startswith(quote[0], self.i):
                self.i += 1

    def skip_blank(self, newlines: bool = False) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in " \t\r":
                self.i += 1
            elif c == "\n" and newlines:
                self.line += 1
                self.i += 1
            elif c == "#" and newlines:
                end = s.find("\n", self.i)
                self.i = len(s) if end < 0 else end
            else:
                return

    def end_of_line(self) -> None:
        self.skip_blank()
        if self.i < len(self.s) and self.s[self.i] == "#":
            end = self.s.find("\n", self.i)
            self.i = len(self.s) if end < 0 else end

    def expect(self, token: str) -> None:
        self.skip_blank()
        if not self.s.startswith(token, self.i):
            raise ValueError(f"expected {token}")
        self.i += len(token)
