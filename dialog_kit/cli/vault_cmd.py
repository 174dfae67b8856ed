"""The vault commands: init, list, new, show, passwd, recipients, settings, delete, purge, check,
handover, import."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dialog_kit.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CliContext,
    Parser,
    add_command,
    choose_passphrase,
)
from dialog_kit.cli.terminal import visible, visible_json
from dialog_kit.clock import today as clock_today
from dialog_kit.errors import UsageError, clip
from dialog_kit.i18n import _, format_date, ngettext

if TYPE_CHECKING:
    from dialog_kit.guides import Guide
    from dialog_kit.listing import Talk
    from dialog_kit.record import Record
    from dialog_kit.vault import DamagedFile, Secured, Vault


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    init = add_command(sub, "init", _("create a vault"), run_init)
    init.add_argument(
        "--work-factor",
        type=int,
        default=18,
        metavar="N",
        help=_("scrypt work factor for the passphrase, 10 to 22 (default 18)"),
    )

    listing = add_command(sub, "list", _("one line per record"), run_list)
    listing.add_argument("--json", action="store_true", help=_("print the list as JSON"))

    new = add_command(sub, "new", _("add a record from its JSON form; prints its id"), run_new)
    new.add_argument(
        "--from", dest="source", metavar="FILE.json", required=True, help=_("the record as JSON")
    )

    show = add_command(sub, "show", _("print one record (decrypted)"), run_show)
    show.add_argument("record_id", metavar="ID", help=_("the talk's id (or a unique start of it)"))
    show.add_argument("--json", action="store_true", help=_("print the record's JSON form"))

    passwd = add_command(sub, "passwd", _("change the passphrase"), run_passwd)
    passwd.add_argument(
        "--new-passphrase-file",
        metavar="F",
        help=_("read the new passphrase from file F (- for the next line of standard input)"),
    )
    passwd.add_argument(
        "--work-factor",
        type=int,
        metavar="N",
        help=_("scrypt work factor for the new passphrase, 10 to 22 (default: the vault's)"),
    )
    passwd.add_argument(
        "--allow-weaker",
        action="store_true",
        help=_("allow a work factor below the vault's lowest (or lowering it below 18)"),
    )

    recipients = add_command(
        sub, "recipients", _("extra recipients (age1...), for example HR's recovery key"), None
    )
    actions = recipients.add_subparsers(
        dest="recipients_action", metavar="ACTION", parser_class=Parser, required=True
    )
    add = actions.add_parser("add", help=_("add a recipient and re-encrypt every record"))
    add.add_argument("key", metavar="age1...")
    add.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    add.set_defaults(handler=run_recipients_add)
    remove = actions.add_parser("remove", help=_("remove a recipient and re-encrypt every record"))
    remove.add_argument("key", metavar="age1...")
    remove.set_defaults(handler=run_recipients_remove)
    actions.add_parser("list", help=_("list the recipients")).set_defaults(
        handler=run_recipients_list
    )
    actions.add_parser(
        "resume",
        help=_(
            "finish an unfinished change of recipients (without one: re-encrypt every record "
            "to the vault's recipients)"
        ),
    ).set_defaults(handler=run_recipients_resume)
    actions.add_parser(
        "abandon",
        help=_("undo an unfinished change: every record back to the vault's recipients"),
    ).set_defaults(handler=run_recipients_abandon)

    settings = add_command(
        sub, "settings", _("the vault's authenticated settings (vault.toml)"), None
    )
    settings_actions = settings.add_subparsers(
        dest="settings_action", metavar="ACTION", parser_class=Parser, required=True
    )
    settings_actions.add_parser(
        "show", help=_("show the settings and whether they were changed outside dialog_kit")
    ).set_defaults(handler=run_settings_show)
    accept = settings_actions.add_parser(
        "accept", help=_("show a change made outside dialog_kit, then keep it")
    )
    accept.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    accept.set_defaults(handler=run_settings_accept)
    restore = settings_actions.add_parser(
        "restore", help=_("show a change made outside dialog_kit, then undo it")
    )
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    restore.set_defaults(handler=run_settings_restore)

    delete = add_command(sub, "delete", _("erase one record"), run_delete)
    delete.add_argument(
        "record_id", metavar="ID", help=_("the talk's id (or a unique start of it)")
    )
    delete.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    purge = add_command(sub, "purge", _("erase completed records past retention"), run_purge)
    purge.add_argument(
        "--older-than",
        metavar="AGE",
        help=_("for example 24m or 2y (default: retention_months in the settings)"),
    )
    purge.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    add_command(sub, "check", _("verify every file of the vault"), run_check)

    handover = add_command(sub, "handover", _("copy records for a successor manager"), run_handover)
    handover.add_argument(
        "--to", dest="recipient", metavar="age1...", required=True,
        help=_("the successor's age recipient"),
    )  # fmt: skip
    handover.add_argument(
        "--person",
        action="append",
        metavar="PERSON",
        help=_("only the talks with this person (an id or a name; repeat for several)"),
    )
    handover.add_argument(
        "--employee", metavar="NAME", help=_("the same as --person (kept for scripts)")
    )
    handover.add_argument("--out", metavar="DIR", required=True, help=_("a new folder"))
    private = handover.add_mutually_exclusive_group()
    private.add_argument(
        "--with-private",
        action="store_true",
        help=_("hand over your private notes too (they are left out unless you ask)"),
    )
    private.add_argument(
        "--without-private",
        action="store_true",
        help=_("leave out your private notes (the default; kept for scripts)"),
    )

    take = add_command(
        sub, "import", _("take a handover into this vault (nothing is written unencrypted)"),
        run_import,
    )  # fmt: skip
    take.add_argument("folder", metavar="DIR", help=_("the folder that handover wrote"))


# -- helpers ---------------------------------------------------------------------------


def _open(
    ctx: CliContext, *, unlock: bool = True, upgrade: bool = True, finish: bool = True
) -> Vault:
    from dialog_kit.vault import Vault
    from dialog_kit.vault.notices import unlock_notices

    vault = Vault.open(ctx.vault_dir)
    if unlock:
        try:
            vault.unlock(ctx.passphrase(), upgrade=upgrade, finish_change=finish)
        except BaseException:
            vault.close()
            raise
        for _warning, text in unlock_notices(vault):
            _say(text)
    return vault


def keys_text(keys: tuple[str, ...] | list[str]) -> str:
    from dialog_kit.vault import notices  # the vault (and cryptography) only when needed

    return notices.keys_text(keys)


def settings_text(settings: Secured) -> str:
    from dialog_kit.vault import notices

    return notices.settings_text(settings)


def _say(message: str) -> None:
    # One line each: a file name holding a newline must not forge a second message.
    print(f"dialog-kit: {visible(message)}", file=sys.stderr)


def _report_damaged(damaged: list[DamagedFile]) -> None:
    for item in damaged:
        _say(_("damaged file {name}: {reason}").format(name=item.name, reason=item.reason))


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(
            _("Confirmation needed"),
            _("Standard input is not a terminal: add --yes to confirm."),
        )
    answer = input(question + " " + _("[y/N] ")).strip().casefold()
    return answer in ("y", "yes", _("y"), _("yes"))


def kind_label(kind: str) -> str:
    labels = {
        "development": _("Development review"),
        "career-change": _("Career conversation"),
        "exit": _("Exit interview"),
    }
    return labels.get(kind, kind)


def status_label(status: str) -> str:
    labels = {
        "planned": _("planned"),
        "in-progress": _("in progress"),
        "completed": _("completed"),
        "locked": _("locked"),
    }
    return labels.get(status, status)


def visibility_label(visibility: str) -> str:
    labels = {"private": _("private"), "shared": _("shared"), "hr": _("HR")}
    return labels.get(visibility, visibility)


def _line(record: Talk) -> str:
    return "  ".join(
        [
            record.id[:8],
            record.date.isoformat(),
            kind_label(record.kind.value),
            visible(record.employee.name),
            status_label(record.status.value),
        ]
    )


def _context_words(ctx: CliContext) -> tuple[str, ...]:
    """Words an attacker who knows the user would try: their name, organisation, folder."""
    config = ctx.config
    words = [config.manager_name, config.organisation, *ctx.vault_dir.parts[-3:]]
    return tuple(part for w in words if w for part in (w, *w.split()))


# -- commands ----------------------------------------------------------------------------


def run_init(ctx: CliContext) -> int:
    from dialog_kit.vault import MAX_WORK_FACTOR, MIN_WORK_FACTOR, Vault, VaultError

    if Vault.exists(ctx.vault_dir):
        raise VaultError(
            _("A vault already exists"),
            _("{path} already holds a vault; nothing was changed.").format(path=ctx.vault_dir),
        )
    work_factor = ctx.args.work_factor
    if not MIN_WORK_FACTOR <= work_factor <= MAX_WORK_FACTOR:
        raise UsageError(
            _("Bad work factor"),
            _("The work factor must be between {low} and {high}.").format(
                low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
            ),
        )
    passphrase = choose_passphrase(
        ctx.args.passphrase_file, _("New passphrase: "), context=_context_words(ctx)
    )
    with Vault.create(ctx.vault_dir, passphrase, work_factor=work_factor) as vault:
        print(_("Created a vault in {path}").format(path=vault.path))
        print(_("Its public recipient: {key}").format(key=vault.recipient))
    print(
        _(
            "Keep your passphrase safe: if it is lost, nobody can open the notes, unless a "
            "recovery recipient (for example HR's key) has been added with "
            "'dialog-kit recipients add age1...'."
        )
    )
    return EXIT_OK


def run_list(ctx: CliContext) -> int:
    with _open(ctx) as vault:
        listing = vault.list_talks()
    if ctx.args.json:
        rows = [talk.listing_json() for talk in listing.talks]
        print(visible_json(json.dumps(rows, ensure_ascii=False, indent=2)))
    else:
        for record in listing.talks:
            print(_line(record))
        if not listing.talks and not listing.damaged:
            _say(_("The vault holds no records yet."))
    _report_damaged(listing.damaged)
    return EXIT_FAILED if listing.damaged else EXIT_OK


def run_new(ctx: CliContext) -> int:
    """Adds a record; "person": "<id>" ties it to that person, else its "employee" is matched.

    The employee on the talk is matched to one person of the same normalised
    name and role, or added to the register as a new person; a name shared by
    several people needs "person". Bad input changes nothing (exit 2).
    """
    from dialog_kit.cli.people_cmd import load_people
    from dialog_kit.matching import match_or_add
    from dialog_kit.people import NoSuchPersonError
    from dialog_kit.record import MAX_RECORD_BYTES, Person, Record
    from dialog_kit.safe_files import UnsafeFileError, read_file
    from dialog_kit.vault import VaultError

    source = Path(ctx.args.source)
    try:
        # The user named this file: a link is followed, but not into a device or a pipe.
        text = read_file(source, MAX_RECORD_BYTES, follow_links=True)
    except UnsafeFileError as exc:
        raise UsageError(_("Cannot read the record"), exc.message) from None
    except OSError as exc:
        raise UsageError(
            _("Cannot read the record"), f"{clip(str(source))}: {exc.strerror}"
        ) from None
    data = _record_json(text, source.name)
    person_id = data.pop("person", None)
    if person_id is not None and not isinstance(person_id, str):
        raise UsageError(
            _("Bad record"), _("{source}.person: must be a person id.").format(source=source.name)
        )
    if "employee" in data:
        Record.from_dict(dict(data), source=source.name)  # a bad record stops before unlocking
    # Unlocked, although encrypting needs only public keys: without the identity nothing
    # can tell whether the recipients in vault.toml are the ones the manager set up (and
    # the register, which says who the talk is with, is encrypted).
    with _open(ctx) as vault:
        people, _records = load_people(vault)
        entry = None
        if person_id is not None:
            try:
                entry = people.get(person_id)
            except NoSuchPersonError:
                raise NoSuchPersonError(
                    _("No such person"),
                    _(
                        "{source}.person: nobody in the register has the id {id}; nothing changed."
                    ).format(source=source.name, id=person_id),
                ) from None
            if "employee" not in data:
                data["employee"] = {"name": entry.name, "role": entry.role}
                if entry.birth_year is not None:
                    data["employee"]["birth_year"] = entry.birth_year
        record = Record.from_dict(data, source=source.name)
        if vault.has_record(record.id):
            raise VaultError(
                _("Record exists"),
                _("The vault already holds a record with the id {id}; nothing was changed.").format(
                    id=record.id
                ),
            )
        added = False
        if entry is None:
            entry, added = match_or_add(
                people, Person(record.employee.name, record.employee.role), record
            )
        record.link_person(entry.id)
        people.assign(record.id, entry.id)
        # The register first: the talk never names a person the register lacks.
        vault.save_people(people)
        vault.save(record)
    if added:
        _say(_("Added a new person to the register: {id}.").format(id=entry.id))
    print(record.id)
    return EXIT_OK


def _record_json(text: bytes, source: str) -> dict[str, Any]:
    """The record file's JSON object, read by the record reader's strict rules (a key
    once, short numbers, no NaN), so that "person" can be taken out before the record
    is read; anything the reader would refuse is refused with its message."""
    from dialog_kit.record import Record, StrictJSONError, loads

    try:
        data = loads(text)
    except RecursionError:
        raise UsageError(
            _("Not a record"), _("{source} is nested too deeply.").format(source=source)
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError, StrictJSONError):
        Record.from_json(text, source=source)  # raises the reader's precise message
        raise UsageError(
            _("Not a record"), _("{source} is not JSON.").format(source=source)
        ) from None
    if not isinstance(data, dict):
        raise UsageError(
            _("Not a record"),
            _("{source}: the top level must be a JSON object.").format(source=source),
        )
    return data


def run_show(ctx: CliContext) -> int:
    with _open(ctx) as vault:
        record = vault.load(ctx.args.record_id)
    if ctx.args.json:
        sys.stdout.write(visible_json(record.to_json()))
    else:
        print(render_record(record, ctx.language, _guide_of(ctx, record)))
    return EXIT_OK


def _guide_of(ctx: CliContext, record: Record) -> Guide | None:
    """The guide the talk followed, for phase titles and item texts; None if unavailable."""
    from dialog_kit.errors import DialogKitError
    from dialog_kit.guides import load_library

    try:
        library = load_library(ctx.guides_dir())
        return library.with_profile(library.guide(record.guide.id), record.profile)
    except (DialogKitError, OSError):
        return None


def _when(record: Record) -> str:
    """When the talk is, as show prints it: 14:30, 60 min (either may be missing)."""
    from dialog_kit.record import format_time

    parts = []
    if record.time is not None:
        parts.append(format_time(record.time))
    if record.duration_minutes is not None:
        parts.append(_("{minutes} min").format(minutes=record.duration_minutes))
    return ", ".join(parts)


def render_record(record: Record, lang: str, guide: Guide | None = None) -> str:
    """The record as readable text in the interface language (phase titles from its guide).

    Every text from the record or its guide goes through `visible`: a name or a
    note may hold escape sequences, and it is shown, never obeyed by the terminal.
    """
    # The labels are named outside the f-strings: Babel does not look inside them.
    labels = {
        "id": _("Id"),
        "status": _("Status"),
        "employee": _("Employee"),
        "manager": _("Manager"),
        "guide": _("Guide"),
        "follow_up": _("Follow-up"),
        "time": _("Time"),
        "place": _("Place"),
        "person": _("Person"),
    }
    v = visible
    out = [
        f"{kind_label(record.kind.value)}, {format_date(record.date, lang)}",
        f"{labels['id']}: {record.id}",
        f"{labels['status']}: {status_label(record.status.value)}",
        f"{labels['employee']}: {_person(v(record.employee.name), v(record.employee.role))}",
        f"{labels['manager']}: {_person(v(record.manager.name), v(record.manager.role))}",
        f"{labels['guide']}: {v(record.guide.id)} {record.guide.version} ({v(record.profile)})",
    ]
    if record.person:
        out.append(f"{labels['person']}: {record.person}")
    if record.time is not None or record.duration_minutes is not None:
        out.append(f"{labels['time']}: {_when(record)}")
    if record.place is not None:
        out.append(f"{labels['place']}: {v(record.place)}")
    if record.follow_up:
        out.append(f"{labels['follow_up']}: {format_date(record.follow_up, lang)}")
    # The after phase may be ticked only after locking: its ticks are then events.
    phase_ids = dict.fromkeys([*record.phases, *(t.phase for t in record.after_ticks)])
    for phase_id in phase_ids:
        phase = guide.phase(phase_id) if guide else None
        out += ["", v(phase.title.get(lang)) if phase else f"[{v(phase_id)}]"]
        items = {item.id: item.text.get(lang) for item in phase.items} if phase else {}
        for item_id in record.ticked(phase_id):
            out.append(f"  [x] {v(items.get(item_id, item_id))}")
        for note in record.phases[phase_id].notes if phase_id in record.phases else []:
            out.append(f"  ({visibility_label(note.visibility.value)}) {_block(note.text)}")
    if record.actions:
        out += ["", _("Actions")]
        for action in record.actions:
            mark = "x" if action.done else " "
            due = f", {format_date(action.due, lang)}" if action.due else ""
            out.append(f"  [{mark}] {v(action.what)} ({v(action.owner)}{due})")
    if record.amendments:
        out += ["", _("Amendments")]
        for amendment in record.amendments:
            when = format_date(amendment.at, lang)
            label = visibility_label(amendment.visibility.value)
            out.append(f"  {when} ({label}) {_block(amendment.text)}")
    out += _documents(record)
    return "\n".join(out)


def _documents(record: Record) -> list[str]:
    """The invitations and summaries made, their versions, and what the employee has."""
    from dialog_kit.documents.made import document_lines

    lines = document_lines(record)
    return ["", _("Documents"), *(f"  {line}" for line in lines)] if lines else []


def _block(text: str) -> str:
    """A note of several lines, its later lines indented so they cannot pass for entries."""
    return "\n      ".join(visible(line) for line in text.split("\n"))


def _person(name: str, role: str) -> str:
    return f"{name} ({role})" if role else name


def run_passwd(ctx: CliContext) -> int:
    from dialog_kit.vault import MAX_WORK_FACTOR, MIN_WORK_FACTOR

    factor = ctx.args.work_factor
    if factor is not None and not MIN_WORK_FACTOR <= factor <= MAX_WORK_FACTOR:
        raise UsageError(
            _("Bad work factor"),
            _("The work factor must be between {low} and {high}.").format(
                low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
            ),
        )
    with _open(ctx) as vault:
        new = choose_passphrase(
            ctx.args.new_passphrase_file, _("New passphrase: "), context=_context_words(ctx)
        )
        vault.change_passphrase(new, factor, allow_weaker=ctx.args.allow_weaker)
    print(_("Passphrase changed. The records were not touched."))
    return EXIT_OK


def run_recipients_list(ctx: CliContext) -> int:
    with _open(ctx, unlock=False) as vault:
        own = _("(this vault: your own key)")
        print(f"{vault.recipient}  {own}")
        for key in vault.recipients():
            print(key)
        pending = vault.pending_recipients()
        if pending is not None:
            _say(
                _(
                    "A change of recipients (to: {keys}) is not finished: 'dialog-kit "
                    "recipients resume' finishes it, 'dialog-kit recipients abandon' undoes it."
                ).format(keys=keys_text(pending))
            )
        _say(_("Without the passphrase these are not verified: 'dialog-kit settings show' is."))
    return EXIT_OK


def _recipient_argument(text: str) -> str:
    """The key given on the command line, checked before the vault is opened (exit 2)."""
    from dialog_kit import age

    try:
        return str(age.parse_recipient(text))
    except age.AgeError as exc:
        raise UsageError(exc.title, exc.message) from None


def run_recipients_add(ctx: CliContext) -> int:
    key = _recipient_argument(ctx.args.key)  # a bad key is refused (exit 2) before any question
    with _open(ctx) as vault:
        # Said before anything is re-encrypted: a recovery key is a reader of everything.
        _say(
            _(
                "Whoever holds the secret key of {key} will be able to read every note in this "
                "vault, your private notes included, and every note you write from now on."
            ).format(key=key)
        )
        if not _confirm(_("Add this recipient and re-encrypt every record?"), ctx.args.yes):
            print(_("Nothing was changed."))
            return EXIT_OK
        damaged = vault.add_recipient(key)
        count = len(vault.list_records().records)
    print(_("Added. Every record ({count}) is now encrypted to it too.").format(count=count))
    _report_damaged(damaged)
    return EXIT_FAILED if damaged else EXIT_OK


def run_recipients_remove(ctx: CliContext) -> int:
    key = _recipient_argument(ctx.args.key)
    with _open(ctx) as vault:
        damaged = vault.remove_recipient(key)
    print(
        _(
            "Removed. The records were re-encrypted without it; copies it may already "
            "hold (backups) stay readable to it."
        )
    )
    _report_damaged(damaged)
    return EXIT_FAILED if damaged else EXIT_OK


def run_recipients_resume(ctx: CliContext) -> int:
    # No automatic finishing at unlock: this command says what it does itself.
    with _open(ctx, finish=False) as vault:
        pending = vault.pending_recipients()
        damaged = vault.resume_recipient_change()
        count = len(vault.list_records().records)
    if pending is None:
        print(
            _("No change was under way; every record ({count}) was re-encrypted to the vault's "
              "recipients.").format(count=count)
        )  # fmt: skip
    else:
        print(
            _("Finished the change: every record ({count}) is encrypted to: {keys}.").format(
                count=count, keys=keys_text(pending)
            )
        )
    _report_damaged(damaged)
    return EXIT_FAILED if damaged else EXIT_OK


def run_recipients_abandon(ctx: CliContext) -> int:
    with _open(ctx, finish=False) as vault:
        damaged = vault.abandon_recipient_change()
        extra = vault.recipients()
    print(
        _("Abandoned the change: every record is encrypted to the vault's recipients again "
          "(your own key and: {keys}).").format(keys=keys_text(extra))
    )  # fmt: skip
    _report_damaged(damaged)
    return EXIT_FAILED if damaged else EXIT_OK


def _describe_state(vault: Vault) -> tuple[str, list[str]]:
    from dialog_kit.vault import AuthState

    auth = vault.authentication
    if auth.state is AuthState.OK:
        return _("authenticated: vault.toml is as dialog_kit last wrote it"), []
    if auth.state is AuthState.LEGACY:
        return (
            _(
                "not authenticated yet (a vault made by dialog_kit 0.1.0): the next command "
                "that unlocks the vault authenticates these settings"
            ),
            [],
        )
    return _("CHANGED outside dialog_kit:"), auth.differences


def _visible(vault: Vault) -> Secured:
    from dialog_kit.vault import Secured

    pending = vault.pending_recipients()
    return Secured(
        recipient=vault.recipient,
        recipients=tuple(vault.recipients()),
        pending=None if pending is None else tuple(pending),
        work_factor=vault.work_factor,
        min_work_factor=vault.min_work_factor,
    )


def run_settings_show(ctx: CliContext) -> int:
    from dialog_kit.vault import AuthState

    with _open(ctx, upgrade=False) as vault:
        state, differences = _describe_state(vault)
        print(_("vault.toml says:"))
        print(settings_text(_visible(vault)))
        print(
            _("identity.age: your own key {key}, work factor {factor}").format(
                key=vault.own_recipient, factor=vault.identity_work_factor
            )
        )
        print(state)
        for difference in differences:
            print(f"  - {difference}")
        trusted = vault.authentication.trusted
        if differences and trusted is not None:
            print(_("As dialog_kit last authenticated them:"))
            print(settings_text(trusted))
        changed = vault.authentication.state is AuthState.CHANGED
    return EXIT_FAILED if changed else EXIT_OK


def run_settings_accept(ctx: CliContext) -> int:
    from dialog_kit.vault import AuthState

    with _open(ctx, upgrade=False) as vault:
        auth = vault.authentication
        if auth.state is AuthState.OK:
            print(_("Nothing to accept: vault.toml is as dialog_kit authenticated it."))
            return EXIT_OK
        state, differences = _describe_state(vault)
        print(state)
        for difference in differences:
            print(f"  - {difference}")
        print(_("vault.toml says:"))
        print(settings_text(_visible(vault)))
        question = _(
            "Keep these settings and authenticate them? Every record saved from now on is "
            "encrypted to these keys."
        )
        if not _confirm(question, ctx.args.yes):
            print(_("Nothing was changed."))
            return EXIT_OK
        accepted = vault.accept_settings()
        pending = accepted.pending
    print(_("Accepted. The vault's settings are now:"))
    print(settings_text(accepted))
    print(
        _(
            "Records saved from now on are encrypted to these keys; the existing ones are "
            "not re-encrypted: 'dialog-kit recipients resume' does that."
        )
    )
    if pending is not None:
        print(
            _(
                "The change of recipients is still unfinished: 'dialog-kit recipients resume' "
                "finishes it, 'dialog-kit recipients abandon' undoes it."
            )
        )
    return EXIT_OK


def run_settings_restore(ctx: CliContext) -> int:
    from dialog_kit.vault import AuthState

    with _open(ctx, upgrade=False) as vault:
        auth = vault.authentication
        if auth.state is AuthState.OK:
            print(_("Nothing to restore: vault.toml is as dialog_kit authenticated it."))
            return EXIT_OK
        state, differences = _describe_state(vault)
        print(state)
        for difference in differences:
            print(f"  - {difference}")
        if auth.trusted is not None:
            print(_("Restoring gives back:"))
            print(settings_text(auth.trusted))
        if auth.trusted is not None and not _confirm(_("Undo the change?"), ctx.args.yes):
            print(_("Nothing was changed."))
            return EXIT_OK
        restored = vault.restore_settings()
    print(_("Restored. The vault's settings are again:"))
    print(settings_text(restored))
    return EXIT_OK


def run_delete(ctx: CliContext) -> int:
    from dialog_kit.vault import VaultError

    with _open(ctx) as vault:
        record_id = vault.resolve(ctx.args.record_id)
        try:
            what = _line(vault.load(record_id))
        except VaultError:
            what = _("{id} (damaged)").format(id=record_id[:8])
        if not _confirm(_("Erase {what}?").format(what=what), ctx.args.yes):
            print(_("Nothing was erased."))
            return EXIT_OK
        vault.delete(record_id)
    print(_("Erased {id}.").format(id=record_id[:8]))
    return EXIT_OK


_AGE = re.compile(r"(\d{1,3})\s*([my])", re.IGNORECASE)


def parse_age(text: str) -> int:
    """'24m' -> 24, '2y' -> 24 (months)."""
    match = _AGE.fullmatch(text.strip())
    if match is None or int(match.group(1)) < 1:
        raise UsageError(
            _("Bad age"), _("Write the age as months or years, for example 24m or 2y.")
        )
    number = int(match.group(1))
    return number * 12 if match.group(2).lower() == "y" else number


def run_purge(ctx: CliContext) -> int:
    months = parse_age(ctx.args.older_than) if ctx.args.older_than else ctx.config.retention_months
    with _open(ctx) as vault:
        candidates = vault.purge_candidates(months, clock_today())
        if not candidates:
            print(_("No completed talk is older than {age}.").format(age=_months(months)))
            return EXIT_OK
        for record in candidates:
            print(_line(record))
        question = ngettext(
            "Erase this talk (older than {age})?",
            "Erase these {count} talks (older than {age})?",
            len(candidates),
        ).format(count=len(candidates), age=_months(months))
        if not _confirm(question, ctx.args.yes):
            print(_("Nothing was erased."))
            return EXIT_OK
        for record in candidates:
            vault.delete(record.id)
    print(
        ngettext("Erased {count} talk.", "Erased {count} talks.", len(candidates)).format(
            count=len(candidates)
        )
    )
    return EXIT_OK


def _months(months: int) -> str:
    return ngettext("{months} month", "{months} months", months).format(months=months)


def run_check(ctx: CliContext) -> int:
    # Checking looks and changes nothing: no upgrade of a 0.1.0 vault's settings here.
    with _open(ctx, upgrade=False) as vault:
        report = vault.check()
    for warning in report.warnings:
        _say(warning)
    _report_damaged(report.problems)
    if report.ok:
        print(
            ngettext(
                "The vault is sound: vault.toml, identity.age and {count} record.",
                "The vault is sound: vault.toml, identity.age and {count} records.",
                report.records_ok,
            ).format(count=report.records_ok)
        )
        return EXIT_OK
    print(
        ngettext("{bad} damaged file", "{bad} damaged files", len(report.problems)).format(
            bad=len(report.problems)
        )
        + "; "
        + ngettext(
            "{count} record is sound.", "{count} records are sound.", report.records_ok
        ).format(count=report.records_ok)
    )
    return EXIT_FAILED


def run_handover(ctx: CliContext) -> int:
    from dialog_kit.cli.people_cmd import load_people, resolve_person
    from dialog_kit.privacy import HANDOVER_INCLUDES_PRIVATE
    from dialog_kit.vault import VaultError

    queries = list(ctx.args.person or [])
    if ctx.args.employee:
        queries.append(ctx.args.employee)

    with_private = ctx.args.with_private or (
        HANDOVER_INCLUDES_PRIVATE and not ctx.args.without_private
    )
    if with_private:
        _say(
            _(
                "warning: your private notes go into this handover: the successor will read "
                "everything you wrote for yourself about these employees."
            )
        )
    with _open(ctx) as vault:
        record_ids: set[str] | None = None
        if queries:
            people, talks = load_people(vault)
            if ctx.args.employee and not people.find(ctx.args.employee):
                # --employee kept its old answer for a name that fits nobody (exit 1).
                raise VaultError(
                    _("Nothing to hand over"),
                    _("No readable record matches; nothing was written."),
                )
            chosen = [resolve_person(people, query) for query in queries]
            record_ids = {r.id for person in chosen for r in people.talks_of(person.id, talks)}
        result = vault.handover(
            ctx.args.recipient,
            Path(ctx.args.out),
            include_private=with_private,
            record_ids=record_ids,
        )
    print(
        ngettext(
            "Wrote {count} record for the successor to {path}.",
            "Wrote {count} records for the successor to {path}.",
            result.count,
        ).format(count=result.count, path=result.out_dir)
    )
    if result.private_left_out:
        _say(
            ngettext(
                "Left out {count} private note or amendment (your own); "
                "--with-private would hand it over.",
                "Left out {count} private notes and amendments (your own); "
                "--with-private would hand them over.",
                result.private_left_out,
            ).format(count=result.private_left_out)
        )
    _report_damaged(result.damaged)
    return EXIT_FAILED if result.damaged else EXIT_OK


def run_import(ctx: CliContext) -> int:
    with _open(ctx) as vault:
        result = vault.import_handover(Path(ctx.args.folder))
    for record in result.imported:
        print(_line(record))
    print(
        ngettext(
            "Took {count} record into this vault from {path}.",
            "Took {count} records into this vault from {path}.",
            len(result.imported),
        ).format(count=len(result.imported), path=result.folder)
    )
    if result.already_here:
        _say(
            ngettext(
                "{count} was already in this vault, unchanged: skipped.",
                "{count} were already in this vault, unchanged: skipped.",
                len(result.already_here),
            ).format(count=len(result.already_here))
        )
    for record_id in result.conflicts:
        _say(
            _(
                "{id}: this vault holds a different version of this talk; it was not "
                "replaced. Compare the two with 'dialog-kit show'."
            ).format(id=record_id[:8])
        )
    _report_damaged(result.damaged)
    if result.damaged or result.conflicts:
        return EXIT_FAILED
    if result.imported:
        _say(_("Nothing was written unencrypted. Delete the handover folder when you are done."))
    return EXIT_OK
