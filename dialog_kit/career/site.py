"""The digital career guide: a static, self-contained website of the career-path catalogue.

It is made from the catalogue and the organisation's name only, never from a
vault: there is no personal data to leak. Every page works opened from the
disk (file://) and from any plain web server: relative links, one stylesheet
and one small script beside the pages, nothing loaded from elsewhere, and the
search and filters are an enhancement (without JavaScript every path is
listed, grouped by area).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dialog_kit.career.model import AREAS, DIRECTIONS, PROGRAMME_KINDS, CareerCatalogue
from dialog_kit.career.search import LANGS, fold, path_words
from dialog_kit.errors import DialogKitError, UsageError
from dialog_kit.i18n import N_, ntranslate, translate
from dialog_kit.paths import templates_dir
from dialog_kit.safe_files import is_real_folder

MARKER = ".dialog-kit-career-guide"
"""Left in a folder the guide was written to: only such a folder is replaced by a new run."""
ASSETS = ("site.css", "site.js", "favicon.svg")

_WORDS = {
    "site_title": N_("Career paths"),
    "lead": N_(
        "Where you can go from your job with us: deeper in your field, broader, towards "
        "leading others, or into a new field. Each path shows its steps, what they ask and "
        "how to get there."
    ),
    "skip": N_("Skip to the content"),
    "languages": N_("Language"),
    "search": N_("Search the paths"),
    "search_hint": N_("Words from a title, a job or a competence, in any language."),
    "area": N_("Area"),
    "direction": N_("Direction"),
    "all": N_("All"),
    "shown": N_("Paths shown:"),
    "none_found": N_("No path matches. Try fewer words or another area."),
    "areas_nav": N_("Paths by area"),
    "steps": N_("Steps"),
    "step_n": N_("Step {n}"),
    "what": N_("What it involves"),
    "competences": N_("Competences it asks for"),
    "how": N_("How to get there"),
    "time": N_("Typical time"),
    "pay": N_("Pay"),
    "contacts": N_("Contacts"),
    "programmes": N_("Programmes"),
    "programmes_lead": N_(
        "Programmes that help on the way: trying new tasks, learning from others, "
        "working somewhere else for a while."
    ),
    "length": N_("Length"),
    "read_more": N_("Read more"),
    "back": N_("All paths"),
    "paths_naming": N_("Paths that use it"),
    "examples": N_(
        "These paths are examples that the organisation has not yet adapted: times, pay and "
        "contacts are placeholders."
    ),
    "footer": N_(
        "This career guide holds no personal data. Talk to your manager about a path in "
        "your development talk."
    ),
    "choose_language": N_("Choose a language"),
    "no_paths": N_("No career paths have been published yet."),
}
_AREA_WORDS = {
    "elderly-care": N_("Elderly care"),
    "health-care": N_("Health care"),
    "social-services": N_("Social services"),
    "schools": N_("Schools"),
    "performing-arts": N_("Performing arts"),
    "other": N_("Other"),
}
_DIRECTION_WORDS = {
    "deeper": N_("Deeper in the field"),
    "broader": N_("Broader"),
    "lead": N_("Leading others"),
    "new-field": N_("A new field"),
}
_KIND_WORDS = {
    "trainee": N_("Trainee programme"),
    "aspirant": N_("Aspirant programme"),
    "mentoring": N_("Mentoring"),
    "rotation": N_("Rotation"),
    "exchange": N_("Exchange"),
    "other": N_("Programme"),
}
_LANGUAGE_NAMES = {"sv": "Svenska", "da": "Dansk", "en": "English"}


def words(lang: str) -> dict[str, Any]:
    """The site's fixed texts in `lang` (gettext, whatever the interface language)."""
    out: dict[str, Any] = {key: translate(text, lang) for key, text in _WORDS.items()}
    out["areas"] = {key: translate(text, lang) for key, text in _AREA_WORDS.items()}
    out["directions"] = {key: translate(text, lang) for key, text in _DIRECTION_WORDS.items()}
    out["kinds"] = {key: translate(text, lang) for key, text in _KIND_WORDS.items()}
    out["step_count"] = lambda n: ntranslate("{n} step", "{n} steps", n, lang).format(n=n)
    return out


def area_label(area: str, lang: str) -> str:
    return translate(_AREA_WORDS.get(area, _AREA_WORDS["other"]), lang)


def direction_label(direction: str, lang: str) -> str:
    return translate(_DIRECTION_WORDS.get(direction, direction), lang)


def kind_label(kind: str, lang: str) -> str:
    return translate(_KIND_WORDS.get(kind, _KIND_WORDS["other"]), lang)


@dataclass(frozen=True)
class SiteReport:
    folder: Path
    pages: int
    size: int  # bytes of every file written
    languages: tuple[str, ...]
    examples: bool


def page_name(path_id: str) -> str:
    """The file of a path's page: its id is letters, digits, - and _ (the parser checks)."""
    return f"path-{path_id}.html"


def render_site(
    catalogue: CareerCatalogue, organisation: str, languages: Sequence[str] = LANGS
) -> dict[str, bytes]:
    """Every file of the site, relative path -> bytes (nothing is written)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(templates_dir() / "career-guide"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    files: dict[str, bytes] = {}
    paths = list(catalogue.paths.values())
    areas = [a for a in AREAS if any(p.area == a for p in paths)]
    directions = [d for d in DIRECTIONS if any(p.direction == d for p in paths)]
    programmes = sorted(
        catalogue.programmes.values(), key=lambda p: (PROGRAMME_KINDS.index(p.kind), p.id)
    )
    using = {
        prog.id: [p for p in paths if any(prog.id in s.programmes for s in p.steps)]
        for prog in programmes
    }
    search_words = {p.id: path_words(p, catalogue.programmes) for p in paths}
    for lang in languages:
        common = {
            "lang": lang,
            "w": words(lang),
            "organisation": organisation,
            "languages": [(code, _LANGUAGE_NAMES[code]) for code in languages],
            "examples": catalogue.examples,
            "page_name": page_name,
            "programmes_all": catalogue.programmes,
        }
        overview = env.get_template("overview.html").render(
            **common, page="index.html", paths=paths, areas=areas, directions=directions,
            search_words=search_words, fold=fold,
        )  # fmt: skip
        files[f"{lang}/index.html"] = overview.encode("utf-8")
        for path in paths:
            html = env.get_template("path.html").render(
                **common, page=page_name(path.id), path=path,
                path_programmes=catalogue.programmes_of(path),
            )  # fmt: skip
            files[f"{lang}/{page_name(path.id)}"] = html.encode("utf-8")
        html = env.get_template("programmes.html").render(
            **common, page="programmes.html", programmes=programmes, using=using
        )
        files[f"{lang}/programmes.html"] = html.encode("utf-8")
    chooser = env.get_template("languages.html").render(
        lang=languages[0],
        organisation=organisation,
        choices=[(code, _LANGUAGE_NAMES[code], words(code)) for code in languages],
    )
    files["index.html"] = chooser.encode("utf-8")
    for asset in ASSETS:
        files[f"assets/{asset}"] = (templates_dir() / "career-guide" / asset).read_bytes()
    files[MARKER] = b"Written by dialog-kit career-guide; the next run replaces this folder.\n"
    return files


def write_site(
    catalogue: CareerCatalogue,
    organisation: str,
    out: Path,
    languages: Sequence[str] = LANGS,
    *,
    vault_dir: Path | None = None,
) -> SiteReport:
    """Writes the site into `out`: a new or empty folder, or one an earlier run wrote.

    The pages are written into a fresh folder beside `out` first, then put in
    its place, so a failure half-way leaves the old site as it was.
    """
    check_target(out, vault_dir)
    files = render_site(catalogue, organisation, languages)
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            target.chmod(0o644)  # published as it is: for a web server to read
        staging.chmod(0o755)
        for folder in {staging / Path(name).parent for name in files}:
            folder.chmod(0o755)
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(old)
        staging.rename(out)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = sum(1 for name in files if name.endswith(".html"))
    size = sum(len(data) for data in files.values())
    return SiteReport(out, pages, size, tuple(languages), catalogue.examples)


def check_target(out: Path, vault_dir: Path | None) -> None:
    """Refuses a folder inside the vault, a link, a file, and a folder that holds other things."""
    from dialog_kit.i18n import _

    if vault_dir is not None and _inside(out, vault_dir):
        raise UsageError(
            _("Inside the vault"),
            _(
                "{path} lies in the vault's folder {vault}, which may be synced or shared: "
                "the career guide is published as it is. Write it somewhere else."
            ).format(path=out, vault=vault_dir),
        )
    if out.is_symlink():
        raise UsageError(
            _("Not a folder"), _("{path} is a link; give a real folder.").format(path=out)
        )
    if not out.exists():
        return
    if not is_real_folder(out):
        raise UsageError(
            _("Not a folder"), _("{path} exists and is not a folder.").format(path=out)
        )
    if any(out.iterdir()) and not (out / MARKER).is_file():
        raise DialogKitError(
            _("Folder not empty"),
            _(
                "{path} holds files that dialog-kit did not write. Give a new or empty folder; "
                "a folder an earlier career-guide run wrote is replaced."
            ).format(path=out),
        )


def _inside(path: Path, folder: Path) -> bool:
    try:
        target = path.absolute().parent.resolve() / path.name
        return target.is_relative_to(folder.resolve()) or folder.resolve().is_relative_to(target)
    except (OSError, RuntimeError):
        return True
