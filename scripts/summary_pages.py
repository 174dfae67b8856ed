"""Counts the pages of the employee's summary for every shipped guide, profile and language.

An ordinary talk: a two-line shared note in every phase of the guide, three
agreed actions and a follow-up date, the organisation in Sweden (the most
national schemes). Each is made as a draft (before locking) and as a final
summary (locked, with the employee's answer section), with and without one
named HR contact. Run it with `.venv/bin/python scripts/summary_pages.py`;
`--json` prints the counts for a script.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter
from datetime import date

from pypdf import PdfReader

from dialog_kit.config import Config, HrContact
from dialog_kit.documents import summary_pdf
from dialog_kit.guides import GuideLibrary, load_library
from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Visibility, new_record

LANGS = ("sv", "da", "en")


def ordinary_talk(library: GuideLibrary, kind: str, profile: str, lang: str) -> Record:
    """A two-line shared note in every phase, three actions, a follow-up."""
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
    for phase in guide.phases:
        record.add_note(
            phase.id,
            "We talked about how the past months went and what the next step needs.\n"
            "We agreed to come back to it at the follow-up.",
            Visibility.SHARED,
        )
    record.actions += [
        Action("Take the course in dementia care this spring", "Åsa", date(2027, 5, 1)),
        Action("Find a mentor among the specialist nurses", "Karin", date(2027, 4, 15)),
        Action("Try the new rota for three months", "Åsa and Karin", None),
    ]
    record.follow_up = date(2027, 9, 15)
    return record


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def measure(library: GuideLibrary, config: Config) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for kind in (k.value for k in Kind):
        for profile in library.profiles:
            for lang in LANGS:
                record = ordinary_talk(library, kind, profile, lang)
                draft = pages(summary_pdf(record, library, config))
                record.lock()
                final = pages(summary_pdf(record, library, config))
                rows.append(
                    {"kind": kind, "profile": profile, "lang": lang, "draft": draft, "final": final}
                )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args()
    library = load_library()
    base = Config(organisation="Norrviks kommun", manager_name="Karin Berg", country="se")
    named = Config(
        organisation="Norrviks kommun",
        manager_name="Karin Berg",
        country="se",
        hr_contacts=(HrContact("Eva Holm", "eva.holm@example.se", "040-123 45"),),
    )
    results = {"no HR contact": measure(library, base), "one HR contact": measure(library, named)}
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return 0
    for title, rows in results.items():
        print(f"# {title}")
        print(f"{'kind':<14}{'profile':<17}{'lang':<6}{'draft':>6}{'final':>6}")
        for row in rows:
            print(
                f"{row['kind']!s:<14}{row['profile']!s:<17}{row['lang']!s:<6}"
                f"{row['draft']!s:>6}{row['final']!s:>6}"
            )
        for which in ("draft", "final"):
            counts = Counter(int(str(row[which])) for row in rows)
            spread = ", ".join(f"{n} of {p} pages" for p, n in sorted(counts.items()))
            print(f"{which}: {spread}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
