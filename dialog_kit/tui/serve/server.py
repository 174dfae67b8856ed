"""The web server: our page, textual-serve's terminal script, one app process per browser tab.

textual-serve's own `Server` listens where it is told, serves every request and
links a web font from elsewhere. This one reuses its process bridge (`AppService`)
and its download relay, and puts `Guard` in front of every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from dialog_kit.i18n import _, get_language
from dialog_kit.tui.serve.guard import Guard

log = logging.getLogger("dialog_kit.serve")

HERE = Path(__file__).resolve().parent
TEXTUAL_SERVE_STATIC = Path(textual_serve.__file__).resolve().parent / "static"

# Every file the page may load, by the name it is asked for: nothing else is served,
# so no path from a request ever reaches the file system.
STATIC_FILES: dict[str, tuple[Path, str]] = {
    "textual.js": (TEXTUAL_SERVE_STATIC / "js" / "textual.js", "text/javascript"),
    "xterm.css": (TEXTUAL_SERVE_STATIC / "css" / "xterm.css", "text/css"),
    "RobotoMono.ttf": (
        TEXTUAL_SERVE_STATIC / "fonts" / "RobotoMono-VariableFont_wght.ttf",
        "font/ttf",
    ),
    "RobotoMono-Italic.ttf": (
        TEXTUAL_SERVE_STATIC / "fonts" / "RobotoMono-Italic-VariableFont_wght.ttf",
        "font/ttf",
    ),
    "page.css": (HERE / "static" / "page.css", "text/css"),
    "page.js": (HERE / "static" / "page.js", "text/javascript"),
}

STOP_TIMEOUT = 30.0
"""Seconds an app process gets to save and quit when the server stops."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class ServeOptions:
    guard: Guard
    app_command: list[str]
    """The command that runs the Textual app for one browser tab."""


@dataclass
class _Tab:
    service: AppService
    instance: str
    """A second secret, per tab: only its own page knows it, and downloads need it."""


@dataclass
class DialogKitServer:
    options: ServeOptions
    downloads: DownloadManager = field(default_factory=DownloadManager)
    tabs: dict[str, _Tab] = field(default_factory=dict)
    _templates: jinja2.Environment = field(init=False)

    def __post_init__(self) -> None:
        self._templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    @property
    def guard(self) -> Guard:
        return self.options.guard

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._check_request])
        app.add_routes(
            [
                web.get("/{token}/", self._index),
                web.get("/{token}/ws", self._websocket),
                web.get("/{token}/static/{name}", self._static),
                web.get("/download/{key}", self._download),
            ]
        )
        app.on_shutdown.append(self._stop_tabs)
        return app

    # -- the checks in front of everything --------------------------------------------

    @web.middleware
    async def _check_request(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        guard = self.guard
        websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        refusal = None
        if not guard.host_ok(request.headers.get("Host")):
            refusal = "host"
        elif not guard.origin_ok(request.headers.get("Origin"), required=websocket):
            refusal = "origin"
        elif not guard.fetch_site_ok(request.headers.get("Sec-Fetch-Site")):
            refusal = "site"
        elif "token" in request.match_info and not guard.token_ok(request.match_info["token"]):
            refusal = "token"
        elif request.match_info.http_exception is not None:
            refusal = "path"
        if refusal is not None:
            # The reason goes to the server's terminal only: a prober learns nothing.
            log.warning("refused a request (%s)", refusal)
            response: web.StreamResponse = web.Response(
                status=403,
                text=_(
                    "Forbidden. Open the address that 'dialog-kit serve' printed, "
                    "with its secret part."
                ),
            )
        else:
            response = await handler(request)
        self._secure_headers(response)
        return response

    def _secure_headers(self, response: web.StreamResponse) -> None:
        if response.prepared:  # a websocket or a stream: its headers are sent already
            return
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"font-src 'self'; img-src 'self' data:; connect-src ws://{self.guard.authority}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers["Server"] = "dialog_kit"  # not which aiohttp, for a prober

    # -- the page and its files ---------------------------------------------------------

    async def _index(self, request: web.Request) -> web.StreamResponse:
        token = self.guard.token
        html = self._templates.get_template("index.html").render(
            lang=get_language(),
            title="dialog_kit",
            static=f"/{token}/static/",
            websocket_url=f"ws://{self.guard.authority}/{token}/ws",
            font_size=_font_size(request.query.get("fontsize", "16")),
            starting=_("Starting dialog_kit…"),
            ended=_("This session has ended and the vault is closed."),
            restart=_("Start again"),
        )
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        entry = STATIC_FILES.get(request.match_info["name"])
        if entry is None:
            raise web.HTTPNotFound()
        path, content_type = entry
        return web.Response(body=path.read_bytes(), content_type=content_type)

    # -- one app process per tab ----------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width", "80"), 80, 20, 500)
        height = _int(request.query.get("height", "24"), 24, 10, 200)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        service = AppService(
            shlex.join(self.options.app_command),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.downloads,
        )
        tab = _Tab(service, secrets.token_urlsafe(32))
        self.tabs[service.app_service_id] = tab
        # textual.js adds this to its download address as ?instance=…
        await websocket.send_json(["instance_id", tab.instance])
        try:
            await service.start(width, height)
            await self._relay(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            await _stop(service)
            self.tabs.pop(service.app_service_id, None)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """Keys, mouse and size from the browser to the app (textual-serve's protocol)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(
                    _int(data.get("width"), 80, 20, 500), _int(data.get("height"), 24, 10, 200)
                )
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _download(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        instance = request.query.get("instance", "")
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound() from None
        tab = self.tabs.get(meta.app_service.app_service_id)
        if tab is None or not secrets.compare_digest(instance.encode(), tab.instance.encode()):
            raise web.HTTPNotFound()  # another tab's file, or no tab's: as if it did not exist
        response = web.StreamResponse()
        response.content_type = meta.mime_type
        if meta.encoding:
            response.charset = meta.encoding
        # Our own neutral file names (summary-2026-11-22.pdf): plain ASCII, no quoting needed.
        response.headers["Content-Disposition"] = f'attachment; filename="{meta.file_name}"'
        self._secure_headers(response)
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def _stop_tabs(self, _app: web.Application) -> None:
        """Server stopping: each app saves and quits, as if its tab had been closed."""
        await asyncio.gather(*(_stop(tab.service) for tab in list(self.tabs.values())))


async def _stop(service: AppService) -> None:
    """Asks the app to quit (it saves first) and waits; kills it only if it hangs."""
    process = getattr(service, "_process", None)
    try:
        await asyncio.wait_for(service.stop(), STOP_TIMEOUT)
    except (TimeoutError, ProcessLookupError):
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
    if process is not None:
        # textual-serve never closes the app's stdin nor reaps it: left to the garbage
        # collector, the pipe closes after the event loop has, and prints a traceback.
        if process.stdin is not None:
            process.stdin.close()
        with contextlib.suppress(TimeoutError, ProcessLookupError):
            await asyncio.wait_for(process.wait(), STOP_TIMEOUT)


def _int(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return min(max(number, low), high)


def _font_size(value: str) -> int:
    return _int(value, 16, 8, 48)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on `host` (port 0: a free one, chosen by the system)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


async def serve(
    server: DialogKitServer,
    sock: socket.socket,
    ready: Callable[[], None],
    stop: asyncio.Event,
) -> None:
    """Serves until `stop` is set, then lets every open app save and quit."""
    runner = web.AppRunner(server.make_app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.SockSite(runner, sock, shutdown_timeout=STOP_TIMEOUT)
    await site.start()
    ready()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def child_command(
    vault: Path, language: str, idle_lock: float, work_factor: int | None = None
) -> list[str]:
    """The app for one tab: this Python, the child module, the vault and the idle time."""
    command = [
        sys.executable,
        "-m",
        "dialog_kit.tui.serve.child",
        "--vault",
        str(vault),
        "--lang",
        language,
        "--idle-lock",
        str(idle_lock),
    ]
    if work_factor is not None:
        command += ["--work-factor", str(work_factor)]
    return command
