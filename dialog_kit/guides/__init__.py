"""Loads and validates the conversation guides (TOML) into frozen dataclasses.

The package: `model` (the dataclasses and the library), `load` (files and
folders), `parse` (one parser per kind of file), `fields` (the validators),
`crosscheck` (references between files); `dialog_kit.tomlpos` finds lines.
"""

from dialog_kit.guides.fields import _ITEM_KEYS
from dialog_kit.guides.load import load_library, validate_path
from dialog_kit.guides.model import (
    AGREEMENTS,
    COUNTRIES,
    FORMAT,
    LOCALES,
    NATIONAL,
    SECTORS,
    STAGES,
    TALK_STAGES,
    CareerFact,
    Caution,
    Guide,
    GuideError,
    GuideLibrary,
    GuideProblem,
    Item,
    OrgScope,
    Phase,
    Preparation,
    Profile,
    ProfileAddition,
    Prompt,
    Resource,
    Text,
    TransitionWindow,
    facts_for,
    windows_for,
)
from dialog_kit.guides.parse import (
    _ADDITION_KEYS,
    _FACT_KEYS,
    _GUIDE_KEYS,
    _PHASE_KEYS,
    _PROFILE_KEYS,
    _RESOURCE_KEYS,
    _WINDOW_KEYS,
)
from dialog_kit.guides.scope import org_scope
from dialog_kit.tomlpos import key_lines, locate_key

__all__ = [
    "AGREEMENTS", "COUNTRIES", "FORMAT", "LOCALES", "NATIONAL", "SECTORS", "STAGES",
    "TALK_STAGES", "_ADDITION_KEYS", "_FACT_KEYS", "_GUIDE_KEYS", "_ITEM_KEYS", "_PHASE_KEYS",
    "_PROFILE_KEYS", "_RESOURCE_KEYS", "_WINDOW_KEYS", "CareerFact", "Caution", "Guide",
    "GuideError", "GuideLibrary", "GuideProblem", "Item", "OrgScope", "Phase", "Preparation",
    "Profile", "ProfileAddition", "Prompt", "Resource", "Text", "TransitionWindow", "facts_for",
    "key_lines", "load_library", "locate_key", "org_scope", "validate_path", "windows_for",
]  # fmt: skip
