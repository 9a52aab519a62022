"""Saves: slots with where and when, exact resumption, damaged and older saves handled."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.desk.folders import story_folder
from game.saves import AUTOSAVE, DamagedSave, list_saves, read_save, save_path
from game.ui.driver import find_button, make_app, press

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"


def saves_of(data: Path) -> Path:
    """The example story's own save folder in a data folder (saves are kept per story)."""
    return story_folder(data, "example")


def test_save_quit_relaunch_and_continue_lands_in_the_same_place(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    press(app, pygame.K_1)  # check the photo's date: a side trip, 1 h
    assert app.session is not None
    before = (app.session.story.snapshot(), list(app.session.transcript))
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_q)  # quit from the pause menu
    assert not app.running

    again = make_app(EXAMPLE, tmp_path)
    continue_button = find_button(again, "Continue")
    assert continue_button.enabled and "The photo archive" in continue_button.detail
    press(again, pygame.K_c)
    assert again.top.name == "scene"
    assert again.session is not None
    assert again.session.story.snapshot() == before[0]
    assert again.session.transcript == before[1]
    assert again.session.story.time == 2
    assert any("archive dates the picture" in r.text for r in again.kit.log)


def test_a_slot_records_when_and_where(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_s)
    press(app, pygame.K_3)
    found, problems = list_saves(saves_of(tmp_path))
    assert problems == []
    info = found["slot3"]
    assert info is not None
    assert (info.scene_title, info.day, info.time_left) == ("The night desk",
                                                            "Tuesday 13 February 2018", 3)
    assert found["slot1"] is None and found[AUTOSAVE] is not None


@pytest.mark.parametrize("content", [
    b'{"kind": "deconfliction-line-save", "format": 1, "snap',  # truncated
    b"\x89PNG not a save at all",
    b'{"kind": "someone-elses-game", "format": 1}',
    b'{"kind": "deconfliction-line-save", "format": 0}',
    b'{"kind": "deconfliction-line-save", "format": 1, "scenario": "example"}',
])
def test_a_damaged_autosave_is_set_aside_and_the_game_still_starts(tmp_path: Path,
                                                                   content: bytes) -> None:
    path = save_path(saves_of(tmp_path), AUTOSAVE)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    app = make_app(EXAMPLE, tmp_path)
    assert app.top.name == "title"
    assert any("Autosave" in t.text and "kept as" in t.text for t in app.toasts)
    assert not path.exists()
    kept = list(path.parent.glob("autosave.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    press(app, pygame.K_n)  # a new game starts and autosaves again
    assert app.top.name == "scene" and path.exists()


def test_read_save_reports_a_damaged_slot(tmp_path: Path) -> None:
    path = save_path(tmp_path, "slot2")
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2")
    with pytest.raises(DamagedSave, match="Slot 2"):
        read_save(tmp_path, "slot2")


def _save_then_change_story(tmp_path: Path, edit: str, replacement: str) -> Path:
    story = tmp_path / "story"
    story.mkdir()
    text = EXAMPLE.read_text().replace("../../assets/article.txt",
                                       str(ROOT / "assets" / "article.txt"))
    (story / "example.yaml").write_text(text)
    app = make_app(story, tmp_path / "data")
    press(app, pygame.K_n)
    press(app, pygame.K_1)  # now in the archive
    (story / "example.yaml").write_text(text.replace(edit, replacement))
    return story


def test_a_save_from_before_the_story_changed_restores_when_its_scene_remains(
        tmp_path: Path) -> None:
    story = _save_then_change_story(tmp_path, "The archive dates the picture",
                                    "The archive, checked twice, dates the picture")
    app = make_app(story, tmp_path / "data")
    press(app, pygame.K_c)
    assert app.top.name == "scene"
    assert app.session is not None and app.session.story.scene.id == "archive"
    assert any("changed since this save" in t.text for t in app.toasts)


def test_a_save_whose_scene_is_gone_says_why_it_cannot_continue(tmp_path: Path) -> None:
    story = _save_then_change_story(tmp_path, "id: archive", "id: photo_archive")
    (story / "example.yaml").write_text((story / "example.yaml").read_text()
                                        .replace("visit: archive", "visit: photo_archive"))
    app = make_app(story, tmp_path / "data")
    press(app, pygame.K_c)
    assert app.top.name == "title"
    messages = " ".join(t.text for t in app.toasts)
    assert "cannot be continued" in messages and "'archive'" in messages
    assert save_path(saves_of(tmp_path / "data"), AUTOSAVE).exists()  # not damaged: kept


def test_a_save_file_is_plain_json_written_whole(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    data = json.loads(save_path(saves_of(tmp_path), AUTOSAVE).read_text())
    assert data["kind"] == "deconfliction-line-save" and data["snapshot"]["scene"] == "desk"
    assert not list(save_path(saves_of(tmp_path), AUTOSAVE).parent.glob("*.tmp"))
