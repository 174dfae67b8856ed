"""The employee's summary as terminal text: the same SummaryContext the PDF is made from."""

from __future__ import annotations

from typing import Any

from rich.text import Text


def summary_text(doc: Any) -> Text:
    """Renders a dialog_kit.documents.SummaryContext in the order of the PDF template."""
    words = doc.labels

    def w(key: str) -> str:
        return str(words.get(key, key))

    out = Text()
    if doc.organisation:
        out.append(doc.organisation + "\n", style="italic")
    out.append(f"{doc.title} – {w('summary')}\n", style="bold underline")
    out.append(w("summary_lead") + "\n\n")
    out.append(f"{w('date')}: ", style="bold")
    out.append(doc.date_text + "\n")
    for person in doc.participants:
        out.append(f"{person.label}: ", style="bold")
        out.append(person.name + (f", {person.role}" if person.role else "") + "\n")

    out.append("\n" + w("notes") + "\n", style="bold underline")
    if not doc.sections:
        out.append(w("no_notes") + "\n")
    for section in doc.sections:
        out.append(section.title + "\n", style="bold")
        for note in section.notes:
            out.append(f"  {note}\n")

    out.append("\n" + w("actions") + "\n", style="bold underline")
    if not doc.actions:
        out.append(w("no_actions") + "\n")
    for action in doc.actions:
        out.append(f"• {action.what}\n")
        out.append(
            f"    {w('action_owner')}: {action.owner or '–'} · "
            f"{w('action_due')}: {action.due_text} · {action.done_text}\n"
        )

    out.append("\n" + w("follow_up") + "\n", style="bold underline")
    out.append((doc.follow_up_text or w("no_follow_up")) + "\n")

    if doc.resources:
        out.append("\n" + w("resources") + "\n", style="bold underline")
        out.append(w("resources_lead") + "\n")
        for resource in doc.resources:
            out.append(f"• {resource.name}\n", style="bold")
            if resource.confidential:
                out.append(f"    {w('confidential')}\n", style="italic")
            out.append(f"    {resource.what}\n")
            out.append(f"    {w('when')}: {resource.when}\n")
            if resource.contact:
                out.append(f"    {w('contact')}: {resource.contact}\n")
            if resource.url:
                out.append(f"    {w('web')}: {resource.url}\n")

    out.append("\n" + w("about") + "\n", style="bold underline")
    out.append(doc.statement + "\n")
    return out
