"""How far a talk has come through its guide's checklists: counts, and what is still required."""

from __future__ import annotations

from dialog_kit.guides import Guide, Item, Phase
from dialog_kit.record import Record


def phase_progress(guide: Guide, record: Record, phase_id: str) -> tuple[int, int, int]:
    """(ticked, total, required items still unticked) for one phase."""
    phase = guide.phase(phase_id)
    if phase is None:
        return (0, 0, 0)
    ticked = set(record.ticked(phase_id))
    ids = {item.id for item in phase.items}
    missing = sum(1 for item in phase.required_items() if item.id not in ticked)
    return (len(ticked & ids), len(ids), missing)


def unticked_before_lock(guide: Guide, record: Record) -> list[tuple[Phase, list[Item]]]:
    """The required items not ticked in the phases a lock ends (every phase but the after ones).

    After phases stay tickable on a locked talk, so their open items do not hold the lock up.
    """
    result = []
    for phase in guide.phases:
        if phase.after:
            continue
        ticked = set(record.ticked(phase.id))
        missing = [item for item in phase.required_items() if item.id not in ticked]
        if missing:
            result.append((phase, missing))
    return result
