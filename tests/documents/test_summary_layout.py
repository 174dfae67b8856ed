"""The summary leads with what happens next, names the HR contacts first, and stays short."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader

from dialog_kit.config import Config
from dialog_kit.documents import build_summary_document, summary_pdf, summary_plain_text
from dialog_kit.documents.context import short_text
from dialog_kit.guides import GuideLibrary

from .conftest import LANGS, MakeTalk
from .same_text import assert_same_text, words


@dataclass(frozen=True)
class Contact:
    """What setup's HR contact holds (dialog_kit.config.HrContact): name, e-mail, phone."""

    name: str
    email: str = ""
    phone: str = ""


def with_contacts(config: Config, *contacts: Contact) -> Config:
    # Config.hr_contacts comes with issue 10's setup; documents read it through hr_contacts().
    object.__setattr__(config, "hr_contacts", contacts)
    return config


SECTION_TITLES = {
    "en": ["What we agreed", "Follow-up", "What we talked about", "Where to turn"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_next_steps_come_before_what_was_talked_about(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    doc = build_summary_document(make_talk(lang=lang).record, library, config)
    ids = [s.id for s in doc.sections]
    assert ids[:3] == ["actions", "follow-up", "notes"]
    assert ids.index("notes") < ids.index("about")
    if "resources" in ids:
        assert ids.index("notes") < ids.index("resources") < ids.index("about")
    text = words(summary_plain_text(doc))
    action = text.index("zqaction")
    assert action < text.index("zqshared")  # what to do is read before what was said


def test_named_hr_contacts_come_first_and_replace_the_generic_hr_partner(
    make_talk: MakeTalk, library: GuideLibrary
) -> None:
    config = with_contacts(
        Config(organisation="Norrviks kommun", country="se"),
        Contact("Maria Holm", "maria.holm@norrvik.se", "0123-45 67 89"),
        Contact("Ali Rezai", "", "0123-11 22 33"),
    )
    record = make_talk(lang="en").record
    doc = build_summary_document(record, library, config)
    places = next(s for s in doc.sections if s.id == "resources").blocks[1]
    names = [item.name for item in places.items]  # type: ignore[union-attr]
    assert names[:2] == ["Maria Holm", "Ali Rezai"]
    assert places.items[0].contact == "maria.holm@norrvik.se, 0123-45 67 89"  # type: ignore[union-attr]
    assert places.items[1].contact == "0123-11 22 33"  # type: ignore[union-attr]
    assert "HR partner" not in names
    text = assert_same_text(doc, summary_pdf(record, library, config))
    assert text.index("Maria Holm") < text.index("Ali Rezai")


def test_without_named_contacts_the_hr_partner_resource_stays(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    record = make_talk(lang="en").record
    doc = build_summary_document(record, library, config)
    section = next(s for s in doc.sections if s.id == "resources")
    resources = library.resources_for(record.kind, record.profile)
    internal = [r.name("en") for r in resources if r.scope == "internal"]
    names = [item.name for item in section.blocks[1].items]  # type: ignore[union-attr]
    assert internal and all(name in names for name in internal)


def test_short_text_keeps_whole_sentences_within_the_limit() -> None:
    text = "One short sentence. A second one that is a little longer. A third."
    assert short_text(text, 20) == "One short sentence."
    assert short_text(text, 57) == "One short sentence. A second one that is a little longer."
    assert short_text(text, 1000) == text
    long = "A single sentence that is much longer than the limit allows"
    assert short_text(long, 10) == long  # never cut inside a sentence


def scopes(data: bytes) -> list[tuple[str, str]]:
    """(/S of the parent of the row, /Scope) of every /TH in the structure tree."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    found: list[tuple[str, str]] = []

    def walk(node: Any, parents: tuple[str, ...], depth: int = 0) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        role = str(node.get("/S", ""))
        if role == "/TH":
            attributes = node["/A"].get_object()
            found.append((parents[-2], str(attributes.get("/Scope", "none"))))
        kids = node.get("/K")
        if kids is not None and depth < 40:
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object"):
                    walk(kid, (*parents, role), depth + 1)

    walk(root["/StructTreeRoot"], ())
    return found


def test_action_table_headers_say_what_they_head(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    found = scopes(summary_pdf(make_talk(actions=3).record, library, config))
    assert found.count(("/THead", "/Column")) == 4  # what, owner, due, done
    assert found.count(("/TBody", "/Row")) == 3  # each action heads its own row
    assert len(found) == 7


@pytest.mark.parametrize("lang", LANGS)
def test_an_ordinary_final_talk_fits_on_two_pages(lang: str) -> None:
    """A note in every phase, three actions, a follow-up and the employee's answer section:
    the summary's own style keeps it to two pages (scripts/summary_pages.py measures all)."""
    from dialog_kit.guides import load_library
    from scripts.summary_pages import ordinary_talk

    library = load_library()
    config = Config(organisation="Norrviks kommun", manager_name="Karin Berg", country="se")
    record = ordinary_talk(library, "development", "general", lang)
    record.lock()
    data = summary_pdf(record, library, config)
    assert len(PdfReader(io.BytesIO(data)).pages) == 2
