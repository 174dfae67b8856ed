"""`dialog-kit guides list|show|validate`: the conversation guides in the terminal."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dialog_kit.career.load import career_file_in, load_catalogue, validate_career_file
from dialog_kit.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliContext, Parser, add_command
from dialog_kit.cli.terminal import visible
from dialog_kit.errors import UsageError, quoted
from dialog_kit.i18n import LANGUAGES, _, ngettext
from dialog_kit.paths import checklists_dir

if TYPE_CHECKING:
    # Loaded by the guides commands only: every other command starts without them.
    from dialog_kit.guides import CareerFact, Guide, GuideLibrary, GuideProblem, OrgScope, Profile


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    guides = add_command(
        sub, "guides", _("list, show and check the conversation guides"), _usage_handler
    )
    actions = guides.add_subparsers(dest="guides_command", metavar="ACTION", parser_class=Parser)
    guides.set_defaults(guides_parser=guides)
    add_command(
        actions,
        "list",
        _("list the guides in force (built-in and your organisation's), with their source files"),
        list_guides,
    )
    show = add_command(
        actions, "show", _("print one guide, phase by phase, with its checklist"), show_guide
    )
    show.add_argument("id", metavar="ID", help=_("the guide id (see: dialog-kit guides list)"))
    show.add_argument(
        "--profile", metavar="P", help=_("merge in what a profile adds (e.g. performing-arts)")
    )
    show.add_argument(
        "--lang",
        dest="show_lang",
        choices=LANGUAGES,
        help=_("language of the guide's texts (default: the interface language)"),
    )
    validate = add_command(
        actions,
        "validate",
        _(
            "check guide files: a file, a folder, or by default the built-in guides "
            "and your organisation's folder"
        ),
        validate_guides,
    )
    validate.add_argument(
        "path", metavar="PATH", nargs="?", type=Path, help=_("a guide file or a folder of them")
    )


def _usage_handler(ctx: CliContext) -> int:
    parser: Parser = ctx.args.guides_parser
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _library(ctx: CliContext) -> GuideLibrary:
    from dialog_kit.guides import load_library

    return load_library(ctx.guides_dir())


def _print_problems(problems: Iterable[GuideProblem], stream: Any) -> None:
    for problem in problems:
        print(visible(problem), file=stream)


def list_guides(ctx: CliContext) -> int:
    """One line per guide in force; broken files are reported on stderr (exit 1)."""
    library = _library(ctx)
    lang = ctx.language
    rows = [
        (g.id, g.kind.value, f"v{g.version}", g.title.get(lang), str(g.source))
        for g in sorted(library.guides.values(), key=lambda g: (g.kind.value, g.id))
    ]
    if rows:
        _print_table(rows)
    else:
        print(_("No guides are loaded."))
    if library.profiles:
        print()
        print(_("Profiles (use with --profile):"))
        _print_table([(p.id, p.title.get(lang)) for p in library.profiles.values()], indent=2)
    if library.problems:
        print(_("Problems in guide files (those files were not loaded):"), file=sys.stderr)
        _print_problems(library.problems, sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _print_table(rows: Sequence[Sequence[str]], indent: int = 0) -> None:
    rows = [[visible(cell) for cell in row] for row in rows]  # guide files may be anyone's
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print(" " * indent + "  ".join([*cells, row[-1]]).rstrip())


def show_guide(ctx: CliContext) -> int:
    library = _library(ctx)
    guide = library.guide(ctx.args.id)
    profile_id: str | None = ctx.args.profile
    if profile_id:
        if library.profile(profile_id) is None:
            known = ", ".join(library.profiles) or "-"
            raise UsageError(
                _("Unknown profile"),
                _("There is no profile {id!r} (known: {known}).").format(
                    id=quoted(profile_id), known=known
                ),
            )
        guide = library.with_profile(guide, profile_id)
    from dialog_kit.guides import org_scope

    # As the manager will see it: the steps and the places to turn for the organisation's country.
    scope = org_scope(ctx.config)
    guide = guide.for_country(scope.country)
    lang = ctx.args.show_lang or ctx.language
    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))
    lines = render_guide(guide, lang, width, library, profile_id or "general", scope)
    print("\n".join(visible(line) for line in lines))
    if library.problems:
        _print_problems(library.problems, sys.stderr)
    return EXIT_OK


def render_guide(
    guide: Guide, lang: str, width: int, library: GuideLibrary | None = None,
    profile: str = "general", scope: OrgScope | None = None,
) -> list[str]:  # fmt: skip
    """The guide as terminal text lines of at most `width` columns."""
    out: list[str] = []

    def para(text: str, indent: int = 0, first: str = "") -> None:
        lead = " " * indent
        out.extend(
            textwrap.wrap(
                text,
                width=width,
                initial_indent=lead + first,
                subsequent_indent=lead + " " * len(first),
                break_on_hyphens=False,
            )
            or [lead + first]
        )

    title = guide.title.get(lang)
    out.append(title)
    out.append("=" * min(len(title), width))
    para(
        _("guide {id}, version {version} ({kind})").format(
            kind=guide.kind.value, id=guide.id, version=guide.version
        )
    )
    out.append("")
    para(guide.summary.get(lang))
    out.append("")
    out.append(_("Preparation for the employee"))
    para(guide.preparation.intro.get(lang), indent=2)
    for question in guide.preparation.questions:
        para(question.text.get(lang), indent=2, first="- ")
    stage_names = {"before": _("before"), "during": _("during"), "after": _("after")}
    for number, phase in enumerate(guide.phases, start=1):
        out.append("")
        heading = f"{number}. {phase.title.get(lang)} [{stage_names.get(phase.stage, phase.stage)}]"
        para(heading)
        out.append("-" * min(len(heading), width))
        para(phase.purpose.get(lang), indent=3)
        if phase.items:
            out.append("")
            out.append("   " + _("Checklist:"))
            for item in phase.items:
                text = item.text.get(lang)
                if item.required:
                    text += " [" + _("required") + "]"
                para(text, indent=5, first="[ ] ")
                if item.hint:
                    para(item.hint.get(lang), indent=9)
        if phase.prompts:
            out.append("")
            out.append("   " + _("Questions you can ask:"))
            for prompt in phase.prompts:
                para(prompt.text.get(lang), indent=5, first="? ")
        if phase.cautions:
            out.append("")
            out.append("   " + _("Cautions:"))
            for caution in phase.cautions:
                para(caution.text.get(lang), indent=5, first="! ")
    if library is not None:
        resources = library.resources_for(guide.kind, profile, scope)
        if resources:
            out.append("")
            out.append(_("Where to turn"))
            for resource in resources:
                para(f"{resource.name.get(lang)}: {resource.what.get(lang)}", indent=2, first="- ")
        found = library.profile(profile)
        country = scope.country if scope else None
        # A guide is read for a whole profile: every profession's window in this country.
        windows = (
            [w for w in found.windows if not w.countries or country in w.countries] if found else []
        )
        facts = facts_for_country(found, country)
        if found and (windows or facts) and (scope is None or country is not None):
            out.append("")
            out.append(_("Career-transition windows and facts"))
            for window in windows:
                para(
                    _("{title}: from {opens} to before {closes}; inform the age group at {inform}")
                    .format(
                        title=window.title.get(lang), opens=window.opens_at_age,
                        closes=window.closes_before_age, inform=window.inform_at_age,
                    ),
                    indent=2, first="- ",
                )  # fmt: skip
            for fact in facts:
                text = f"{fact.title.get(lang)}: {fact.text.get(lang)}"
                if fact.verify:
                    text += " [" + _("verify with the employer and its fund") + "]"
                para(text, indent=2, first="- ")
    return out


def facts_for_country(profile: Profile | None, country: str | None) -> list[CareerFact]:
    """Every profession's facts for `country` (the guide is read for a whole profile)."""
    if profile is None:
        return []
    return [f for f in profile.facts if not f.countries or (country in f.countries)]


def validate_guides(ctx: CliContext) -> int:
    """Exit 0 with a summary, or 2 with one `file:line: key: message` line per problem.

    Warnings (a resource not checked for over a year) are printed the same way
    but do not fail the check: the file is still used.
    """
    from dialog_kit.guides import load_library, validate_path

    path: Path | None = ctx.args.path
    if path is not None:
        found = validate_path(path)
        career = career_file_in(path)
        if career is not None:
            found += validate_career_file(career, profiles=_known_profiles(load_library()))
        problems = [p for p in found if not p.warning]
        warnings = [p for p in found if p.warning]
        summary = _("{what}: no problems found.").format(what=path)
    else:
        library = _library(ctx)
        catalogue = load_catalogue(ctx.guides_dir(), profiles=_known_profiles(library))
        problems = library.problems + catalogue.problems
        warnings = library.warnings
        folders = [str(checklists_dir())]
        if ctx.guides_dir() is not None:
            folders.append(str(ctx.guides_dir()))
        summary = _(
            "{guides} guides, {profiles} profiles, {resources} resources and {paths} career "
            "paths checked in {folders}: no problems found."
        ).format(
            paths=len(catalogue.paths),
            guides=len(library.guides),
            profiles=len(library.profiles),
            resources=len(library.resources),
            folders=", ".join(folders),
        )
    # The guides and the career paths read the same folder: an unreadable file is said once.
    problems = list(dict.fromkeys(problems))
    _print_problems(problems + warnings, sys.stdout)
    if warnings:
        count = len(warnings)
        print(
            ngettext("{count} warning.", "{count} warnings.", count).format(count=count),
            file=sys.stderr,
        )
    if problems:
        print(
            ngettext("{count} problem found.", "{count} problems found.", len(problems)).format(
                count=len(problems)
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(visible(summary))
    return EXIT_OK


def _known_profiles(library: GuideLibrary) -> set[str] | None:
    """The profile ids a career path may name; None (unchecked) while profiles are broken."""
    return None if library.problems else set(library.profiles)
