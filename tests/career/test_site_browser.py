"""The career guide in a real browser: Debian's Chromium, headless, driven by Playwright.

Every page is opened from the disk (file://) and from a plain local web server;
each must load without a console error, a failed request or a request leaving
the site; search and the language switch must work, with JavaScript and (the
lists) without it; and axe-core finds no serious or critical WCAG 2.1 AA
violation on any kind of page, in any language.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from dialog_kit.career.load import load_catalogue
from dialog_kit.career.site import write_site
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parent.parent / "data" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ORGANISATION = "Norrviks kommun"


@dataclass
class Watched:
    """What one page did: console errors, uncaught exceptions, failed and foreign requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _left_behind(request: Request) -> bool:
    """The icon is fetched after the load event: going on to the next page cancels it.

    That is the browser leaving, not the site failing; the tests check that every page's
    icon link names a file of the site.
    """
    return request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.svg")


def watch(page: Page) -> Watched:
    seen = Watched()
    page.on("console", lambda m: seen.errors.append(m.text) if m.type in ("error", "warning")
            else None)  # fmt: skip
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
    page.on("requestfailed", lambda r: None if _left_behind(r) else seen.errors.append(
        f"failed: {r.url} {r.failure}"))  # fmt: skip
    page.on("request", lambda r: seen.requests.append(r.url))
    return seen


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guide") / "site"
    write_site(load_catalogue(), ORGANISATION, out)
    return out


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """A plain static web server (Python's own) on a free loopback port."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(http.server.ThreadingHTTPServer):
        daemon_threads = True

    httpd = Quiet(("127.0.0.1", 0), handler)
    handler.func.log_message = lambda *a: None  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium; fails (never skips) when it is missing."""
    assert CHROMIUM.exists(), "Debian's chromium is needed: make test installs it (apt-get)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.parametrize("origin", ["file", "http"])
def test_every_page_loads_cleanly_and_stays_inside_the_site(
    browser: Browser, site: Path, server: str, origin: str
) -> None:
    base = site.as_uri() if origin == "file" else server
    context = browser.new_context(locale="sv-SE")
    try:
        page = context.new_page()
        seen = watch(page)
        names = pages_of(site)
        assert len(names) == 1 + 3 * (2 + len(load_catalogue().paths))
        for name in names:
            response = page.goto(f"{base}/{name}", wait_until="load")
            if origin == "http":
                assert response is not None and response.status == 200, name
            assert page.title(), name
            # Every link of the page (its icon and style sheet too) leads to a file of the site.
            for href in page.eval_on_selector_all(
                "a[href], link[href]", "els => els.map(e => e.href)"
            ):
                target = href.split("#")[0].split("?")[0]
                assert target.startswith(base + "/"), (name, href)
                assert (site / target[len(base) + 1 :]).is_file(), (name, href)
        assert seen.errors == []
        foreign = [url for url in seen.requests if not url.startswith(base + "/")]
        assert foreign == []
        assert any(url.endswith("/assets/site.js") for url in seen.requests)
        assert any(url.endswith("/assets/site.css") for url in seen.requests)
    finally:
        context.close()


def test_search_narrows_the_list_as_one_types(browser: Browser, server: str) -> None:
    page = browser.new_page()
    try:
        seen = watch(page)
        page.goto(f"{server}/sv/index.html")
        cards = page.locator(".card:visible")
        total = len(load_catalogue().paths)
        assert cards.count() == total
        assert page.locator("#count-n").inner_text() == str(total)
        page.fill("#q", "forstelarare")  # no accents, found anyway
        page.wait_for_function("document.getElementById('count-n').textContent === '1'")
        assert cards.count() == 1
        assert cards.first.locator("h3").inner_text() == "Lärare till förstelärare och lektor"
        assert page.locator("section.area:visible").count() == 1  # empty areas are hidden
        page.fill("#q", "ingenting sådant finns")
        page.wait_for_function("document.getElementById('count-n').textContent === '0'")
        assert page.locator("#none").is_visible()
        page.fill("#q", "")
        page.select_option("#area", "performing-arts")
        page.wait_for_function("document.getElementById('count-n').textContent === '2'")
        page.select_option("#direction", "new-field")
        page.wait_for_function("document.getElementById('count-n').textContent === '1'")
        assert "fysioterapeut" in cards.first.inner_text()
        # A search word in the address fills the box (a link from the intranet can point to it).
        page.goto(f"{server}/en/index.html?q=dementia")
        page.wait_for_function("document.getElementById('count-n').textContent === '1'")
        assert page.input_value("#q") == "dementia"
        assert seen.errors == []
    finally:
        page.close()


def test_the_language_switch_keeps_the_page(browser: Browser, site: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{site.as_uri()}/sv/path-nurse-specialist.html")
        assert page.get_attribute("html", "lang") == "sv"
        assert page.locator("h1").inner_text() == "Sjuksköterska till specialistsjuksköterska"
        current = page.locator(".languages a[aria-current=page]")
        assert current.inner_text() == "Svenska"
        page.click(".languages a[lang=da]")
        page.wait_for_url("**/da/path-nurse-specialist.html")
        assert page.get_attribute("html", "lang") == "da"
        assert page.locator("h1").inner_text() == "Sygeplejerske til specialistsygeplejerske"
        page.click(".languages a[lang=en]")
        page.wait_for_url("**/en/path-nurse-specialist.html")
        assert page.locator("h1").inner_text() == "Registered nurse to specialist nurse"
        # The front door offers every language, each named in its own.
        page.goto(f"{site.as_uri()}/index.html")
        page.click("li[lang=da] a")
        page.wait_for_url("**/da/index.html")
        assert page.get_attribute("html", "lang") == "da"
    finally:
        page.close()


def test_without_javascript_every_path_is_listed(browser: Browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site.as_uri()}/en/index.html")
        assert not page.locator("#finder").is_visible()  # a search box that cannot work is hidden
        assert page.locator(".card:visible").count() == len(load_catalogue().paths)
        page.click("nav.areas a[href='#area-schools']")
        page.click("text=Teacher to first teacher and lecturer")
        page.wait_for_url("**/en/path-teacher-first-teacher.html")
        assert page.locator("ol.steps > li").count() == 3
    finally:
        context.close()


def _axe(page: Page) -> list[dict[str, object]]:
    # Evaluated through the debugging protocol, so the page's own CSP does not block it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "opts => axe.run(document, opts)", {"runOnly": {"type": "tag", "values": WCAG_AA}}
    )
    violations: list[dict[str, object]] = result["violations"]
    return violations


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_axe_finds_no_serious_violation(browser: Browser, site: Path, lang: str) -> None:
    page = browser.new_page()
    try:
        checked = 0
        for name in ["index.html", f"{lang}/index.html", f"{lang}/programmes.html",
                     f"{lang}/path-assistant-nurse-dementia.html",
                     f"{lang}/path-dancer-physiotherapy.html"]:  # fmt: skip
            page.goto(f"{site.as_uri()}/{name}")
            found = [
                (v["id"], v["impact"], len(v["nodes"]))  # type: ignore[arg-type]
                for v in _axe(page)
                if v["impact"] in ("serious", "critical")
            ]
            assert found == [], (name, found)
            checked += 1
        assert checked == 5
    finally:
        page.close()


def test_markup_in_the_data_shows_as_text(browser: Browser, tmp_path: Path) -> None:
    from tests.career.helpers import career_file, org_folder, path_block

    evil = "<img src=x onerror=alert(1)><b>Chef</b>"
    text = career_file(path_block(title=f'{{ sv = "{evil}", da = "{evil}", en = "{evil}" }}'))
    out = tmp_path / "site"
    write_site(load_catalogue(org_folder(tmp_path, text)), "<i>Org</i>", out)
    page = browser.new_page()
    try:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        seen = watch(page)
        page.goto(f"{out.as_uri()}/en/path-cook-chef.html")
        assert page.locator("h1").inner_text() == evil
        assert page.locator("main img, main b, header i").count() == 0
        assert page.locator(".org").inner_text() == "<i>Org</i>"
        page.goto(f"{out.as_uri()}/en/index.html")
        assert page.locator(".card h3").inner_text() == evil
        assert dialogs == [] and seen.errors == []
    finally:
        page.close()


def test_the_accessibility_check_does_find_violations(browser: Browser, site: Path) -> None:
    """The check above could pass by checking nothing: a page with known faults must fail it."""
    broken = site.parent / "broken.html"
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    html = html.replace('<html lang="en">', "<html>").replace(
        "</main>", '<img src="../assets/favicon.svg"><input type="text"></main>'
    )
    broken.write_text(html.replace("../assets/", "site/assets/"), encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(broken.as_uri())
        found = {v["id"] for v in _axe(page) if v["impact"] in ("serious", "critical")}
        assert {"html-has-lang", "image-alt", "label"} <= found
    finally:
        page.close()
