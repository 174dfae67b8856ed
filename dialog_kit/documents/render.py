"""Turns a document context into HTML (Jinja2) and the HTML into a tagged PDF (WeasyPrint).

WeasyPrint is imported here only inside `html_to_pdf`: importing it costs
about a second, which the TUI must not pay at start-up. The print style
(documents.css) and WeasyPrint's font configuration are made once per thread
and reused by every render in it (see `_reused`).
"""

from __future__ import annotations

import threading
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _
from dialog_kit.paths import templates_dir

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with a structure tree, /Lang, /Title and embedded fonts."""


class FetchRefusedError(DialogKitError):
    """A document tried to load something from outside the template folder."""


def _css_string(value: object) -> Markup:
    """A value as the inside of a double-quoted CSS string, safe inside a <style> element.

    Every character that could end the string, the rule or the element is
    written as a CSS escape, so HTML escaping (wrong inside <style>) is not needed.
    """
    from markupsafe import Markup

    out = []
    for char in str(value):
        if char in "\"'\\<>&;{}" or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return Markup("".join(out))


def load_weasyprint() -> Any:
    """The weasyprint module, imported on first use.

    Without Debian's libharfbuzz-subset0 WeasyPrint 70 warns at import that it
    will need it one day (it subsets fonts with fontTools meanwhile); that
    notice is for packagers, not for someone exporting a summary.
    """
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
            import weasyprint
    except (ImportError, OSError):
        # OSError: WeasyPrint is there but cannot load Pango (dlopen failed).
        raise DialogKitError(
            _("Cannot make PDFs"),
            _(
                "WeasyPrint or the Pango libraries it needs are missing. On Debian or Ubuntu: "
                "{command} (make run does this)."
            ).format(command="sudo apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"),
        ) from None
    return weasyprint


@cache
def environment(folder: Path | None = None) -> Environment:
    """The Jinja2 environment: autoescape always on, an unknown variable is an error."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(folder or templates_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["css_string"] = _css_string
    return env


def render_html(template: str, context: object, folder: Path | None = None) -> str:
    """The HTML of `template` filled with `context` (available in the template as `doc`)."""
    from jinja2 import TemplateError

    try:
        return environment(folder).get_template(template).render(doc=context)
    except TemplateError as exc:
        raise DialogKitError(
            _("Broken template"),
            _("The document template {template} cannot be used: {reason}").format(
                template=template, reason=exc
            ),
        ) from None


def is_allowed_url(url: str, folder: Path | None = None) -> bool:
    """True for data: URLs and file: URLs of files inside the template folder."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    root = (folder or templates_dir()).resolve()
    try:
        target = Path(unquote(parts.path)).resolve()
    except (OSError, ValueError):
        return False
    return target.is_relative_to(root) and target.is_file()


def _describe(url: str) -> str:
    """A URL shortened for an error message (it comes from a template, never from notes)."""
    return url if len(url) <= 120 else url[:117] + "..."


def make_url_fetcher(folder: Path | None = None, seen: list[str] | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves the template folder and data: URLs, nothing else.

    Any other URL stops the whole render (a FatalURLFetchingError that
    `html_to_pdf` turns into a DialogKitError): a document that silently
    misses a picture is better caught than shipped. `seen` collects every URL
    asked for, for tests.
    """
    load_weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    root = folder or templates_dir()

    class TemplateOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(
                timeout=1, allowed_protocols=("file", "data"), allow_redirects=False,
                fail_on_errors=True,
            )  # fmt: skip
            self.refused: str | None = None

        def fetch(self, url: str, headers: Any = None) -> Any:
            if seen is not None:
                seen.append(url)
            if not is_allowed_url(url, root):
                self.refused = url
                raise FatalURLFetchingError(f"refused to load {_describe(url)}")
            return super().fetch(url, headers)

    return TemplateOnlyFetcher()


STYLESHEET = "documents.css"
"""The print style of every document, in the template folder; `html_to_pdf` applies it."""


class _Reused(threading.local):
    """What a thread's renders share: the font configuration and the parsed print style.

    Parsing documents.css and matching its selectors is about a tenth of a summary's
    render, the same work every time. Per thread because Pango's font map is not
    thread-safe (the TUI renders some documents in a worker thread). Nothing of one
    document stays in them: our documents declare no @font-face, so the font
    configuration holds only the system's fonts and caches of their metrics.
    """

    def __init__(self) -> None:
        self.font_config: Any = None
        # (resolved path, mtime, size) of the style sheet and its parsed CSS: edited, re-read.
        self.stylesheet: tuple[tuple[str, int, int], Any] | None = None


_reused = _Reused()


def _font_config() -> Any:
    """This thread's WeasyPrint FontConfiguration."""
    if _reused.font_config is None:
        load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        _reused.font_config = FontConfiguration()
    return _reused.font_config


def print_stylesheet(
    folder: Path | None = None, *, fetcher: Any = None, fresh: bool = False
) -> Any | None:
    """The folder's documents.css as a WeasyPrint CSS, parsed once per thread (None if none).

    Loaded through `fetcher` (the template-only one by default), like anything
    else a document asks for; `fresh` loads it again even if this thread has it,
    so that a render which records what it fetches (`html_to_pdf(fetched=...)`)
    records the style sheet too.
    """
    root = folder or templates_dir()
    if fetcher is None:
        fetcher = make_url_fetcher(root)
    path = (root / STYLESHEET).resolve()
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if fresh or _reused.stylesheet is None or _reused.stylesheet[0] != key:
        from weasyprint import CSS

        css = CSS(url=path.as_uri(), url_fetcher=fetcher, font_config=_font_config())
        _reused.stylesheet = (key, css)
    return _reused.stylesheet[1]


def _table_header_scopes(document: Any, pdf: Any) -> None:
    """Gives every table header cell a /Scope: Column in the table head, Row in its body.

    WeasyPrint tags <th> as /TH without saying what it heads, so a screen
    reader cannot tie a date to its action (PDF/UA-1 7.5; the pdfua check
    UA-15-003). Our templates head columns in <thead> and rows with the first
    cell of a body row, so the part of the table a cell sits in says which.
    """
    elements: list[Any] = [obj for obj in pdf.objects if isinstance(obj, dict) and "S" in obj]
    by_reference = {element.reference: element for element in elements}
    for element in by_reference.values():
        if element.get("S") != "/TH":
            continue
        row = by_reference.get(element.get("P"))
        part = by_reference.get(row.get("P")) if row is not None else None
        scope = "/Column" if part is not None and part.get("S") == "/THead" else "/Row"
        attributes = element.get("A")
        if isinstance(attributes, dict):
            attributes["Scope"] = scope


def html_to_pdf(
    html: str,
    *,
    folder: Path | None = None,
    fetched: list[str] | None = None,
    forms: bool = False,
) -> bytes:
    """A PDF/UA-1 of `html` in the print style; relative URLs resolve inside the template folder.

    The print style is the folder's documents.css, applied to every document (the
    templates do not link it). It comes in as a user style sheet: a <style> in the
    document (the summary's page margins and running header) overrides it, as a
    later author sheet did. Title, author and language come from the HTML
    (<title>, <meta name=author>, <html lang>).
    """
    HTML = load_weasyprint().HTML
    from weasyprint.urls import FatalURLFetchingError

    root = folder or templates_dir()
    fetcher = make_url_fetcher(root, fetched)
    # Form fields (the sheets the employee fills in) only where a document asks for them.
    options: dict[str, Any] = {"pdf_forms": True} if forms else {}
    try:
        stylesheet = print_stylesheet(root, fetcher=fetcher, fresh=fetched is not None)
        document = HTML(string=html, base_url=f"{root.resolve().as_uri()}/", url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=[stylesheet] if stylesheet is not None else None,
            font_config=_font_config(),
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            finisher=_table_header_scopes,
            **options,
        )
    except FatalURLFetchingError:
        refused = getattr(fetcher, "refused", None) or _("an unknown address")
        raise FetchRefusedError(
            _("Refused to load a file"),
            _(
                "The document asked for {url}, which is outside the template folder; only "
                "files in the template folder and data: URLs may be used. Check the templates."
            ).format(url=_describe(refused)),
        ) from None
    return pdf


def render_pdf(
    template: str,
    context: object,
    *,
    fetched: list[str] | None = None,
    forms: bool = False,
    in_child: bool = False,
) -> bytes:
    """The PDF of `template` with `context`; `in_child` lays it out in a child process."""
    html = render_html(template, context)
    if in_child:
        from dialog_kit.documents.pdf_process import html_to_pdf_in_child

        return html_to_pdf_in_child(html, forms=forms)
    return html_to_pdf(html, fetched=fetched, forms=forms)
