"""The handout for a group briefing on career transition: the same sheet for everyone in it.

Built from the guides only (the profession's windows and career facts in the
organisation's country, the confidential contacts, the contacts at work) and
from the settings (the organisation's name and HR contacts). It takes no
person and no vault, so nothing about anyone can reach it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dialog_kit.clock import today as clock_today
from dialog_kit.config import Config
from dialog_kit.documents.context import (
    HR_PARTNER,
    ContactRow,
    ResourceRow,
    _resource_row,
    hr_contacts,
    short_text,
)
from dialog_kit.documents.handout_text import HANDOUT_TEXT
from dialog_kit.documents.labels import check_lang, label, labels
from dialog_kit.documents.render import render_pdf
from dialog_kit.errors import UsageError
from dialog_kit.guides import GuideLibrary, Profile, Resource, facts_for, org_scope, windows_for
from dialog_kit.i18n import _, format_date
from dialog_kit.record import Kind

STAGE = "orientation"
"""A group briefing comes early: the contacts are those of a career change's first stage."""


@dataclass(frozen=True)
class SchemeRow:
    """One thing that applies to the profession: a window of a scheme, or a career fact."""

    heading: str
    lines: tuple[str, ...]
    url: str = ""


@dataclass(frozen=True)
class HandoutContext:
    lang: str
    organisation: str
    title: str
    document_title: str
    author: str
    schemes: tuple[SchemeRow, ...]
    contacts: tuple[ResourceRow, ...]
    offers: tuple[str, ...]
    work_contacts: tuple[ResourceRow, ...]
    hr: tuple[ContactRow, ...]
    made_on: str
    scheme_heading: str
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


def group_noun(profile: Profile, profession: str | None, lang: str) -> str | None:
    """ "dancers": from a window of the profession (group nouns do not depend on the country)."""
    for window in profile.windows:
        if window.profession == (profession or ""):
            return window.group_name(lang)
    return None


def build_handout(
    library: GuideLibrary,
    config: Config,
    lang: str,
    profile_id: str,
    profession: str | None,
) -> HandoutContext:
    """The handout for everyone of `profession` (of `profile_id`) in the organisation's country."""
    lang = check_lang(lang)
    profile = library.profile(profile_id)
    if profile is None:
        raise UsageError(
            _("Unknown profile"), _("There is no profile {profile!r}.").format(profile=profile_id)
        )
    if profession is not None and profession not in profile.professions:
        raise UsageError(
            _("Unknown profession"),
            _("The profile {profile} has the professions {choices}.").format(
                profile=profile.id, choices=", ".join(profile.professions) or _("none")
            ),
        )
    text = HANDOUT_TEXT[lang]
    scope = org_scope(config)
    group = group_noun(profile, profession, lang)
    title = text["title"].format(group=group) if group else text["title_plain"]
    schemes: list[SchemeRow] = []
    contacts = [
        r
        for r in library.resources_for(Kind.CAREER_CHANGE, profile.id, scope, STAGE)
        if r.confidential and r.scope == "external" and r.serves(profession)
    ]
    shown = {r.id for r in contacts}
    for window in windows_for(profile, profession, scope.country):
        resource = library.resources.get(window.resource)
        name = resource.name(lang) if resource else ""
        values = {"name": name, "opens": window.opens_at_age, "closes": window.closes_before_age}
        line = text["window" if name else "window_unnamed"].format(**values)
        lines = [line, *_about(resource, shown, lang)]
        url = resource.url if resource and resource.id not in shown else ""
        schemes.append(SchemeRow(text["age_window"], tuple(lines), url))
    for fact in facts_for(profile, profession, scope.country):
        # The fact's first sentence states it; what follows is advice to the manager.
        lines = [short_text(fact.text(lang), 0)]
        if fact.verify:
            lines.append(text["verify"])
        resource = library.resources.get(fact.resource) if fact.resource else None
        lines += _about(resource, shown, lang)
        url = resource.url if resource and resource.id not in shown else ""
        schemes.append(SchemeRow(fact.title(lang), tuple(lines), url))
    people_at_hr = hr_contacts(config)
    at_work = [
        r
        for r in library.resources_for(Kind.CAREER_CHANGE, profile.id, scope, STAGE)
        if r.scope == "internal" and not (people_at_hr and r.id == HR_PARTNER)
    ]
    words = dict(labels(lang))
    words.update(text)
    return HandoutContext(
        lang=lang,
        organisation=config.organisation,
        title=title,
        document_title=title,
        # Not the manager's name: the sheet carries nobody's personal data.
        author=config.organisation or title,
        schemes=tuple(schemes),
        contacts=tuple(_full_row(r, lang) for r in contacts),
        offers=(text["offer_talk"], text["offer_certificate"], text["offer_hr"]),
        work_contacts=tuple(_resource_row(r, lang) for r in at_work),
        hr=people_at_hr,
        made_on=label(lang, "made_on", date=format_date(clock_today(), lang)),
        scheme_heading=text["scheme"].format(group=group) if group else text["scheme_plain"],
        labels=words,
    )


def _about(resource: Resource | None, shown: set[str], lang: str) -> list[str]:
    """A scheme's own description, unless it is among the contacts anyway."""
    if resource is None or resource.id in shown:
        return []
    return [f"{resource.name(lang)}: {resource.what(lang)}"]


def _full_row(resource: Resource, lang: str) -> ResourceRow:
    """A contact with the whole of what it does: the handout has room, unlike a summary."""
    row = _resource_row(resource, lang)
    return ResourceRow(row.name, resource.what(lang), row.contact, row.url, row.confidential)


def handout_pdf(
    library: GuideLibrary, config: Config, lang: str, profile_id: str, profession: str | None
) -> bytes:
    """The group handout as a tagged PDF (PDF/UA-1) in one language."""
    context = build_handout(library, config, lang, profile_id, profession)
    return render_pdf("handout.html", context)
