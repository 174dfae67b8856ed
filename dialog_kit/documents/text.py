"""The summary document as plain text lines, for the review screen's preview.

It prints the strings of a `SummaryDocument` in the PDF's reading order and
adds nothing but whitespace, plus the two things the print style adds to the
PDF's text: capitals for the document type and the table header, and the
diamond before the confidentiality badge. Each span carries a role, so the
TUI can style it without knowing the model.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from dialog_kit.documents.summary import (
    Block,
    FormBlock,
    Group,
    Paragraph,
    ResourceBlock,
    ResourceList,
    SignatureBlock,
    SummaryDocument,
    Table,
)

BADGE_MARK = "◆ "
"""What documents.css puts before a badge (`.badge::before`)."""


@dataclass(frozen=True)
class Span:
    text: str
    role: str = "text"


Line = tuple[Span, ...]


def _wrap(text: str, width: int, indent: int = 0, role: str = "text") -> list[Line]:
    """`text` wrapped to `width`, its own line breaks kept (notes are printed pre-line)."""
    pad = " " * indent
    lines: list[Line] = []
    for part in text.split("\n"):
        # Long words (addresses) stay whole: the terminal folds them, the text stays the text.
        wrapped = textwrap.wrap(
            part, max(width - indent, 20), break_long_words=False, break_on_hyphens=False
        )
        lines += [(Span(pad + w, role),) for w in wrapped] or [()]
    return lines


def _table(table: Table, width: int) -> list[Line]:
    header = tuple(cell.upper() for cell in table.header)
    rows = [row.cells for row in table.rows]
    lines: list[Line] = list(_wrap(table.caption, width, role="caption"))
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    if sum(widths) + 2 * (len(widths) - 1) <= width:
        for cells, role in [(header, "th"), *[(r, "td") for r in rows]]:
            text = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
            lines.append((Span(text, role),))
        return lines
    # Too wide for columns: each row as its first cell, then the others indented under it.
    for cells, role in [(header, "th"), *[(r, "td") for r in rows]]:
        lines += _wrap(cells[0], width, role=role)
        rest = "  ".join(c for c in cells[1:] if c)
        if rest:
            lines += _wrap(rest, width, 4, role)
    return lines


def _block(block: Block, width: int) -> list[Line]:
    if isinstance(block, Paragraph):
        return _wrap(block.text, width, role=block.role)
    if isinstance(block, Group):
        lines: list[Line] = [(Span(block.title, "h3"),)]
        for p in block.paragraphs:
            lines += _wrap(p.text, width, 2, p.role)
        return lines
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, ResourceBlock):
        lines = [(Span(block.name, "h3"),)]
        if block.badge:
            lines += _wrap(BADGE_MARK + block.badge, width, 2, "badge")
        lines += _wrap(block.what, width, 2)
        if block.contact:
            lines.append((Span(f"  {block.contact_term}: ", "term"), Span(block.contact)))
        if block.url:
            lines.append((Span(f"  {block.web_term}: ", "term"), Span(block.url, "url")))
        return lines
    if isinstance(block, ResourceList):
        return [line for item in block.items for line in _block(item, width)]
    if isinstance(block, FormBlock):
        # The field is a box to type in (the PDF's form field); the preview names it only.
        return [(Span(block.comments_label, "h3"),), (), (Span(block.read_label),)]
    if isinstance(block, SignatureBlock):
        lines = _wrap(block.lead, width)
        for name in block.names:
            lines += [(), (Span(block.line, "caption"),), (Span(name),)]
        return lines
    raise TypeError(f"not a block of the summary: {block!r}")  # pragma: no cover


def summary_lines(doc: SummaryDocument, width: int = 72) -> list[Line]:
    """The employee's document as lines of at most `width` columns (long words excepted)."""
    lines: list[Line] = []
    if doc.organisation:
        lines.append((Span(doc.organisation, "org"),))
    lines.append((Span(doc.doctype.upper(), "doctype"),))
    lines.append((Span(doc.title, "h1"),))
    lines += _wrap(doc.status, width, role="status-final" if doc.final else "status-draft")
    lines += _wrap(doc.lead, width, role="lead")
    term_width = max(len(f.term) for f in doc.facts) + 2
    for fact in doc.facts:
        lines.append(
            (Span(fact.term.ljust(term_width), "term"), Span(fact.value), Span(fact.extra, "role"))
        )
    for section in doc.sections:
        lines += [(), (Span(section.title, "h2"),)]
        for block in section.blocks:
            lines += _block(block, width)
    return lines


def summary_plain_text(doc: SummaryDocument, width: int = 72) -> str:
    """The employee's document as plain text, one line per line."""
    return "\n".join("".join(s.text for s in line) for line in summary_lines(doc, width))
