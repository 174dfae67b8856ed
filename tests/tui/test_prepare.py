"""The preparation sheet from the home screen: a PDF in the employee's language, neutral name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .helpers import SIZE, journey, make_app, pdf_text, seed_vault, talk, unlock, wait_for


@journey
async def test_preparation_sheet_for_the_selected_talk(tmp_path: Path) -> None:
    record = talk("Anna Berg", kind="exit")
    record.locale = "da"
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PrepareScreen")
        await pilot.press("ctrl+s")  # kind, profile and language come from the selected talk
        sheet = tmp_path / "out" / f"preparation-exit-da-{date.today().isoformat()}.pdf"
        await wait_for(pilot, sheet.exists, timeout=60)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    text = pdf_text(sheet)
    assert "Anna" not in text and "Anna" not in sheet.name  # a sheet is about the talk, not her
    assert text.strip()
