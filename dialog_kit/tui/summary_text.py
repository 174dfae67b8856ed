"""The employee's summary as terminal text: the same SummaryDocument the PDF is made from."""

from __future__ import annotations

from rich.text import Text

from dialog_kit.documents.summary import SummaryDocument
from dialog_kit.documents.text import summary_lines

STYLES = {
    "org": "italic",
    "doctype": "bold",
    "h1": "bold underline",
    "h2": "bold underline",
    "h3": "bold",
    "status-draft": "bold reverse",
    "status-final": "bold",
    "term": "bold",
    "th": "bold",
    "badge": "italic",
    "caption": "dim",
    "empty": "dim",
}


def summary_text(doc: SummaryDocument, width: int = 72) -> Text:
    """The document's lines (dialog_kit.documents.text) with a terminal style for each role."""
    out = Text()
    for n, line in enumerate(summary_lines(doc, width)):
        if n:
            out.append("\n")
        for span in line:
            out.append(span.text, style=STYLES.get(span.role, ""))
    return out
