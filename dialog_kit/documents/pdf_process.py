"""Turns HTML into a PDF in a child process, so the TUI's interpreter stays free for keys.

WeasyPrint lays out in pure Python: in a thread it holds the interpreter for most of
a render, and keys typed meanwhile wait (measured in benchmarks/bench_tui.py). The
child gets the HTML and the options through its standard input, never a file or its
command line, and returns the PDF's bytes through its standard output; the parent
writes the file where it always did. The HTML holds only what the document shows.

Protocol: stdin is one JSON object {"html", "forms", "language"}. Exit 0: stdout is
the PDF. Exit 3: stdout is {"title", "message"} of a DialogKitError, shown as it is.
Anything else is a failure of the child itself; its stderr is dropped unread, since
a traceback may quote the document.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _, get_language

TIMEOUT = 300.0
"""Seconds a render may take before the child is stopped (a long talk takes about 2)."""

FAILED = 3
"""The child's exit code for a DialogKitError, whose title and message are on stdout."""

NICENESS = 10
"""How much the child gives way: on a busy two-core machine the app's keys come first."""

_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent.parent)


def html_to_pdf_in_child(html: str, *, forms: bool = False, timeout: float = TIMEOUT) -> bytes:
    """`html_to_pdf(html, forms=forms)`, rendered by a child process."""
    request = json.dumps({"html": html, "forms": forms, "language": get_language()})
    env = dict(os.environ)
    # The child imports this very dialog_kit, also from a checkout that is not installed.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH")) if p)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "dialog_kit.documents.pdf_process"],
            input=request.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DialogKitError(
            _("Cannot make PDFs"),
            _("Making the PDF took longer than {seconds} seconds and was stopped.").format(
                seconds=round(timeout)
            ),
        ) from None
    except OSError as exc:
        raise DialogKitError(
            _("Cannot make PDFs"),
            _("The PDF maker could not be started: {reason}").format(reason=exc.strerror or exc),
        ) from None
    if done.returncode == 0 and done.stdout.startswith(b"%PDF-"):
        return done.stdout
    if done.returncode == FAILED:
        try:
            error = json.loads(done.stdout)
            raise DialogKitError(str(error["title"]), str(error["message"]))
        except (ValueError, KeyError, TypeError):
            pass
    raise DialogKitError(
        _("Cannot make PDFs"),
        _("The PDF maker stopped unexpectedly (exit code {code}); no file was written.").format(
            code=done.returncode
        ),
    )


def child_main() -> int:
    """The child: one request from stdin, the PDF (or the error) to stdout."""
    with contextlib.suppress(OSError):
        os.nice(NICENESS)  # before WeasyPrint is even imported
    from dialog_kit.documents.render import html_to_pdf
    from dialog_kit.i18n import set_language

    out = sys.stdout.buffer
    try:
        request = json.loads(sys.stdin.buffer.read())
        set_language(str(request.get("language") or "en"))
        pdf = html_to_pdf(str(request["html"]), forms=bool(request.get("forms")))
    except DialogKitError as exc:
        out.write(json.dumps({"title": exc.title, "message": exc.message}).encode("utf-8"))
        out.flush()
        return FAILED
    out.write(pdf)
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main())
