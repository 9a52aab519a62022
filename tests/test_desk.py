"""The desk session (game/desk): one player's game below every presenter, driven headless."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from test_classroom_scenario import build_scenario

from game.classroom.results import read_results
from game.desk import Classroom, Desk, ResumeError, Stage, autosave_of
from game.desk.folders import story_folder
from game.engine.model import Scenario
from game.engine.story import ChoiceError
from game.saves import AUTOSAVE, read_save, save_path

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    return build_scenario(tmp_path / "scenes")


def pick(desk: Desk, option_id: str) -> Any:
    return desk.choose(next(o.index for o in desk.story.choices()
                            if o.id == option_id and o.available))


def results(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def rate_all(desk: Desk, phase: str, rating: int = 4) -> None:
    for item in desk.pending_quiz(phase):
        desk.record_quiz(phase, item.id, rating, 1.0)


# --- the architecture --------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module or "")
    return found


def test_the_desk_imports_no_presenter_and_no_pygame() -> None:
    modules = sorted((GAME / "desk").rglob("*.py"))
    assert len(modules) >= 3
    for path in modules:
        for name in _imports(path):
            assert name.split(".")[0] != "pygame", f"{path.name} imports {name}"
            assert not name.startswith(("game.ui", "game.terminal", "game.web")), (
                f"{path.name} imports the presenter {name}")


def test_the_window_the_terminal_and_the_browser_play_through_the_desk() -> None:
    for presenter in (GAME / "ui" / "app.py", GAME / "terminal.py", GAME / "web" / "players.py"):
        names = _imports(presenter)
        assert "game.desk" in names, f"{presenter.name} does not use the desk"
        assert "game.classroom.session" not in names, (
            f"{presenter.name} keeps a classroom record itself instead of through the desk")
    flow = _imports(GAME / "ui" / "screens" / "classroom.py")
    assert "game.storage" not in flow, "the classroom screens write no files themselves"
    assert not (GAME / "ui" / "session.py").exists()


# --- playing alone -----------------------------------------------------------------------


def test_a_desk_outside_class_plays_autosaves_per_story_and_undoes(scenario: Scenario,
                                                                   tmp_path: Path) -> None:
    desk = Desk.new(scenario, tmp_path, seed=3)
    assert desk.stage is Stage.PLAY and desk.record is None
    pick(desk, "check")
    assert desk.can_undo
    saved = read_save(story_folder(tmp_path, "classdesk"), AUTOSAVE)
    assert saved is not None and saved.info.scene_title == "Other coverage"
    assert desk.undo() and desk.story.scene.id == "named_dead"
    assert not desk.undo()
    for call in ("attributed", "attributed", "reject", "reject", "continue"):
        pick(desk, call)
    assert desk.stage is Stage.DEBRIEF
    with pytest.raises(ChoiceError):
        desk.choose(0)
    info = autosave_of(tmp_path, "classdesk")
    assert info is not None and info.ended


def test_many_desks_at_once_keep_to_their_own_files(scenario: Scenario, tmp_path: Path) -> None:
    shared = tmp_path / "results"
    desks = [Desk.new(scenario, tmp_path / f"student{n}", seed=n,
                      classroom=Classroom("7B", shared, quiz=False)) for n in range(3)]
    for n, desk in enumerate(desks):
        desk.begin(f"S{n}")
    for call in ("fact", "attributed", "reject"):
        for desk in desks:
            pick(desk, call)
    files = {d["nickname"]: d for d in results(shared)}
    assert [files[f"S{n}"]["decisions"][n]["call"] for n in range(3)] == [
        "fact", "attributed", "reject"]
    again = Desk.resume(scenario, tmp_path / "student1", classroom=Classroom("7B", shared,
                                                                             quiz=False))
    assert again.record is not None and again.record.nickname == "S1"
    assert again.story.scene.id == desks[1].story.scene.id


# --- the classroom -----------------------------------------------------------------------


def test_a_classroom_desk_goes_nickname_quiz_play_quiz_debrief(scenario: Scenario,
                                                               tmp_path: Path) -> None:
    desk = Desk.new(scenario, tmp_path / "data", seed=1, classroom=Classroom("7B"))
    assert desk.stage is Stage.NICKNAME and not desk.can_undo
    with pytest.raises(ChoiceError):
        desk.choose(0)
    assert not (tmp_path / "data" / "results").exists(), "no file before the nickname"
    desk.begin("Sam")
    assert desk.stage is Stage.QUIZ_BEFORE and len(desk.pending_quiz("before")) == 8
    with pytest.raises(ValueError):
        desk.record_quiz("after", desk.quiz_items("after")[0].id, 4, 1.0)
    rate_all(desk, "before")
    assert desk.stage is Stage.PLAY
    for call in ("attributed", "attributed", "reject", "reject"):
        pick(desk, call)
        data = results(tmp_path / "data" / "results")[0]
        assert data["decisions"][-1]["call"] == call, "written before choose() returns"
    pick(desk, "continue")
    assert desk.stage is Stage.QUIZ_AFTER
    assert results(tmp_path / "data" / "results")[0]["finished"] is None
    assert desk.quiz_summary("before") and not any(
        "before" in line for line in desk.quiz_summary("before"))
    for item in desk.pending_quiz("after"):  # every headline judged right this time
        desk.record_quiz("after", item.id, 7 if item.reliable else 1, 1.0)
    assert desk.stage is Stage.DEBRIEF
    assert "told reliable from unreliable headlines better" in desk.quiz_summary("after")[-1]
    data = results(tmp_path / "data" / "results")[0]
    assert data["finished"] is not None and data["ending"]["title"] == "Clean copy"
    assert data["nickname"] == "Sam" and len(data["quiz"]["after"]) == 8


def test_a_resumed_classroom_desk_is_where_it_was(scenario: Scenario, tmp_path: Path) -> None:
    data = tmp_path / "data"
    desk = Desk.new(scenario, data, classroom=Classroom("7B"))
    desk.begin(None)
    items = desk.pending_quiz("before")
    desk.record_quiz("before", items[0].id, 3, 1.0)
    again = Desk.resume(scenario, data, classroom=Classroom("7B"))
    assert again.stage is Stage.QUIZ_BEFORE
    assert again.pending_quiz("before") == items[1:]
    assert again.record is not None and again.record.id == desk.record.id  # type: ignore[union-attr]


def test_a_save_pointing_at_another_sessions_file_starts_a_new_one(scenario: Scenario,
                                                                   tmp_path: Path) -> None:
    data = tmp_path / "data"
    ann = Desk.new(scenario, data, classroom=Classroom("7B", quiz=False))
    ann.begin("Ann")
    pick(ann, "fact")
    folder = data / "results"
    ann_file = next(folder.glob("*.json"))
    # the autosave names Ann's session; someone else's file now sits under that name
    saved = json.loads(save_path(story_folder(data, "classdesk"), AUTOSAVE).read_text())
    assert saved["record"] == {"class": "7B", "id": ann.record.id}  # type: ignore[union-attr]
    other = json.loads(ann_file.read_text())
    other["id"], other["nickname"] = "0123456789ab", "Zed"
    ann_file.write_text(json.dumps(other))
    before = ann_file.read_bytes()
    again = Desk.resume(scenario, data, classroom=Classroom("7B", quiz=False))
    assert again.record is None and again.stage is Stage.NICKNAME
    assert ann_file.read_bytes() == before, "never overwrites"
    again.begin("Ben")
    pick(again, "reject")
    assert ann_file.read_bytes() == before
    assert len(list(folder.glob("*.json"))) == 2


def test_a_slot_from_a_finished_session_goes_on_in_a_new_results_file(
        scenario: Scenario, tmp_path: Path) -> None:
    data = tmp_path / "data"
    desk = Desk.new(scenario, data, classroom=Classroom("7B", quiz=False))
    desk.begin("Ann")
    desk.save("slot1")  # early in the game
    for call in ("fact", "fact", "fact", "fact", "continue"):
        pick(desk, call)
    assert desk.stage is Stage.DEBRIEF
    finished = next((data / "results").glob("*.json")).read_bytes()
    again = Desk.resume(scenario, data, "slot1", classroom=Classroom("7B", quiz=False))
    assert again.stage is Stage.NICKNAME
    again.begin("Ann again")
    pick(again, "reject")
    files = results(data / "results")
    assert len(files) == 2 and finished in [p.read_bytes() for p in
                                            (data / "results").glob("*.json")]
    assert {f["nickname"]: len(f["decisions"]) for f in files} == {"Ann": 5, "Ann again": 1}


def test_a_game_saved_outside_class_starts_its_own_results_file(scenario: Scenario,
                                                                tmp_path: Path) -> None:
    data = tmp_path / "data"
    Desk.new(scenario, data)  # autosaved, no record
    desk = Desk.resume(scenario, data, classroom=Classroom("7B", quiz=False))
    assert desk.stage is Stage.NICKNAME and not desk.can_undo
    desk.begin(None)
    assert desk.stage is Stage.PLAY


def test_an_empty_slot_is_a_resume_error(scenario: Scenario, tmp_path: Path) -> None:
    with pytest.raises(ResumeError, match="no saved game"):
        Desk.resume(scenario, tmp_path, "slot2")


def test_the_folder_gone_mid_lesson_is_told_and_the_results_delivered_when_it_returns(
        scenario: Scenario, tmp_path: Path) -> None:
    share = tmp_path / "share"
    desk = Desk.new(scenario, tmp_path / "data", classroom=Classroom("7B", share, quiz=False))
    desk.begin("Sam")
    assert desk.take_notices() == []
    name = next(share.glob("*.json")).name
    (share / name).unlink()
    share.rmdir()
    pick(desk, "fact")
    notices = desk.take_notices()
    assert len(notices) == 1 and notices[0].warning
    assert "kept on this computer" in notices[0].text and "hand" in notices[0].text
    pick(desk, "attributed")
    assert desk.take_notices() == [], "told once, not at every decision"
    assert not share.exists()
    kept = tmp_path / "data" / "results-kept" / name
    assert len(json.loads(kept.read_text())["decisions"]) == 2
    share.mkdir()
    pick(desk, "reject")
    assert [n.text for n in desk.take_notices()] == [
        f"Your results have now been written to {share}."]
    assert not kept.exists()
    assert len(json.loads((share / name).read_text())["decisions"]) == 3


def test_results_kept_locally_are_delivered_when_the_game_resumes(scenario: Scenario,
                                                                  tmp_path: Path) -> None:
    share, data = tmp_path / "share", tmp_path / "data"
    desk = Desk.new(scenario, data, classroom=Classroom("7B", share, quiz=False))
    desk.begin("Sam")
    name = next(share.glob("*.json")).name
    (share / name).unlink()
    share.rmdir()
    pick(desk, "fact")  # kept locally; the window is closed
    share.mkdir()  # next lesson, the share is back (and empty)
    again = Desk.resume(scenario, data, classroom=Classroom("7B", share, quiz=False))
    assert again.record is not None and again.record.nickname == "Sam"
    assert len(json.loads((share / name).read_text())["decisions"]) == 1
    assert not (data / "results-kept" / name).exists()
    assert len(read_results(share).sessions) == 1


# --- saves per story ---------------------------------------------------------------------


def test_saves_are_kept_per_story_and_old_ones_move_to_theirs(scenario: Scenario,
                                                              tmp_path: Path) -> None:
    data = tmp_path / "data"
    desk = Desk.new(scenario, data)
    desk.save("slot2")
    assert autosave_of(data, "another_story") is None
    folder = story_folder(data, "classdesk")
    # a data folder from before saves were kept per story
    old = save_path(data, "slot2")
    old.parent.mkdir(parents=True)
    save_path(folder, "slot2").replace(old)
    assert autosave_of(data, "another_story") is None and old.exists()  # not its save
    again = Desk.resume(scenario, data, "slot2")
    assert again.story.scene.id == "named_dead" and not old.exists()
