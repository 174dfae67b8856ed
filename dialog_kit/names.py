"""The one way names are compared: Unicode NFC, case folded, spacing collapsed.

"Zoë" typed on one keyboard and "Zoe\u0308" pasted from another system are the
same person; so are "anna  karlsson" and "Anna Karlsson". Every comparison of
names (access reports, handover, the previous talk, the list filter) goes
through `name_key`, so no command can miss a talk that another one finds.
"""

from __future__ import annotations

import unicodedata

__all__ = ["name_contains", "name_key", "same_name"]


def name_key(name: str) -> str:
    """The form two names are compared in: NFC, case folded, runs of spacing made one space.

    Case folding can itself produce decomposed characters, so NFC is applied on
    both sides of it.
    """
    folded = unicodedata.normalize("NFC", name).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


def same_name(a: str, b: str) -> bool:
    """Whether `a` and `b` name the same person: whole names, never a part of one."""
    return name_key(a) == name_key(b)


def name_contains(name: str, needle: str) -> bool:
    """Whether `needle` occurs in `name` (a search box, not an identification)."""
    return name_key(needle) in name_key(name)
