"""The server refuses whoever lacks the token or comes from elsewhere: plain HTTP and websockets.

One real server (the real command) for the module; aiohttp's client stands in for a
program on the same machine, or a browser tricked by another page or a rebound DNS name.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.serve.helpers import Served, environment, serve

EVIL = "http://attacker.example"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(tmp_path_factory.mktemp("serve")) as running:
        yield running


async def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status, await response.text()


def get(url: str, **headers: str) -> tuple[int, str]:
    return asyncio.run(_get(url, {k.replace("_", "-"): v for k, v in headers.items()}))


async def _ws(url: str, origin: str | None, headers: dict[str, str]) -> tuple[int, list[str]]:
    """The handshake's status; on success, the first text message and the first screen bytes."""
    async with aiohttp.ClientSession() as session:
        try:
            socket = await session.ws_connect(url, origin=origin, headers=headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status, []
        async with socket:
            received = [(await socket.receive_str(timeout=30))]
            seen = b""
            while b"dialog_kit" not in seen:  # the app's first screen, drawn in the process
                message = await socket.receive(timeout=60)
                if message.type != aiohttp.WSMsgType.BINARY:
                    continue
                seen += message.data
            received.append(seen.decode("utf-8", "replace"))
            return 101, received


def ws(url: str, origin: str | None, **headers: str) -> tuple[int, list[str]]:
    return asyncio.run(_ws(url, origin, headers))


# -- the page ------------------------------------------------------------------------------


def test_the_page_opens_with_the_token_and_links_nothing_outside(served: Served) -> None:
    status, page = get(served.url)
    assert status == 200
    assert served.websocket_url in page
    assert "http://" not in page.replace(served.origin, "")
    assert "https://" not in page  # textual-serve's template links Google's font server
    assert "googleapis" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/{wrong}/",
        "/{prefix}/",
        "/{token}x/",
        "/{wrong}/static/textual.js",
        "/static/textual.js",
        "/{token}/../",
        "/{token}/static/../../server.py",
    ],
)
def test_the_page_and_its_files_need_the_exact_token(served: Served, path: str) -> None:
    wrong = "A" * len(served.token)
    url = served.origin + path.format(token=served.token, wrong=wrong, prefix=served.token[:-1])
    status, text = get(url)
    assert status in (403, 404)
    assert "dialog_kit" not in text


def test_a_foreign_origin_is_refused(served: Served) -> None:
    assert get(served.url, Origin=EVIL)[0] == 403
    assert get(served.url, Origin="http://127.0.0.1:1")[0] == 403  # another local server
    assert get(served.url, Origin=served.origin)[0] == 200


@pytest.mark.parametrize(
    "host",
    ["attacker.example:{port}", "attacker.example", "localhost:{port}", "127.0.0.1:1", ""],
)
def test_a_foreign_host_is_refused_dns_rebinding_too(served: Served, host: str) -> None:
    # A page on attacker.example whose name now resolves to 127.0.0.1 sends its own name.
    status, text = get(served.url, Host=host.format(port=served.port))
    assert status == 403
    assert served.token not in text


def test_a_request_from_another_site_is_refused(served: Served) -> None:
    assert get(served.url, Sec_Fetch_Site="cross-site")[0] == 403
    assert get(served.url, Sec_Fetch_Site="same-site")[0] == 403
    assert get(served.url, Sec_Fetch_Site="none")[0] == 200  # typed into the address bar


def test_every_answer_forbids_framing_and_other_sources(served: Served) -> None:
    async def headers(url: str) -> dict[str, str]:
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            return dict(response.headers)

    for url in (served.url, served.origin + "/"):
        found = asyncio.run(headers(url))
        assert found["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in found["Content-Security-Policy"]
        assert "default-src 'none'" in found["Content-Security-Policy"]
        assert found["Referrer-Policy"] == "no-referrer"
        assert found["Server"] == "dialog_kit"


def test_a_download_needs_its_key_and_the_tabs_secret(served: Served) -> None:
    assert get(f"{served.origin}/download/{'0' * 32}")[0] in (403, 404)
    assert get(f"{served.origin}/download/{'0' * 32}", Host="attacker.example")[0] == 403


# -- the websocket that drives the app ---------------------------------------------------


def test_the_websocket_with_token_and_origin_drives_the_app(served: Served) -> None:
    status, received = ws(served.websocket_url, served.origin)
    assert status == 101
    assert received[0].startswith('["instance_id"')
    assert "dialog_kit" in received[1]


@pytest.mark.parametrize(
    ("path", "origin", "host"),
    [
        ("/ws", "{origin}", None),  # no token
        ("/{wrong}/ws", "{origin}", None),
        ("/{prefix}/ws", "{origin}", None),
        ("/{token}/ws", None, None),  # no Origin: not from our page
        ("/{token}/ws", EVIL, None),
        ("/{token}/ws", "http://127.0.0.1:1", None),
        ("/{token}/ws", "{origin}", "attacker.example:{port}"),
        ("/{token}/ws", "http://attacker.example:{port}", "attacker.example:{port}"),
    ],
)
def test_the_websocket_is_refused_without_token_or_from_elsewhere(
    served: Served, path: str, origin: str | None, host: str | None
) -> None:
    fill = {
        "token": served.token,
        "wrong": "A" * len(served.token),
        "prefix": served.token[:-1],
        "origin": served.origin,
        "port": served.port,
    }
    headers = {"Host": host.format(**fill)} if host else {}
    url = f"ws://{served.authority}" + path.format(**fill)
    status, received = ws(url, origin.format(**fill) if origin else None, **headers)
    assert status == 403
    assert received == []


# -- starting ------------------------------------------------------------------------------


def test_the_token_is_long_and_new_at_every_start(served: Served, tmp_path: Path) -> None:
    with serve(tmp_path) as second:
        assert second.token != served.token
        assert second.port != served.port
    assert len(served.token) >= 43  # 256 bits, base64


def _serve_command(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "dialog_kit",
            "--vault",
            str(tmp_path / "vault"),
            "serve",
            "--no-browser",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment(home),
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--host", "192.0.2.10"],
        ["--host", "0.0.0.0"],
        ["--host", "::"],
        ["--host", "example.com"],
        ["--host", "0.0.0.0", "--allow-remote"],
        ["--port", "70000"],
        ["--idle-lock", "0"],
    ],
)
def test_an_address_others_can_reach_or_bad_options_are_refused(
    tmp_path: Path, args: list[str]
) -> None:
    result = _serve_command(tmp_path, *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "http://" not in result.stdout  # nothing was served
    if args[:2] == ["--host", "192.0.2.10"]:
        assert "--allow-remote" in result.stderr


def test_a_port_in_use_is_said_plainly(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve_command(tmp_path, "--port", str(port))
    assert result.returncode == 1
    assert f"port {port}" in result.stderr
    assert "Traceback" not in result.stderr
