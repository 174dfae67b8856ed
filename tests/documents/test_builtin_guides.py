"""The documents made from the shipped guides, profiles and resources (checklists/)."""

from __future__ import annotations

from datetime import date

import pytest

from dialog_kit.config import Config
from dialog_kit.documents import build_preparation, build_summary, summary_pdf
from dialog_kit.guides import GuideLibrary, load_library
from dialog_kit.record import GuideRef, Kind, Person, Visibility, new_record

from .conftest import KINDS, LANGS, pdf_text


@pytest.fixture(scope="module")
def builtin() -> GuideLibrary:
    library = load_library()
    assert not library.problems, library.problems
    return library


@pytest.mark.parametrize("kind", KINDS)
def test_summary_from_the_shipped_guide(kind: str, builtin: GuideLibrary) -> None:
    guide = builtin.guide_for_kind(kind)
    record = new_record(
        Kind(kind), GuideRef(guide.id, guide.version), Person("Åsa"), Person("Karin"), "sv",
        date(2027, 3, 3), profile="performing-arts",
    )  # fmt: skip
    for n, phase in enumerate(guide.phases):
        record.add_note(phase.id, f"zqshared{n}", Visibility.SHARED)
        record.add_note(phase.id, f"zqprivate{n}", Visibility.PRIVATE)
        record.add_note(phase.id, f"zqhr{n}", Visibility.HR)
    text = pdf_text(summary_pdf(record, builtin, Config(country="se")))
    for n, phase in enumerate(guide.phases):
        assert f"zqshared{n}" in text and "".join(phase.title.sv.split()) in text
        assert f"zqprivate{n}" not in text and f"zqhr{n}" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_profile_gives_a_summary_and_a_preparation_sheet(
    kind: str, lang: str, builtin: GuideLibrary
) -> None:
    guide = builtin.guide_for_kind(kind)
    for profile in builtin.profiles:
        record = new_record(
            Kind(kind), GuideRef(guide.id, guide.version), Person("Åsa"), Person("Karin"), lang,
            date(2027, 3, 3), profile=profile,
        )  # fmt: skip
        for country in ("se", "dk", "other"):
            context = build_summary(record, builtin, Config(country=country))
            assert context.statement and context.lang == lang
        prep = build_preparation(kind, profile, builtin, Config(), lang)
        assert len(prep.questions) >= len(guide.preparation.questions) > 0
        assert prep.intro == guide.preparation.intro(lang)


def test_a_career_change_points_to_confidential_advice(builtin: GuideLibrary) -> None:
    guide = builtin.guide_for_kind("career-change")
    for profile in builtin.profiles:
        record = new_record(
            Kind.CAREER_CHANGE, GuideRef(guide.id, guide.version), Person("Åsa"), Person("Karin"),
            "sv", date(2027, 3, 3), profile=profile,
        )  # fmt: skip
        resources = build_summary(record, builtin, Config(country="se")).resources
        assert any(r.confidential for r in resources), profile
