"""The form fields of the sheets the employee fills in: names, the fingerprint, reading them back.

A sheet made for one talk carries, in its PDF keywords, what it is (`MARK`),
the talk's id and a fingerprint of its field set, so a filled sheet can be
matched to its talk and a sheet for another talk, or from another guide
version, is refused instead of read into the wrong place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dialog_kit.errors import InputError
from dialog_kit.i18n import _

PREP_MARK = "dialog-kit-preparation"
SUMMARY_MARK = "dialog-kit-summary"
EMPLOYEE_PREPARATION = "employee-preparation"
"""The phase id under which the employee's imported preparation answers are kept."""
MAX_PDF_BYTES = 20 * 1024 * 1024
"""A filled sheet is a few hundred kilobytes; anything far larger is not one of ours."""
MAX_FIELD_CHARS = 4000
"""What one answer may hold: about a page of text, typed."""


class FormError(InputError):
    """A filled PDF that is not the expected sheet, is damaged, or holds unexpected fields."""


def answer_field(n: int) -> str:
    """The name of the field for the answer to question `n` (from 1)."""
    return f"answer-{n}"


def fingerprint(mark: str, names: Sequence[str], texts: Sequence[str]) -> str:
    """16 hex digits naming a field set: the kind of sheet, the field names and their questions."""
    digest = hashlib.sha256("\x1f".join([mark, *names, "\x1e", *texts]).encode("utf-8"))
    return digest.hexdigest()[:16]


def keywords(mark: str, talk_id: str, prints: str) -> str:
    """The PDF keywords of a sheet for one talk (comma-separated, as WeasyPrint writes them)."""
    return f"{mark}, talk-{talk_id}, fields-{prints}"


@dataclass(frozen=True)
class FilledForm:
    mark: str
    talk_id: str
    fingerprint: str
    fields: dict[str, str]  # name -> text as typed ("" for an empty field)
    checked: dict[str, bool]  # name -> ticked, for checkboxes
    version: int = 0  # the summary's version, on a final summary


def _bad(path: Path, reason: str) -> FormError:
    return FormError(_("Not a sheet that can be read"), f"{path.name}: {reason}")


def read_pdf_bytes(path: Path, limit: int = MAX_PDF_BYTES) -> bytes:
    """The bytes of the regular file `path`, not through a link, at most `limit` of them."""
    from dialog_kit.safe_files import UnsafeFileError, read_file

    try:
        return read_file(path, limit)
    except UnsafeFileError as exc:
        raise _bad(path, exc.reason) from None
    except FileNotFoundError:
        raise _bad(path, _("there is no such file")) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _bad(path, _("it cannot be opened ({reason})").format(reason=reason)) from None


def read_form(path: Path | str) -> FilledForm:
    """The fields of a filled sheet made by dialog_kit, read with pypdf; FormError otherwise.

    Only the field values are read: nothing in the PDF is rendered, run or followed.
    """
    import io
    import logging

    from pypdf import PdfReader

    path = Path(path)
    data = read_pdf_bytes(path)
    if not data.startswith(b"%PDF-"):
        raise _bad(path, _("not a PDF file"))
    # pypdf logs what it repairs; a damaged file is reported once, below, not as log noise.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _bad(path, _("it is encrypted"))
        meta = reader.metadata
        words = str(meta.get("/Keywords", "")) if meta is not None else ""
        raw = reader.get_fields() or {}
    except FormError:
        raise
    except Exception:  # a hostile PDF may break the parser in any way it likes
        raise _bad(path, _("the PDF is damaged and cannot be read")) from None
    finally:
        log.setLevel(level)
    parts = [p.strip() for p in words.split(",")]
    mark = parts[0] if parts else ""
    talk = next((p[5:] for p in parts if p.startswith("talk-")), "")
    prints = next((p[7:] for p in parts if p.startswith("fields-")), "")
    version_text = next((p[8:] for p in parts if p.startswith("version-")), "")
    version = int(version_text) if version_text.isdigit() and len(version_text) < 6 else 0
    if mark not in (PREP_MARK, SUMMARY_MARK) or not talk or not prints:
        raise _bad(path, _("it was not made by dialog_kit for a talk"))
    fields: dict[str, str] = {}
    checked: dict[str, bool] = {}
    for name, spec in raw.items():
        value = spec.get("/V")
        if spec.get("/FT") == "/Btn":
            checked[str(name)] = str(value) not in ("", "/Off", "None")
            continue
        text = "" if value is None else str(value)
        if len(text) > MAX_FIELD_CHARS:
            raise _bad(
                path,
                _("a field holds more than {count} characters").format(count=MAX_FIELD_CHARS),
            )
        fields[str(name)] = text.replace("\r\n", "\n").replace("\r", "\n")
    return FilledForm(mark, talk, prints, fields, checked, version)
