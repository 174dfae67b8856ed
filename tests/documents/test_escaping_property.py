"""For any text at all, the summary HTML holds it as text: no tag, attribute or style leaks in."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialog_kit.config import Config
from dialog_kit.documents import build_summary_document
from dialog_kit.documents.render import render_html
from dialog_kit.guides import GuideLibrary
from dialog_kit.record import Action, Visibility

from .conftest import MakeTalk


class Collector(HTMLParser):
    """The tags and the text of each `class="note"` paragraph and action cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if (tag, found.get("class")) == ("p", "note") or found.get("scope") == "row":
            self._depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "th"):
            self._depth = 0

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    min_size=1,
    max_size=80,
).filter(lambda t: t.strip() != "")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=TEXT, what=TEXT)
def test_any_text_stays_text(
    note: str, what: str, make_talk: MakeTalk, library: GuideLibrary
) -> None:
    talk = make_talk(notes_per_phase=0, actions=0)
    talk.record.add_note("look-back", note, Visibility.SHARED)
    talk.record.actions.append(Action(what, "x"))
    baseline = make_talk(notes_per_phase=0, actions=0)
    baseline.record.add_note("look-back", "plain", Visibility.SHARED)
    baseline.record.actions.append(Action("plain", "x"))

    def parse(record: object) -> Collector:
        collector = Collector()
        document = build_summary_document(record, library, Config())  # type: ignore[arg-type]
        collector.feed(render_html("summary.html", document))
        return collector

    hostile, plain = parse(talk.record), parse(baseline.record)
    assert hostile.tags == plain.tags
    assert hostile.texts == [what, note]  # the actions come first: what happens next
