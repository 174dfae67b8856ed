"""The people commands: setup, people list|add|show|edit|merge|forget, and team."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dialog_kit.cli.common import EXIT_OK, CliContext, Parser, add_command
from dialog_kit.errors import UsageError
from dialog_kit.i18n import LANGUAGES, _, ngettext

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.listing import Talk, TalkSummary
    from dialog_kit.people import PersonEntry, Register
    from dialog_kit.record import Record
    from dialog_kit.vault import ListResult, Vault


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    from dialog_kit.config import AGREEMENTS, COUNTRIES, SECTORS

    setup = add_command(
        sub, "setup", _("your name and role, the organisation, its country, HR contacts"), run_setup
    )
    setup.add_argument("--name", metavar="N", help=_("your name"))
    setup.add_argument("--role", metavar="R", help=_("your role or title"))
    setup.add_argument(
        "--email", metavar="E", help=_("your e-mail address (the organiser of invitations)")
    )
    setup.add_argument("--organisation", metavar="O", help=_("the organisation's name"))
    setup.add_argument("--country", choices=COUNTRIES, help=_("the organisation's country"))
    setup.add_argument("--sector", choices=SECTORS, help=_("the organisation's sector"))
    setup.add_argument(
        "--agreement",
        choices=(*AGREEMENTS, "none"),
        help=_("the transition agreement you are under (none: no agreement)"),
    )
    setup.add_argument(
        "--hr-contact",
        action="append",
        metavar='"NAME <EMAIL> PHONE"',
        help=_("an HR contact employees may turn to (repeat for several; replaces the list)"),
    )
    setup.add_argument("--language", choices=LANGUAGES, help=_("the interface language"))
    setup.add_argument(
        "--time-zone",
        metavar="TZ",
        help=_("the time zone of your talks, e.g. Europe/Stockholm (default: by country)"),
    )
    setup.add_argument(
        "--cadence-months",
        type=int,
        metavar="N",
        help=_("months between development talks (default 12)"),
    )

    people = add_command(sub, "people", _("the person register: who you talk with"), None)
    actions = people.add_subparsers(
        dest="people_action", metavar="ACTION", parser_class=Parser, required=True
    )
    listing = actions.add_parser("list", help=_("one line per person"))
    listing.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    listing.add_argument("--all", action="store_true", help=_("former staff too"))
    listing.set_defaults(handler=run_people_list)

    add = actions.add_parser("add", help=_("add a person; prints the new id"))
    add.add_argument("--name", metavar="N", required=True, help=_("the person's name"))
    _person_options(add)
    add.set_defaults(handler=run_people_add)

    show = actions.add_parser("show", help=_("the register entry and every talk with them"))
    show.add_argument("person", metavar="PERSON", help=_person_help())
    show.add_argument("--json", action="store_true", help=_("print it as JSON"))
    show.set_defaults(handler=run_people_show)

    edit = actions.add_parser("edit", help=_("change a person's entry"))
    edit.add_argument("person", metavar="PERSON", help=_person_help())
    edit.add_argument("--name", metavar="N", help=_("the person's name"))
    _person_options(edit)
    active = edit.add_mutually_exclusive_group()
    active.add_argument(
        "--active", dest="active", action="store_true", default=None, help=_("works for you")
    )
    active.add_argument(
        "--inactive", dest="active", action="store_false", help=_("no longer works for you")
    )
    edit.set_defaults(handler=run_people_edit)

    merge = actions.add_parser("merge", help=_("one person entered twice: keep the first"))
    merge.add_argument("keep", metavar="PERSON", help=_("the entry to keep"))
    merge.add_argument("gone", metavar="PERSON", help=_("the duplicate; its talks move over"))
    merge.set_defaults(handler=run_people_merge)

    forget = actions.add_parser(
        "forget", help=_("erase the person and every talk with them (GDPR erasure)")
    )
    forget.add_argument("person", metavar="PERSON", help=_person_help())
    forget.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    forget.set_defaults(handler=run_people_forget)

    team = add_command(
        sub, "team", _("one line per person: last talk, next due, why, open actions"), run_team
    )
    team.add_argument("--json", action="store_true", help=_("print the rows as JSON"))


def _person_help() -> str:
    return _("an id, a unique start of one, or a name (case and accents ignored)")


def _person_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", metavar="R", help=_("their role"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("their language (documents)"))
    parser.add_argument("--profile", metavar="P", help=_("the guide profile (default general)"))
    parser.add_argument(
        "--profession", metavar="X", help=_("a profession the profile lists (dancer, ...)")
    )
    parser.add_argument("--birth-year", type=int, metavar="Y", help=_("year of birth"))
    parser.add_argument("--employee-number", metavar="NR", help=_("employee number"))


# -- setup -----------------------------------------------------------------------


def run_setup(ctx: CliContext) -> int:
    from dialog_kit.config import HrContact, config_path, load_config, needs_setup, save_settings

    args = ctx.args
    values: dict[str, object] = {}
    for option, key in (
        ("name", "manager_name"),
        ("role", "manager_role"),
        ("email", "manager_email"),
        ("organisation", "organisation"),
        ("country", "country"),
        ("sector", "sector"),
        ("language", "language"),
        ("cadence_months", "cadence_months"),
        ("time_zone", "time_zone"),
    ):
        value = getattr(args, option)
        if value is not None:
            values[key] = value.strip() if isinstance(value, str) else value
    if args.agreement is not None:
        values["agreement"] = None if args.agreement == "none" else args.agreement
    if args.hr_contact is not None:
        values["hr_contacts"] = [HrContact.parse(text) for text in args.hr_contact]
    if values:
        path = save_settings(values)
        print(_("Saved the setup in {path}.").format(path=path))
    config = load_config(config_path()) if values else ctx.config
    print(_setup_text(config))
    if needs_setup(config):
        print(_("Still missing: {what}.").format(what=", ".join(_missing(config))), file=sys.stderr)
    return EXIT_OK


def _missing(config: Any) -> list[str]:
    missing = []
    if not config.manager_name.strip():
        missing.append("--name")
    if not config.organisation.strip():
        missing.append("--organisation")
    if not config.country:
        missing.append("--country")
    return missing


def _setup_text(config: Any) -> str:
    unset = _("(not set)")
    rows = [
        (_("Name"), config.manager_name or unset),
        (_("Role"), config.manager_role or unset),
        (_("E-mail"), config.manager_email or unset),
        (_("Organisation"), config.organisation or unset),
        (_("Country"), config.country or unset),
        (_("Sector"), config.sector or unset),
        (_("Agreement"), config.agreement or unset),
        (_("Language"), config.language or unset),
        (_("Time zone"), config.zone_name),
        (
            _("Cadence"),
            ngettext("{n} month", "{n} months", config.cadence_months).format(
                n=config.cadence_months
            ),
        ),
    ]
    lines = [f"{label}: {value}" for label, value in rows]
    if config.hr_contacts:
        lines.append(_("HR contacts:"))
        lines += [f"  {contact}" for contact in config.hr_contacts]
    else:
        lines.append(f"{_('HR contacts:')} {unset}")
    return "\n".join(lines)


# -- the register ----------------------------------------------------------------


def _open(ctx: CliContext) -> Vault:
    from dialog_kit.cli.vault_cmd import _open as open_vault

    return open_vault(ctx)


def _library(ctx: CliContext) -> GuideLibrary | None:
    from dialog_kit.errors import DialogKitError
    from dialog_kit.guides import load_library

    try:
        return load_library(ctx.config.guides_dir)
    except (DialogKitError, OSError):
        return None


def load_people(vault: Vault) -> tuple[Register, list[Record]]:
    """The register with every readable talk tied to a person, and the talks."""
    people, listing = load_people_listing(vault)
    return people, listing.records


def load_people_listing(vault: Vault) -> tuple[Register, ListResult]:
    """load_people, with the damaged files of the listing (already reported) kept."""
    from dialog_kit.cli.vault_cmd import _report_damaged

    listing = vault.list_records()
    _report_damaged(listing.damaged)
    return _synced(vault, listing.records), listing


def load_people_talks(vault: Vault) -> tuple[Register, list[TalkSummary]]:
    """load_people from the listing index: the talks' summaries, not the whole records."""
    from dialog_kit.cli.vault_cmd import _report_damaged

    listing = vault.list_talks()
    _report_damaged(listing.damaged)
    return _synced(vault, listing.talks), listing.talks


def _synced(vault: Vault, talks: Sequence[Talk]) -> Register:
    register, report = vault.sync_people(talks)
    for item in report.to_confirm:
        label = _("to confirm")
        print(f"dialog-kit: {label}: {item.describe()}", file=sys.stderr)
    return register


def resolve_person(register: Register, query: str) -> PersonEntry:
    """The one person `query` names; several are listed with their ids (exit 2)."""
    from dialog_kit.people import AmbiguousPersonError

    try:
        return register.resolve(query)
    except AmbiguousPersonError as exc:
        for person in exc.matches:
            print(f"  {person.id}  {_line(person)}", file=sys.stderr)
        raise


def _line(person: PersonEntry) -> str:
    parts = [person.name, person.role, person.profile]
    if not person.active:
        parts.append(_("(former)"))
    return "  ".join(p for p in parts if p)


def run_people_list(ctx: CliContext) -> int:
    with _open(ctx) as vault:
        people, _records = load_people(vault)
    shown = sorted(
        (p for p in people.people if p.active or ctx.args.all),
        key=lambda p: (p.name.casefold(), p.id),
    )
    if ctx.args.json:
        rows = [_entry_json(p) for p in shown]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for person in shown:
        print(f"{person.id}  {_line(person)}")
    if not shown:
        print(_("dialog-kit: the register holds nobody yet."), file=sys.stderr)
    return EXIT_OK


def _entry_json(person: PersonEntry) -> dict[str, Any]:
    data = person.to_dict()
    del data["dealt_with"]
    return data


def _checked_fields(ctx: CliContext, profile: str, profession: str | None) -> None:
    from dialog_kit.people import check_profession, check_profile

    library = _library(ctx)
    check_profile(library, profile)
    check_profession(library, profile, profession)


def run_people_add(ctx: CliContext) -> int:
    args = ctx.args
    profile = args.profile or "general"
    _checked_fields(ctx, profile, args.profession)
    with _open(ctx) as vault:
        people, _records = load_people(vault)
        person = people.add(
            args.name,
            role=args.role or "",
            language=args.lang or _default_language(ctx),
            profile=profile,
            profession=args.profession or None,
            birth_year=args.birth_year,
            employee_number=args.employee_number,
        )
        vault.save_people(people)
    print(person.id)
    return EXIT_OK


def _default_language(ctx: CliContext) -> str:
    """A new person's language: the organisation's country's, else the interface language."""
    return {"se": "sv", "dk": "da"}.get(ctx.config.country or "", ctx.language)


def run_people_show(ctx: CliContext) -> int:
    from dialog_kit.cli.vault_cmd import kind_label, status_label
    from dialog_kit.clock import today
    from dialog_kit.guides import org_scope
    from dialog_kit.team import person_row, talks_by_person

    with _open(ctx) as vault:
        people, records = load_people(vault)
        briefings = vault.load_briefings()
    person = resolve_person(people, ctx.args.person)
    talks = talks_by_person(people, records).by_person.get(person.id, [])
    library = _library(ctx)
    row = person_row(
        person,
        talks,
        library,
        ctx.config.cadence_months,
        today(),
        org_scope(ctx.config).country,
        briefings,
    )
    if ctx.args.json:
        data = {
            "person": _entry_json(person),
            "talks": [
                {
                    "id": r.id,
                    "date": r.date.isoformat(),
                    "kind": r.kind.value,
                    "status": r.status.value,
                    "name": r.employee.name,
                    "role": r.employee.role,
                    "follow_up": r.follow_up.isoformat() if r.follow_up else None,
                }
                for r in talks
            ],
            "team": row.to_json(),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    fields = [
        (_("Role"), person.role or "–"),
        (_("Language"), person.language),
        (_("Profile"), person.profile),
    ]
    if person.profession:
        fields.append((_("Profession"), person.profession))
    if person.birth_year is not None:
        fields.append((_("Year of birth"), str(person.birth_year)))
    if person.employee_number:
        fields.append((_("Employee number"), person.employee_number))
    out = [f"{person.name}  ({person.id})", *(f"{label}: {value}" for label, value in fields)]
    if not person.active:
        out.append(_("No longer works for you."))
    found = library.profile(person.profile) if library is not None else None
    titles = {w.id: w.title(ctx.language) for w in found.windows} if found else {}
    for window_id, day in row.informed:
        out.append(
            _("{window}: informed on {date} (group briefing)").format(
                window=titles.get(window_id, window_id), date=day.isoformat()
            )
        )
    out += ["", _("Talks")]
    for record in talks:
        out.append(
            "  ".join(
                [
                    record.id[:8],
                    record.date.isoformat(),
                    kind_label(record.kind.value),
                    status_label(record.status.value),
                ]
            )
        )
    if not talks:
        out.append("  " + _("none yet"))
    if row.open_actions:
        out += ["", _("Open actions")]
        for record, action in row.open_actions:
            due = f", {action.due.isoformat()}" if action.due else ""
            out.append(f"  [ ] {action.what} ({action.owner}{due})  {record.id[:8]}")
    next_label, why_label = _("Next due"), _("Why")
    out += ["", f"{next_label}: {row.next_due.isoformat() if row.next_due else '–'}"]
    if row.reasons:
        out.append(f"{why_label}: {', '.join(row.reasons)}")
    print("\n".join(out))
    return EXIT_OK


def run_people_edit(ctx: CliContext) -> int:
    args = ctx.args
    changes: dict[str, Any] = {}
    for option, key in (
        ("name", "name"),
        ("role", "role"),
        ("lang", "language"),
        ("profile", "profile"),
        ("profession", "profession"),
        ("birth_year", "birth_year"),
        ("employee_number", "employee_number"),
        ("active", "active"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[key] = value
    if "profession" in changes and changes["profession"] == "":
        changes["profession"] = None
    if not changes:
        raise UsageError(_("Nothing to change"), _("Give at least one field to change."))
    with _open(ctx) as vault:
        people, _records = load_people(vault)
        person = resolve_person(people, args.person)
        profile = changes.get("profile", person.profile)
        profession = changes.get("profession", person.profession)
        _checked_fields(ctx, profile, profession)
        people.edit(person.id, **changes)
        vault.save_people(people)
    print(_("Changed {id}.").format(id=person.id))
    return EXIT_OK


def run_people_merge(ctx: CliContext) -> int:
    from dialog_kit.errors import InputError

    with _open(ctx) as vault:
        people, records = load_people(vault)
        keep = resolve_person(people, ctx.args.keep)
        gone = resolve_person(people, ctx.args.gone)
        if keep.id == gone.id:
            raise InputError(
                _("Same person"),
                _(
                    "Both name {id}: a person cannot be merged with themselves; nothing changed."
                ).format(id=keep.id),
            )
        talks = people.talks_of(gone.id, records)
        moved = len(talks)
        briefings = vault.load_briefings()
        people.merge(keep.id, gone.id)
        # The register first: until each talk is saved naming `keep`, the register's
        # index ties it there (a talk naming an entry that is gone falls back to it).
        vault.save_people(people)
        if briefings.of_person(gone.id):
            briefings.merge(keep.id, gone.id)
            vault.save_briefings(briefings)
        for record in talks:
            if record.person is not None and vault.has_record(record.id):
                record.link_person(keep.id)
                vault.save(record)
    print(
        ngettext(
            "Merged {gone} into {keep}: {count} talk moved.",
            "Merged {gone} into {keep}: {count} talks moved.",
            moved,
        ).format(gone=gone.id, keep=keep.id, count=moved)
    )
    return EXIT_OK


def run_people_forget(ctx: CliContext) -> int:
    from dialog_kit.cli.vault_cmd import _confirm

    with _open(ctx) as vault:
        people, records = load_people(vault)
        person = resolve_person(people, ctx.args.person)
        talks = [r.id for r in people.talks_of(person.id, records)]
        # A talk whose file cannot be read right now is still theirs by the index.
        talks += [rid for rid in people.talk_ids(person.id) if rid not in talks]
        question = _("Erase {name} ({id}) and every talk with them ({count})?").format(
            name=person.name, id=person.id, count=len(talks)
        )
        if not _confirm(question, ctx.args.yes):
            print(_("Nothing was erased."))
            return EXIT_OK
        # The talks go first: a crash in between leaves the entry (forget again), never
        # talks without an entry that the next unlock would tie to a new person.
        briefings = vault.load_briefings()
        for record_id in talks:
            if vault.has_record(record_id):
                vault.delete(record_id)
        if briefings.of_person(person.id):  # their place in the group briefings goes too
            briefings.forget(person.id)
            vault.save_briefings(briefings)
        people.remove(person.id)
        vault.save_people(people)
    erased = ngettext("Erased {id} and {count} talk.", "Erased {id} and {count} talks.", len(talks))
    print(erased.format(id=person.id, count=len(talks)))
    return EXIT_OK


# -- team ---------------------------------------------------------------------------


def run_team(ctx: CliContext) -> int:
    from dialog_kit.cli.vault_cmd import kind_label
    from dialog_kit.clock import today
    from dialog_kit.team import team_rows

    with _open(ctx) as vault:
        people, records = load_people_talks(vault)
        briefings = vault.load_briefings()
    from dialog_kit.guides import org_scope

    rows = team_rows(
        people,
        records,
        _library(ctx),
        ctx.config.cadence_months,
        today(),
        org_scope(ctx.config).country,
        briefings,
    )
    if ctx.args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        last = (
            f"{row.last_talk.date.isoformat()} {kind_label(row.last_talk.kind.value)}"
            if row.last_talk
            else _("no talk yet")
        )
        due = row.next_due.isoformat() if row.next_due else "–"
        mark = "! " if row.overdue else "  "
        reasons = ", ".join(row.reasons)
        actions = _("{count} open").format(count=len(row.open_actions)) if row.open_actions else ""
        print(
            "  ".join(
                part
                for part in (mark + row.person.id, row.person.name, last, due, reasons, actions)
            ).rstrip()
        )
    if not rows:
        print(_("dialog-kit: nobody in the team yet (dialog-kit people add)."), file=sys.stderr)
    return EXIT_OK
