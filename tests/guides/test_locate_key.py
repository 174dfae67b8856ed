"""The line finder: every key path of a TOML file maps to the line where it is written."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialog_kit.guides import key_lines, locate_key

TEXT = """\
format = 1 # a comment with = and [brackets]
id = "x"
title.sv = "a # not a comment"
"title".da = 'b'
title . en = "c"

[preparation]
intro = { sv = "x", da = "y", en = "z" }

[[preparation.questions]]
id = "q1"
text.sv = \"\"\"multi
line with [[phases]] and "quotes" \\\"\"\"
still\"\"\"
text.da = '''literal
id = "fake"
'''
text.en = "e"

[[phases]]   # first
id = "p"

[[phases.items]]
id = "i1"
kinds = [
  "a", # comment
  "b",
  { x = 1 },
]

[[ phases.items ]]
id = "i2"

[[phases]]
id = "p2"

[[phases.items]]
id = "j"

[phases.extra]
foo.bar = 1
"""

EXPECTED = {
    "format": 1,
    "id": 2,
    "title": 3,
    "title.sv": 3,
    "title.da": 4,
    "title.en": 5,
    "preparation": 7,
    "preparation.intro.da": 8,
    "preparation.questions[0]": 10,
    "preparation.questions[0].id": 11,
    "preparation.questions[0].text.sv": 12,
    "preparation.questions[0].text.da": 15,
    "preparation.questions[0].text.en": 18,
    "phases[0]": 20,
    "phases[0].id": 21,
    "phases[0].items[0].id": 24,
    "phases[0].items[0].kinds[0]": 26,
    "phases[0].items[0].kinds[1]": 27,
    "phases[0].items[0].kinds[2].x": 28,
    "phases[0].items[1]": 31,
    "phases[0].items[1].id": 32,
    "phases[1]": 34,
    "phases[1].id": 35,
    "phases[1].items[0].id": 38,
    "phases[1].extra": 40,
    "phases[1].extra.foo.bar": 41,
}


def test_the_sample_is_valid_toml() -> None:
    tomllib.loads(TEXT)


@pytest.mark.parametrize(("key", "line"), sorted(EXPECTED.items()))
def test_each_key_path_has_its_line(key: str, line: int) -> None:
    assert key_lines(TEXT)[key] == line


def test_multi_line_strings_hide_what_looks_like_keys() -> None:
    index = key_lines(TEXT)
    assert "phases[2]" not in index
    assert "preparation.questions[0].id" in index and index["preparation.questions[0].id"] == 11


def test_a_missing_key_gets_the_line_of_its_table() -> None:
    lines = TEXT.splitlines()
    assert locate_key(lines, "phases[1].purpose.sv") == 34
    assert locate_key(lines, "phases[0].items[1].text.da") == 31
    assert locate_key(lines, "summary") is None


def test_never_raises_on_text_it_cannot_follow() -> None:
    assert key_lines('a = "unterminated\n[[x') == {"a": 1}
    assert key_lines("") == {}
    assert key_lines("[[") == {}


# -- property: whatever a guide-like file looks like, every key is found on its line -----------

_keys = st.sampled_from(["id", "text", "hint", "stage", "required", "title", "purpose", "x-y_z"])
_plain = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\'), max_size=12
)
_tricky = st.sampled_from(["a # b", "[[phases]]", "x = 1", "{ }", 'quote \\" in', "tab\\t", "]"])


@st.composite
def _value(draw: st.DrawFn, path: str, line: int, lines: dict[str, int]) -> list[str]:
    """A TOML value written in one of the styles guide files use; returns its text lines."""
    style = draw(st.sampled_from(["basic", "literal", "multi", "int", "bool", "inline", "array"]))
    text = draw(_plain | _tricky)
    if style == "basic":
        return [f'"{text}"']
    if style == "literal":
        return ["'" + text.replace("'", "").replace("\\", "") + "'"]
    if style == "multi":
        body = draw(st.lists(_plain | _tricky, min_size=1, max_size=3))
        return (
            ['"""' + body[0], *body[1:-1], body[-1] + '"""']
            if len(body) > 1
            else [f'"""{body[0]}"""']
        )
    if style == "int":
        return [str(draw(st.integers(-5, 5)))]
    if style == "bool":
        return ["true"]
    if style == "inline":
        for lang in ("sv", "da", "en"):
            lines[f"{path}.{lang}"] = line
        return ['{ sv = "a", da = "b", en = "c" }']
    count = draw(st.integers(0, 3))
    out = ["["]
    for i in range(count):
        lines[f"{path}[{i}]"] = line + 1 + i
        out.append(f'  "{draw(_plain)}", # comment {i}')
    return [*out, "]"]


@st.composite
def _table_body(draw: st.DrawFn, prefix: str, first_line: int) -> tuple[list[str], dict[str, int]]:
    out: list[str] = []
    lines: dict[str, int] = {}
    for key in draw(st.lists(_keys, max_size=4, unique=True)):
        path = f"{prefix}.{key}" if prefix else key
        line = first_line + len(out)
        if draw(st.booleans()):  # dotted keys, as texts are written: title.sv = "…"
            for lang in ("sv", "da", "en"):
                lines[f"{path}.{lang}"] = first_line + len(out)
                out.append(f'{key}.{lang} = "{draw(_plain)}"')
            lines[path] = line
            continue
        lines[path] = line
        value = draw(_value(path, line, lines))
        out.extend([f"{key} = {value[0]}", *value[1:]])
        if draw(st.booleans()):
            out.append("")
    return out, lines


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, dict[str, int]]:
    text, expected = draw(_table_body("", 1))
    for array in draw(st.lists(st.sampled_from(["phases", "resources"]), max_size=2, unique=True)):
        for i in range(draw(st.integers(0, 3))):
            expected[f"{array}[{i}]"] = len(text) + 1
            text.append(f"[[{array}]]" if draw(st.booleans()) else f"[[ {array} ]]  # #{i}")
            body, lines = draw(_table_body(f"{array}[{i}]", len(text) + 1))
            text.extend(body)
            expected.update(lines)
            for j in range(draw(st.integers(0, 2))):
                expected[f"{array}[{i}].items[{j}]"] = len(text) + 1
                text.append(f"[[{array}.items]]")
                body, lines = draw(_table_body(f"{array}[{i}].items[{j}]", len(text) + 1))
                text.extend(body)
                expected.update(lines)
    return "\n".join(text) + "\n", expected


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_every_written_key_is_found_on_its_line(document: tuple[str, dict[str, int]]) -> None:
    text, expected = document
    tomllib.loads(text)  # the generator writes valid TOML
    found = key_lines(text)
    for path, line in expected.items():
        assert found.get(path) == line, (path, text)
