"""The team view's table: one row per person, the last talk, when the next is due, and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from dialog_kit.i18n import N_, _
from dialog_kit.people import search_key
from dialog_kit.team import TeamRow
from dialog_kit.tui.labels import kind_label

if TYPE_CHECKING:
    from dialog_kit.record import Record

_REASONS = {
    "yearly-talk": N_("talk due"),
    "follow-up": N_("follow-up"),
    "action-overdue": N_("action late"),
    "window": N_("career window"),
}
SORTS = ("due", "name", "last")
"""The orders the team view cycles through (o): most pressing, by name, longest since a talk."""
_SORT_NAMES = {"due": N_("most pressing"), "name": N_("name"), "last": N_("last talk")}


def reason_label(code: str) -> str:
    return _(_REASONS.get(code, code))


def sort_label(sort: str) -> str:
    return _(_SORT_NAMES[sort])


def window_text(row: TeamRow[Record]) -> str:
    """The first career window's status in words (the profile's windows, from a birth year)."""
    for window in row.windows:
        if window.is_open:
            return _("{window} open until {year}").format(
                window=window.title, year=window.closes - 1
            )
        return _("{window} opens {year}").format(window=window.title, year=window.opens)
    return ""


def why_text(row: TeamRow[Record]) -> str:
    words = [reason_label(r) for r in row.reasons if r != "window"]
    window = window_text(row)
    if window:
        words.append(window)
    if row.next_planned is not None:
        words.append(_("booked {date}").format(date=row.next_planned.date.isoformat()))
    return ", ".join(words)


def sorted_rows(rows: Sequence[TeamRow[Record]], sort: str) -> list[TeamRow[Record]]:
    if sort == "name":
        return sorted(rows, key=lambda r: (search_key(r.person.name), r.person.role, r.person.id))
    if sort == "last":
        return sorted(
            rows, key=lambda r: (r.last_talk.date if r.last_talk else date.min, r.person.id)
        )
    return list(rows)  # the core's order: overdue first, then by the next due date


def matches(row: TeamRow[Record], needle: str) -> bool:
    """The filter: name or role contains the typed text, case and diacritics ignored."""
    if not needle:
        return True
    key = search_key(needle)
    return key in search_key(row.person.name) or key in search_key(row.person.role)


class TeamTable(DataTable[object]):
    """Rows keyed by person id; an overdue person is marked '!' as well as coloured."""

    def set_columns(self) -> None:
        self.clear(columns=True)
        self.add_column("!", key="mark")
        self.add_column(_("Name"), key="name")
        self.add_column(_("Role"), key="role")
        # What is due first: at 80 columns the last talk is the part that scrolls.
        self.add_column(_("Next due"), key="due")
        self.add_column(_("Why"), key="why")
        self.add_column(_("Last talk"), key="last")

    def show(self, rows: Sequence[TeamRow[Record]], needle: str, sort: str) -> None:
        selected = self.selected_person()
        self.clear()
        for row in sorted_rows(rows, sort):
            if not matches(row, needle):
                continue
            style = "bold red" if row.overdue else ""
            last = row.last_talk
            self.add_row(
                Text("!" if row.overdue else "", style=style),
                Text(row.person.name, style="bold" if row.reasons else ""),
                Text(row.person.role),
                Text(row.next_due.isoformat() if row.next_due else "", style=style),
                Text(why_text(row)),
                Text(f"{kind_label(last.kind, short=True)} {last.date.isoformat()}")
                if last
                else Text(_("none yet"), style="italic"),
                key=row.person.id,
            )
        if selected is not None and selected in {r.key.value for r in self.rows.values()}:
            self.move_cursor(row=self.get_row_index(selected))

    def selected_person(self) -> str | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # no valid cursor yet
            return None
        return str(key.value) if key.value is not None else None
