"""The age-group commands: cohorts, and briefing add|list|handout (informing a whole group)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dialog_kit.cli.common import EXIT_OK, CliContext, Parser, add_command
from dialog_kit.errors import UsageError
from dialog_kit.i18n import LANGUAGES, _, ngettext

if TYPE_CHECKING:
    from dialog_kit.cohorts import Cohort
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.people import PersonEntry, Register


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    cohorts = add_command(
        sub,
        "cohorts",
        _("the age groups to inform about career transition this year or next"),
        run_cohorts,
    )
    cohorts.add_argument("--json", action="store_true", help=_("print the groups as JSON"))

    briefing = add_command(sub, "briefing", _("group briefings: informing a whole age group"), None)
    actions = briefing.add_subparsers(
        dest="briefing_action", metavar="ACTION", parser_class=Parser, required=True
    )
    add = actions.add_parser("add", help=_("record a briefing that was held; prints its id"))
    add.add_argument(
        "--cohort", metavar="ID", required=True, help=_("the age group (see 'dialog-kit cohorts')")
    )
    add.add_argument(
        "--date", metavar="YYYY-MM-DD", type=_day, help=_("the day it was held (default: today)")
    )
    add.add_argument(
        "--invited",
        metavar="PERSON",
        nargs="+",
        help=_("who was invited (default: everyone in the age group)"),
    )
    add.add_argument(
        "--attended",
        metavar="PERSON",
        nargs="+",
        default=[],
        help=_("who came: they count as informed on that day"),
    )
    add.add_argument(
        "--handout",
        metavar="LANG",
        nargs="*",
        choices=LANGUAGES,
        help=_("the group handout was given out (in these languages; default the group's)"),
    )
    add.add_argument(
        "--material",
        metavar="TEXT",
        action="append",
        default=[],
        help=_("anything else handed out (repeat for several)"),
    )
    add.set_defaults(handler=run_briefing_add)

    inform = actions.add_parser(
        "inform", help=_("someone who missed a briefing was given the same information later")
    )
    inform.add_argument("briefing", metavar="BRIEFING", help=_("the briefing's id (or its start)"))
    inform.add_argument("people", metavar="PERSON", nargs="+", help=_("who was informed"))
    inform.add_argument(
        "--date", metavar="YYYY-MM-DD", type=_day, help=_("the day (default: today)")
    )
    inform.set_defaults(handler=run_briefing_inform)

    listing = actions.add_parser("list", help=_("one line per briefing"))
    listing.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    listing.set_defaults(handler=run_briefing_list)

    handout = actions.add_parser(
        "handout", help=_("write the group handout (a PDF that names no one)")
    )
    handout.add_argument(
        "group",
        metavar="COHORT",
        help=_("an age group's id (dancer-1993-1994) or a profession (dancer)"),
    )
    handout.add_argument("--pdf", metavar="OUT", required=True, help=_("the PDF file to write"))
    handout.add_argument(
        "--lang",
        dest="doc_lang",
        choices=LANGUAGES,
        help=_("document language (default: the organisation's country's)"),
    )
    handout.add_argument(
        "--force", action="store_true", help=_("replace the output file if it exists")
    )
    handout.set_defaults(handler=run_briefing_handout)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date (YYYY-MM-DD)").format(value=text[:20])
        ) from None


def _country(ctx: CliContext) -> str | None:
    from dialog_kit.guides import org_scope

    return org_scope(ctx.config).country


def _group_language(ctx: CliContext) -> str:
    """The language of the organisation's country, else the interface language."""
    return {"se": "sv", "dk": "da"}.get(ctx.config.country or "", ctx.language)


def _guides(ctx: CliContext) -> GuideLibrary:
    from dialog_kit.cli.documents_cmd import _library

    return _library(ctx)


# -- cohorts -----------------------------------------------------------------------


def run_cohorts(ctx: CliContext) -> int:
    from dialog_kit.cli.people_cmd import _open, load_people
    from dialog_kit.clock import today
    from dialog_kit.cohorts import current_cohorts

    library = _guides(ctx)
    with _open(ctx) as vault:
        people, _records = load_people(vault)
        briefings = vault.load_briefings()
    found = current_cohorts(people, library, _country(ctx), today(), briefings)
    lang = ctx.language
    if ctx.args.json:
        print(json.dumps([c.to_json(lang) for c in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    for cohort in found:
        print(_cohort_line(cohort, lang))
        for member in cohort.members:
            if member.informed_on is not None:
                state = _("informed on {date}").format(date=member.informed_on.isoformat())
            else:
                state = _("not yet informed")
            print(
                f"  {member.person.id}  {member.person.name}  {member.person.birth_year}  {state}"
            )
    if not found:
        print(_("dialog-kit: no age group to inform this year or next."), file=sys.stderr)
    return EXIT_OK


def _cohort_line(cohort: Cohort, lang: str) -> str:
    first, last = cohort.opens
    opens = str(first) if first == last else f"{first}–{last}"
    count = len(cohort.members)
    people = ngettext("{count} person", "{count} people", count).format(count=count)
    told = count - len(cohort.not_informed)
    parts = [
        cohort.id,
        cohort.group(lang),
        _("window opens {years}").format(years=opens),
        people,
        _("{count} informed").format(count=told),
    ]
    if cohort.pending:
        parts.append(_("to inform"))
    return "  ".join(parts)


# -- briefing add and list ---------------------------------------------------------


def _people(register: Register, queries: list[str]) -> list[PersonEntry]:
    from dialog_kit.cli.people_cmd import resolve_person

    chosen: dict[str, PersonEntry] = {}
    for query in queries:
        person = resolve_person(register, query)
        chosen.setdefault(person.id, person)
    return list(chosen.values())


def run_briefing_add(ctx: CliContext) -> int:
    from dialog_kit.briefings import MAX_MATERIALS, Briefing
    from dialog_kit.cli.people_cmd import _open, load_people
    from dialog_kit.clock import today
    from dialog_kit.cohorts import find_cohort

    args = ctx.args
    day = args.date or today()
    if day > today():
        raise UsageError(
            _("Not held yet"),
            _("A briefing is recorded once it has been held; {date} is in the future.").format(
                date=day.isoformat()
            ),
        )
    if len(args.material) > MAX_MATERIALS:
        raise UsageError(
            _("Too much"),
            _("At most {count} other materials per briefing.").format(count=MAX_MATERIALS),
        )
    handout = list(dict.fromkeys(args.handout or ())) or (
        [_group_language(ctx)] if args.handout is not None else []
    )
    library = _guides(ctx)
    with _open(ctx) as vault:
        people, _records = load_people(vault)
        briefings = vault.load_briefings()
        cohort = find_cohort(args.cohort, people, library, _country(ctx), briefings)
        if args.invited is None:
            invited = [m.person for m in cohort.members]
        else:
            invited = _people(people, args.invited)
        attended = _people(people, args.attended)
        # Whoever came was invited, whether or not the list said so.
        invited += [p for p in attended if p not in invited]
        if not invited:
            raise UsageError(
                _("Nobody invited"),
                _("Nobody is in this age group; name who was invited with --invited."),
            )
        members = {m.person.id for m in cohort.members}
        briefing = briefings.add(
            Briefing(
                date=day,
                cohort=cohort.id,
                profile=cohort.profile.id,
                window=cohort.window.id,
                country=cohort.country or "other",
                invited=[p.id for p in invited],
                attended=[p.id for p in attended],
                handout=handout,
                materials=list(args.material),
                informed={p.id: day for p in attended},
            )
        )
        vault.save_briefings(briefings)
    for person in invited:
        if person.id not in members:
            print(
                _("dialog-kit: note: {id} is not in this age group.").format(id=person.id),
                file=sys.stderr,
            )
    print(briefing.id)
    print(
        _("Recorded the briefing for the {group}: {invited} invited, {attended} attended.").format(
            group=cohort.group(ctx.language), invited=len(invited), attended=len(attended)
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def run_briefing_inform(ctx: CliContext) -> int:
    from dialog_kit.cli.people_cmd import _open, load_people
    from dialog_kit.clock import today

    args = ctx.args
    day = args.date or today()
    with _open(ctx) as vault:
        people, _records = load_people(vault)
        briefings = vault.load_briefings()
        briefing = briefings.get(args.briefing)
        if not briefing.date <= day <= today():
            raise UsageError(
                _("Bad date"),
                _("The day must lie between the briefing ({start}) and today.").format(
                    start=briefing.date.isoformat()
                ),
            )
        chosen = _people(people, args.people)
        for person in chosen:
            if person.id not in briefing.invited:
                briefing.invited.append(person.id)
            briefing.informed.setdefault(person.id, day)
        vault.save_briefings(briefings)
    print(
        ngettext(
            "Recorded {count} person as informed.", "Recorded {count} people as informed.",
            len(chosen),
        ).format(count=len(chosen)),
        file=sys.stderr,
    )  # fmt: skip
    return EXIT_OK


def run_briefing_list(ctx: CliContext) -> int:
    from dialog_kit.cli.people_cmd import _open

    with _open(ctx) as vault:
        briefings = vault.load_briefings()
    if ctx.args.json:
        rows = [b.to_dict() for b in briefings.items]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for b in briefings.items:
        handed = ", ".join([*(_("handout ({lang})").format(lang=lang) for lang in b.handout),
                            *b.materials])  # fmt: skip
        counts = _("{invited} invited, {attended} attended").format(
            invited=len(b.invited), attended=len(b.attended)
        )
        print(
            "  ".join(part for part in (b.id, b.date.isoformat(), b.cohort, counts, handed) if part)
        )
    if not briefings.items:
        print(_("dialog-kit: no briefing recorded yet."), file=sys.stderr)
    return EXIT_OK


# -- the handout ---------------------------------------------------------------------


def run_briefing_handout(ctx: CliContext) -> int:
    """The handout needs no vault: it is made from the guides and the settings alone."""
    from dialog_kit.cli.documents_cmd import _check_target, _written
    from dialog_kit.cohorts import find_cohort
    from dialog_kit.documents import write_document
    from dialog_kit.documents.handout import handout_pdf
    from dialog_kit.people import Register

    args = ctx.args
    pdf_path = Path(args.pdf)
    _check_target(pdf_path, args.force, ctx.vault_dir)
    library = _guides(ctx)
    group = args.group.strip()
    with_profession = [p for p in library.profiles.values() if group in p.professions]
    if with_profession:
        profile_id, profession = with_profession[0].id, group
    else:
        cohort = find_cohort(group, Register(), library, _country(ctx))
        profile_id, profession = cohort.profile.id, cohort.window.profession or None
    lang = args.doc_lang or _group_language(ctx)
    pdf = handout_pdf(library, ctx.config, lang, profile_id, profession)
    write_document(pdf_path, pdf, force=args.force)
    _written(pdf_path)
    return EXIT_OK
