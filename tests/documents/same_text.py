"""How the preview and the PDF are held to the same text: the rule docs/documents.md states.

- whitespace is normalised: every run of spaces and line breaks is one space, since
  the PDF and the terminal wrap lines at different widths and pypdf ends each
  printed line with a line break; a PDF line that ends in a hyphen right after a
  letter ("KOM-" / "KR") was broken there, at the hyphen, so that line break is
  no space at all (the preview never breaks at hyphens); and since a line may
  also break after a suspended hyphen ("omställnings- och"), which pypdf then
  reads the same way, a letter, a hyphen and a space count as the letter and
  the hyphen on both sides;
- the page furniture is taken off each PDF page before comparing: pypdf reads
  WeasyPrint's margin boxes last on each page, so each page's text must *end*
  with exactly that page's running header and "Page n of m" (which the test
  checks, so the draft or final mark in the header is tested too), and that
  ending is removed. Nothing else is removed: every line of content must match.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from dialog_kit.documents import summary_plain_text
from dialog_kit.documents.summary import SummaryDocument


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_words(text: str) -> str:
    return words(re.sub(r"(?<=\w-)\n", "", text))


def pdf_content(data: bytes, doc: SummaryDocument) -> str:
    """The PDF's text without its page furniture, after checking that furniture page by page."""
    pages = PdfReader(io.BytesIO(data)).pages
    content = []
    for n, page in enumerate(pages, start=1):
        text = pdf_words(page.extract_text())
        header = doc.header_first if n == 1 else f"{doc.header_left} {doc.header_right}"
        furniture = words(f"{header} {doc.page_label(n, len(pages))}")
        assert text.endswith(furniture), (n, text[-200:], furniture)
        content.append(text[: -len(furniture)])
    return words(" ".join(content))


def first_difference(a: str, b: str) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, at - 80)
    return f"at {at}:\n preview {a[start : at + 80]!r}\n pdf     {b[start : at + 80]!r}"


_SUSPENDED_HYPHEN = re.compile(r"(?<=\w)- (?=\w)")


def comparable(text: str) -> str:
    """`text` as the two sides are compared: whitespace and suspended hyphens normalised."""
    return _SUSPENDED_HYPHEN.sub("-", words(text))


def assert_same_text(doc: SummaryDocument, data: bytes) -> str:
    preview = comparable(summary_plain_text(doc))
    pdf = comparable(pdf_content(data, doc))
    assert preview == pdf, first_difference(preview, pdf)
    return preview
