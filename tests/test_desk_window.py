"""The desk session through the window, as a class would meet it: resume never writes into
another student's file (issue 13), Save, call, Load keeps the first call (issue 9), and
each story keeps its own saves (issue 12)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pygame
import pytest
from test_classroom_scenario import build_scenario

from game.classroom.results import read_results
from game.ui.app import App
from game.ui.driver import click_button, find_button, make_app, press


@pytest.fixture
def scenes(tmp_path: Path) -> Path:
    build_scenario(tmp_path / "scenes")
    return tmp_path / "scenes"


def type_text(app: App, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()


def files(folder: Path) -> dict[str, dict[str, Any]]:
    """Every results file in the folder, by nickname."""
    found = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[data["nickname"]] = data
    return found


def start(app: App, nickname: str) -> None:
    press(app, pygame.K_n)  # New game
    if app.top.name == "confirm":  # a game in progress would be replaced
        press(app, pygame.K_RETURN)
    assert app.top.name == "nickname"
    type_text(app, nickname)
    press(app, pygame.K_RETURN)
    assert app.top.name == "quiz"


def go_on(app: App) -> None:
    """Past the response to a call (and the page, if a check opened it), back to the desk."""
    while app.top.name in ("response", "article"):
        press(app, pygame.K_RETURN if app.top.name == "response" else pygame.K_ESCAPE)


def play_to_ending(app: App, rng: random.Random) -> None:
    for _ in range(200):
        go_on(app)
        if app.top.name != "scene":
            return
        assert app.session is not None
        options = [o.index for o in app.session.story.choices() if o.available]
        press(app, pygame.K_1 + rng.choice(options))


def test_continue_never_writes_one_students_game_into_anothers_file(scenes: Path,
                                                                   tmp_path: Path) -> None:
    data = tmp_path / "data"
    results = data / "results"
    app = make_app(scenes, data, class_code="7B")
    start(app, "Ann")
    for _ in range(8):
        press(app, pygame.K_4)
    press(app, pygame.K_RETURN)
    play_to_ending(app, random.Random(5))
    for _ in range(8):
        press(app, pygame.K_5)
    press(app, pygame.K_RETURN)
    assert app.top.name == "ending"
    press(app, pygame.K_t)  # the title screen
    ann = files(results)["Ann"]
    assert ann["finished"] is not None and ann["decisions"]

    start(app, "Ben")  # the next student at the same machine
    for _ in range(3):
        press(app, pygame.K_3)
    ben = files(results)["Ben"]
    # the window is closed (or killed) here; next lesson, a new process
    again = make_app(scenes, data, class_code="7B")
    click_button(again, find_button(again, "Continue"))
    if again.top.name == "scene":
        press(again, pygame.K_1)
        go_on(again)
    now = files(results)
    assert now["Ann"] == ann, "the first student's finished file is left alone"
    assert now["Ben"]["id"] == ben["id"]
    assert not now["Ben"]["decisions"] or now["Ben"]["decisions"] != ann["decisions"]
    assert now["Ben"]["finished"] is None and now["Ben"]["ending"] is None
    report = read_results(results)
    assert len(report.sessions) == len(now)
    assert sum(1 for s in report.sessions if s.finished) == 1, "one game is not counted twice"


def test_save_call_load_in_class_keeps_the_first_call(scenes: Path, tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path / "data", class_code="7B")
    app.args.no_quiz = True
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # anonymous
    assert app.top.name == "scene"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    press(app, pygame.K_s)
    press(app, pygame.K_1)  # save to slot 1
    assert app.top.name in ("pause", "scene")
    if app.top.name == "pause":
        press(app, pygame.K_ESCAPE)
    assert app.top.name == "scene"
    assert app.session is not None
    fact = next(o for o in app.session.story.choices() if o.id == "fact")
    press(app, pygame.K_1 + fact.index)  # runs the first claim as fact
    go_on(app)
    first = files(app.data / "results")[None]
    assert [(d["claim"], d["call"]) for d in first["decisions"]] == [("named_dead", "fact")]

    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_l)
    click_button(app, find_button(app, "Slot 1"))
    if app.top.name == "confirm":
        click_button(app, find_button(app, "Load it"))
    assert app.top.name == "scene"
    assert app.session.story.scene.id == "named_dead"  # the game goes back, as loaded
    reject = next(o for o in app.session.story.choices() if o.id == "reject")
    press(app, pygame.K_1 + reject.index)
    go_on(app)
    data = files(app.data / "results")[None]
    calls = [(d["claim"], d["call"]) for d in data["decisions"]]
    assert calls[0] == ("named_dead", "fact"), "the first call is the one recorded"
    assert ("named_dead", "reject") in calls
    record = read_results(app.data / "results").sessions[0]
    assert [(d.claim, d.call) for d in record.decisions] == [("named_dead", "fact")]
    assert data["score"]["false_alarms"] == 0 and data["score"]["hits"] == 1


def test_the_title_offers_continue_only_for_this_storys_save(scenes: Path,
                                                            tmp_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "docs" / "example" / "example.yaml"
    data = tmp_path / "data"
    app = make_app(example, data)
    press(app, pygame.K_n)
    press(app, pygame.K_1)  # the example's game is under way and autosaved
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_q)
    other = make_app(scenes, data)  # another story, same data folder
    assert other.autosave_info is None
    assert not find_button(other, "Continue").enabled
    press(other, pygame.K_l)
    assert other.top.name == "slots"
    assert not find_button(other, "Autosave").enabled
    back = make_app(example, data)
    assert find_button(back, "Continue").enabled
    press(back, pygame.K_c)
    assert back.top.name == "scene" and back.session is not None
    assert back.session.story.scene.id == "archive"


def test_the_window_warns_once_when_the_results_folder_goes_and_delivers_when_it_returns(
        scenes: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    app = make_app(scenes, tmp_path / "data", class_code="7B")
    app.args.results, app.args.no_quiz = str(share), True
    press(app, pygame.K_n)
    press(app, pygame.K_RETURN)  # anonymous
    assert app.top.name == "scene"
    (name,) = [p.name for p in share.glob("*.json")]
    (share / name).unlink()
    share.rmdir()  # the share is unmounted mid-lesson
    press(app, pygame.K_1)
    go_on(app)
    warnings = [t.text for t in app.toasts if t.warning]
    assert len(warnings) == 1 and "kept on this computer" in warnings[0]
    assert not share.exists()
    press(app, pygame.K_1)
    go_on(app)
    assert len([t for t in app.toasts if t.warning]) == 1, "told once"
    share.mkdir()
    press(app, pygame.K_1)
    assert any("have now been written" in t.text for t in app.toasts)
    assert len(json.loads((share / name).read_text())["decisions"]) == 3
