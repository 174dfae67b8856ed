"""The group handout: the scheme and contacts of the country, in one language, naming no one."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialog_kit.config import Config, HrContact
from dialog_kit.documents.handout import build_handout, handout_pdf
from dialog_kit.errors import UsageError
from dialog_kit.guides import GuideLibrary, load_library

from .conftest import LANGS, pdf_text
from .test_pdf import embedded_font_files, structure
from .test_pdfua import findings

ARTS = "performing-arts"


@pytest.fixture(scope="module")
def builtin() -> GuideLibrary:
    library = load_library()
    assert not library.problems
    return library


def _config(country: str) -> Config:
    return Config(
        organisation="Norrlandsoperan" if country == "se" else "Det Kongelige Teater",
        manager_name="Karin Zqmanager",
        manager_role="Balettchef",
        country=country,
        hr_contacts=(HrContact("HR-funktionen", "hr@example.org", ""),),
    )


def _squeezed(text: str) -> str:
    return "".join(text.split())


LEAD = {"sv": "Allaidittyrkehär", "da": "Alleiditfagher", "en": "Everyoneinyourprofession"}
GROUP = {
    "sv": "informationtilldansare",
    "da": "informationtildansere",
    "en": "informationfordancers",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_swedish_dancers_handout_has_the_window_and_sokstiftelsen(
    builtin: GuideLibrary, lang: str, tmp_path: Path
) -> None:
    data = handout_pdf(builtin, _config("se"), lang, ARTS, "dancer")
    text = pdf_text(data)
    assert LEAD[lang] in text and GROUP[lang] in text
    assert "SOKstiftelsen" in text and "sokstiftelsen.se" in text
    assert "sok.se" not in text.replace("sokstiftelsen.se", "")  # never the Olympic Committee
    assert (
        _squeezed(
            {
                "sv": "från 35 års ålder tills du fyller 43",
                "da": "fra du er 35, til du fylder 43",
                "en": "from the age of 35 until you turn 43",
            }[lang]
        )
        in text
    )
    assert "Danmark" not in text and "Denmark" not in text  # no Danish resource
    assert "IOTPD" not in text  # only the career-change's first stage's contacts
    root, reader = structure(data)
    assert root["/Lang"] == lang and "/StructTreeRoot" in root
    assert reader.metadata is not None and reader.metadata.author == "Norrlandsoperan"
    assert "missing" not in embedded_font_files(reader)
    assert findings(data, tmp_path, "handout.pdf") == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_danish_handout_has_the_danish_facts_and_contacts_and_no_swedish_scheme(
    builtin: GuideLibrary, lang: str, tmp_path: Path
) -> None:
    data = handout_pdf(builtin, _config("dk"), lang, ARTS, "dancer")
    text = pdf_text(data)
    assert "DanskSkuespillerforbund" in text and "eVejledning" in text
    assert "denkongeligedanskeballetsfond.dk" in text  # the ballet's fund, from the career fact
    assert "40" in text  # the retirement age, with the note to check it
    assert (
        _squeezed(
            {
                "sv": "Kontrollera vad som gäller nu",
                "da": "hvad der gælder nu",
                "en": "what applies now",
            }[lang]
        )
        in text
    )
    assert "SOKstiftelsen" not in text and "35" not in text  # the Swedish window is not Denmark's
    assert findings(data, tmp_path, "handout.pdf") == []


def test_a_musicians_handout_never_shows_another_professions_window(
    builtin: GuideLibrary,
) -> None:
    context = build_handout(builtin, _config("se"), "en", ARTS, "musician")
    lines = " ".join(line for scheme in context.schemes for line in scheme.lines)
    assert "from the age of 55 until you turn 64" in lines
    assert "35 until" not in lines and "45 until" not in lines
    assert context.title == "Career transition – information for musicians"


def test_an_organisation_of_no_known_country_gets_no_national_scheme(
    builtin: GuideLibrary,
) -> None:
    context = build_handout(builtin, _config("other"), "en", ARTS, "dancer")
    assert context.schemes == ()
    text = pdf_text(handout_pdf(builtin, _config("other"), "en", ARTS, "dancer"))
    assert "Weknowofnoagewindowforyourprofessionhere" in text
    assert "SOKstiftelsen" not in text and "Dansk" not in text


@pytest.mark.parametrize("country", ["se", "dk"])
def test_the_handout_holds_no_personal_data(builtin: GuideLibrary, country: str) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    data = handout_pdf(builtin, _config(country), "sv", ARTS, "dancer")
    # Nothing of the manager in the text or the metadata, nor of any employee: it takes none.
    assert b"Zqmanager" not in data
    reader = PdfReader(BytesIO(data))
    assert "Zqmanager" not in str(reader.metadata)
    assert "Zqmanager" not in pdf_text(data) and "Balettchef" not in pdf_text(data)


def test_an_unknown_profession_is_refused(builtin: GuideLibrary) -> None:
    with pytest.raises(UsageError):
        build_handout(builtin, _config("se"), "en", ARTS, "juggler")
    with pytest.raises(UsageError):
        build_handout(builtin, _config("se"), "en", "no-such-profile", "dancer")
    with pytest.raises(UsageError):
        build_handout(builtin, _config("se"), "fr", ARTS, "dancer")


def test_markup_in_an_organisations_guide_is_text_and_loads_nothing(builtin: GuideLibrary) -> None:
    from dataclasses import replace

    from dialog_kit.documents.handout import build_handout
    from dialog_kit.documents.render import html_to_pdf, render_html
    from dialog_kit.guides.model import Text

    hostile = '<img src="https://evil.example/x.png"><b>Zqbold</b>'
    sok = builtin.resources["sok"]
    library = replace(
        builtin,
        resources={**builtin.resources, "sok": replace(sok, what=Text(hostile, hostile, hostile))},
    )
    html = render_html("handout.html", build_handout(library, _config("se"), "en", ARTS, "dancer"))
    assert "<b>Zqbold" not in html and "&lt;b&gt;Zqbold" in html
    seen: list[str] = []
    text = pdf_text(html_to_pdf(html, fetched=seen))
    assert "<b>Zqbold</b>" in text
    assert not any("evil.example" in url for url in seen)


def test_a_union_for_another_profession_is_not_on_the_handout(builtin: GuideLibrary) -> None:
    names = {
        profession: {c.name for c in build_handout(builtin, _config("dk"), "da", ARTS,
                                                   profession).contacts}
        for profession in ("dancer", "musician")
    }  # fmt: skip
    assert "Dansk Skuespillerforbund" in names["dancer"]
    assert "Dansk Musiker Forbund" not in names["dancer"]
    assert "Dansk Musiker Forbund" in names["musician"]
    assert "Dansk Skuespillerforbund" not in names["musician"]
    assert "eVejledning" in names["dancer"] & names["musician"]  # for everyone


def test_a_resource_for_an_unknown_profession_is_a_problem_at_its_line(
    tmp_path: Path, repo_root: Path
) -> None:
    from dialog_kit.guides import validate_path

    for name in ("resources.toml", "profiles.toml", "development.toml", "career-change.toml",
                 "exit.toml"):  # fmt: skip
        text = (repo_root / "checklists" / name).read_text(encoding="utf-8")
        if name == "resources.toml":
            text = text.replace('professions = ["musician"]', 'professions = ["juggler"]')
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = [p for p in validate_path(tmp_path) if not p.warning]
    assert len(problems) == 1 and problems[0].key.endswith("professions[0]"), problems
    assert problems[0].line is not None and "juggler" in problems[0].message
