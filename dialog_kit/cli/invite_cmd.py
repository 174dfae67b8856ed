"""The invitation and hand-over commands: invite (an .ics and the talk's sheet), handed-over."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dialog_kit.cli import documents_cmd
from dialog_kit.cli.common import EXIT_OK, CliContext, Parser, add_command
from dialog_kit.errors import DialogKitError, UsageError
from dialog_kit.i18n import LANGUAGES, _
from dialog_kit.record import Status


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    invite = add_command(
        sub,
        "invite",
        _("write the invitation to a talk as a calendar file (and the talk's preparation sheet)"),
        run_invite,
    )
    invite.add_argument("talk", metavar="TALK", help=_("the talk's id (or a unique start of it)"))
    invite.add_argument(
        "--ics", metavar="OUT.ics", required=True, help=_("the calendar file to write")
    )
    invite.add_argument(
        "--pdf", metavar="OUT.pdf", help=_("also write the preparation sheet for this talk")
    )
    invite.add_argument(
        "--lang",
        dest="doc_lang",
        choices=LANGUAGES,
        help=_("document language (default: the employee's language)"),
    )
    invite.add_argument(
        "--force", action="store_true", help=_("replace the output files if they exist")
    )

    handed = add_command(
        sub,
        "handed-over",
        _("note that the employee has received the summary (the last one made, or --version N)"),
        run_handed_over,
    )
    handed.add_argument("talk", metavar="TALK", help=_("the talk's id (or a unique start of it)"))
    handed.add_argument(
        "--version",
        metavar="N",
        type=int,
        help=_("the final version handed over (default: the last summary made)"),
    )


def run_invite(ctx: CliContext) -> int:
    from dialog_kit.documents import talk_preparation_pdf, write_document
    from dialog_kit.documents.invitation import invitation_ics, talk_time

    args = ctx.args
    ics_path = Path(args.ics)
    pdf_path = Path(args.pdf) if args.pdf else None
    documents_cmd._check_target(ics_path, args.force, ctx.vault_dir)
    if pdf_path is not None:
        if pdf_path.resolve() == ics_path.resolve():
            raise UsageError(_("Same file twice"), _("--pdf and --ics must name different files."))
        documents_cmd._check_target(pdf_path, args.force, ctx.vault_dir)
    library = documents_cmd._library(ctx)
    with documents_cmd._open_vault(ctx) as vault:
        # The invitation's SEQUENCE is counted in the record: the lock first, so two
        # programs never issue the same number twice.
        vault.acquire_write_lock()
        record = vault.load(args.talk)
        if record.status in (Status.COMPLETED, Status.LOCKED):
            raise UsageError(
                _("Talk already held"),
                _("This talk is {status}: there is nothing to invite to. Plan a new talk.").format(
                    status=_("completed") if record.status is Status.COMPLETED else _("locked")
                ),
            )
        when = talk_time(record)
        # Everything is made before anything is written or counted.
        ics = invitation_ics(
            record,
            library,
            ctx.config,
            args.doc_lang,
            when=when,
            sequence=record.invitation_sequence,
        )
        pdf = (
            talk_preparation_pdf(record, library, ctx.config, args.doc_lang)
            if pdf_path is not None
            else None
        )
        sequence = record.invitation_issued()  # the number this issue carries
        vault.save(record)
    write_document(ics_path, ics, force=args.force)
    if sequence:
        message = _(
            "Wrote {path}: the invitation, issued again (sequence {sequence}); calendars that "
            "have the earlier one replace it."
        )
    else:
        message = _("Wrote {path}: the invitation (a neutral title, no name or notes).")
    print(message.format(path=ics_path.resolve(), sequence=sequence), file=sys.stderr)
    if when.start is None:
        print(
            _(
                "dialog-kit: note: this talk has no time yet, so the invitation holds the whole "
                "day and says the time is to be agreed."
            ),
            file=sys.stderr,
        )
    elif ctx.config.zone_name == "UTC" and not ctx.config.time_zone:
        print(
            _(
                "dialog-kit: note: the time is written in UTC: no country with a time zone is set "
                "up. Set time_zone (dialog-kit setup --time-zone Europe/Stockholm) if that is "
                "not what you meant."
            ),
            file=sys.stderr,
        )
    if not ctx.config.manager_email:
        print(
            _(
                "dialog-kit: note: no e-mail address of yours is set up, so the invitation has "
                "no organiser; set one with 'dialog-kit setup --email'."
            ),
            file=sys.stderr,
        )
    if pdf_path is not None and pdf is not None:
        write_document(pdf_path, pdf, force=args.force)
        documents_cmd._written(pdf_path)
    return EXIT_OK


def run_handed_over(ctx: CliContext) -> int:
    from dialog_kit.documents.made import summary_received

    args = ctx.args
    if args.version is not None and args.version < 1:
        raise UsageError(_("Bad version"), _("A final summary's version is 1 or more."))
    with documents_cmd._open_vault(ctx) as vault:
        vault.acquire_write_lock()
        record = vault.load(args.talk)
        try:
            record.hand_over(args.version)
        except DialogKitError as exc:
            raise UsageError(exc.title, exc.message) from None
        vault.save(record)
    print(summary_received(record), file=sys.stderr)
    return EXIT_OK
