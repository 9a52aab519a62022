"""Developer mode: F5 reloads the story and keeps the player's place; errors show in the
window, never as a traceback."""

from __future__ import annotations

import types
from pathlib import Path

import pygame
import pytest

from game.ui.app import App
from game.ui.driver import make_app, press

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"


def _story(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "story"
    folder.mkdir()
    text = EXAMPLE.read_text().replace("../../assets/article.txt",
                                       str(ROOT / "assets" / "article.txt"))
    (folder / "example.yaml").write_text(text)
    return folder, text


def test_f5_reloads_new_text_and_keeps_the_place(tmp_path: Path) -> None:
    folder, text = _story(tmp_path)
    app = make_app(folder, tmp_path / "data", dev=True)
    press(app, pygame.K_n)
    press(app, pygame.K_1)  # into the archive, 1 h spent
    (folder / "example.yaml").write_text(text.replace("The archive dates the picture",
                                                      "The archive clearly dates the picture"))
    press(app, pygame.K_F5)
    assert app.session is not None
    assert app.session.story.scene.id == "archive" and app.session.story.time == 2
    assert any("clearly dates" in r.text for r in app.kit.log)
    assert any("Reloaded" in t.text for t in app.toasts)


def test_f5_with_broken_content_shows_the_errors_and_the_game_goes_on(tmp_path: Path) -> None:
    folder, text = _story(tmp_path)
    app = make_app(folder, tmp_path / "data", dev=True)
    press(app, pygame.K_n)
    (folder / "example.yaml").write_text(text.replace("goto: published", "goto: publishd"))
    press(app, pygame.K_F5)
    assert app.top.name == "problems"
    shown = " ".join(r.text for r in app.kit.log)
    assert "error" in shown and "publishd" in shown
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "scene"
    (folder / "example.yaml").write_text(text)
    press(app, pygame.K_F5)
    assert app.top.name == "scene" and app.session is not None


def test_f5_does_nothing_outside_developer_mode(tmp_path: Path) -> None:
    folder, text = _story(tmp_path)
    app = make_app(folder, tmp_path / "data")
    press(app, pygame.K_n)
    (folder / "example.yaml").write_text(text.replace("goto: published", "goto: publishd"))
    press(app, pygame.K_F5)
    assert app.top.name == "scene"


def test_a_story_that_does_not_load_gives_a_clear_message_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["/usr/local/bin/deconfliction-line-window"])
    app = make_app(tmp_path / "no-such-story", tmp_path / "data")
    assert app.top.name == "title"
    assert any("could not be loaded" in r.text for r in app.kit.log)
    press(app, pygame.K_p)
    assert app.top.name == "problems"
    shown = " ".join(r.text for r in app.kit.log)
    # the console script, as installed (the -window script prints nowhere on Windows)
    assert "deconfliction-line check" in shown and "Traceback" not in shown
    assert "python -m game" not in shown and "deconfliction-line-window" not in shown


@pytest.mark.parametrize(("argv0", "command"), [
    ("/home/ana/.local/bin/deconfliction-line", "deconfliction-line"),
    ("C:\\Games\\Scripts\\deconfliction-line-window.exe", "deconfliction-line"),
    ("-m", "python -m game")])
def test_the_problems_screen_names_the_command_to_type(argv0: str, command: str) -> None:
    from game.ui.screens.problems import console_command

    assert console_command(argv0) == command


def test_a_damaged_settings_file_is_reported_in_the_window(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text("{ not json")
    args = types.SimpleNamespace(data=str(data), dev=False, class_code=None, results=None,
                                 fullscreen=False)
    window = App(args, str(EXAMPLE), size=(1024, 600))
    window.load_content()
    window.step()
    assert any("settings file" in t.text for t in window.toasts)
    assert any("settings file" in r.text for r in window.kit.log)  # drawn, not just kept
    assert list(data.glob("settings.json.damaged-*"))
