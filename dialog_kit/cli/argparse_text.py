"""argparse's own words (usage, headings, its error messages) in the interface language.

argparse asks the process-wide gettext domain for its texts, which this
program never installs; so its help is formatted with translated headings,
and its error messages, which arrive in English, are matched against the
English templates and said again from our catalogues.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable

from dialog_kit.i18n import N_, _

_HEADINGS = {
    "positional arguments": N_("positional arguments"),
    "options": N_("options"),
    "optional arguments": N_("options"),  # Python before 3.10 said so
}

# (argparse's English message as a pattern, our msgid with the same fields)
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), msgid)
    for pattern, msgid in (
        (
            r"the following arguments are required: (?P<names>.+)",
            N_("the following arguments are required: {names}"),
        ),
        (r"unrecognized arguments: (?P<names>.+)", N_("unrecognized arguments: {names}")),
        (
            r"argument (?P<argument>.+?): invalid choice: (?P<value>.+?) "
            r"\(choose from (?P<choices>.+)\)",
            N_("argument {argument}: invalid choice: {value} (choose from {choices})"),
        ),
        (
            r"argument (?P<argument>.+?): invalid (?P<type>\w+) value: (?P<value>.+)",
            N_("argument {argument}: invalid {type} value: {value}"),
        ),
        (
            r"argument (?P<argument>.+?): expected one argument",
            N_("argument {argument}: expected one argument"),
        ),
        (
            r"argument (?P<argument>.+?): not allowed with argument (?P<other>.+)",
            N_("argument {argument}: not allowed with argument {other}"),
        ),
        (
            r"ambiguous option: (?P<option>.+?) could match (?P<matches>.+)",
            N_("ambiguous option: {option} could match {matches}"),
        ),
    )
)


def translate_error(message: str) -> str:
    """argparse's English error message in the interface language (as it is when unknown)."""
    for pattern, msgid in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return _(msgid).format(**match.groupdict())
    return message


class LocalHelpFormatter(argparse.HelpFormatter):
    """The usage prefix and the section headings of --help in the interface language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_(_HEADINGS[heading]) if heading in _HEADINGS else heading)
