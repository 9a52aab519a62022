"""The browser presenter plays the whole game, in class and alone, and survives a restart."""

from __future__ import annotations

import ast
import json
import random
import re
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette suggests httpx's successor; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from web_client import form, pick

from game.classroom import report
from game.classroom.results import parse_session
from game.engine.loader import load_scenario
from game.paths import content_dir
from game.web.app import create_app
from game.web.site import ServeOptions

WEB = Path(__file__).resolve().parent.parent / "game" / "web"
BASE = "http://testserver"


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(content_dir())


def classroom_app(scenario, folder: Path, **more):  # type: ignore[no-untyped-def]
    return create_app(ServeOptions(scenario, folder / "web", class_code="7B",
                                   results_dir=folder, **more))


def client(app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app, base_url=BASE, follow_redirects=True)


def join(c: TestClient, nickname: str = "", code: str = "7B"):  # type: ignore[no-untyped-def]
    page = c.get("/").text
    return c.post("/join", data=form(page, "/join").fields(code=code, nickname=nickname))


def play_to_the_end(c: TestClient, page: str, seed: int = 1, limit: int = 400) -> str:
    """Answer and choose at random until the debrief; the debrief's HTML."""
    rng = random.Random(seed)
    for _ in range(limit):
        action, fields = pick(page, rng)
        response = c.post(action, data=fields)
        assert response.status_code == 200, response.text
        page = response.text
        if response.url.path == "/debrief":
            return page
    raise AssertionError("no ending reached")


def results_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("7B-*.json"))


def test_a_student_joins_takes_both_quizzes_plays_to_an_ending_and_reads_the_debrief(
        scenario, tmp_path):
    c = client(classroom_app(scenario, tmp_path))
    page = join(c, "Sam").text
    assert "Headline 1 of 8" in page and "Before you start" in page
    debrief_page = play_to_the_end(c, page)
    assert "The end:" in debrief_page and "points a careful desk could earn" in debrief_page
    assert "The full review" in debrief_page
    assert "headlines quiz" in debrief_page
    [path] = results_files(tmp_path)
    data = parse_session(path, path.read_bytes())  # the results schema, as report reads it
    assert data["nickname"] == "Sam" and data["finished"] is not None
    assert len(data["quiz"]["before"]) == 8 and len(data["quiz"]["after"]) == 8
    assert data["ending"] is not None and data["decisions"]
    out = tmp_path / "report.html"
    assert report.run(str(tmp_path), out=str(out)) == 0
    assert "Sam" in out.read_text(encoding="utf-8")


def test_every_decision_is_in_the_results_file_before_the_page_answers(scenario, tmp_path):
    c = client(classroom_app(scenario, tmp_path, quiz=False))
    page = join(c).text
    rng = random.Random(4)
    for made in range(1, 6):
        action, fields = pick(page, rng)
        page = c.post(action, data=fields).text
        [path] = results_files(tmp_path)
        assert len(json.loads(path.read_text())["decisions"]) == made


def test_a_restarted_server_on_the_same_folder_carries_every_student_on(scenario, tmp_path):
    first = client(classroom_app(scenario, tmp_path, quiz=False))
    page = join(first, "Ana").text
    rng = random.Random(2)
    for _ in range(4):
        action, fields = pick(page, rng)
        page = first.post(action, data=fields).text
    before = re.sub(r'name="csrf" value="[^"]*"', "", page)
    second = client(classroom_app(scenario, tmp_path, quiz=False))
    second.cookies = first.cookies  # the same browser, after the teacher restarted the server
    again = second.get("/")
    assert again.url.path == "/desk"
    assert re.sub(r'name="csrf" value="[^"]*"', "", again.text) == before
    action, fields = pick(again.text, rng)  # and the page's form still works
    assert second.post(action, data=fields).status_code == 200
    [path] = results_files(tmp_path)
    assert len(json.loads(path.read_text())["decisions"]) == 5


def test_a_reloaded_tab_shows_the_same_place_and_a_joined_student_is_not_joined_twice(
        scenario, tmp_path):
    c = client(classroom_app(scenario, tmp_path))
    page = join(c).text
    assert c.get("/").text == c.get("/quiz").text
    again = c.post("/join", data=form(c.get("/").text.replace("/quiz/answer", "/join"),
                                      "/join").fields(code="7B"))
    assert again.url.path == "/quiz" and len(results_files(tmp_path)) == 1
    assert "Headline 1 of 8" in page


def test_single_player_plays_to_an_ending_with_no_results_folder(scenario, tmp_path):
    app = create_app(ServeOptions(scenario, tmp_path / "web"))
    c = client(app)
    page = c.get("/").text
    assert "New game" in page and "Class code" not in page
    page = c.post("/new", data=form(page, "/new").fields()).text
    assert 'action="/desk/choose"' in page
    assert "The end:" in play_to_the_end(c, page, seed=9)
    assert not list(tmp_path.glob("*.json")) and list((tmp_path / "web" / "players").rglob("autosave.json"))


def test_the_notebook_and_the_theme_page_work_and_the_theme_is_kept(scenario, tmp_path):
    c = client(create_app(ServeOptions(scenario, tmp_path / "web")))
    page = c.post("/new", data=form(c.get("/").text, "/new").fields()).text
    assert c.get("/notebook").status_code == 200
    looks = c.get("/looks").text
    page = c.post("/looks/change", data=form(looks, "/looks/change").fields(
        theme="high_contrast", text_size="150")).text
    assert 'data-theme="high_contrast"' in page and 'class="size-150"' in page


# --- the look: the window's colours, one stylesheet -----------------------------------


def _palette_in_css(css: str, selector: str) -> dict[str, tuple[int, int, int]]:
    block = css.split(selector, 1)[1].split("}", 1)[0]
    return {name.replace("-", "_"): (int(r), int(g), int(b)) for name, r, g, b in
            re.findall(r"--([a-z-]+): rgb\((\d+), (\d+), (\d+)\)", block)}


@pytest.mark.parametrize("theme", ["light", "dark", "high_contrast"])
def test_the_pages_use_the_windows_colours(theme):
    from game.ui.theme import THEMES  # the test may look at the window; game/web may not

    css = (WEB / "static" / "style.css").read_text(encoding="utf-8")
    shown = _palette_in_css(css, f'[data-theme="{theme}"]')
    assert len(shown) >= 12
    for name, colour in shown.items():
        assert getattr(THEMES[theme], name) == colour, f"{theme} {name}"
    device = {"dark": "prefers-color-scheme: dark", "high_contrast": "prefers-contrast: more"}
    if theme in device:  # the device's preference gives the same colours
        assert _palette_in_css(css, device[theme]) == shown


def test_the_browser_presenter_imports_nothing_from_the_window():
    for path in sorted(WEB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(("game.ui", "pygame")), f"{path.name} imports {name}"


def test_no_page_loads_anything_from_elsewhere():
    for path in sorted((WEB / "templates").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), path.name
        assert "<script>" not in text and " style=" not in text and " on" + "click" not in text


def test_a_call_is_answered_at_once_with_its_grade_and_the_debrief_grades_every_call(
        scenario, tmp_path):
    c = client(create_app(ServeOptions(scenario, tmp_path / "web")))
    page = c.post("/new", data=form(c.get("/").text, "/new").fields()).text
    rng = random.Random(5)
    graded = 0
    while 'action="/desk/choose"' in page:
        action, fields = pick(page, rng)
        page = c.post(action, data=fields).text
        if "How your call lands" in page:
            graded += 1
            assert re.search(r"<p>(Best call|Defensible|Error)\. ", page)
    assert graded >= 3
    assert "Your week in short" in page and "The full review" in page
    assert len(re.findall(r'class="grade">(Best call|Defensible|Error)<', page)) >= graded


def test_with_the_grade_setting_off_a_call_is_answered_without_its_grade(scenario, tmp_path):
    c = client(create_app(ServeOptions(scenario, tmp_path / "web")))
    c.post("/new", data=form(c.get("/").text, "/new").fields())
    looks = c.get("/looks").text
    page = c.post("/looks/change", data=form(looks, "/looks/change").fields(
        theme="auto", text_size="100")).text  # the box left unticked
    rng = random.Random(5)
    while "How your call lands" not in page:
        action, fields = pick(page, rng)
        page = c.post(action, data=fields).text
    assert not re.search(r"<p>(Best call|Defensible|Error)\. ", page)


def test_alone_a_choice_can_be_undone_and_in_class_it_cannot(scenario, tmp_path):
    alone = client(create_app(ServeOptions(scenario, tmp_path / "alone")))
    first = alone.post("/new", data=form(alone.get("/").text, "/new").fields()).text
    assert 'action="/desk/undo"' not in first  # nothing to undo yet
    action, fields = pick(first, random.Random(1))
    after = alone.post(action, data=fields).text
    back = alone.post("/desk/undo", data=form(after, "/desk/undo").fields()).text
    strip = re.compile(r'name="(csrf|turn)" value="[^"]*"')
    assert strip.sub("", back) == strip.sub("", first)

    in_class = client(classroom_app(scenario, tmp_path / "class", quiz=False))
    page = join(in_class).text
    action, fields = pick(page, random.Random(1))
    page = in_class.post(action, data=fields).text
    assert 'action="/desk/undo"' not in page
    refused = in_class.post("/desk/undo", data=form(page, "/desk/choose").fields())
    assert refused.status_code == 409 and "first call" in refused.text


def test_another_scenario_plays_in_the_browser_too(tmp_path):
    """Nothing in game/web knows this story: the invented second scenario plays through."""
    other = load_scenario(Path(__file__).resolve().parent / "scenarios" / "dockfire")
    c = client(create_app(ServeOptions(other, tmp_path / "web", class_code="7B",
                                       results_dir=tmp_path)))
    page = join(c).text
    assert other.title in page
    assert "The full review" in play_to_the_end(c, page, seed=3)
    [path] = results_files(tmp_path)
    assert parse_session(path, path.read_bytes())["scenario"]["id"] == other.id


def test_the_last_calls_response_comes_before_the_quiz_after(tmp_path):
    import yaml
    from test_classroom_scenario import scenario_data

    data = scenario_data()
    for scene in data["scenes"]:  # the last claim's calls end the game themselves
        for choice in scene.get("choices", []):
            if choice.get("goto") == "press":
                choice["goto"] = "clean"
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "desk.yaml").write_text(yaml.safe_dump(data, sort_keys=False),
                                                   encoding="utf-8")
    c = client(classroom_app(load_scenario(tmp_path / "scenes"), tmp_path))
    page = join(c).text
    rng = random.Random(3)
    while 'action="/quiz/answer"' in page:  # the quiz before
        page = c.post("/quiz/answer", data=pick(page, rng)[1]).text
    calls = 0
    while 'action="/desk/choose"' in page:
        action, fields = pick(page, rng)
        page = c.post(action, data=fields).text
        calls += 1
    assert calls >= 4
    # the page after the last call answers it, and leads on to the quiz after
    assert "How your call lands" in page, page[:1500]
    assert 'action="/quiz/answer"' not in page
    page = c.get(re.search(r'<a class="button primary" href="([^"]+)"', page)[1]).text
    assert "After the desk" in page and 'action="/quiz/answer"' in page
