"""Every employee document passes an independent PDF/UA-1 check (the pdfua package), not only ours.

pdfua checks a machine-checkable subset (16 of 106 rules); a finding of any
severity fails the test, so a warning such as header cells without /Scope
is caught too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfua import validate

from dialog_kit.config import Config
from dialog_kit.documents import access_report_pdf, preparation_pdf, summary_pdf
from dialog_kit.guides import GuideLibrary

from .conftest import KINDS, LANGS, MakeTalk


def findings(data: bytes, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    report = validate(str(path))
    return [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_summary_passes_pdfua(
    kind: str, lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config,
    tmp_path: Path,
) -> None:  # fmt: skip
    talk = make_talk(kind, lang=lang, actions=3)
    data = summary_pdf(talk.record, library, config, signatures=True)
    assert findings(data, tmp_path, "summary.pdf") == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_preparation_sheet_and_access_report_pass_pdfua(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config, tmp_path: Path
) -> None:
    prep = preparation_pdf("development", "general", library, config, lang)
    assert findings(prep, tmp_path, "prep.pdf") == []
    talk = make_talk(lang=lang)
    access = access_report_pdf([talk.record], "Åsa Lindqvist", library, config, lang)
    assert findings(access, tmp_path, "access.pdf") == []
