"""Compiles the gettext catalogues (.po -> .mo) whenever the wheel is built or installed.

The app reads only the compiled .mo files, with the standard library's gettext, so the
catalogues have one reader. hatchling runs this hook for a wheel and for an editable
install (`pip install -e .`, used by make); `make i18n` and `make test` run it as a script:

    python hatch_build.py [PO_FILE ...]     # no argument: every catalogue of the package
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent
LOCALE = Path("dialog_kit") / "locale"
DOMAIN = "dialog_kit"


class CatalogueError(Exception):
    """A catalogue that would give wrong text at run time (bad placeholders, plural forms)."""


def catalogues(root: Path = ROOT) -> list[Path]:
    return sorted((root / LOCALE).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_catalogue(po: Path) -> Path:
    """Writes the .mo beside `po` (fuzzy entries left out, as gettext tools do); returns it.

    The file is replaced only when its bytes change, so make sees unchanged catalogues as
    up to date and a reader never sees half a file.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    lang = po.parent.parent.name
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=lang, domain=DOMAIN)
    errors = [
        f"{po}: {message.id!r}: {error}"
        for message, problems in catalogue.check()
        for error in problems
    ]
    if errors:
        raise CatalogueError("\n".join(errors))
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    mo = po.with_suffix(".mo")
    data = buffer.getvalue()
    if not mo.is_file() or mo.read_bytes() != data:
        partial = mo.with_name(f".{mo.name}.partial")
        partial.write_bytes(data)
        partial.replace(mo)
    else:
        mo.touch()  # newer than its .po, for make
    return mo


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """hatchling's hook (configured in pyproject.toml under the wheel target)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for po in catalogues(root):
            mo = compile_catalogue(po)
            if version == "standard":
                # The .mo files are build output, ignored by git and so by hatchling's file
                # selection: name them explicitly. (An editable install reads the checkout.)
                build_data["force_include"][str(mo)] = mo.relative_to(root).as_posix()


def main(argv: list[str]) -> int:
    targets = [Path(arg) for arg in argv] or catalogues()
    try:
        for po in targets:
            compile_catalogue(po)
    except CatalogueError as error:
        print(f"the catalogues have errors; fix them and run `make i18n` again:\n{error}",
              file=sys.stderr)  # fmt: skip
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
