"""Fixtures for the document tests: a small guide library and talks with marked notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

import dialog_kit.guides.load as guides_load
from dialog_kit.config import Config
from dialog_kit.guides import GuideLibrary, load_library
from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Visibility, new_record

DATA = Path(__file__).resolve().parent / "data"
KINDS = [k.value for k in Kind]
LANGS = ["sv", "da", "en"]


@pytest.fixture
def library(monkeypatch: pytest.MonkeyPatch) -> GuideLibrary:
    """Only the small guides in tests/documents/data, whatever the built-in folder holds."""
    monkeypatch.setattr(guides_load, "checklists_dir", lambda: DATA)
    lib = load_library()
    assert not lib.problems, lib.problems
    return lib


@pytest.fixture
def config() -> Config:
    return Config(organisation="Norrviks kommun", manager_name="Karin Berg", country="se")


@dataclass
class Marked:
    """A talk whose every note and action carries a unique marker word."""

    record: Record
    shared: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # private and HR
    actions: list[str] = field(default_factory=list)


MakeTalk = Callable[..., Marked]


@pytest.fixture
def make_talk(library: GuideLibrary) -> MakeTalk:
    def make(
        kind: str = "development",
        lang: str = "en",
        profile: str = "general",
        notes_per_phase: int = 1,
        actions: int = 2,
        follow_up: date | None = date(2027, 9, 15),
    ) -> Marked:
        guide = library.guide_for_kind(kind)
        record = new_record(
            Kind(kind),
            GuideRef(guide.id, guide.version),
            Person("Åsa Lindqvist", "Undersköterska"),
            Person("Karin Berg", "Enhetschef"),
            lang,
            date(2027, 3, 3),
            profile=profile,
        )
        talk = Marked(record)
        tag = kind.replace("-", "")
        for n, phase in enumerate(guide.phases):
            for i in range(notes_per_phase):
                mark = f"zqshared{tag}{n}x{i}"
                record.add_note(phase.id, f"We spoke about {mark} and more.", Visibility.SHARED)
                talk.shared.append(mark)
            for vis in (Visibility.PRIVATE, Visibility.HR):
                mark = f"zq{vis.value}{tag}{n}"
                record.add_note(phase.id, f"Only for {mark} eyes.", vis)
                talk.hidden.append(mark)
        for i in range(actions):
            mark = f"zqaction{tag}{i}"
            record.actions.append(
                Action(f"Do {mark}", "Åsa", date(2027, 5, 1 + i) if i % 2 == 0 else None, i == 1)
            )
            talk.actions.append(mark)
        record.follow_up = follow_up
        return talk

    return make


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, whitespace removed, so line breaks cannot split a marker."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)
