"""``serve``: this computer only unless --lan, plain messages, and the link and code printed."""

from __future__ import annotations

import io
import random
import socket
from pathlib import Path

import httpx
import pytest
from web_client import form, pick, start_server

from game.cli import main
from game.web import server


def listening_on(port: int) -> set[str]:
    """The local addresses a TCP port listens on, from the kernel's own table (Linux)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


linux_only = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp")


@linux_only
def test_single_player_listens_on_this_computer_only_and_plays(tmp_path):
    running = start_server(data=str(tmp_path))
    try:
        port = int(running.base.rsplit(":", 1)[1])
        assert listening_on(port) == {"127.0.0.1"}
        assert "this computer only" in running.printed
        page = httpx.get(running.base + "/", timeout=10)
        assert page.status_code == 200 and "New game" in page.text
    finally:
        running.stop()


@linux_only
def test_a_class_with_lan_listens_on_the_network_and_prints_code_link_and_qr(tmp_path):
    running = start_server("--class", "7B", "--results", str(tmp_path), "--lan")
    try:
        port = int(running.base.rsplit(":", 1)[1])
        assert listening_on(port) == {"0.0.0.0"}
        assert "type the code 7B" in running.printed
        assert "keep this link to yourself" in running.printed and "/teacher/" in running.dashboard
        assert "█" in running.printed or "▀" in running.printed  # the QR code, in the terminal
        assert httpx.get(running.dashboard, timeout=10).status_code == 200
    finally:
        running.stop()


def test_a_port_in_use_is_a_plain_message_not_a_trace(tmp_path, capsys):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        code = main(["--data", str(tmp_path), "serve", "--port", str(taken.getsockname()[1]),
                     "--no-browser"])
    finally:
        taken.close()
    assert code == 1
    err = capsys.readouterr().err
    assert "cannot listen on 127.0.0.1" in err and "try --port" in err and "Traceback" not in err


def test_a_story_that_does_not_load_is_refused_before_listening(tmp_path, capsys):
    (tmp_path / "broken.yaml").write_text("scenario: [", encoding="utf-8")
    assert server.run(str(tmp_path), browser=False, out=io.StringIO()) == 1
    assert "cannot play" in capsys.readouterr().err


def test_serve_is_in_the_commands_help(capsys):
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--class", "--results", "--lan", "--port", "--no-browser"):
        assert option in out


def test_results_without_a_class_is_refused_as_in_the_window(tmp_path, capsys):
    assert main(["serve", "--results", str(tmp_path), "--no-browser"]) == 2
    assert "--results is for classroom mode" in capsys.readouterr().err


def test_started_again_on_the_same_folder_it_says_how_many_games_carry_on(tmp_path):
    first = start_server("--class", "7B", "--results", str(tmp_path))
    try:
        with httpx.Client(base_url=first.base, follow_redirects=True, timeout=10) as student:
            page = student.post("/join", data=form(student.get("/").text, "/join").fields(
                code="7B")).text
            action, fields = pick(page, random.Random(1))
            student.post(action, data=fields)
            cookies = dict(student.cookies)
    finally:
        first.stop()
    second = start_server("--class", "7B", "--results", str(tmp_path))
    try:
        assert "1 earlier game carries on" in second.printed
        with httpx.Client(base_url=second.base, cookies=cookies, timeout=10) as student:
            assert student.get("/", follow_redirects=True).url.path == "/quiz"
    finally:
        second.stop()


def test_on_this_computer_only_it_answers_to_its_own_names_only(tmp_path):
    """A page elsewhere that points a name of its own at 127.0.0.1 (DNS rebinding) is refused."""
    running = start_server(data=str(tmp_path))
    try:
        port = running.base.rsplit(":", 1)[1]
        for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
            assert httpx.get(running.base + "/", headers={"host": host}).status_code == 200
        refused = httpx.get(running.base + "/", headers={"host": f"evil.example:{port}"})
        assert refused.status_code == 421 and "answers only at" in refused.text
    finally:
        running.stop()
