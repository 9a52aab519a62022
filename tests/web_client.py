"""A student in a test: reads the server's pages and sends their forms, as a browser would.

Used by the tests of ``game.web`` and by ``benchmarks/bench_serve.py``; it knows the
pages only through their HTML (forms, hidden fields, submit buttons), never the
server's objects.
"""

from __future__ import annotations

import html
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

FORM = re.compile(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
BUTTON = re.compile(r'<button type="submit" name="([^"]+)" value="([^"]*)"')


@dataclass
class Form:
    action: str
    hidden: dict[str, str]
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def fields(self, **more: str) -> dict[str, str]:
        return {**self.hidden, **more}


def forms(page: str) -> list[Form]:
    """Every POST form on a page, with its hidden fields and named submit buttons."""
    found = []
    for action, body in FORM.findall(page):
        hidden = {name: html.unescape(value) for name, value in HIDDEN.findall(body)}
        buttons = [(name, html.unescape(value)) for name, value in BUTTON.findall(body)]
        found.append(Form(html.unescape(action), hidden, buttons))
    return found


def form(page: str, action: str) -> Form:
    for candidate in forms(page):
        if candidate.action == action:
            return candidate
    raise AssertionError(f"no form to {action} on the page:\n{page[:2000]}")


def pick(page: str, rng: random.Random) -> tuple[str, dict[str, str]]:
    """What a student on this page sends next: a rating, or one of the choices."""
    if 'action="/quiz/answer"' in page:
        quiz = form(page, "/quiz/answer")
        return "/quiz/answer", quiz.fields(rating=str(rng.randint(1, 7)))
    desk = form(page, "/desk/choose")
    name, value = rng.choice(desk.buttons)
    return "/desk/choose", desk.fields(**{name: value})


# --- a real server in a subprocess ------------------------------------------------------

PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    process: subprocess.Popen[str]
    base: str  # http://127.0.0.1:PORT
    dashboard: str  # the teacher's secret link
    printed: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def start_server(*args: str, data: str | None = None, scenes: str | None = None,
                 timeout: float = 60.0) -> Server:
    """``python -m game [--data DATA] [--scenes SCENES] serve ARGS --port 0 --no-browser``,
    once it prints its addresses."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    front = (["--data", data] if data else []) + (["--scenes", scenes] if scenes else [])
    process = subprocess.Popen(
        [sys.executable, "-m", "game", *front, "serve", *args, "--port", "0", "--no-browser"],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"(http://127\.0\.0\.1:\d+)/(teacher/\S+)?", line)
        if found and ("Ctrl+C" in line or found.group(2)):
            base = found.group(1)
            dashboard = found.group(0) if found.group(2) else ""
            if dashboard or "this computer only" in line:
                return Server(process, base, dashboard, "".join(lines))
    process.kill()
    raise AssertionError("the server did not start:\n" + "".join(lines))
