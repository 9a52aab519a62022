"""Classroom mode in the real window (SDL's dummy driver), by keys and mouse:
nickname → quiz before → game → quiz after → ending and debrief, results written throughout."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pygame
import pytest
import yaml
from test_classroom_scenario import build_scenario, scenario_data

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


def results(app: App) -> dict:  # type: ignore[type-arg]
    files = list((app.data / "results").glob("*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def play_to_ending(app: App, rng: random.Random) -> None:
    for _ in range(200):
        if app.top.name in ("response", "article"):  # the answer to a call; the page
            press(app, pygame.K_RETURN if app.top.name == "response" else pygame.K_ESCAPE)
            continue
        if app.top.name != "scene":
            return
        assert app.session is not None
        options = [o.index for o in app.session.story.choices() if o.available]
        press(app, pygame.K_1 + rng.choice(options))


def test_a_classroom_game_runs_nickname_quiz_game_quiz_debrief(scenes: Path,
                                                              tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path / "data", class_code="7B")
    press(app, pygame.K_RETURN)  # New game
    assert app.top.name == "nickname"
    type_text(app, "Sam ")  # a space is typed, not a button press
    assert app.top.name == "nickname"
    press(app, pygame.K_BACKSPACE)
    type_text(app, "!")
    press(app, pygame.K_RETURN)
    assert app.top.name == "quiz"
    data = results(app)
    assert data["nickname"] == "Sam!" and data["class"] == "7B"

    for n in range(7):
        press(app, pygame.K_1 + n)  # ratings 1 to 7 by number keys
    click_button(app, find_button(app, "5"))  # and the eighth by mouse
    assert len(results(app)["quiz"]["before"]) == 8
    assert app.top.name == "quiz"  # the "that's all" page
    press(app, pygame.K_RETURN)
    assert app.top.name == "scene"
    assert app.session is not None and not app.session.can_undo, "undo is off in class"

    play_to_ending(app, random.Random(3))
    assert app.top.name == "quiz", "the quiz after comes before the ending"
    assert results(app)["finished"] is None
    for _ in range(8):
        press(app, pygame.K_6)
    press(app, pygame.K_RETURN)
    assert app.top.name == "ending"
    data = results(app)
    assert len(data["quiz"]["after"]) == 8
    assert data["finished"] is not None and data["ending"] is not None
    assert data["score"] is not None and data["decisions"]
    press(app, pygame.K_d)
    assert app.top.name == "debrief"


def test_a_game_left_mid_way_carries_on_into_the_same_results_file(scenes: Path,
                                                                  tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    app = make_app(scenes, data_dir, class_code="7B")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # no nickname
    for _ in range(8):
        press(app, pygame.K_4)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1 + 1)  # one decision
    first = results(app)
    assert first["nickname"] is None and len(first["decisions"]) == 1

    again = make_app(scenes, data_dir, class_code="7B")  # next lesson, a new process
    click_button(again, find_button(again, "Continue"))
    assert again.top.name == "scene"
    press(again, pygame.K_1 + 1)
    data = results(again)
    assert data["id"] == first["id"] and len(data["decisions"]) == 2


def test_rating_buttons_are_focusable_and_the_middle_is_focused_first(scenes: Path,
                                                                     tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path / "data", class_code="7B", size=(1024, 600))
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert app.top.name == "quiz"
    assert getattr(app.top.focus, "label", None) == "4"
    press(app, pygame.K_RIGHT)
    assert getattr(app.top.focus, "label", None) == "5"
    press(app, pygame.K_RETURN)
    assert results(app)["quiz"]["before"][0]["rating"] == 5


def test_without_the_quiz_the_nickname_leads_straight_to_the_desk(scenes: Path,
                                                                  tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path / "data", class_code="7B")
    app.args.no_quiz = True  # python -m game --class 7B --no-quiz
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert app.top.name == "scene"
    play_to_ending(app, random.Random(1))
    assert app.top.name == "ending"
    data = results(app)
    assert data["quiz"] == {"before": [], "after": []}
    assert data["finished"] is not None


def test_the_last_calls_response_comes_before_the_quiz_after(tmp_path: Path) -> None:
    data = scenario_data()
    for scene in data["scenes"]:  # the last claim's calls end the game themselves
        for choice in scene.get("choices", []):
            if choice.get("goto") == "press":
                choice["goto"] = "clean"
    folder = tmp_path / "scenes"
    folder.mkdir()
    (folder / "desk.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    app = make_app(folder, tmp_path / "data", class_code="7B")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # no nickname
    for _ in range(8):
        press(app, pygame.K_4)
    press(app, pygame.K_RETURN)
    rng = random.Random(3)
    for _ in range(200):
        assert app.desk is not None
        if app.top.name == "response" and app.desk.session.story.is_over:
            break
        if app.top.name in ("response", "article"):
            press(app, pygame.K_RETURN if app.top.name == "response" else pygame.K_ESCAPE)
            continue
        assert app.top.name == "scene", "the game ended without a response to its last call"
        assert app.session is not None
        options = [o.index for o in app.session.story.choices() if o.available]
        press(app, pygame.K_1 + rng.choice(options))
    # the response to the call is read first, over the desk it was made at; the quiz after
    # (whose clock times each answer) is not yet open beneath it
    assert [screen.name for screen in app.stack] == ["scene", "response"]
    assert results(app)["decisions"], "the call is recorded before the response is shown"
    press(app, pygame.K_RETURN)
    assert app.top.name == "quiz" and app.top.phase == "after"  # type: ignore[attr-defined]
    assert len(app.stack) == 1
