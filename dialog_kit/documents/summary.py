"""The employee's summary as one document model, rendered to the PDF and to the review's preview.

Every string the employee reads is decided here, in reading order; the
Jinja2 template and the plain-text renderer only lay it out. So the preview
cannot show a line the PDF leaves out, or the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from dialog_kit.config import Config
from dialog_kit.documents.context import SummaryContext, build_summary
from dialog_kit.documents.labels import label
from dialog_kit.guides import GuideLibrary
from dialog_kit.record import Record


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; `role` is how it is set (text, note, empty, callout, section-lead, badge)."""

    kind: ClassVar[str] = "paragraph"
    text: str
    role: str = "text"


@dataclass(frozen=True)
class Group:
    """A titled group of paragraphs inside a section: the notes of one phase."""

    kind: ClassVar[str] = "group"
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]  # the first cell heads the row
    done: bool = False


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    caption: str
    columns: tuple[str, ...]  # the column ids, for the print style (what, owner, due, done)
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class ResourceBlock:
    """A place to turn to: name, a confidentiality badge, what it does, how to reach it."""

    kind: ClassVar[str] = "resource"
    name: str
    badge: str  # "" unless confidential
    what: str
    contact_term: str
    contact: str
    web_term: str
    url: str


@dataclass(frozen=True)
class ResourceList:
    """The places to turn to, set compactly (two columns in the PDF): named contacts first."""

    kind: ClassVar[str] = "resources"
    items: tuple[ResourceBlock, ...]


@dataclass(frozen=True)
class SignatureBlock:
    kind: ClassVar[str] = "signatures"
    lead: str
    line: str  # "Date and signature", under each line
    names: tuple[str, ...]


@dataclass(frozen=True)
class FormBlock:
    """The employee's answer: a comments field and an "I have read this" checkbox (PDF form)."""

    kind: ClassVar[str] = "form"
    comments_label: str
    comments_name: str
    read_label: str
    read_name: str


Block = Paragraph | Group | Table | ResourceBlock | ResourceList | FormBlock | SignatureBlock

COMMENTS_FIELD = "comments"
READ_FIELD = "read"


def summary_fingerprint(lang: str) -> str:
    """The field set of a final summary in `lang`: its names and their labels."""
    from dialog_kit.documents.forms import SUMMARY_MARK, fingerprint

    return fingerprint(
        SUMMARY_MARK,
        [COMMENTS_FIELD, READ_FIELD],
        [label(lang, "answer_comments"), label(lang, "answer_read")],
    )


@dataclass(frozen=True)
class DocSection:
    id: str  # actions, follow-up, notes, paths, resources, about, signatures: in this order
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Fact:
    term: str
    value: str
    extra: str = ""  # a role, set after the name in a lighter colour: ", Undersköterska"


@dataclass(frozen=True)
class SummaryDocument:
    """The summary as the employee receives it, plus the page furniture and PDF metadata."""

    lang: str
    organisation: str
    doctype: str  # "Summary": printed in capitals above the title
    title: str  # the kind of talk
    status: str  # draft, or final with its version: under the title
    lead: str
    facts: tuple[Fact, ...]
    sections: tuple[DocSection, ...]
    final: bool
    version: int
    # -- not content: PDF metadata and the margin boxes of every page -------------
    document_title: str  # PDF /Title
    subject: str  # PDF /Subject
    author: str
    header_first: str  # top right of page 1 (the masthead says the rest)
    header_left: str  # top left from page 2 on
    header_right: str  # top right from page 2 on
    keywords: str = ""  # PDF keywords of a final summary: the talk, its version, its field set
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def page_label(self, page: int, pages: int) -> str:
        """The footer of page `page` of `pages`: "Page 1 of 2"."""
        return label(self.lang, "page", page=page, pages=pages)


def build_summary_document(
    record: Record,
    library: GuideLibrary,
    config: Config,
    lang: str | None = None,
    *,
    signatures: bool = False,
) -> SummaryDocument:
    """The summary of `record` in `lang` (default: the employee's language), shared notes only."""
    return summary_document(build_summary(record, library, config, lang, signatures=signatures))


def summary_document(doc: SummaryContext) -> SummaryDocument:
    """Lays out a summary context: every string the employee will read, in reading order."""
    words = doc.labels
    lang = doc.lang
    if doc.final:
        mark = label(lang, "final_version", version=doc.version)
        status = label(lang, "status_final", version=doc.version)
    else:
        mark = words["draft"]
        status = words["status_draft"]
    people = [Fact(p.label, p.name, f", {p.role}" if p.role else "") for p in doc.participants]
    facts = (Fact(words["date"], doc.date_text), *people)
    doctype = words["summary"]
    return SummaryDocument(
        lang=lang,
        organisation=doc.organisation,
        doctype=doctype,
        title=doc.title,
        status=status,
        lead=words["summary_lead"],
        facts=facts,
        sections=_sections(doc),
        final=doc.final,
        version=doc.version,
        document_title=f"{doc.document_title} ({mark[0].lower()}{mark[1:]})",
        subject=status,
        author=doc.author,
        header_first=mark,
        header_left=doc.organisation,
        header_right=f"{doc.title} – {doctype} – {mark}",
        keywords=_keywords(doc),
        labels={"page_word": words["page_word"], "page_of": words["page_of"]},
    )


def _keywords(doc: SummaryContext) -> str:
    from dialog_kit.documents.forms import SUMMARY_MARK, keywords

    if not (doc.final and doc.talk_id):
        return ""
    marks = keywords(SUMMARY_MARK, doc.talk_id, summary_fingerprint(doc.lang))
    return f"{marks}, version-{doc.version}"


def _sections(doc: SummaryContext) -> tuple[DocSection, ...]:
    words = doc.labels
    notes: tuple[Block, ...] = tuple(
        Group(s.title, tuple(Paragraph(n, "note") for n in s.notes)) for s in doc.sections
    ) or (Paragraph(words["no_notes"], "empty"),)
    actions: tuple[Block, ...]
    if doc.actions:
        actions = (
            Table(
                caption=words["actions_caption"],
                columns=("what", "owner", "due", "done"),
                header=tuple(words[k] for k in ("action_what", "action_owner", "action_due",
                                                "action_done")),
                rows=tuple(
                    TableRow((a.what, a.owner, a.due_text, a.done_text), a.done)
                    for a in doc.actions
                ),
            ),
        )  # fmt: skip
    else:
        actions = (Paragraph(words["no_actions"], "empty"),)
    # What happens next comes first: it is what the employee acts on.
    sections = [
        DocSection("actions", words["actions"], actions),
        DocSection(
            "follow-up",
            words["follow_up"],
            (Paragraph(doc.follow_up_text or words["no_follow_up"], "callout"),),
        ),
        DocSection("notes", words["notes"], notes),
    ]
    if doc.paths:
        # Only shared paths are in doc.paths (build_summary asks the privacy policy).
        groups = tuple(
            Group(p.title, tuple(
                para for para in (
                    Paragraph(f"{words['next_step']}: {p.next_step}", "note") if p.next_step
                    else None,
                    Paragraph(p.read_more),
                ) if para is not None
            ))
            for p in doc.paths
        )  # fmt: skip
        lead = Paragraph(words["paths_lead"], "section-lead")
        sections.append(DocSection("paths", words["paths"], (lead, *groups)))
    places = tuple(
        ResourceBlock(c.name, "", words["hr_contact_what"], words["contact"], c.reach, "", "")
        for c in doc.contacts
    ) + tuple(
        ResourceBlock(
            name=r.name,
            badge=words["confidential"] if r.confidential else "",
            what=r.what,
            contact_term=words["contact"],
            contact=r.contact,
            web_term=words["web"],
            url=r.url,
        )
        for r in doc.resources
    )
    if places:
        lead = Paragraph(words["resources_lead"], "section-lead")
        sections.append(DocSection("resources", words["resources"], (lead, ResourceList(places))))
    sections.append(DocSection("about", words["about"], (Paragraph(doc.statement),)))
    names = tuple(p.name for p in doc.participants)
    signatures = SignatureBlock(words["signatures_lead"], words["signature_line"], names)
    if doc.final and doc.talk_id:
        # A final summary ends with the employee's answer: comments, "I have read it", signatures.
        form = FormBlock(words["answer_comments"], COMMENTS_FIELD, words["answer_read"], READ_FIELD)
        lead = Paragraph(words["answer_lead"], "section-lead")
        sections.append(DocSection("answer", words["answer"], (lead, form, signatures)))
    elif doc.signatures:
        sections.append(DocSection("signatures", words["signatures"], (signatures,)))
    return tuple(sections)
