"""The checks across files: profiles to guides and phases, windows and resources to each other."""

from __future__ import annotations

from datetime import date, timedelta

from dialog_kit.errors import clip, quoted
from dialog_kit.guides.model import GuideLibrary, GuideProblem
from dialog_kit.i18n import _
from dialog_kit.tomlpos import join as _join


def _cross_check(library: GuideLibrary) -> None:
    """References between files: profiles to guides and phases, to resources; resources to
    profiles. Each problem names the file and line of the reference."""

    def report(what: str, ident: str, key: str, message: str) -> None:
        ctx, where = library._origins[(what, ident)]
        path = _join(where, key)
        library.problems.append(GuideProblem(ctx.path, ctx.line_of(path), path, message))

    for profile in library.profiles.values():
        for j, add in enumerate(profile.additions):
            guide = library.guides.get(add.guide)
            if guide is None:
                report("profile", profile.id, f"additions[{j}].guide",
                       _("no guide has the id {id!r}").format(id=quoted(add.guide)))  # fmt: skip
                continue
            phase = guide.phase(add.phase)
            if phase is None:
                report(
                    "profile", profile.id, f"additions[{j}].phase",
                    _("guide {guide!r} has no phase {id!r} (its phases: {ids})").format(
                        guide=quoted(guide.id), id=quoted(add.phase),
                        ids=clip(", ".join(p.id for p in guide.phases)),
                    ),
                )  # fmt: skip
                continue
            groups: list[tuple[str, list[str], set[str]]] = [
                ("items", [e.id for e in add.items], {e.id for e in phase.items}),
                ("prompts", [e.id for e in add.prompts], {e.id for e in phase.prompts}),
                ("cautions", [e.id for e in add.cautions], {e.id for e in phase.cautions}),
            ]
            for key, mine, taken in groups:
                for k, added in enumerate(mine):
                    if added in taken:
                        report(
                            "profile", profile.id, f"additions[{j}].{key}[{k}].id",
                            _("phase {phase!r} of guide {guide!r} already has the id {id!r}")
                            .format(phase=quoted(phase.id), guide=quoted(guide.id),
                                    id=quoted(added)),
                        )  # fmt: skip
        for j, (guide_id, question) in enumerate(profile.preparation):
            guide = library.guides.get(guide_id)
            if guide is None:
                report("profile", profile.id, f"preparation[{j}].guide",
                       _("no guide has the id {id!r}").format(id=quoted(guide_id)))  # fmt: skip
            elif question.id in {q.id for q in guide.preparation.questions}:
                report(
                    "profile", profile.id, f"preparation[{j}].id",
                    _("guide {guide!r} already has a preparation question {id!r}").format(
                        guide=quoted(guide_id), id=quoted(question.id)
                    ),
                )  # fmt: skip
        for j, window in enumerate(profile.windows):
            if window.resource and window.resource not in library.resources:
                report("profile", profile.id, f"windows[{j}].resource",
                       _("no resource has the id {id!r}").format(
                           id=quoted(window.resource)))  # fmt: skip
        for j, fact in enumerate(profile.facts):
            if fact.resource and fact.resource not in library.resources:
                report("profile", profile.id, f"facts[{j}].resource",
                       _("no resource has the id {id!r}").format(
                           id=quoted(fact.resource)))  # fmt: skip
    for resource in library.resources.values():
        for k, profile_id in enumerate(resource.profiles):
            if profile_id not in library.profiles:
                report("resource", resource.id, f"profiles[{k}]",
                       _("no profile has the id {id!r}").format(id=quoted(profile_id)))  # fmt: skip
        profiles = [library.profiles[p] for p in resource.profiles if p in library.profiles]
        known = {x for p in (profiles or library.profiles.values()) for x in p.professions}
        for k, profession in enumerate(resource.professions):
            if profession not in known:
                report("resource", resource.id, f"professions[{k}]",
                       _("no profile of the resource has the profession {id!r}").format(
                           id=quoted(profession)))  # fmt: skip


STALE_AFTER = timedelta(days=365)


def _check_dates(library: GuideLibrary, today: date) -> None:
    """Warns about external resources whose facts nobody has checked for over a year.

    Warnings, not problems: an old date does not make a file unusable, but the
    employee may be reading a fact that has changed.
    """

    def warn(ident: str, key: str, message: str) -> None:
        ctx, where = library._origins[("resource", ident)]
        path = _join(where, key)
        library.warnings.append(GuideProblem(ctx.path, ctx.line_of(path), path, message, True))

    for resource in library.resources.values():
        if resource.scope != "external":
            continue
        if resource.checked is None:
            message = _("no date: write checked = YYYY-MM-DD when you have checked the facts")
            warn(resource.id, "checked", message)
        elif resource.checked > today:
            warn(resource.id, "checked", _("is a date in the future"))
        elif today - resource.checked > STALE_AFTER:
            warn(
                resource.id, "checked",
                _("last checked {date}, over a year ago: check the facts with the scheme").format(
                    date=resource.checked.isoformat()
                ),
            )  # fmt: skip
