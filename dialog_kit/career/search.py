"""Finds career paths: by words in any of their texts, by area, by a person's profile and role."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from dialog_kit.career.model import CareerPath, Programme

LANGS = ("sv", "da", "en")


def fold(text: str) -> str:
    """Lower case without accents, so "forstelarare" finds "förstelärare"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def path_words(path: CareerPath, programmes: dict[str, Programme] | None = None) -> str:
    """Every searchable word of a path, in every language, folded."""
    texts = [path.id, *path.roles]
    for text in (path.title, path.summary):
        texts.extend(text.get(lang) for lang in LANGS)
    for step in path.steps:
        for each in (step.title, step.what, step.how, *step.competences):
            texts.extend(each.get(lang) for lang in LANGS)
        for pid in step.programmes:
            if programmes and pid in programmes:
                texts.extend(programmes[pid].title.get(lang) for lang in LANGS)
    return fold(" ".join(texts))


def fits_person(path: CareerPath, profile: str | None, role: str | None) -> bool:
    """Whether a path is one for someone of `profile` in `role`.

    A path names the profiles it fits (none: all) and words of the roles it
    starts from (none: any role); a person fits when the profile is one of them
    and, where the path names roles, a role word is in the person's role.
    """
    if profile and path.profiles and profile not in path.profiles:
        return False
    if role and path.roles:
        folded = fold(role)
        return any(fold(word) in folded for word in path.roles)
    return True


def search(
    paths: Iterable[CareerPath],
    query: str = "",
    *,
    area: str | None = None,
    profile: str | None = None,
    role: str | None = None,
    programmes: dict[str, Programme] | None = None,
) -> list[CareerPath]:
    """The paths that hold every word of `query` and fit the filters, in the catalogue's order."""
    words = fold(query).split()
    found = []
    for path in paths:
        if area and path.area != area:
            continue
        if not fits_person(path, profile, role):
            continue
        if words:
            haystack = path_words(path, programmes)
            if not all(word in haystack for word in words):
                continue
        found.append(path)
    return found
