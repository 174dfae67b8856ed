"""`dialog-kit serve`: the app in the web browser of this machine, behind a secret address.

textual-serve, aiohttp and even asyncio are imported only inside the command, so
other commands start as fast as before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dialog_kit.cli.common import EXIT_OK, CliContext, Parser, add_command
from dialog_kit.errors import DialogKitError, UsageError
from dialog_kit.i18n import _

if TYPE_CHECKING:
    import socket

    from dialog_kit.tui.serve.server import DialogKitServer

DEFAULT_IDLE_MINUTES = 10


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    serve = add_command(
        sub,
        "serve",
        _("the app in your web browser, on this computer only"),
        run_serve,
    )
    serve.add_argument(
        "--port",
        type=int,
        default=0,
        metavar="N",
        help=_("port to listen on (default: any free port)"),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDRESS",
        help=_("address to listen on (default 127.0.0.1: this computer only)"),
    )
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help=_("allow an address other computers can reach (not recommended)"),
    )
    serve.add_argument(
        "--idle-lock",
        type=int,
        default=DEFAULT_IDLE_MINUTES,
        metavar="MINUTES",
        help=_("lock the vault after this many minutes without use (default {n})").format(
            n=DEFAULT_IDLE_MINUTES
        ),
    )
    serve.add_argument(
        "--no-browser",
        action="store_true",
        help=_("print the address but do not open a browser"),
    )


def run_serve(ctx: CliContext) -> int:
    import asyncio
    import tempfile

    from dialog_kit.tui.serve.guard import Guard, bind_address, new_token

    args = ctx.args
    if not 0 <= args.port <= 65535:
        raise UsageError(
            _("Bad port"), _("--port takes a number from 1 to 65535 (0: any free port).")
        )
    if not 1 <= args.idle_lock <= 24 * 60:
        raise UsageError(
            _("Bad idle time"), _("--idle-lock takes minutes, from 1 to 1440 (a day).")
        )
    host = bind_address(args.host, allow_remote=args.allow_remote)
    if host in ("0.0.0.0", "::"):
        raise UsageError(
            _("Bad address"),
            _("Give the one address the browser will use, not {host}.").format(host=host),
        )

    from dialog_kit.tui.serve import server as web

    try:
        sock = web.listen(host, args.port)
    except OSError as exc:
        raise DialogKitError(
            _("Cannot listen"),
            _("{host} port {port}: {reason}").format(
                host=host, port=args.port, reason=exc.strerror or type(exc).__name__
            ),
        ) from None
    guard = Guard(host=host, port=int(sock.getsockname()[1]), token=new_token())
    if args.allow_remote and not guard.host_ok(f"127.0.0.1:{guard.port}"):
        print(
            _(
                "WARNING: {host} can be reached from other computers, over plain HTTP: "
                "anyone on the network path can read the address, and with it your notes."
            ).format(host=host),
            file=sys.stderr,
        )
    options = web.ServeOptions(
        guard=guard,
        app_command=web.child_command(
            ctx.vault_dir.expanduser().resolve(), ctx.language, args.idle_lock * 60.0
        ),
    )
    print(_("dialog_kit is running for your web browser at this secret address:"))
    print(f"    {guard.url}")
    print(
        _(
            "Only this computer can reach it; the address changes at every start. "
            "The vault locks after {minutes} min without use. Press Ctrl+C here to stop "
            "(open talks are saved first)."
        ).format(minutes=args.idle_lock),
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="dialog-kit-serve-") as private:
        asyncio.run(_serve(web.DialogKitServer(options), sock, guard.url, Path(private), args))
    return EXIT_OK


async def _serve(
    server: DialogKitServer,
    sock: socket.socket,
    url: str,
    private: Path,
    args: argparse.Namespace,
) -> None:
    import asyncio
    import contextlib
    import signal

    from dialog_kit.tui.serve import server as web

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows
            loop.add_signal_handler(sig, stop.set)

    def ready() -> None:
        if not args.no_browser:
            loop.run_in_executor(None, _open_browser, url, private)

    await web.serve(server, sock, ready, stop)
    print(_("Stopped."))


def _open_browser(url: str, private: Path) -> None:
    """Opens the browser through a private file that redirects to the address.

    The browser is started with a command line that every user of the machine can
    read (ps); the address with the token must not be on it.
    """
    import html
    import os
    import webbrowser

    page = private / "open.html"  # in a 0700 folder, and 0600 from the start
    target = html.escape(url)
    descriptor = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(
            '<!DOCTYPE html><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0;url={target}">'
            f'<a href="{target}">dialog_kit</a>\n'
        )
    if not webbrowser.open(page.as_uri()):
        print(_("No browser could be opened: open the address above yourself."), flush=True)
