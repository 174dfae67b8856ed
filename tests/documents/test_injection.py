"""Hostile or odd text in names, notes and actions shows as text, fetches and embeds nothing."""

from __future__ import annotations

import io
import subprocess
from typing import Any

import pytest
from pypdf import PdfReader

from dialog_kit.config import Config
from dialog_kit.documents import build_summary, summary_pdf
from dialog_kit.documents.render import (
    html_to_pdf,
    load_weasyprint,
    make_url_fetcher,
    print_stylesheet,
    render_html,
)
from dialog_kit.documents.summary import summary_document
from dialog_kit.guides import GuideLibrary
from dialog_kit.paths import templates_dir
from dialog_kit.record import Action, Visibility

from .conftest import MakeTalk, pdf_text

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>body { display: none }</style>",
    "</p><h1>fake</h1><p>",
    "url(file:///etc/passwd) @import url(https://example.com/x.css);",
    '" onload="x',
    "{{ 7 * 7 }} {% if true %}jinja{% endif %}",
    "&amp; &lt;b&gt;",
]
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän" * 8
EMOJI = "Tack 🎉👍🏽 för i år"
RTL = "שלום عليكم"


@pytest.fixture
def hostile_talk(make_talk: MakeTalk) -> Any:
    talk = make_talk("development", notes_per_phase=0, actions=0)
    record = talk.record
    record.employee.name = '<img src="file:///etc/passwd"> Åsa'
    record.employee.role = "<b>role</b>"
    record.manager.name = "<script>alert(1)</script>"
    for i, text in enumerate([*HOSTILE, LONG_WORD, RTL]):
        record.add_note("look-back", f"zqstart{i} {text} zqend{i}", Visibility.SHARED)
    record.actions.append(Action(f"{HOSTILE[0]} zqaction", "<i>me</i>"))
    record.actions.append(Action(LONG_WORD, LONG_WORD))
    return talk


def test_hostile_text_is_printed_literally(hostile_talk: Any, library: GuideLibrary) -> None:
    config = Config(organisation='<link rel="stylesheet" href="http://example.com/x.css">')
    context = build_summary(hostile_talk.record, library, config)
    seen: list[str] = []
    data = html_to_pdf(render_html("summary.html", summary_document(context)), fetched=seen)
    text = pdf_text(data)
    for snippet in HOSTILE:
        assert "".join(snippet.split()) in text
    assert "".join(LONG_WORD.split()) in text.replace("-", "")
    assert "zqstart9" in text and "zqend9" in text  # right to left
    assert "שלום" in text and "عليكم" in text
    assert "<script>alert(1)</script>" in text
    assert '<linkrel="stylesheet"href="http://example.com/x.css">' in text
    # The only thing fetched is the template's own stylesheet.
    root = templates_dir().resolve().as_uri()
    assert seen and all(url.startswith(root) for url in seen)


def test_emoji_are_kept_as_text(make_talk: MakeTalk, library: GuideLibrary, tmp_path: Any) -> None:
    # pypdf cannot read text beside a glyph the font lacks; poppler (make test installs it) can.
    talk = make_talk(notes_per_phase=0, actions=0)
    talk.record.add_note("look-back", f"zqemoji {EMOJI}", Visibility.SHARED)
    talk.record.employee.name = "Åsa 🌻"
    pdf = tmp_path / "emoji.pdf"
    pdf.write_bytes(summary_pdf(talk.record, library, Config()))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"zqemoji {EMOJI}" in text
    assert "Åsa 🌻" in text


def test_hostile_text_embeds_nothing(hostile_talk: Any, library: GuideLibrary) -> None:
    context = build_summary(hostile_talk.record, library, Config())
    html = render_html("summary.html", summary_document(context))
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    root = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert "/AF" not in root
    for page in reader.pages:
        assert "/Annots" not in page or all(
            a.get_object().get("/Subtype") != "/FileAttachment" for a in page["/Annots"]
        )
        xobjects = page["/Resources"].get("/XObject", {})
        images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        assert images == []


def test_long_words_wrap_inside_the_page(hostile_talk: Any, library: GuideLibrary) -> None:
    context = build_summary(hostile_talk.record, library, Config())
    html = render_html("summary.html", summary_document(context))
    weasyprint = load_weasyprint()
    document = weasyprint.HTML(
        string=html, base_url=f"{templates_dir().as_uri()}/", url_fetcher=make_url_fetcher()
    ).render(stylesheets=[print_stylesheet()])  # what html_to_pdf applies
    boxes = []
    for page in document.pages:
        root = page._page_box.children[0]
        right = root.content_box_x() + root.width + 0.5
        stack = [root]
        while stack:
            box = stack.pop()
            if type(box).__name__ == "TextBox":
                boxes.append((box.position_x + box.width, right, box.text))
            stack.extend(getattr(box, "children", ()))
    assert len(boxes) > 50
    assert any(LONG_WORD[:20] in text for _, _, text in boxes)
    overflowing = [text[:40] for end, right, text in boxes if end > right]
    assert overflowing == []
