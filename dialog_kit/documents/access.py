"""The GDPR article 15 access report: everything the vault holds about one employee."""

from __future__ import annotations

from collections.abc import Iterable

from dialog_kit.briefings import Briefing
from dialog_kit.config import Config
from dialog_kit.documents.context import access_records, build_access_report
from dialog_kit.documents.render import render_pdf
from dialog_kit.guides import GuideLibrary
from dialog_kit.people import PersonEntry
from dialog_kit.record import Record

__all__ = ["access_records", "access_report_pdf"]


def access_report_pdf(
    records: Iterable[Record],
    employee_name: str,
    library: GuideLibrary,
    config: Config,
    lang: str,
    *,
    unreadable: int = 0,
    person: PersonEntry | None = None,
    briefings: Iterable[Briefing] = (),
) -> bytes:
    """A PDF of every record about `employee_name` among `records`, every note of every level.

    `records` may be the whole vault: only the employee's records are used.
    `unreadable` damaged record files are stated in the document itself.
    With `person`, `records` are that person's talks (chosen by id) and the
    register entry is in the report, with the group `briefings` they were invited to.
    """
    context = build_access_report(
        records, employee_name, library, config, lang, unreadable=unreadable, person=person,
        briefings=briefings,
    )  # fmt: skip
    return render_pdf("access.html", context)
