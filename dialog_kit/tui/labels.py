"""Translated display texts for the record's enums (kinds, statuses, visibilities)."""

from __future__ import annotations

from collections.abc import Sequence

from dialog_kit.i18n import N_, _
from dialog_kit.privacy import private_note_readers
from dialog_kit.record import Kind, Record, Status, Visibility

_KINDS = {
    Kind.DEVELOPMENT: N_("Development review"),
    Kind.CAREER_CHANGE: N_("Career conversation"),
    Kind.EXIT: N_("Exit interview"),
}
_KINDS_SHORT = {
    Kind.DEVELOPMENT: N_("Development"),
    Kind.CAREER_CHANGE: N_("Career change"),
    Kind.EXIT: N_("Exit"),
}
_STATUSES = {
    Status.PLANNED: N_("planned"),
    Status.IN_PROGRESS: N_("in progress"),
    Status.COMPLETED: N_("completed"),
    Status.LOCKED: N_("locked"),
}
_VISIBILITY_MARKERS = {
    Visibility.PRIVATE: N_("private"),
    Visibility.SHARED: N_("shared"),
    Visibility.HR: N_("HR"),
}
_VISIBILITY_HELP = {
    Visibility.PRIVATE: N_("only you can read it"),
    Visibility.SHARED: N_("goes into the employee's summary"),
    Visibility.HR: N_("may be passed on to HR"),
}
VISIBILITY_STYLE = {
    Visibility.PRIVATE: "bold $text-primary",
    Visibility.SHARED: "bold $text-success",
    Visibility.HR: "bold $text-warning",
}
RICH_VISIBILITY_STYLE = {
    Visibility.PRIVATE: "bold blue",
    Visibility.SHARED: "bold green",
    Visibility.HR: "bold magenta",
}


def kind_label(kind: Kind, short: bool = False) -> str:
    return _((_KINDS_SHORT if short else _KINDS)[kind])


def status_label(status: Status) -> str:
    return _(_STATUSES[status])


def visibility_marker(visibility: Visibility) -> str:
    """'[private]', '[shared]' or '[HR]': text, so it never depends on colour alone."""
    return f"[{_(_VISIBILITY_MARKERS[visibility])}]"


def visibility_help(visibility: Visibility, recovery_keys: Sequence[str] = ()) -> str:
    """Who reads a note at this level; a private one names the vault's recovery keys, if any."""
    readers = private_note_readers(recovery_keys) if visibility is Visibility.PRIVATE else ()
    if len(readers) == 1:
        return _("you and the holder of the recovery key {key} can read it").format(
            key=short_key(readers[0])
        )
    if readers:
        return _("you and the holders of {count} recovery keys can read it").format(
            count=len(readers)
        )
    return _(_VISIBILITY_HELP[visibility])


def short_key(recipient: str) -> str:
    """age1abcd…wxyz: enough to tell keys apart on a screen line."""
    return recipient if len(recipient) <= 16 else f"{recipient[:9]}…{recipient[-4:]}"


_PROFESSIONS = {
    "dancer": N_("Dancer"),
    "singer": N_("Singer"),
    "musician": N_("Musician"),
    "actor": N_("Actor"),
}


def profession_label(profession: str) -> str:
    """A profile's profession id in words (an organisation's own ids are shown as they are)."""
    return _(_PROFESSIONS[profession]) if profession in _PROFESSIONS else profession


def summary_state(record: Record) -> str | None:
    """What the last summary made was, and whether it is out of date; None if none was made."""
    if not record.summaries:
        return None
    last = record.summaries[-1]
    made = last.at.strftime("%Y-%m-%d %H:%M")
    if record.summary_out_of_date:
        if not last.final:
            return _(
                "The summary made {made} was a draft; the talk is locked now: make the final "
                "one (version {version}) and hand it over."
            ).format(made=made, version=record.summary_version)
        return _(
            "The summary handed over (version {made_version}, {made}) is out of date: "
            "amended since. Make version {version} and hand it over."
        ).format(made_version=last.version, made=made, version=record.summary_version)
    if last.final:
        return _("Summary made {made}: final, version {version}.").format(
            made=made, version=last.version
        )
    return _("Summary made {made}: a draft (the talk is not locked).").format(made=made)


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
