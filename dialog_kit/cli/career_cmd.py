"""`dialog-kit career-paths list|show` and `career-guide`: HR's view of the career map."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from typing import Any

from dialog_kit.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliContext, Parser, add_command
from dialog_kit.cli.terminal import visible, visible_json
from dialog_kit.errors import InputError, UsageError, quoted
from dialog_kit.i18n import LANGUAGES, _


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    paths = add_command(
        sub, "career-paths", _("list and show the career paths of the catalogue"), _usage
    )
    paths.set_defaults(career_parser=paths)
    actions = paths.add_subparsers(dest="career_command", metavar="ACTION", parser_class=Parser)
    listing = add_command(actions, "list", _("one line per career path"), list_paths)
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    _add_lang(listing)
    show = add_command(actions, "show", _("print one career path, step by step"), show_path)
    show.add_argument("id", metavar="ID", help=_("the path id (see: dialog-kit career-paths list)"))
    show.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    _add_lang(show)
    guide = add_command(
        sub,
        "career-guide",
        _("write the digital career guide: a static website of the career paths"),
        write_guide,
    )
    guide.add_argument(
        "--out", metavar="DIR", required=True,
        help=_("the folder to write (new, empty, or written by an earlier run)"),
    )  # fmt: skip
    guide.add_argument(
        "--lang",
        dest="site_lang",
        choices=LANGUAGES,
        action="append",
        help=_("a language of the site (repeat for several; default: sv, da and en)"),
    )


def _add_lang(parser: Parser) -> None:
    parser.add_argument(
        "--lang",
        dest="show_lang",
        choices=LANGUAGES,
        help=_("language of the catalogue's texts (default: the interface language)"),
    )


def _usage(ctx: CliContext) -> int:
    parser: Parser = ctx.args.career_parser
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _catalogue(ctx: CliContext) -> Any:
    from dialog_kit.career.load import load_catalogue

    catalogue = load_catalogue(ctx.guides_dir())
    for problem in catalogue.problems:
        print(visible(problem), file=sys.stderr)
    return catalogue


def list_paths(ctx: CliContext) -> int:
    from dialog_kit.career.site import area_label

    catalogue = _catalogue(ctx)
    lang = ctx.args.show_lang or ctx.language
    paths = list(catalogue.paths.values())
    if ctx.args.json:
        rows = [
            {
                "id": p.id, "title": p.title.get(lang), "area": p.area,
                "direction": p.direction, "steps": [s.id for s in p.steps],
                "profiles": list(p.profiles), "source": str(p.source),
            }
            for p in paths
        ]  # fmt: skip
        print(visible_json(json.dumps(rows, ensure_ascii=False, indent=2)))
    elif not paths:
        print(_("No career paths are loaded."))
    else:
        table = [(p.id, area_label(p.area, lang), p.title.get(lang)) for p in paths]
        widths = [max(len(visible(row[i])) for row in table) for i in range(2)]
        for row in table:
            cells = [visible(row[0]).ljust(widths[0]), visible(row[1]).ljust(widths[1])]
            print("  ".join([*cells, visible(row[2])]))
        if catalogue.examples:
            print()
            print(_("These are the built-in examples: adapt them in your organisation's guides "
                    "folder (career-paths.toml)."))  # fmt: skip
    return EXIT_FAILED if catalogue.problems else EXIT_OK


def show_path(ctx: CliContext) -> int:
    from dialog_kit.career.site import direction_label, kind_label

    catalogue = _catalogue(ctx)
    lang = ctx.args.show_lang or ctx.language
    path = catalogue.path(ctx.args.id)
    if path is None:
        known = ", ".join(catalogue.paths) or "-"
        raise UsageError(
            _("Unknown career path"),
            _("There is no career path {id!r} (known: {known}).").format(
                id=quoted(ctx.args.id), known=known
            ),
        )
    if ctx.args.json:
        data = {
            "id": path.id, "title": path.title.get(lang), "summary": path.summary.get(lang),
            "area": path.area, "direction": path.direction, "url": path.url,
            "steps": [
                {
                    "id": s.id, "title": s.title.get(lang), "what": s.what.get(lang),
                    "competences": [c.get(lang) for c in s.competences], "how": s.how.get(lang),
                    "time": s.time.get(lang) if s.time else None,
                    "pay": s.pay.get(lang) if s.pay else None,
                    "programmes": list(s.programmes), "contacts": list(s.contacts),
                }
                for s in path.steps
            ],
        }  # fmt: skip
        print(visible_json(json.dumps(data, ensure_ascii=False, indent=2)))
        return EXIT_OK
    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))
    out: list[str] = []

    def para(text: str, indent: int = 0, first: str = "") -> None:
        lead = " " * indent
        out.extend(
            textwrap.wrap(text, width=width, initial_indent=lead + first,
                          subsequent_indent=lead + " " * len(first), break_on_hyphens=False)
            or [lead + first]
        )  # fmt: skip

    title = path.title.get(lang)
    out += [title, "=" * min(len(title), width)]
    para(f"{path.id} · {direction_label(path.direction, lang)}")
    out.append("")
    para(path.summary.get(lang))
    for number, step in enumerate(path.steps, start=1):
        out.append("")
        heading = f"{number}. {step.title.get(lang)}"
        out += [heading, "-" * min(len(heading), width)]
        para(step.what.get(lang), indent=3)
        if step.competences:
            out.append("   " + _("Competences it asks for:"))
            for competence in step.competences:
                para(competence.get(lang), indent=5, first="- ")
        para(_("How to get there: {text}").format(text=step.how.get(lang)), indent=3)
        if step.time:
            para(_("Typical time: {text}").format(text=step.time.get(lang)), indent=3)
        if step.pay:
            para(_("Pay: {text}").format(text=step.pay.get(lang)), indent=3)
        for pid in step.programmes:
            programme = catalogue.programmes.get(pid)
            if programme is not None:
                para(f"{kind_label(programme.kind, lang)}: {programme.title.get(lang)}", indent=3,
                     first="* ")  # fmt: skip
        for contact in step.contacts:
            para(_("Contact: {text}").format(text=contact), indent=3)
    if path.url:
        out.append("")
        para(_("Read more: {url}").format(url=path.url))
    print("\n".join(visible(line) for line in out))
    return EXIT_OK


def write_guide(ctx: CliContext) -> int:
    from pathlib import Path

    from dialog_kit.career.site import check_target, write_site
    from dialog_kit.safe_files import format_size

    out = Path(ctx.args.out).expanduser()
    check_target(out, ctx.vault_dir)  # before any work: a wrong folder is told at once
    catalogue = _catalogue(ctx)
    if catalogue.problems:
        # A broken file is left out of the catalogue: publishing then would put the examples
        # (or an old version) on the web in place of what HR wrote.
        raise InputError(
            _("Career paths not valid"),
            _("Fix the problems above first (see: dialog-kit guides validate); nothing was "
              "written."),
        )  # fmt: skip
    languages = tuple(dict.fromkeys(ctx.args.site_lang or LANGUAGES))
    report = write_site(
        catalogue, ctx.config.organisation.strip(), out, languages, vault_dir=ctx.vault_dir
    )
    print(
        visible(
            _("Wrote the career guide to {folder}: {pages} pages in {languages}, {size}.").format(
                folder=report.folder, pages=report.pages, languages=", ".join(report.languages),
                size=format_size(report.size) if report.size >= 1024 else f"{report.size} B",
            )
        )
    )  # fmt: skip
    print(visible(_("Open {page} in a browser, or publish the folder as it is.").format(
        page=report.folder / "index.html")))  # fmt: skip
    if report.examples:
        print(
            _("Note: the guide holds the built-in example paths. Adapt them (career-paths.toml "
              "in your organisation's guides folder) before you publish it."),
            file=sys.stderr,
        )  # fmt: skip
    return EXIT_OK
