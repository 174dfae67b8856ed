"""The rules in front of the server, without a server: addresses, Host, Origin, the token."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from dialog_kit.cli import serve_cmd
from dialog_kit.errors import UsageError
from dialog_kit.tui.serve.guard import Guard, bind_address, new_token


@pytest.mark.parametrize(
    ("given", "listened"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "127.0.0.1"),
        ("::1", "::1"),
        ("127.0.0.2", "127.0.0.2"),
    ],
)
def test_loopback_addresses_are_served(given: str, listened: str) -> None:
    assert bind_address(given, allow_remote=False) == listened


@pytest.mark.parametrize("given", ["192.168.1.10", "10.0.0.1", "0.0.0.0", "::", "2001:db8::1"])
def test_other_addresses_need_allow_remote(given: str) -> None:
    with pytest.raises(UsageError) as refused:
        bind_address(given, allow_remote=False)
    assert "--allow-remote" in refused.value.message
    assert bind_address(given, allow_remote=True) == given


def test_a_name_is_not_an_address() -> None:
    # A name could resolve elsewhere tomorrow: only what is listened on is checked in Host.
    with pytest.raises(UsageError):
        bind_address("intranet.example", allow_remote=True)


def test_host_and_origin_must_be_exactly_ours() -> None:
    guard = Guard("127.0.0.1", 8123, new_token())
    assert guard.host_ok("127.0.0.1:8123")
    for host in (None, "", "127.0.0.1", "127.0.0.1:8124", "localhost:8123", "evil:8123"):
        assert not guard.host_ok(host)
    assert guard.origin_ok(None, required=False)
    assert not guard.origin_ok(None, required=True)
    assert guard.origin_ok("http://127.0.0.1:8123", required=True)
    for origin in ("null", "http://127.0.0.1:8124", "https://127.0.0.1:8123", "http://evil"):
        assert not guard.origin_ok(origin, required=False)


def test_ipv6_is_written_in_brackets() -> None:
    guard = Guard("::1", 8123, "t")
    assert guard.authority == "[::1]:8123"
    assert guard.url == "http://[::1]:8123/t/"
    assert guard.host_ok("[::1]:8123")


def test_tokens_are_new_each_time_and_compared_exactly() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    token = tokens.pop()
    guard = Guard("127.0.0.1", 1, token)
    assert guard.token_ok(token)
    assert not guard.token_ok(token[:-1])
    assert not guard.token_ok(token + "x")
    assert not guard.token_ok("")


def test_the_browser_is_opened_without_the_token_on_its_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    url = "http://127.0.0.1:8123/SECRET-TOKEN/"
    serve_cmd._open_browser(url, tmp_path)
    [uri] = opened
    assert uri.startswith("file://") and "SECRET-TOKEN" not in uri
    page = Path(uri.removeprefix("file://"))
    assert url in page.read_text(encoding="utf-8")
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
