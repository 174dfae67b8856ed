"""Brings a filled-in preparation sheet into its talk as the employee's own words.

The answers become notes of the pseudo-phase `EMPLOYEE_PREPARATION`, one per
answered question (the note's `item` is the field name, so the talk screen can
show each beside its question), at `privacy.EMPLOYEE_WORDS_DEFAULT`.
Everything is checked before anything changes: a sheet for another talk or
another field set, unexpected fields, or a locked talk change nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialog_kit.config import Config
from dialog_kit.documents.context import build_preparation_for_talk, preparation_fingerprint
from dialog_kit.documents.forms import EMPLOYEE_PREPARATION, PREP_MARK, FilledForm, FormError
from dialog_kit.guides import GuideLibrary
from dialog_kit.i18n import LANGUAGES, _
from dialog_kit.privacy import EMPLOYEE_WORDS_DEFAULT
from dialog_kit.record import Note, Record, now

# Control characters other than line breaks and tabs: never kept from a form field.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class PreparationAnswer:
    field: str  # answer-N
    question: str
    text: str  # as the employee wrote it, control characters removed


def clean_text(text: str) -> str:
    """Field text as plain text: control and bidi-override characters out, edges trimmed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def preparation_answers(
    record: Record, form: FilledForm, library: GuideLibrary, config: Config
) -> list[PreparationAnswer]:
    """The answered questions of `form`, after checking it is this talk's own sheet."""
    if form.mark != PREP_MARK:
        raise FormError(
            _("Not a preparation sheet"),
            _("This PDF is not a preparation sheet made by dialog_kit; nothing was changed."),
        )
    if form.talk_id != record.id:
        raise FormError(
            _("Sheet of another talk"),
            _(
                "This preparation sheet was made for another talk, not for {id}; "
                "nothing was changed."
            ).format(id=record.id[:8]),
        )
    # The sheet may have been made in any of the languages; its field set names which.
    for lang in dict.fromkeys((record.locale, *LANGUAGES)):
        fields = build_preparation_for_talk(record, library, config, lang).fields
        if preparation_fingerprint(fields) == form.fingerprint:
            break
    else:
        raise FormError(
            _("Sheet of another version"),
            _(
                "The questions on this sheet are not the questions of this talk's guide as it "
                "is now; make a new sheet with 'dialog-kit prep --talk'. Nothing was changed."
            ),
        )
    expected = {f.name for f in fields}
    unexpected = sorted(set(form.fields) - expected) + sorted(form.checked)
    if unexpected:
        raise FormError(
            _("Unexpected fields"),
            _("The sheet holds fields it should not ({names}); nothing was changed.").format(
                names=", ".join(unexpected[:5])
            ),
        )
    answers = []
    for f in fields:
        text = clean_text(form.fields.get(f.name, ""))
        if text:
            answers.append(PreparationAnswer(f.name, f.question, text))
    return answers


def import_preparation(record: Record, answers: list[PreparationAnswer]) -> None:
    """Replaces the talk's imported preparation with `answers`; the talk's status is kept.

    A later sheet replaces an earlier one: it is the same employee's newer words.
    """
    if record.locked:
        raise FormError(
            _("Locked talk"),
            _("This talk is completed and locked; its preparation cannot be changed now."),
        )
    if not answers:
        raise FormError(
            _("No answers"),
            _("The sheet has no answers filled in; nothing was changed."),
        )
    state = record.phase(EMPLOYEE_PREPARATION)
    state.notes = [Note(a.text, EMPLOYEE_WORDS_DEFAULT, item=a.field) for a in answers]
    # Not record.touch(): a planned talk stays planned until it is held.
    record.updated = now()
