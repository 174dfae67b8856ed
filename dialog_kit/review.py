"""Before a summary goes out: what the manager may have forgotten, as the review shows it.

The TUI's review screen and (later) the CLI use the same lines; no Textual here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialog_kit.i18n import _, get_language, ngettext
from dialog_kit.record import Record

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary


def language_in(code: str, lang: str) -> str:
    """The name of language `code` as a sentence in `lang` says it: "Swedish", "svenska", "svensk".

    Not the language's own name ("Svenska"): "in Svenska" is not English.
    """
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return str(name) if name else code


def review_warnings(record: Record, library: GuideLibrary, country: str | None = None) -> list[str]:
    """What the manager may have forgotten before the summary goes out: one line each."""
    from dialog_kit.documents.context import shared_with_employee, summary_guide

    warnings = []
    guide = summary_guide(record, library)
    lang = get_language()
    if guide is not None:
        missing: list[tuple[str, int]] = []
        # Only what this talk shows is required: its stage's phases, its country's items.
        for phase in guide.for_country(country).phases_for(record.stage):
            ticked = record.phases[phase.id].ticked if phase.id in record.phases else []
            count = sum(1 for i in phase.required_items() if i.id not in ticked)
            if count:
                missing.append((phase.title.get(lang), count))
        if missing:
            warnings.append(
                ngettext(
                    "{count} required item not ticked, in: {phases}.",
                    "{count} required items not ticked, in: {phases}.",
                    sum(c for _p, c in missing),
                ).format(
                    count=sum(c for _p, c in missing),
                    phases=", ".join(f"{p} ({c})" for p, c in missing),
                )
            )
    if not shared_with_employee(record)[0]:
        warnings.append(_("No note is marked [shared]: the summary has no notes."))
    if record.follow_up is None:
        warnings.append(_("No follow-up date is set."))
    return warnings
