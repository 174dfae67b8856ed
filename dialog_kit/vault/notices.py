"""What an unlock did or found that the manager must be told: the same words in the CLI and app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialog_kit.i18n import _

from .settings import AuthState, Secured

if TYPE_CHECKING:
    from .core import Vault


def keys_text(keys: tuple[str, ...] | list[str]) -> str:
    return ", ".join(keys) if keys else _("no extra key")


def settings_text(settings: Secured) -> str:
    """The security-relevant settings, one indented line each."""
    lines = [
        "  " + _("your own key: {key}").format(key=settings.recipient),
        "  " + _("extra recipients: {keys}").format(keys=keys_text(settings.recipients)),
    ]
    if settings.pending is not None:
        lines.append(
            "  " + _("unfinished change to: {keys}").format(keys=keys_text(settings.pending))
        )
    lines.append(
        "  "
        + _("work factor: {factor} (never below {floor} without --allow-weaker)").format(
            factor=settings.work_factor, floor=settings.min_work_factor
        )
    )
    return "\n".join(lines)


def unlock_notices(vault: Vault) -> list[tuple[bool, str]]:
    """(is a warning, text) for each thing the last unlock did or found, in order."""
    out: list[tuple[bool, str]] = []
    if vault.upgraded_settings is not None:
        out.append(
            (
                True,
                _(
                    "This vault was made by dialog_kit 0.1.0, which did not authenticate its "
                    "settings. They are authenticated now, with your passphrase, exactly as "
                    "they were:"
                )
                + "\n"
                + settings_text(vault.upgraded_settings)
                + "\n"
                + _(
                    "If a key above is not one you added, remove it with "
                    "'dialog-kit recipients remove age1...'."
                ),
            )
        )
    if vault.dropped_pending is not None:
        out.append(
            (
                True,
                _(
                    "An unfinished change of recipients (to: {keys}) was found in these "
                    "settings. It was never authenticated, so it was not carried over: if you "
                    "meant it, run 'dialog-kit recipients add' or 'remove' again."
                ).format(keys=keys_text(vault.dropped_pending)),
            )
        )
    if vault.upgrade_error is not None:
        out.append((True, f"{vault.upgrade_error.title}: {vault.upgrade_error.message}"))
    if vault.finished_interrupted_change:
        out.append((False, _("Finished an interrupted change of recipients.")))
        for item in vault.interrupted_change_damaged:
            out.append(
                (
                    True,
                    _("damaged file {name}: {reason}").format(name=item.name, reason=item.reason),
                )
            )
    if vault.interrupted_change_error is not None:
        error = vault.interrupted_change_error
        out.append(
            (
                True,
                _(
                    "An interrupted change of recipients could not be finished ({title}: "
                    "{message}); 'dialog-kit recipients resume' tries again."
                ).format(title=error.title, message=error.message),
            )
        )
    if vault.unlocked and vault.authentication.state is AuthState.CHANGED:
        out.append(
            (
                True,
                _(
                    "warning: vault.toml was changed outside dialog_kit ({differences}). You "
                    "can read, but nothing is saved until you look at the change with "
                    "'dialog-kit settings show' and keep or undo it with 'dialog-kit settings "
                    "accept' or 'restore'."
                ).format(differences="; ".join(vault.authentication.differences)),
            )
        )
    return out
