"""What the talk screen offers the pages it composes: the record, the guide, saving, refusing."""

from __future__ import annotations

from typing import Protocol

from dialog_kit.continuity import LookBack
from dialog_kit.guides import Guide
from dialog_kit.record import Record


class TalkHost(Protocol):
    """The talk screen as its phase page and actions page see it."""

    record: Record
    guide: Guide

    @property
    def read_only(self) -> bool:
        """Locked, or another dialog-kit has the vault: nothing but follow-up may change."""

    @property
    def vault_read_only(self) -> bool:
        """Another dialog-kit has the vault: nothing may change at all."""

    def refuse_if_read_only(self) -> bool:
        """Tells the user why nothing changes and returns True, or returns False."""

    def refuse_if_vault_read_only(self) -> bool:
        """Like refuse_if_read_only, for changes a locked talk still takes."""

    def record_changed(self, *, delay: float | None = None) -> None:
        """The record changed: redraw the head and the progress, and save after `delay`."""

    def recovery_keys(self) -> list[str]:
        """The vault's recovery keys: they can read private notes too, and the editor says so."""

    def last_time(self) -> LookBack | None:
        """What the previous held talk with the same person agreed (for the look-back phase)."""

    def item_title(self, item_id: str | None) -> str | None:
        """A checklist item's text in the interface language (its id if the guide lacks it)."""
