"""The window starts whatever is in the data folder, and the files it writes stay tidy.

Damaged saves and settings (tests/hostile.py) are set aside with a message and the game
starts; a data folder that cannot be made falls back with one line; stale temporary
files of our own naming are cleaned; a read-only results folder costs one failure.
"""

from __future__ import annotations

import json
import os
import time
import types
from pathlib import Path
from typing import Any

import pygame
import pytest
from hostile import saves_corpus, settings_corpus
from test_classroom_scenario import build_scenario

from game import paths, storage
from game.classroom.session import ClassroomSession
from game.desk.folders import story_folder
from game.engine.checker import check_path
from game.engine.story import Story
from game.saves import AUTOSAVE, list_saves
from game.saves import save_path as _save_path
from game.settings import Settings, load_settings, settings_path
from game.ui.app import App
from game.ui.driver import make_app, press

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"


def save_path(data: Path, slot: str) -> Path:
    """Where the example story's save in ``slot`` lives (saves are kept per story)."""
    return _save_path(story_folder(data, "example"), slot)


@pytest.fixture(scope="module")
def good_save(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data = tmp_path_factory.mktemp("good")
    app = make_app(EXAMPLE, data)
    press(app, pygame.K_n)
    press(app, pygame.K_1)  # a side trip: one step of history
    saved: dict[str, Any] = json.loads(save_path(data, AUTOSAVE).read_text(encoding="utf-8"))
    assert saved["snapshot"]["history"]
    return saved


@pytest.mark.parametrize("kind", ["saved-at-1e308", "saved-at-nan", "saved-at-negative",
                                  "long-integer", "deep-nesting", "verdict-number",
                                  "negative-time", "title-1mb"])
def test_the_window_starts_with_a_damaged_autosave_and_sets_it_aside(
        tmp_path: Path, good_save: dict[str, Any], kind: str) -> None:
    content = saves_corpus(good_save)[kind]
    path = save_path(tmp_path, AUTOSAVE)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    app = make_app(EXAMPLE, tmp_path)
    for _ in range(3):
        app.step()
    assert app.top.name == "title"
    assert not path.exists(), "set aside"
    kept = list(path.parent.glob("autosave.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert any("Autosave" in t.text and "kept as" in t.text and len(t.text) < 400
               for t in app.toasts)
    press(app, pygame.K_c)  # Continue: nothing to continue, nothing breaks
    press(app, pygame.K_n)
    assert app.top.name == "scene" and path.exists()


def test_the_load_screen_lists_slots_around_a_damaged_one(tmp_path: Path,
                                                          good_save: dict[str, Any]) -> None:
    corpus = saves_corpus(good_save)
    folder = save_path(tmp_path, "slot1").parent
    folder.mkdir(parents=True)
    for slot, kind in zip(("slot1", "slot2", "slot3", "slot4", "slot5"),
                          ("saved-at-1e308", "long-integer", "deep-nesting", "verdict-number",
                           "negative-time"), strict=True):
        save_path(tmp_path, slot).write_bytes(corpus[kind])
    save_path(tmp_path, AUTOSAVE).write_text(json.dumps(good_save), encoding="utf-8")
    found, problems = list_saves(story_folder(tmp_path, "example"))
    assert found[AUTOSAVE] is not None and len(problems) == 5
    assert all(found[slot] is None for slot in ("slot1", "slot2", "slot3", "slot4", "slot5"))


def test_a_long_unbroken_title_in_a_good_save_shows_on_the_title_screen(
        tmp_path: Path, good_save: dict[str, Any]) -> None:
    path = save_path(tmp_path, AUTOSAVE)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({**good_save, "scene_title": "W" * 9000}), encoding="utf-8")
    app = make_app(EXAMPLE, tmp_path)
    assert app.top.name == "title" and app.autosave_info is not None
    assert path.exists()


@pytest.mark.parametrize("kind", ["long-integer", "deep-nesting", "nan", "huge-float",
                                  "format-huge"])
def test_the_window_starts_with_damaged_settings_and_sets_them_aside(tmp_path: Path,
                                                                     kind: str) -> None:
    content = settings_corpus()[kind]
    settings_path(tmp_path).write_bytes(content)
    settings, problems = load_settings(tmp_path)
    assert settings == Settings() and len(problems) == 1 and len(problems[0]) < 300
    kept = list(tmp_path.glob("settings.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    settings_path(tmp_path).write_bytes(content)
    for old in kept:
        old.unlink()
    app = make_app(EXAMPLE, tmp_path, settings=None)
    assert app.top.name == "title"
    assert any("settings" in t.text for t in app.toasts)


# --- the data folder ------------------------------------------------------------------------

def test_a_data_folder_that_is_a_file_falls_back_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file, not a folder")
    chosen = paths.data_dir(blocker)
    assert chosen.is_dir() and chosen != blocker
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(blocker) in err
    inside = paths.data_dir(blocker / "below")
    assert inside.is_dir()


def test_a_data_folder_that_cannot_be_made_falls_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.is_relative_to(tmp_path / "readonly"):
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    chosen = paths.data_dir(tmp_path / "readonly" / "data")
    assert chosen.is_dir()
    assert "Permission denied" in capsys.readouterr().err


def test_the_window_starts_when_the_data_folder_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file")
    args = types.SimpleNamespace(data=str(blocker), dev=False, class_code=None, results=None,
                                 fullscreen=False)
    app = App(args, str(EXAMPLE), size=(1280, 720))
    app.load_content()
    app.step()
    assert app.top.name == "title" and app.data.is_dir()
    assert any("Cannot use the data folder" in t.text for t in app.toasts)
    press(app, pygame.K_n)
    assert app.top.name == "scene"


# --- the parse cache ------------------------------------------------------------------------

def test_a_poisoned_parse_cache_entry_is_ignored_and_rebuilt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_path: Path) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DECONFLICTION_LINE_CACHE", str(cache))
    clean = [str(d) for d in check_path(str(example_path)).diagnostics]
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1
    for poison in ('{"scenes": 5}', '{"scenes": [{"id": 5}]}', '[1, 2]',
                   '{"scenario": {"id": "x"}, "scenes": "no"}'):
        entries[0].write_text(poison)
        assert [str(d) for d in check_path(str(example_path)).diagnostics] == clean
        assert json.loads(entries[0].read_text()) != json.loads(poison), "rebuilt"


# --- temporary files ------------------------------------------------------------------------

def test_stale_temporary_files_of_ours_are_cleaned_when_the_folder_is_next_written(
        tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    ours = [folder / ".7B-0123456789ab.json.k3j_9xq2.tmp",  # as left by an interrupted write
            folder / ".settings.json.abcd1234.tmp"]
    fresh = folder / ".7B-aaaaaaaaaaaa.json.zz99zz99.tmp"  # maybe being written right now
    theirs = [folder / "notes.tmp", folder / ".~lock.report.csv#", folder / "draft.json.tmp",
              folder / ".something.else.tmp"]
    old = time.time() - 3600
    for path in [*ours, fresh, *theirs]:
        path.write_text("x")
        os.utime(path, (old, old))
    os.utime(fresh, None)
    storage.forget_cleaned_folders()
    storage.atomic_write_json(folder / "7B-bbbbbbbbbbbb.json", {"a": 1})
    assert not any(p.exists() for p in ours)
    assert fresh.exists() and all(p.exists() for p in theirs)
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")
                  and p.name.startswith(".7B")) == [fresh.name]


def test_a_read_only_results_folder_fails_once_and_stops_retrying(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = build_scenario(tmp_path / "scenes")
    results = tmp_path / "results"
    session = ClassroomSession("7B", results, scenario, nickname="Ada")
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).startswith(str(results)) and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    pauses: list[float] = []
    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(time, "sleep", pauses.append)
    story = Story(scenario, seed=1)
    for _ in range(4):
        story.choose(next(o.index for o in story.choices() if o.id == "hold"))
        session.update_from_story(story)
    assert session.write_error and "Permission denied" in session.write_error
    assert session.failed_writes == 4
    assert pauses == []


def test_a_file_in_use_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    real_replace = os.replace
    refusals = [PermissionError(13, "in use")]

    def busy(src: Any, dst: Any) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", busy)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    assert storage.write_json_retrying(target, {"a": 1}) is None
    assert json.loads(target.read_text()) == {"a": 1}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
