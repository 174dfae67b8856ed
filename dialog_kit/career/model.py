"""The career-path catalogue's content model: programmes, paths, their steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dialog_kit.guides.model import GuideProblem, Text

PROGRAMME_KINDS: tuple[str, ...] = ("trainee", "aspirant", "mentoring", "rotation", "exchange",
                                    "other")  # fmt: skip
"""What a programme is; the site groups and labels programmes by these."""

AREAS: tuple[str, ...] = ("elderly-care", "health-care", "social-services", "schools",
                          "performing-arts", "other")  # fmt: skip
"""Where in the organisation a path belongs: the site's and the catalogue's filter."""

DIRECTIONS: tuple[str, ...] = ("deeper", "broader", "lead", "new-field")
"""Which way a path goes: deeper in one's field, broader, into leading, or into a new field."""


@dataclass(frozen=True)
class Programme:
    """A programme paths can name: trainee, aspirant, mentoring, rotation, exchange."""

    id: str
    kind: str
    title: Text
    what: Text
    length: Text | None = None
    contact: str = ""
    url: str = ""


@dataclass(frozen=True)
class Step:
    """One step of a path: what it is, what it asks, how to get there, and what it pays."""

    id: str
    title: Text
    what: Text
    competences: tuple[Text, ...]
    how: Text
    time: Text | None = None
    pay: Text | None = None
    programmes: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class CareerPath:
    id: str
    title: Text
    summary: Text
    area: str
    direction: str
    steps: tuple[Step, ...]
    profiles: tuple[str, ...] = ()  # the role profiles it fits; empty: every profile
    roles: tuple[str, ...] = ()  # words in a person's role that it starts from (any language)
    url: str = ""  # where to read more (the intranet page), if the organisation has one
    source: Path = field(default=Path(), compare=False)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass
class CareerCatalogue:
    """The paths and programmes in force, with the problems of the files they came from."""

    paths: dict[str, CareerPath] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)
    examples: bool = False  # a file in force says its content is an example to adapt
    problems: list[GuideProblem] = field(default_factory=list)

    def path(self, path_id: str) -> CareerPath | None:
        return self.paths.get(path_id)

    def programmes_of(self, path: CareerPath) -> list[Programme]:
        """The programmes a path's steps name, each once, in the order first named."""
        seen: dict[str, Programme] = {}
        for step in path.steps:
            for pid in step.programmes:
                if pid in self.programmes and pid not in seen:
                    seen[pid] = self.programmes[pid]
        return list(seen.values())
