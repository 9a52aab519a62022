"""The teacher's dashboard: who joined, where each is, the class so far, live, and the report."""

from __future__ import annotations

import asyncio
import json
import random
import re
import warnings
from pathlib import Path

import pytest
from web_client import form, pick

from game.engine.loader import load_scenario
from game.paths import content_dir
from game.web import teacher
from game.web.app import create_app
from game.web.site import ServeOptions, Site

with warnings.catch_warnings():  # Starlette suggests httpx's successor; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(content_dir())


@pytest.fixture
def app(scenario, tmp_path):  # type: ignore[no-untyped-def]
    return create_app(ServeOptions(scenario, tmp_path / "web", class_code="7B",
                                   results_dir=tmp_path))


def browser(app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app, base_url="http://testserver", follow_redirects=True)


def student(app, nickname: str, steps: int, seed: int = 0) -> TestClient:  # type: ignore[no-untyped-def]
    c = browser(app)
    page = c.post("/join", data=form(c.get("/").text, "/join").fields(
        code="7B", nickname=nickname)).text
    rng = random.Random(seed)
    for _ in range(steps):
        if "/debrief" in c.get("/").url.path:
            break
        action, fields = pick(page, rng)
        page = c.post(action, data=fields).text
    return c


def dashboard_url(app) -> str:  # type: ignore[no-untyped-def]
    site: Site = app.state.site
    return f"/teacher/{site.options.dashboard_token}"


def test_the_dashboard_lists_who_joined_where_each_is_and_the_counts(app):
    student(app, "Ana", 3)
    student(app, "", 12, seed=1)
    finisher = student(app, "Bo", 1000, seed=2)
    assert finisher.get("/").url.path == "/debrief"
    page = browser(app).get(dashboard_url(app)).text
    assert "Ana" in page and "Bo" in page and re.search(r"<td>anon-[0-9a-f]{6}</td>", page)
    assert "quiz before" in page and "reading the debrief" in page
    assert re.search(r"Thursday|Friday|Monday|Tuesday", page)  # the night one of them is on
    counts = dict(re.findall(r'data-count="(\w+)">([^<]+)<', page))
    assert counts["joined"] == "3" and counts["finished"] == "1" and counts["playing"] == "2"
    assert re.fullmatch(r"\d+%", counts["game_percent"])
    assert counts["before_d"] != "–" and re.fullmatch(r"[+−-]?\d\.\d\d", counts["before_c"])
    # as in the class report: the game's share of a careful desk's points is the headline,
    # d′ and c are the quiz's; the game's own d′ is not shown
    headline = re.search(r'<p class="headline">(.*?)</p>', page, re.S)
    assert headline and 'data-count="game_percent"' in headline[1]
    assert "careful desk" in headline[1]
    assert "d′ in the game" not in page and 'data-count="game_d"' not in page
    assert "Quiz c before" in page and "Quiz c after" in page
    assert "<svg" in page and "http://testserver/" in page and "<strong class=\"code\">7B" in page


def test_the_projector_view_shows_the_code_and_counts_but_no_names(app):
    student(app, "Ana", 3)
    page = browser(app).get(dashboard_url(app) + "/projector").text
    assert "7B" in page and "<svg" in page
    assert 'data-count="joined">1<' in page
    assert "Ana" not in page and "anon-" not in page and "teacher/" not in page.split(
        "data-events")[0]


def test_the_report_button_writes_the_class_report_that_report_would(app, tmp_path):
    student(app, "Ana", 1000, seed=3)
    teacher_browser = browser(app)
    page = teacher_browser.get(dashboard_url(app)).text
    made = teacher_browser.post(dashboard_url(app) + "/report",
                                data=form(page, dashboard_url(app) + "/report").fields())
    assert made.status_code == 200 and "The report is made" in made.text
    assert "Ana" in (tmp_path / "report.html").read_text(encoding="utf-8")
    shown = teacher_browser.get(dashboard_url(app) + "/report.html")
    assert shown.status_code == 200 and "Ana" in shown.text
    assert "script-src" not in shown.headers["content-security-policy"]  # no script at all


def test_the_report_button_needs_the_teachers_own_form(app):
    student_browser = student(app, "Ana", 2)
    student_form = form(student_browser.get("/").text, "/quiz/answer")
    refused = student_browser.post(dashboard_url(app) + "/report", data=student_form.fields())
    assert refused.status_code == 403


def test_the_live_feed_sends_the_class_as_it_changes(app):
    student(app, "Ana", 2)

    async def first_event() -> dict[str, object]:
        """Drive the ASGI app by hand: an HTTP client would wait for the endless body."""
        got: asyncio.Queue[dict[str, object]] = asyncio.Queue()

        async def receive() -> dict[str, object]:
            await asyncio.sleep(3600)  # the dashboard stays open
            return {"type": "http.disconnect"}

        async def send(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message["headers"])  # type: ignore[arg-type]
                assert headers[b"content-type"].startswith(b"text/event-stream")
            body = bytes(message.get("body", b""))  # type: ignore[arg-type]
            for line in body.decode().splitlines():
                if line.startswith("data:"):
                    await got.put(json.loads(line[5:]))

        scope = {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": dashboard_url(app) + "/events", "raw_path": b"", "root_path": "",
                 "query_string": b"", "headers": [(b"host", b"testserver")],
                 "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
        task = asyncio.create_task(app(scope, receive, send))
        try:
            return await asyncio.wait_for(got.get(), 10)
        finally:
            task.cancel()

    event = asyncio.run(first_event())
    assert event["joined"] == 1 and event["rows"] == [["Ana", "quiz before", 0, False]]


def test_figures_count_students_playing_in_the_window_too(app, scenario, tmp_path: Path):
    from game.classroom.session import ClassroomSession

    ClassroomSession("7B", tmp_path, scenario, "Window Wren")  # a student at a school PC
    f = teacher.figures(app.state.site)
    assert [(r.label, r.where) for r in f.rows] == [("Window Wren", "in the window")]
