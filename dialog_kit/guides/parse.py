"""The three parsers: a guide file, a profiles file and a resources file, to the model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dialog_kit.errors import clip, quoted
from dialog_kit.guides.fields import (
    _COUNTRIES,
    _EMPTY,
    _ID,
    _boolean,
    _check_format,
    _check_keys,
    _choice,
    _Context,
    _date,
    _entries,
    _ident,
    _integer,
    _items,
    _string,
    _string_list,
    _table,
    _tables,
    _text,
    _unique,
)
from dialog_kit.guides.model import (
    AGREEMENTS,
    COUNTRIES,
    SECTORS,
    STAGES,
    TALK_STAGES,
    CareerFact,
    Caution,
    Guide,
    Phase,
    Preparation,
    Profile,
    ProfileAddition,
    Prompt,
    Resource,
    TransitionWindow,
)
from dialog_kit.i18n import N_, _
from dialog_kit.record import Kind

_GUIDE_KEYS = {
    "format", "id", "version", "kind", "title", "summary", "phases", "preparation", "talk_stages",
}  # fmt: skip
_PHASE_KEYS = {"id", "stage", "title", "purpose", "items", "prompts", "cautions"}

_PROFILE_KEYS = {
    "id", "title", "summary", "additions", "preparation", "windows", "horizon_years", "professions",
    "facts",
}  # fmt: skip
_ADDITION_KEYS = {"guide", "phase", "items", "prompts", "cautions"}
_WINDOW_KEYS = {
    "id", "title", "opens_at_age", "closes_before_age", "inform_at_age", "resource", "profession",
    "countries",
}  # fmt: skip
_FACT_KEYS = {"id", "profession", "title", "text", "countries", "at_age", "resource", "verify"}
_RESOURCE_KEYS = {
    "id", "scope", "name", "what", "when", "country", "countries", "kinds", "profiles",
    "confidential", "url", "contact", "agreements", "sectors", "stages", "checked",
}  # fmt: skip


def _file_kind(ctx: _Context, data: Mapping[str, Any]) -> str:
    if "profiles" in data:
        return "profiles"
    if "resources" in data:
        return "resources"
    if {"id", "kind", "phases", "title"} & set(data):
        return "guide"
    if "paths" in data or "programmes" in data:
        return "career-paths"  # dialog_kit.career reads and checks it; the guides pass it by
    ctx.problem("", _("is neither a guide, a profiles file nor a resources file"), line=1)
    ctx.raise_if_problems()
    return ""


def _parse_guide(ctx: _Context, data: Mapping[str, Any]) -> Guide:
    _check_keys(ctx, data, _GUIDE_KEYS, "")
    _check_format(ctx, data)
    ident = _ident(ctx, data, "")
    version = _integer(ctx, data, "version", "", 1, 1_000_000) or 1
    kind = _choice(ctx, data, "kind", "", [k.value for k in Kind])
    title = _text(ctx, data, "title", "")
    summary = _text(ctx, data, "summary", "")
    phases: list[Phase] = []
    phase_ids = []
    last_stage = 0
    seen_during = stage_missing = False
    for path, entry in _tables(ctx, data, "phases", "", required=True):
        _check_keys(ctx, entry, _PHASE_KEYS, path)
        pid = _ident(ctx, entry, path)
        phase_ids.append((f"{path}.id", pid))
        stage = _choice(ctx, entry, "stage", path, STAGES)
        if stage:
            if STAGES.index(stage) < last_stage:
                ctx.problem(
                    f"{path}.stage",
                    _("a {stage} phase cannot follow a {previous} phase").format(
                        stage=stage, previous=STAGES[last_stage]
                    ),
                )
            if stage == "after" and not seen_during and not stage_missing:
                # Locking ends the talk's during phases; an after phase follows the talk.
                ctx.problem(
                    f"{path}.stage",
                    _("an after phase needs a during phase (the talk itself) before it"),
                )
            last_stage = max(last_stage, STAGES.index(stage))
            seen_during = seen_during or stage == "during"
        else:
            stage_missing = True  # already reported; the order cannot be judged
        ptitle = _text(ctx, entry, "title", path)
        purpose = _text(ctx, entry, "purpose", path)
        items = _items(ctx, entry, path, required=True)
        prompts = tuple(
            Prompt(i, t) for i, t in _entries(ctx, entry, "prompts", path, N_("prompt"), True)
        )
        cautions = tuple(
            Caution(i, t) for i, t in _entries(ctx, entry, "cautions", path, N_("caution"))
        )
        if pid and stage and ptitle and purpose:
            phases.append(Phase(pid, stage, ptitle, purpose, items, prompts, cautions))
    _unique(ctx, phase_ids, N_("phase"))
    talk_stages = _string_list(ctx, data, "talk_stages", "", TALK_STAGES)
    known = {pid for _path, pid in phase_ids}
    for i, stage_id in enumerate(talk_stages):
        if stage_id not in known:
            ctx.problem(
                f"talk_stages[{i}]",
                _("this guide has no phase {id!r}: a stage must be one of its phases").format(
                    id=quoted(stage_id)
                ),
            )
    if talk_stages and kind and kind != Kind.CAREER_CHANGE.value:
        ctx.problem("talk_stages", _("only career-change guides have stages"))
    preparation = Preparation(_EMPTY, ())
    prep = _table(ctx, data, "preparation", "", N_("intro and questions for the employee"))
    if prep is not None:
        _check_keys(ctx, prep, {"intro", "questions"}, "preparation")
        intro = _text(ctx, prep, "intro", "preparation")
        questions = tuple(
            Prompt(i, t)
            for i, t in _entries(ctx, prep, "questions", "preparation", N_("question"), True)
        )
        if intro:
            preparation = Preparation(intro, questions)
    return Guide(
        id=ident, version=version, kind=Kind(kind or Kind.DEVELOPMENT),
        title=title or _EMPTY, summary=summary or _EMPTY,
        phases=tuple(phases), preparation=preparation, source=ctx.path,
        talk_stages=tuple(dict.fromkeys(talk_stages)),
    )  # fmt: skip


def _parse_profiles(ctx: _Context, data: Mapping[str, Any]) -> list[tuple[int, Profile]]:
    _check_keys(ctx, data, {"format", "profiles"}, "")
    _check_format(ctx, data)
    profiles = []
    ids = []
    for index, (path, entry) in enumerate(_tables(ctx, data, "profiles", "", required=True)):
        _check_keys(ctx, entry, _PROFILE_KEYS, path)
        pid = _ident(ctx, entry, path)
        ids.append((f"{path}.id", pid))
        title = _text(ctx, entry, "title", path)
        summary = _text(ctx, entry, "summary", path)
        additions = []
        for apath, add in _tables(ctx, entry, "additions", path):
            _check_keys(ctx, add, _ADDITION_KEYS, apath)
            additions.append(
                ProfileAddition(
                    guide=_string(ctx, add, "guide", apath, required=True),
                    phase=_string(ctx, add, "phase", apath, required=True),
                    items=_items(ctx, add, apath),
                    prompts=tuple(
                        Prompt(a, t) for a, t in _entries(ctx, add, "prompts", apath, N_("prompt"))
                    ),
                    cautions=tuple(
                        Caution(a, t)
                        for a, t in _entries(ctx, add, "cautions", apath, N_("caution"))
                    ),
                )
            )
        preparation = []
        question_ids = []
        for ppath, prep in _tables(ctx, entry, "preparation", path):
            _check_keys(ctx, prep, {"guide", "id", "text"}, ppath)
            qid = _ident(ctx, prep, ppath)
            text = _text(ctx, prep, "text", ppath)
            guide = _string(ctx, prep, "guide", ppath, required=True)
            question_ids.append((f"{ppath}.id", f"{guide}/{qid}" if qid else ""))
            if qid and text:
                preparation.append((guide, Prompt(qid, text)))
        _unique(ctx, question_ids, N_("question"))
        windows = []
        window_ids = []
        wprofessions: list[tuple[str, str]] = []
        for wpath, win in _tables(ctx, entry, "windows", path):
            _check_keys(ctx, win, _WINDOW_KEYS, wpath)
            wid = _ident(ctx, win, wpath)
            window_ids.append((f"{wpath}.id", wid))
            wtitle = _text(ctx, win, "title", wpath)
            opens = _integer(ctx, win, "opens_at_age", wpath, 15, 80)
            closes = _integer(ctx, win, "closes_before_age", wpath, 15, 80)
            inform = _integer(ctx, win, "inform_at_age", wpath, 15, 80)
            resource = _string(ctx, win, "resource", wpath)
            wprofession = _string(ctx, win, "profession", wpath)
            wcountries = _string_list(ctx, win, "countries", wpath, COUNTRIES)
            if opens and closes and closes <= opens:
                ctx.problem(f"{wpath}.closes_before_age", _("must be later than opens_at_age"))
            if opens and inform and inform > opens:
                ctx.problem(f"{wpath}.inform_at_age", _("must not be later than opens_at_age"))
            if wid and wtitle and opens and closes and inform:
                windows.append(
                    TransitionWindow(
                        wid, wtitle, opens, closes, inform, resource, wprofession,
                        tuple(wcountries),
                    )
                )  # fmt: skip
            wprofessions.append((f"{wpath}.profession", wprofession))
        _unique(ctx, window_ids, N_("window"))
        horizon = _integer(ctx, entry, "horizon_years", path, 0, 20, default=3)
        professions = _string_list(ctx, entry, "professions", path)
        for i, profession in enumerate(professions):
            if not _ID.fullmatch(profession):
                ctx.problem(
                    f"{path}.professions[{i}]", _("must be an id of letters, digits, - and _")
                )
        facts = []
        fact_ids = []
        for fpath, raw in _tables(ctx, entry, "facts", path):
            _check_keys(ctx, raw, _FACT_KEYS, fpath)
            fid = _ident(ctx, raw, fpath)
            fact_ids.append((f"{fpath}.id", fid))
            fprofession = _string(ctx, raw, "profession", fpath, required=True)
            wprofessions.append((f"{fpath}.profession", fprofession))
            ftitle = _text(ctx, raw, "title", fpath)
            ftext = _text(ctx, raw, "text", fpath)
            fcountries = _string_list(ctx, raw, "countries", fpath, COUNTRIES)
            at_age = _integer(ctx, raw, "at_age", fpath, 15, 80, optional=True)
            fresource = _string(ctx, raw, "resource", fpath)
            verify = _boolean(ctx, raw, "verify", fpath)
            if fid and ftitle and ftext:
                facts.append(
                    CareerFact(
                        fid, fprofession, ftitle, ftext, tuple(fcountries), at_age, fresource,
                        verify,
                    )
                )  # fmt: skip
        _unique(ctx, fact_ids, N_("fact"))
        for ppath, profession in wprofessions:
            if profession and profession not in professions:
                ctx.problem(
                    ppath,
                    _("{profession!r} is not one of this profile's professions ({known})").format(
                        profession=quoted(profession),
                        known=clip(", ".join(professions)) or _("none listed"),
                    ),
                )
        if pid and title and summary:
            profiles.append(
                (
                    index,
                    Profile(
                        pid, title, summary, tuple(additions), tuple(preparation),
                        tuple(windows), 3 if horizon is None else horizon,
                        tuple(dict.fromkeys(professions)), tuple(facts),
                    ),
                )
            )  # fmt: skip
    _unique(ctx, ids, N_("profile"))
    return profiles


def _parse_resources(ctx: _Context, data: Mapping[str, Any]) -> list[tuple[int, Resource]]:
    _check_keys(ctx, data, {"format", "resources"}, "")
    _check_format(ctx, data)
    resources = []
    ids = []
    for index, (path, entry) in enumerate(_tables(ctx, data, "resources", "", required=True)):
        _check_keys(ctx, entry, _RESOURCE_KEYS, path)
        rid = _ident(ctx, entry, path)
        ids.append((f"{path}.id", rid))
        scope = _choice(ctx, entry, "scope", path, ("internal", "external"))
        name = _text(ctx, entry, "name", path)
        what = _text(ctx, entry, "what", path)
        when = _text(ctx, entry, "when", path)
        contact = _text(ctx, entry, "contact", path, optional=True)
        kinds = _string_list(ctx, entry, "kinds", path, [k.value for k in Kind])
        profiles = _string_list(ctx, entry, "profiles", path)
        countries = _string_list(ctx, entry, "countries", path, COUNTRIES)
        if "country" in entry:  # the older single key, still read
            if "countries" in entry:
                ctx.problem(f"{path}.country", _("write either country or countries, not both"))
            country = _choice(ctx, entry, "country", path, _COUNTRIES, default="")
            countries = [country] if country else []
        agreements = _string_list(ctx, entry, "agreements", path, AGREEMENTS)
        home = {AGREEMENTS[a] for a in agreements if a in AGREEMENTS}
        if home and countries and not home <= set(countries):
            ctx.problem(
                f"{path}.agreements",
                _("an agreement of {home} on a resource for {countries}").format(
                    home=", ".join(sorted(home)), countries=", ".join(countries)
                ),
            )
        sectors = _string_list(ctx, entry, "sectors", path, SECTORS)
        stages = _string_list(ctx, entry, "stages", path, TALK_STAGES)
        if stages and kinds and Kind.CAREER_CHANGE.value not in kinds:
            ctx.problem(f"{path}.stages", _("stages are for career-change talks only"))
        checked = _date(ctx, entry, "checked", path)
        url = _string(ctx, entry, "url", path)
        if url and not url.startswith(("https://", "http://")):
            ctx.problem(f"{path}.url", _("must start with https:// or http://"))
        confidential = _boolean(ctx, entry, "confidential", path)
        if rid and scope and name and what and when:
            resources.append(
                (
                    index,
                    Resource(
                        rid, scope, name, what, when, tuple(countries),
                        tuple(Kind(k) for k in kinds), tuple(profiles), confidential, url,
                        contact, tuple(agreements), tuple(sectors), tuple(stages), checked,
                    ),
                )
            )  # fmt: skip
    _unique(ctx, ids, N_("resource"))
    return resources
