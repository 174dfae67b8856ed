"""The document commands: export (summary PDF and .ics), prep (preparation sheet), access (GDPR)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dialog_kit.cli.common import EXIT_OK, CliContext, Parser, add_command
from dialog_kit.errors import DialogKitError, UsageError
from dialog_kit.i18n import LANGUAGES, _, ngettext
from dialog_kit.record import Kind, Status

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.record import Record
    from dialog_kit.vault import Vault


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    export = add_command(
        sub,
        "export",
        _("write the employee's summary of a talk as a PDF (and the follow-up as .ics)"),
        run_export,
    )
    export.add_argument(
        "record_id", metavar="ID", help=_("the talk's id (or a unique start of it)")
    )
    export.add_argument("--pdf", metavar="OUT", required=True, help=_("the PDF file to write"))
    export.add_argument(
        "--ics", metavar="OUT.ics", help=_("also write the follow-up date as a calendar file")
    )
    _add_lang(export, _("document language (default: the employee's language)"))
    export.add_argument(
        "--signatures", action="store_true", help=_("add signature lines for both of you")
    )
    _add_force(export)

    prep = add_command(
        sub,
        "prep",
        _("write the employee's preparation sheet (a PDF form) for a kind of talk or for one talk"),
        run_prep,
    )
    prep.add_argument(
        "kind",
        metavar="KIND",
        nargs="?",
        choices=[k.value for k in Kind],
        help=_("development, career-change or exit (a blank sheet; leave out with --talk)"),
    )
    prep.add_argument(
        "--talk",
        metavar="ID",
        help=_("make the sheet for this talk: its date, manager, guide and profile"),
    )
    prep.add_argument("--pdf", metavar="OUT", required=True, help=_("the PDF file to write"))
    prep.add_argument(
        "--profile", metavar="P", help=_("role profile, e.g. welfare or performing-arts")
    )
    _add_lang(prep, _("document language (default: the interface language)"))
    _add_force(prep)

    prep_import = add_command(
        sub,
        "prep-import",
        _("bring the answers of a filled-in preparation sheet into its talk"),
        run_prep_import,
    )
    prep_import.add_argument(
        "talk", metavar="ID", help=_("the talk's id (or a unique start of it)")
    )
    prep_import.add_argument(
        "filled", metavar="FILLED.pdf", help=_("the sheet the employee filled in")
    )

    summary_import = add_command(
        sub,
        "summary-import",
        _("bring the employee's comments and acknowledgement from a filled-in summary"),
        run_summary_import,
    )
    summary_import.add_argument(
        "talk", metavar="ID", help=_("the talk's id (or a unique start of it)")
    )
    summary_import.add_argument(
        "filled", metavar="FILLED.pdf", help=_("the summary the employee filled in")
    )

    access = add_command(
        sub,
        "access",
        _("write everything held about one employee as a PDF (GDPR article 15)"),
        run_access,
    )
    access.add_argument(
        "name",
        metavar="PERSON",
        help=_("the person: an id, a unique start of one, or a name (case and accents ignored)"),
    )
    access.add_argument("--pdf", metavar="OUT", required=True, help=_("the PDF file to write"))
    _add_lang(access, _("document language (default: the employee's language)"))
    _add_force(access)


def _add_lang(parser: Parser, help_text: str) -> None:
    parser.add_argument("--lang", dest="doc_lang", choices=LANGUAGES, help=help_text)


def _add_force(parser: Parser) -> None:
    parser.add_argument(
        "--force", action="store_true", help=_("replace the output file if it exists")
    )


def _check_target(path: Path, force: bool, vault_dir: Path) -> None:
    """Refuses early, before any passphrase is asked, when the output cannot be written.

    A document is plaintext: inside the vault's folder, which is often synced or
    shared, a sync tool would copy it everywhere the encrypted notes go.
    """
    if _inside(path, vault_dir):
        raise UsageError(
            _("Inside the vault"),
            _(
                "{path} lies in the vault's folder {vault}, which may be synced or shared: "
                "a document is not encrypted. Write it somewhere else."
            ).format(path=path, vault=vault_dir),
        )
    if path.is_dir():
        raise DialogKitError(
            _("Not a file"), _("{path} is a folder; give a file name.").format(path=path)
        )
    if not force and (path.exists() or path.is_symlink()):
        raise DialogKitError(
            _("File exists"),
            _("{path} already exists. Choose another name or add --force to replace it.").format(
                path=path
            ),
        )
    if not path.parent.is_dir():
        raise DialogKitError(
            _("No such folder"), _("The folder {path} does not exist.").format(path=path.parent)
        )


def _inside(path: Path, folder: Path) -> bool:
    """True when `path` would land in `folder` or below it (links resolved)."""
    try:
        target = path.parent.resolve() / path.name
        return target.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links: not ours to write through
        return True


def _library(ctx: CliContext) -> GuideLibrary:
    from dialog_kit.guides import load_library

    library = load_library(ctx.config.guides_dir)
    if library.problems:
        print(
            _(
                "dialog-kit: warning: some guide files have problems and were skipped; "
                "run 'dialog-kit guides validate' to see them."
            ),
            file=sys.stderr,
        )
    return library


def _open_vault(ctx: CliContext) -> Vault:
    from dialog_kit.vault import Vault

    if not Vault.exists(ctx.vault_dir):
        raise DialogKitError(
            _("No vault"),
            _("There is no vault in {path}. Create one with 'dialog-kit init'.").format(
                path=ctx.vault_dir
            ),
        )
    vault = Vault.open(ctx.vault_dir)
    vault.unlock(ctx.passphrase())
    return vault


def _written(path: Path) -> None:
    print(
        _(
            "Wrote {path}. The PDF is NOT encrypted: anyone who can open the file can read "
            "it. Hand it over, then delete it from this computer."
        ).format(path=path.resolve()),
        file=sys.stderr,
    )


def run_export(ctx: CliContext) -> int:
    from dialog_kit.documents import follow_up_ics, summary_pdf, write_document

    args = ctx.args
    pdf_path = Path(args.pdf)
    ics_path = Path(args.ics) if args.ics else None
    _check_target(pdf_path, args.force, ctx.vault_dir)
    if ics_path is not None:
        if ics_path.resolve() == pdf_path.resolve():
            raise DialogKitError(
                _("Same file twice"), _("--pdf and --ics must name different files.")
            )
        _check_target(ics_path, args.force, ctx.vault_dir)
    library = _library(ctx)
    with _open_vault(ctx) as vault:
        # The record notes which summary version was handed over, so the write lock is
        # taken before reading: no other program changes the talk in between.
        vault.acquire_write_lock()
        record = vault.load(args.record_id)
        # Everything is made before anything is written: a missing follow-up date leaves
        # no PDF behind.
        ics = follow_up_ics(record, ctx.config, args.doc_lang) if ics_path is not None else None
        pdf = summary_pdf(record, library, ctx.config, args.doc_lang, signatures=args.signatures)
        write_document(pdf_path, pdf, force=args.force)
        record.summary_was_made()
        vault.save(record)
    if record.status in (Status.PLANNED, Status.IN_PROGRESS):
        print(
            _(
                "dialog-kit: note: this talk is not marked completed yet, so the summary "
                "may still change."
            ),
            file=sys.stderr,
        )
    _written(pdf_path)
    if ics_path is not None and ics is not None:
        write_document(ics_path, ics, force=args.force)
        print(
            _("Wrote {path} (a neutral title, no name or notes).").format(path=ics_path.resolve()),
            file=sys.stderr,
        )
    return EXIT_OK


def run_prep(ctx: CliContext) -> int:
    from dialog_kit.documents import preparation_pdf, write_document

    args = ctx.args
    if (args.kind is None) == (args.talk is None):
        raise UsageError(
            _("Kind or talk"),
            _("Give either a kind of talk (a blank sheet) or --talk ID (the sheet for one talk)."),
        )
    if args.talk is not None and args.profile:
        raise UsageError(
            _("Profile of the talk"), _("--profile cannot be used with --talk: the talk has one.")
        )
    pdf_path = Path(args.pdf)
    _check_target(pdf_path, args.force, ctx.vault_dir)
    library = _library(ctx)
    if args.talk is not None:
        from dialog_kit.documents import talk_preparation_pdf

        with _open_vault(ctx) as vault:
            record = vault.load(args.talk)
        pdf = talk_preparation_pdf(record, library, ctx.config, args.doc_lang)
        write_document(pdf_path, pdf, force=args.force)
        _written(pdf_path)
        return EXIT_OK
    lang = args.doc_lang or ctx.language
    pdf = preparation_pdf(args.kind, args.profile, library, ctx.config, lang)
    write_document(pdf_path, pdf, force=args.force)
    _written(pdf_path)
    return EXIT_OK


def run_prep_import(ctx: CliContext) -> int:
    from dialog_kit.documents.forms import read_form
    from dialog_kit.documents.prep_import import import_preparation, preparation_answers

    args = ctx.args
    # The file is read and checked before the passphrase is asked for.
    form = read_form(Path(args.filled))
    library = _library(ctx)
    with _open_vault(ctx) as vault:
        record = vault.load(args.talk)
        answers = preparation_answers(record, form, library, ctx.config)
        import_preparation(record, answers)
        vault.save(record)
    print(
        ngettext(
            "Brought {count} answer into the talk as the employee's own words, shared with "
            "them (their summary shows it); change the level in the talk if needed.",
            "Brought {count} answers into the talk as the employee's own words, shared with "
            "them (their summary shows them); change the level in the talk if needed.",
            len(answers),
        ).format(count=len(answers)),
        file=sys.stderr,
    )
    return EXIT_OK


def run_summary_import(ctx: CliContext) -> int:
    from dialog_kit.documents.forms import read_form
    from dialog_kit.documents.summary_import import import_summary_answer, summary_answer

    args = ctx.args
    form = read_form(Path(args.filled))
    with _open_vault(ctx) as vault:
        record = vault.load(args.talk)
        recorded = import_summary_answer(record, summary_answer(record, form))
        vault.save(record)
    for text in recorded:
        print(_("Recorded: {text}").format(text=text), file=sys.stderr)
    return EXIT_OK


def run_access(ctx: CliContext) -> int:
    """The access report for one person of the register (by id, id prefix or name search).

    A name that fits nobody in the register still gets its answer, a report that
    holds nothing; several people are listed with their ids (exit 2).
    """
    from dialog_kit.cli.people_cmd import load_people_listing, resolve_person
    from dialog_kit.documents import access_report_pdf, write_document
    from dialog_kit.people import NoSuchPersonError

    args = ctx.args
    pdf_path = Path(args.pdf)
    _check_target(pdf_path, args.force, ctx.vault_dir)
    if not args.name.strip():
        raise UsageError(_("No name"), _("Give the employee's name."))
    library = _library(ctx)
    with _open_vault(ctx) as vault:
        people, listing = load_people_listing(vault)
    records = listing.records
    try:
        person = resolve_person(people, args.name)
    except NoSuchPersonError:
        if people.find(args.name) or _looks_like_id(args.name):
            raise
        person = None
    if person is None:
        found: list[Record] = []
        pdf_name = " ".join(args.name.split())
    else:
        found = sorted(people.talks_of(person.id, records), key=lambda r: (r.date, r.created))
        pdf_name = person.name
    lang = args.doc_lang or (person.language if person else ctx.language)
    pdf = access_report_pdf(
        found, pdf_name, library, ctx.config, lang, unreadable=len(listing.damaged), person=person
    )
    write_document(pdf_path, pdf, force=args.force)
    print(_("Talks found for this name: {count}.").format(count=len(found)), file=sys.stderr)
    if person is not None:
        print(_("The register entry: {id}.").format(id=person.id), file=sys.stderr)
    if listing.damaged:
        print(
            _(
                "dialog-kit: warning: {count} record files could not be read and are not in "
                "the report; run 'dialog-kit check'."
            ).format(count=len(listing.damaged)),
            file=sys.stderr,
        )
    _written(pdf_path)
    return EXIT_OK


def _looks_like_id(text: str) -> bool:
    """Hex digits only: meant as a person id, so matching nobody is an error, not an answer."""
    value = text.strip().lower()
    return len(value) >= 4 and all(c in "0123456789abcdef" for c in value)
