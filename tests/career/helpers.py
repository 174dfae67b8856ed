"""Small career-paths files for the tests, written into an organisation's guides folder."""

from __future__ import annotations

import os
from pathlib import Path


def texts(word: str) -> str:
    """An inline table of one text in sv, da and en."""
    return f'{{ sv = "{word} sv", da = "{word} da", en = "{word} en" }}'


PROGRAMME = f"""
[[programmes]]
id = "mentor"
kind = "mentoring"
title = {texts("Mentor")}
what = {texts("Meet a mentor")}
"""


def path_block(path_id: str = "cook-chef", title: str | None = None, **extra: str) -> str:
    title_value = title if title is not None else texts("Cook to chef")
    lines = [
        "[[paths]]",
        f'id = "{path_id}"',
        'area = "other"',
        'direction = "deeper"',
        f"title = {title_value}",
        f"summary = {texts('From the kitchen')}",
        *(f"{key} = {value}" for key, value in extra.items() if not key.startswith("step_")),
        "",
        "[[paths.steps]]",
        'id = "sous-chef"',
        f"title = {texts('Sous chef')}",
        f"what = {texts('Runs the pass')}",
        f"competences = [{texts('Knife skills')}]",
        f"how = {texts('Ask the chef')}",
        *(f"{key[5:]} = {value}" for key, value in extra.items() if key.startswith("step_")),
    ]
    return "\n".join(lines) + "\n"


def career_file(*blocks: str, include_builtin: bool = False) -> str:
    head = "format = 1\n" + ("" if include_builtin else "include_builtin = false\n")
    return head + "\n".join(blocks)


def org_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "org"
    folder.mkdir(exist_ok=True)
    (folder / "career-paths.toml").write_text(text, encoding="utf-8")
    return folder


def configure(guides_dir: Path, organisation: str = "") -> None:
    """Points the settings (the test's own config file) at an organisation's guides folder."""
    lines = [f'guides_dir = "{guides_dir}"']
    if organisation:
        lines.append(f'organisation = "{organisation}"')
    Path(os.environ["DIALOG_KIT_CONFIG"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
