"""Honest feedback on a passphrase being chosen, and on a passphrase file others can read.

The estimate comes from zxcvbn (Dropbox's estimator: dictionaries, keyboard
patterns, dates, repeats, l33t), not from a rule of our own such as "eight
characters and a digit", which rewards "Sommar2024!" and punishes four plain
words. zxcvbn knows English best, so the commonest Swedish and Danish words
for a passphrase, and the words of this product, are given to it as well.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from dialog_kit.i18n import _

__all__ = ["GOOD_SCORE", "Strength", "estimate", "file_is_readable_by_others", "weakness_message"]

GOOD_SCORE = 3
"""zxcvbn's score 0-4; below 3 a passphrase falls to an offline attack on a stolen identity.age."""

_MAX_LENGTH = 72  # zxcvbn refuses longer input; what comes after only makes it stronger

# Words an attacker tries first here: "passphrase", "secret", seasons, the product.
_CONTEXT_WORDS = (
    "dialog", "dialogkit", "dialog-kit", "lösenord", "losenord", "lösen", "lösenfras",
    "adgangskode", "adgangssætning", "kodeord", "hemlig", "hemligt", "hemmelig", "hemmeligt",
    "sommar", "sommer", "vinter", "höst", "efterår", "våren", "foråret", "medarbetarsamtal",
    "medarbejdersamtale", "utvecklingssamtal", "samtal", "samtale", "chef", "leder", "valv",
    "boks", "mus", "hr",
)  # fmt: skip


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (guessed at once) to 4 (very hard to guess)
    guesses_log10: float  # zxcvbn's estimate of the guesses needed, as a power of ten

    @property
    def weak(self) -> bool:
        return self.score < GOOD_SCORE


def estimate(passphrase: str, context: tuple[str, ...] = ()) -> Strength:
    """zxcvbn's estimate for `passphrase`; `context` adds words it should know (names, paths)."""
    from zxcvbn import zxcvbn  # 30 ms of word lists: only when a passphrase is chosen

    words = [w for w in (*_CONTEXT_WORDS, *context) if w]
    result = zxcvbn(passphrase[:_MAX_LENGTH], user_inputs=words)
    return Strength(score=int(result["score"]), guesses_log10=float(result["guesses_log10"]))


def weakness_message(strength: Strength) -> str | None:
    """What to tell the user about a weak passphrase, or None when it is good enough."""
    if not strength.weak:
        return None
    if strength.score <= 1:
        verdict = _("This passphrase is very easy to guess")
    else:
        verdict = _("This passphrase could be guessed")
    return _(
        "{verdict} (strength {score} of 4): anyone with a copy of the vault can try guesses "
        "as fast as their computer allows. Four or five unrelated words are strong and easy "
        "to remember."
    ).format(verdict=verdict, score=strength.score)


def file_is_readable_by_others(path: Path) -> bool:
    """Whether the group or other users have any access to the file at `path`."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and bool(mode & 0o077)
