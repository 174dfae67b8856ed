"""Text from records, guides and file names made safe to print in a terminal.

Names, notes, guide texts and file names come from files that others may have
written. Printed raw, an escape sequence clears the screen or retitles the
window, a carriage return overwrites a line, a newline forges a list line, and
a right-to-left override (U+202E) makes "gpj.exe" read as "exe.jpg". Every
piece of such text goes through `visible` before it reaches the terminal: those
characters are shown as escapes (`\\x1b`, `\\u202e`) instead of acting.

The escapes are also valid JSON string escapes, so JSON output passed through
`visible` still parses to the same values.
"""

from __future__ import annotations

import re

# C0 controls and DEL; C1 controls (U+0080-U+009F, which some terminals obey as
# CSI and OSC); the line and paragraph separators; and the bidirectional
# embeddings, overrides, isolates and marks.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_UNSAFE_INLINE = re.compile(f"[{_UNSAFE}\n\t]")
_UNSAFE_BLOCK = re.compile(f"[{_UNSAFE}]")


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    named = _NAMED.get(char)
    if named:
        return named
    # \xNN only for C0 and DEL; everything else as \uNNNN, which JSON reads back too.
    return f"\\x{code:02x}" if code < 0x20 or code == 0x7F else f"\\u{code:04x}"


def visible(text: object, *, lines: bool = False) -> str:
    """`text` with control and bidi characters shown as escapes.

    With `lines=True` newlines and tabs are kept (a multi-line note, a message of
    several lines); otherwise they are escaped too, so one value stays on one line.
    """
    pattern = _UNSAFE_BLOCK if lines else _UNSAFE_INLINE
    return pattern.sub(_escape, str(text))


def visible_json(text: str) -> str:
    """JSON text with the characters json.dumps leaves raw (C1, bidi, DEL) escaped.

    json.dumps already escapes C0 controls; what remains unsafe can only be inside
    strings, where `\\uNNNN` means the same character, so the JSON is unchanged.
    """
    return _UNSAFE_BLOCK.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


__all__ = ["visible", "visible_json"]
