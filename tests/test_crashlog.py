"""A crash in the window leaves a log in the user log folder, says where it is, keeps the autosave.

The crashes are real: a screen of the real window (dummy driver) raises while drawing.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game import cli, crashlog
from game.desk.folders import story_folder
from game.saves import AUTOSAVE, read_save, save_path
from game.ui.driver import make_app, press
from game.ui.screens.scene import SceneScreen
from game.ui.screens.title import TitleScreen

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"


def story_saves(data: Path) -> Path:
    """The folder the example story's saves are kept in (``game.saves`` takes it)."""
    from game.engine.loader import load_scenario

    return story_folder(data, load_scenario(EXAMPLE).id)


class ScreenBroke(RuntimeError):
    pass


def broken_draw(self: object, kit: object) -> None:
    raise ScreenBroke("a screen could not draw itself")


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("DECONFLICTION_LINE_LOGS", str(folder))
    monkeypatch.setattr(crashlog, "SHOW_SECONDS", 0.0)  # draw the message once, wait for nobody
    return folder


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each message shown in the window, and whether a window was there to show it."""
    seen: list[tuple[str, bool]] = []
    real = crashlog.show_in_window

    def spy(message: str, seconds: float = 0.0) -> bool:
        drawn = real(message, seconds)
        seen.append((message, drawn))
        return drawn

    monkeypatch.setattr(crashlog, "show_in_window", spy)
    return seen


def test_a_screen_crashing_mid_game_leaves_a_log_and_the_autosave(
        tmp_path: Path, logs: Path, shown: list[tuple[str, bool]],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    made: list[int] = []

    def play_until_it_breaks() -> int:
        app = make_app(EXAMPLE, data)
        press(app, pygame.K_RETURN)  # New game
        press(app, pygame.K_1)  # the first decision: autosaved
        made.append(len(app.session.story.state.history) if app.session else -1)
        monkeypatch.setattr(SceneScreen, "draw", broken_draw)
        press(app, pygame.K_1)  # the next frame crashes
        return 0

    assert crashlog.guard(play_until_it_breaks) == crashlog.EXIT_CRASHED
    [log] = list(logs.glob("crash-*.log"))
    text = log.read_text(encoding="utf-8")
    assert "ScreenBroke: a screen could not draw itself" in text
    assert "Traceback (most recent call last)" in text
    assert text.startswith(f"deconfliction-line {crashlog.version()} crashed")
    assert "platform: " in text and "python: " in text
    err = capsys.readouterr().err
    assert str(log) in err
    assert "ScreenBroke" in err
    [(message, drawn)] = shown
    assert drawn and "A crash report was written to" in message
    saved = read_save(story_saves(data), AUTOSAVE)
    assert saved is not None and made and made[0] >= 1
    assert len(saved.snapshot["history"]) >= made[0]


def test_the_window_entry_of_the_command_line_is_guarded(
        tmp_path: Path, logs: Path, shown: list[tuple[str, bool]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    app = make_app(EXAMPLE, data)  # an earlier game, autosaved after one decision
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    autosave = save_path(story_saves(data), AUTOSAVE).read_bytes()
    pygame.quit()
    monkeypatch.setattr(TitleScreen, "draw", broken_draw)
    code = cli.main(["--scenes", str(EXAMPLE), "--data", str(data)])
    assert code == crashlog.EXIT_CRASHED
    assert len(list(logs.glob("crash-*.log"))) == 1
    assert save_path(story_saves(data), AUTOSAVE).read_bytes() == autosave  # Continue still works
    assert shown and shown[0][1]


def test_the_log_holds_no_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home" / "alice"
    monkeypatch.setenv("HOME", str(home))
    try:
        raise OSError(f"cannot read {home / 'notes' / 'secret.txt'}")
    except OSError as exc:
        text = crashlog.log_text(exc)
    assert "alice" not in text
    assert "~/notes/secret.txt" in text


def test_no_window_and_no_log_folder_still_tells_the_player_on_stderr(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("DECONFLICTION_LINE_LOGS", str(blocked / "logs"))

    def broken() -> int:
        raise ScreenBroke("before any window")

    pygame.quit()
    assert crashlog.guard(broken, show_seconds=0) == crashlog.EXIT_CRASHED
    err = capsys.readouterr().err
    assert "ScreenBroke: before any window" in err
    assert "The crash report could not be written." in err


def test_old_logs_are_pruned(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    for n in range(crashlog.KEEP_LOGS + 5):
        try:
            raise ScreenBroke(str(n))
        except ScreenBroke as exc:
            assert crashlog.write_log(exc, folder) is not None
    assert len(list(folder.glob("crash-*.log"))) == crashlog.KEEP_LOGS


def test_ctrl_c_is_not_a_crash(tmp_path: Path, logs: Path) -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        crashlog.guard(interrupted)
    assert not logs.exists()
