"""What reaches employees is right for the organisation's country, agreement and sector, the kind
of talk and the profile (issue 11): the shipped guides, as printed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

import pytest

from dialog_kit.config import Config
from dialog_kit.documents import build_preparation, build_summary, preparation_pdf, summary_pdf
from dialog_kit.guides import AGREEMENTS, SECTORS, GuideLibrary, Text, load_library
from dialog_kit.record import GuideRef, Kind, Person, Record, new_record

from .conftest import KINDS, LANGS, pdf_text


@dataclass(frozen=True)
class OrgConfig(Config):
    """Config with the setup answers issue 10 adds (agreement, sector), as org_scope reads them."""

    agreement: str = ""
    sector: str = ""


@pytest.fixture(scope="module")
def builtin() -> GuideLibrary:
    library = load_library()
    assert not library.problems, library.problems
    return library


def _record(builtin: GuideLibrary, kind: str, profile: str, lang: str = "sv") -> Record:
    guide = builtin.guide_for_kind(kind)
    return new_record(
        Kind(kind), GuideRef(guide.id, guide.version), Person("Åsa"), Person("Karin"), lang,
        date(2027, 3, 3), profile=profile,
    )  # fmt: skip


def _names(builtin: GuideLibrary, kind: str, profile: str, config: Config) -> list[str]:
    return [
        r.name
        for r in build_summary(_record(builtin, kind, profile, "en"), builtin, config).resources
    ]


# -- SOKstiftelsen ---------------------------------------------------------------------


def _employee_texts(library: GuideLibrary) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the resources, profiles and guides, in every language."""

    def texts(where: str, value: object) -> Iterator[tuple[str, str]]:
        if isinstance(value, Text):
            for lang in ("sv", "da", "en"):
                yield f"{where}.{lang}", value.get(lang)
        elif isinstance(value, tuple):
            for i, entry in enumerate(value):
                yield from texts(f"{where}[{i}]", entry)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                yield from texts(f"{where}.{name}", getattr(value, name))

    for kind in ("resources", "profiles", "guides"):
        for ident, entry in getattr(library, kind).items():
            yield from texts(f"{kind}.{ident}", entry)


def test_sokstiftelsen_has_its_own_address_never_the_olympic_committees(
    builtin: GuideLibrary,
) -> None:
    assert urlparse(builtin.resources["sok"].url).hostname == "www.sokstiftelsen.se"
    for resource in builtin.resources.values():
        host = urlparse(resource.url).hostname or ""
        assert host not in ("sok.se", "www.sok.se"), resource.id


def test_sok_alone_is_never_written_for_the_foundation(builtin: GuideLibrary) -> None:
    # "SOKstiftelsen" and the agreement's own name "SOK-avtalet" are fine; "SOK" alone is the
    # Swedish Olympic Committee.
    alone = re.compile(r"\bSOK\b(?!stiftelsen|-avtal)")
    found = [(where, text) for where, text in _employee_texts(builtin) if alone.search(text)]
    assert not found, found[:3]


@pytest.mark.parametrize("lang", LANGS)
def test_a_swedish_dancers_summary_prints_sokstiftelsen_se(
    builtin: GuideLibrary, lang: str
) -> None:
    record = _record(builtin, "career-change", "performing-arts", lang)
    text = pdf_text(summary_pdf(record, builtin, OrgConfig(country="se", agreement="trs")))
    assert "https://www.sokstiftelsen.se" in text and "SOKstiftelsen" in text
    assert "sok.se" not in text.replace("sokstiftelsen.se", "")


# -- scheme scoping by agreement and kind --------------------------------------------


@pytest.mark.parametrize("kind", ["career-change", "exit"])
def test_a_dancer_never_gets_the_municipal_fund_nor_a_care_assistant_trs(
    builtin: GuideLibrary, kind: str
) -> None:
    dancer = _names(builtin, kind, "performing-arts", OrgConfig(country="se", agreement="trs"))
    assert "Trygghetsrådet TRS (Sweden)" in dancer
    assert not [n for n in dancer if "Omställningsfonden" in n or "TSN" in n], dancer
    carer = _names(builtin, kind, "welfare", OrgConfig(country="se", agreement="kom-kr"))
    assert any("Omställningsfonden" in n for n in carer), carer
    assert not [n for n in carer if "TRS" in n or "TSN" in n or "SOK" in n], carer
    state = _names(builtin, kind, "general", OrgConfig(country="se", agreement="tsn"))
    assert "Trygghetsstiftelsen TSN (Sweden)" in state
    assert not [n for n in state if "TRS" in n or "Omställningsfonden" in n], state


def test_without_a_known_agreement_no_transition_fund_is_named(builtin: GuideLibrary) -> None:
    for config in (Config(country="se"), OrgConfig(country="se", agreement="")):
        names = _names(builtin, "exit", "welfare", config)
        assert not [n for n in names if re.search("Omställningsfonden|TRS|TSN", n)], names
    # An agreement from another country is not believed either.
    names = _names(builtin, "exit", "welfare", OrgConfig(country="dk", agreement="kom-kr"))
    assert not [n for n in names if "Omställningsfonden" in n], names


@pytest.mark.parametrize("agreement", sorted(AGREEMENTS))
def test_an_ordinary_development_talk_lists_no_transition_fund(
    builtin: GuideLibrary, agreement: str
) -> None:
    for profile in builtin.profiles:
        names = _names(
            builtin, "development", profile, OrgConfig(country="se", agreement=agreement)
        )
        assert not [n for n in names if re.search("Omställningsfonden|TRS|TSN", n)], names


# -- the country of every statement -------------------------------------------------------

SWEDISH = {"sv": "expedieras", "da": "expedierat", "en": "sent or handed to you"}
DANISH = "aktindsigt"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_public_record_statement_belongs_to_the_organisations_country(
    builtin: GuideLibrary, kind: str, lang: str
) -> None:
    record = _record(builtin, kind, "general", lang)
    swedish = build_summary(record, builtin, Config(country="se")).statement
    assert SWEDISH[lang] in swedish and "allmän handling" in swedish and DANISH not in swedish
    danish = build_summary(record, builtin, Config(country="dk")).statement
    assert DANISH in danish and "allmän handling" not in danish
    assert "uddannelse" in danish or "utbildning" in danish or "education" in danish
    other = build_summary(record, builtin, Config(country="other")).statement
    assert DANISH not in other and "allmän handling" not in other
    # The old, legally wrong wording never returns.
    assert "lämnas ut" not in swedish


# -- Denmark -----------------------------------------------------------------------------


@pytest.mark.parametrize("sector", ["", *SECTORS])
@pytest.mark.parametrize("kind", KINDS)
def test_a_danish_organisation_gets_only_danish_or_international_resources(
    builtin: GuideLibrary, kind: str, sector: str
) -> None:
    for profile in builtin.profiles:
        record = _record(builtin, kind, profile, "da")
        config = OrgConfig(country="dk", sector=sector)
        for row in build_summary(record, builtin, config).resources:
            resource = next(r for r in builtin.resources.values() if r.name.da == row.name)
            assert not resource.countries or set(resource.countries) & {"dk", "intl"}, resource.id
            assert resource.id != "sok"


def test_a_danish_dancer_is_pointed_to_danish_help_not_only_iotpd(builtin: GuideLibrary) -> None:
    names = _names(builtin, "career-change", "performing-arts", OrgConfig(country="dk"))
    for expected in ("eVejledning (Denmark)", "The Royal Danish Ballet Foundation (Denmark)"):
        assert expected in names, names
    assert any("Skuespillerforbund" in n for n in names) and any("Musiker" in n for n in names)


def test_each_competence_fund_reaches_its_own_sector_only(builtin: GuideLibrary) -> None:
    municipal = _names(
        builtin, "development", "welfare", OrgConfig(country="dk", sector="municipality")
    )
    regional = _names(builtin, "development", "welfare", OrgConfig(country="dk", sector="region"))
    assert any("Kommunale Kompetencefond" in n for n in municipal)
    assert not any("Regionale" in n for n in municipal)
    assert any("Regionale Kompetencefond" in n for n in regional)
    assert not any("Kommunale" in n for n in regional)


# -- the career-change preparation sheet ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_preparation_sheet_prints_the_confidential_contacts(
    builtin: GuideLibrary, lang: str
) -> None:
    swedish = build_preparation(
        "career-change", "performing-arts", builtin, OrgConfig(country="se"), lang
    )
    assert swedish.contacts and all(c.confidential for c in swedish.contacts)
    assert "https://www.sokstiftelsen.se" in [c.url for c in swedish.contacts]
    text = pdf_text(
        preparation_pdf("career-change", "performing-arts", builtin, OrgConfig(country="se"), lang)
    )
    assert "SOKstiftelsen" in text and "sokstiftelsen.se" in text
    danish = build_preparation(
        "career-change", "performing-arts", builtin, Config(country="dk"), lang
    )
    names = " ".join(c.name for c in danish.contacts)
    assert "eVejledning" in names and "SOK" not in names


def test_the_first_question_does_not_assume_the_employee_wants_to_change(
    builtin: GuideLibrary,
) -> None:
    sheet = build_preparation("career-change", "general", builtin, Config(), "en")
    first = sheet.questions[0]
    assert "change" not in first.lower()
    assert "carrying on as now" in first
