"""The real window under SDL's dummy driver, played by posted key and mouse events."""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from game.desk.folders import story_folder
from game.engine import load
from game.saves import AUTOSAVE, read_save
from game.ui.app import App
from game.ui.driver import buttons, click_button, find_button, make_app, press

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"
SCENES = ROOT / "scenes"


def scenarios() -> list[Path]:
    found = [EXAMPLE]
    if SCENES.is_dir() and not load(SCENES).errors:
        found.append(SCENES)
    return found


def available_indexes(app: App) -> list[int]:
    assert app.session is not None
    return [o.index for o in app.session.story.choices() if o.available]


def play_by_keys(app: App, rng: random.Random, limit: int = 600) -> int:
    """Take random available choices with number keys (arrows and Enter past 9)."""
    steps = 0
    while app.top.name in ("scene", "response", "article") and steps < limit:
        if app.top.name == "response":  # the answer to a call: Enter goes on
            press(app, pygame.K_RETURN)
            continue
        if app.top.name == "article":  # the page, opened by reading it: Esc goes back
            press(app, pygame.K_ESCAPE)
            continue
        index = rng.choice(available_indexes(app))
        if index < 9:
            press(app, pygame.K_1 + index)
        else:
            target = buttons(app)[index]
            while app.top.focus is not target:
                press(app, pygame.K_DOWN)
            press(app, pygame.K_RETURN)
        steps += 1
    return steps


@pytest.mark.parametrize("scenes", scenarios(), ids=lambda p: p.name)
def test_a_whole_game_is_played_to_an_ending_by_keys_alone(scenes: Path, tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path)
    assert app.top.name == "title"
    press(app, pygame.K_RETURN)  # the focused button is New game
    assert app.top.name == "scene"
    steps = play_by_keys(app, random.Random(5))
    assert app.top.name == "ending", f"no ending after {steps} choices"
    press(app, pygame.K_d)
    assert app.top.name == "debrief"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "ending"
    assert app.scenario is not None
    saved = read_save(story_folder(tmp_path, app.scenario.id), AUTOSAVE)
    assert saved is not None and saved.info.ended
    press(app, pygame.K_t)
    assert app.top.name == "title"


@pytest.mark.parametrize("scenes", scenarios(), ids=lambda p: p.name)
def test_a_whole_game_is_played_to_an_ending_by_mouse_alone(scenes: Path, tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path, size=(1024, 600))
    click_button(app, find_button(app, "New game"))
    rng = random.Random(11)
    steps = 0
    while app.top.name in ("scene", "response", "article") and steps < 600:
        if app.top.name in ("response", "article"):
            click_button(app, buttons(app)[0])  # Go on; Back to the desk
            continue
        assert app.session is not None
        before = len(app.session.story.state.history)
        index = rng.choice(available_indexes(app))
        choice = [b for b in buttons(app) if b in app.top.decision.focusables()][index]
        click_button(app, choice)
        assert len(app.session.story.state.history) == before + 1
        steps += 1
    assert app.top.name == "ending"
    click_button(app, find_button(app, "Read the debrief"))
    assert app.top.name == "debrief"
    click_button(app, find_button(app, "Title screen"))
    assert app.top.name == "title"


def test_number_keys_show_cost_before_and_spend_time_after(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    check = find_button(app, "Check the photo")
    assert "1 h" in check.detail
    assert app.session is not None and app.session.story.time == 3
    press(app, pygame.K_1)
    assert app.session.story.time == 2


def test_undo_goes_back_one_choice_in_free_play(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    assert app.session is not None
    press(app, pygame.K_1)
    assert app.session.story.scene.id == "archive"
    press(app, pygame.K_u)
    assert app.session.story.scene.id == "desk"
    assert app.session.story.time == 3
    assert [e["kind"] for e in app.session.transcript] == ["scene", "text"]


def test_undo_is_off_in_a_classroom(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path, class_code="7B")
    press(app, pygame.K_n)
    assert app.top.name == "nickname"  # classroom mode asks for an optional nickname first
    press(app, pygame.K_RETURN)  # none; the example has no quiz, so the game starts
    press(app, pygame.K_1)
    assert app.session is not None and app.session.story.scene.id == "archive"
    assert all(not b.label.startswith("Undo") for b in buttons(app))
    press(app, pygame.K_u)
    assert app.session.story.scene.id == "archive"


def test_notebook_and_history_open_and_close_with_their_keys(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    press(app, pygame.K_1)  # check the photo's date
    press(app, pygame.K_1)  # back to the desk
    press(app, pygame.K_n)
    assert app.top.name == "notebook"
    text = " ".join(r.text for r in app.kit.log)
    assert "Check the photo's date" in text and "Sept. 15, 2017" in text
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_h)
    assert app.top.name == "history"
    assert "You chose: Check the photo's date (1 h)" in " ".join(r.text for r in app.kit.log)
    press(app, pygame.K_h)
    assert app.top.name == "scene"


def test_the_pause_menu_asks_before_loading_over_a_game(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    press(app, pygame.K_s)
    press(app, pygame.K_1)  # save to slot 1
    assert app.top.name == "pause"
    press(app, pygame.K_l)
    press(app, pygame.K_1)  # slot 1 has key 1 in Load as in Save
    assert app.top.name == "confirm"
    press(app, pygame.K_ESCAPE)  # Cancel
    assert app.top.name == "slots"


def test_idle_frames_are_not_redrawn(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    frames = app.frames
    for _ in range(20):
        app.step()
    assert app.frames == frames
    press(app, pygame.K_DOWN)
    assert app.frames == frames + 1


def test_typing_text_is_finished_by_enter_before_anything_is_chosen(tmp_path: Path) -> None:
    from game.settings import Settings

    app = make_app(EXAMPLE, tmp_path, settings=Settings(text_speed="slow", sound=False))
    press(app, pygame.K_n)
    assert app.animating
    press(app, pygame.K_RETURN)  # finishes the text; does not choose
    assert app.session is not None and app.session.story.scene.id == "desk"
    app.step()
    assert not app.animating


def test_enter_starts_a_new_game_when_the_story_loads_after_the_first_frame(
        tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path, load=False)  # as at start-up: title drawn, story loading
    app.start_loading()
    app.wait_loaded()
    app.step()
    press(app, pygame.K_RETURN)
    assert app.top.name == "scene"
