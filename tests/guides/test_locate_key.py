"""The line finder: every key path of a TOML file maps to the line where it is written."""

from __future__ import annotations

import tomllib

import pytest

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
