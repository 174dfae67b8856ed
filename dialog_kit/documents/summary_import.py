"""Brings the employee's answer on a final summary back: their comments and their acknowledgement.

The comments become a dated amendment in the employee's words, at
`privacy.EMPLOYEE_WORDS_DEFAULT` (so the next version of the summary shows
them); "I have read this summary" becomes a dated amendment naming the
version read, at HR level: a fact about the record that HR or a successor may
need, which does not itself make a new version of the employee's document.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialog_kit.documents.forms import SUMMARY_MARK, FilledForm, FormError
from dialog_kit.documents.labels import check_lang, label
from dialog_kit.documents.prep_import import clean_text
from dialog_kit.documents.summary import COMMENTS_FIELD, READ_FIELD, summary_fingerprint
from dialog_kit.i18n import LANGUAGES, _
from dialog_kit.privacy import EMPLOYEE_WORDS_DEFAULT, Visibility
from dialog_kit.record import Record

ACKNOWLEDGEMENT = Visibility.HR
"""The level of the "has read version N" amendment (see the module docstring)."""


@dataclass(frozen=True)
class SummaryAnswer:
    version: int
    comments: str
    read: bool


def summary_answer(record: Record, form: FilledForm) -> SummaryAnswer:
    """The employee's answer on `form`, after checking it is a final summary of this talk."""
    if form.mark != SUMMARY_MARK:
        raise FormError(
            _("Not a summary"),
            _("This PDF is not a final summary made by dialog_kit; nothing was changed."),
        )
    if form.talk_id != record.id:
        raise FormError(
            _("Summary of another talk"),
            _("This summary is of another talk, not of {id}; nothing was changed.").format(
                id=record.id[:8]
            ),
        )
    if form.fingerprint not in {summary_fingerprint(lang) for lang in LANGUAGES}:
        raise FormError(
            _("Unexpected fields"),
            _("The summary's fields are not the ones dialog_kit writes; nothing was changed."),
        )
    if set(form.fields) != {COMMENTS_FIELD} or set(form.checked) - {READ_FIELD}:
        names = sorted((set(form.fields) | set(form.checked)) - {COMMENTS_FIELD, READ_FIELD})
        raise FormError(
            _("Unexpected fields"),
            _("The sheet holds fields it should not ({names}); nothing was changed.").format(
                names=", ".join(names[:5]) or "-"
            ),
        )
    if not form.version or not 1 <= form.version <= record.summary_version:
        raise FormError(
            _("Unknown version"),
            _("This summary names a version the talk never had; nothing was changed."),
        )
    return SummaryAnswer(
        form.version, clean_text(form.fields[COMMENTS_FIELD]), form.checked.get(READ_FIELD, False)
    )


def import_summary_answer(record: Record, answer: SummaryAnswer) -> list[str]:
    """Records the answer as amendments; returns what was recorded, in the record's language."""
    if not record.locked:
        raise FormError(
            _("Not locked"),
            _("Only a locked talk takes the employee's answer; nothing was changed."),
        )
    if not answer.comments and not answer.read:
        raise FormError(
            _("No answer"),
            _("The summary has no comments and is not ticked as read; nothing was changed."),
        )
    lang = check_lang(record.locale)
    done = []
    if answer.comments:
        text = label(lang, "employee_comment", version=answer.version, text=answer.comments)
        record.amend(text, EMPLOYEE_WORDS_DEFAULT)
        done.append(text)
    if answer.read:
        text = label(lang, "employee_read", version=answer.version)
        record.amend(text, ACKNOWLEDGEMENT)
        done.append(text)
    return done
