"""The URL fetcher: the template folder and data: URLs, nothing else, and a clear error."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from dialog_kit.documents.render import (
    FetchRefusedError,
    html_to_pdf,
    is_allowed_url,
    render_html,
)
from dialog_kit.errors import DialogKitError
from dialog_kit.paths import templates_dir

# A 1x1 transparent PNG.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f300"
        "00000049454e44ae426082"
    )
).decode()


def test_allowed_urls() -> None:
    css = (templates_dir() / "documents.css").resolve()
    assert is_allowed_url(css.as_uri())
    assert is_allowed_url(f"data:image/png;base64,{PIXEL}")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file://otherhost/etc/passwd",
        "javascript:alert(1)",
    ],
)
def test_refused_urls(url: str) -> None:
    assert not is_allowed_url(url)


def test_dot_dot_and_symlinks_cannot_leave_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (folder / "link.css").symlink_to(tmp_path / "secret.txt")
    (folder / "ok.css").write_text("p {}")
    assert is_allowed_url((folder / "ok.css").as_uri(), folder)
    assert not is_allowed_url(f"{folder.as_uri()}/../secret.txt", folder)
    assert not is_allowed_url((folder / "link.css").as_uri(), folder)


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="https://example.com/x.css">',
        "<style>@import url(file:///etc/hostname);</style>",
        '<p style="background: url(http://example.com/p.png)">x</p>',
        '<link rel="attachment" href="file:///etc/passwd">',
    ],
)
def test_a_template_that_reaches_outside_stops_the_render(markup: str) -> None:
    html = f'<html lang="en"><head><title>t</title></head><body>{markup}<p>x</p></body></html>'
    with pytest.raises(FetchRefusedError) as caught:
        html_to_pdf(html)
    assert isinstance(caught.value, DialogKitError)
    assert "outside the template folder" in caught.value.message


def test_data_urls_and_template_files_are_served() -> None:
    html = (
        '<html lang="en"><head><title>t</title><link rel="stylesheet" href="documents.css">'
        f'</head><body><img alt="dot" src="data:image/png;base64,{PIXEL}"><p>x</p></body></html>'
    )
    seen: list[str] = []
    assert html_to_pdf(html, fetched=seen).startswith(b"%PDF-")
    assert any(url.endswith("/documents.css") for url in seen)
    assert any(url.startswith("data:") for url in seen)


def test_a_template_with_an_unknown_variable_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<p>{{ doc.nothing_here }}</p>")
    with pytest.raises(DialogKitError, match=r"broken\.html"):
        render_html("broken.html", object(), folder=tmp_path)


def test_autoescape_is_on(tmp_path: Path) -> None:
    (tmp_path / "echo.html").write_text("<p>{{ doc }}</p>")
    assert render_html("echo.html", "<b>&</b>", folder=tmp_path) == (
        "<p>&lt;b&gt;&amp;&lt;/b&gt;</p>"
    )


def test_missing_weasyprint_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import now raises ImportError
    with pytest.raises(DialogKitError, match="Pango"):
        html_to_pdf('<html lang="en"><head><title>t</title></head><body>x</body></html>')
