"""A classroom session's results file: its content, its atomic writes, and many writers at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_classroom_scenario import build_scenario

from game.classroom.results import SCHEMA_FILE, read_results
from game.classroom.session import ClassroomSession, clean_nickname, file_stem
from game.engine.model import Scenario
from game.engine.story import Story

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    return build_scenario(tmp_path / "scenes")


def read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    return data  # type: ignore[no-any-return]


def choose(story: Story, option_id: str) -> None:
    story.choose(next(o.index for o in story.choices() if o.id == option_id and o.available))


def test_a_new_session_writes_its_file_at_once_with_an_anonymous_id(
        scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path / "results", scenario)
    data = read(session.path)
    assert session.path.name == f"7B-{session.id}.json"
    assert len(session.id) == 12 and int(session.id, 16) >= 0
    assert data["nickname"] is None and data["class"] == "7B"
    assert data["format"] == 1 and data["game_version"]
    assert data["scenario"] == {"id": "classdesk", "title": "The Class Desk", "version": "1",
                                "fingerprint": scenario.fingerprint}
    assert data["started"] == data["updated"] and data["finished"] is None
    other = ClassroomSession("7B", tmp_path / "results", scenario)
    assert other.id != session.id and other.path != session.path


def test_every_quiz_answer_and_decision_is_on_disk_as_soon_as_it_is_made(
        scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path, scenario, nickname="  Sam  ")
    item = session.quiz_items("before")[0]
    session.record_quiz("before", item.id, 6, 4.26)
    assert read(session.path)["quiz"]["before"] == [
        {"item": item.id, "reliable": item.reliable, "rating": 6, "seconds": 4.3}]
    story = Story(scenario)
    choose(story, "check")
    session.update_from_story(story)
    choose(story, "back")
    choose(story, "attributed")
    session.update_from_story(story)
    data = read(session.path)
    assert data["nickname"] == "Sam"
    assert [d["choice"] for d in data["decisions"]] == ["check", "back", "attributed"]
    assert data["decisions"][0] == {"scene": "named_dead", "choice": "check", "time_left": 3,
                                    "claim": None, "call": None, "check": "coverage"}
    assert data["decisions"][2]["claim"] == "named_dead"
    assert data["decisions"][2]["call"] == "attributed"
    assert data["checks"] == ["coverage"]
    assert data["score"]["hits"] == 1 and data["score"]["time_verifying"] == 1
    assert data["claims"]["named_dead"]["holds_up"] is True
    assert data["sources"] == {"wire": "The wire service"}


def test_finish_records_the_ending_and_the_score(scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path, scenario)
    story = Story(scenario)
    for call in ("attributed", "attributed", "reject", "reject"):
        choose(story, call)
        session.update_from_story(story)
    choose(story, "continue")
    session.finish(story)
    data = read(session.path)
    assert data["ending"] == {"scene": "clean", "title": "Clean copy", "kind": "careful"}
    assert data["finished"] is not None
    score = data["score"]
    assert (score["points"], score["max_points"]) == (8, 8)
    assert (score["hits"], score["misses"], score["false_alarms"],
            score["correct_rejections"]) == (2, 0, 0, 2)
    assert score["d_prime"] == pytest.approx(1.349, abs=1e-3)  # H = .75, F = .25
    assert score["criterion"] == pytest.approx(0.0, abs=1e-3)


def test_record_decision_adds_one_step(scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path, scenario)
    story = Story(scenario)
    choose(story, "fact")
    session.record_decision(story.state.history[-1])
    data = read(session.path)
    assert data["decisions"][0]["call"] == "fact"
    assert list(data["claims"]) == ["named_dead"]


def test_bad_quiz_answers_are_refused(scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path, scenario)
    before = session.quiz_items("before")[0].id
    with pytest.raises(ValueError):
        session.record_quiz("before", before, 8, 1.0)
    with pytest.raises(ValueError):
        session.record_quiz("after", before, 4, 1.0)
    with pytest.raises(ValueError):
        session.record_quiz("before", "no_such_item", 4, 1.0)


def test_a_second_rating_of_an_item_replaces_the_first(scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path, scenario)
    item = session.quiz_items("after")[0].id
    session.record_quiz("after", item, 2, 1.0)
    session.record_quiz("after", item, 7, 2.0)
    assert [a["rating"] for a in read(session.path)["quiz"]["after"]] == [7]


def test_nicknames_and_class_codes_are_made_safe() -> None:
    assert clean_nickname("   ") is None
    assert clean_nickname("Zoë\x00\n  the\tgreat") == "Zoë the great"
    assert len(clean_nickname("x" * 100) or "") == 24
    assert file_stem("7B") == "7B"
    assert file_stem("../../etc/passwd") == "etc_passwd"
    assert file_stem("Ça va 5ème") == "Ca_va_5eme"
    assert file_stem("***") == "class"


def test_an_unreachable_results_folder_does_not_stop_play(scenario: Scenario,
                                                          tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    session = ClassroomSession("7B", blocker, scenario)
    assert session.write_error is not None
    session.record_quiz("before", session.quiz_items("before")[0].id, 3, 1.0)
    assert session.write_error is not None
    blocker.unlink()
    blocker.mkdir()
    session.record_quiz("before", session.quiz_items("before")[1].id, 3, 1.0)
    assert session.write_error is None
    assert len(read(session.path)["quiz"]["before"]) == 2  # nothing lost meanwhile


def test_a_session_can_be_reopened_next_lesson(scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path, scenario, nickname="Ada")
    session.record_quiz("before", session.quiz_items("before")[0].id, 5, 2.0)
    story = Story(scenario)
    choose(story, "fact")
    session.update_from_story(story)
    again = ClassroomSession.reopen(session.path, scenario)
    assert (again.id, again.nickname, again.started) == (session.id, "Ada", session.started)
    choose(story, "hold")
    again.update_from_story(story)
    data = read(session.path)
    assert len(data["quiz"]["before"]) == 1
    assert [d["call"] for d in data["decisions"]] == ["fact", "hold"]
    assert data["writes"] == session.writes + 1


# --- thirty machines, one shared folder -------------------------------------------------

WRITERS = 32
UPDATES = 40


def _writer(scenes: str, results: str, number: int, start: Any) -> None:
    from game.engine.loader import load_scenario

    scenario = load_scenario(scenes)
    start.wait()  # every writer begins together
    session = ClassroomSession("7B", results, scenario, nickname=f"player{number}")
    story = Story(scenario, seed=number)
    for n in range(UPDATES):
        if n < 8:
            item = session.quiz_items("before")[n]
            session.record_quiz("before", item.id, 1 + (n + number) % 7, n / 10)
        elif not story.is_over:
            options = [o for o in story.choices() if o.available]
            story.choose(options[(number + n) % len(options)].index)
            session.update_from_story(story)
        else:
            item = session.quiz_items("after")[n % 8]
            session.record_quiz("after", item.id, 1 + n % 7, 1.0)
    session.finish(story)


def test_many_players_writing_into_one_folder_lose_and_corrupt_nothing(
        scenario: Scenario, tmp_path: Path) -> None:
    results = tmp_path / "shared"
    results.mkdir()
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    start = context.Barrier(WRITERS + 1)
    writers = [context.Process(target=_writer,
                               args=(str(tmp_path / "scenes"), str(results), n, start))
               for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    start.wait(timeout=120)
    # read the folder while they write: a reader must never see half a file
    reads = 0
    while any(w.is_alive() for w in writers):
        found = read_results(results)
        assert found.warnings == [], found.warnings
        reads += 1
        time.sleep(0.01)
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    files = sorted(results.iterdir())
    assert len(files) == WRITERS, [f.name for f in files]  # no temporary files left behind
    nicknames = set()
    for path in files:
        data = read(path)
        assert path.name == f"7B-{data['id']}.json"
        assert data["writes"] == 1 + UPDATES + 1  # created, every update, finished
        assert len(data["quiz"]["before"]) == 8
        assert data["finished"] is not None and data["ending"] is not None
        nicknames.add(data["nickname"])
    assert nicknames == {f"player{n}" for n in range(WRITERS)}
    assert reads > 0
    assert len(read_results(results).sessions) == WRITERS


def test_a_results_folder_gone_mid_lesson_is_never_recreated_and_nothing_is_lost(
        scenario: Scenario, tmp_path: Path) -> None:
    share = tmp_path / "mnt" / "share" / "results"  # the empty mount point stays behind
    kept = tmp_path / "data" / "results-kept"
    session = ClassroomSession("7B", share, scenario, local_dir=kept)
    items = session.quiz_items("before")
    session.record_quiz("before", items[0].id, 3, 1.0)
    share_file = session.path
    share_file.unlink()
    share.rmdir()  # unmounted
    session.record_quiz("before", items[1].id, 4, 1.0)
    assert not share.exists(), "the results folder must not be created again"
    assert session.write_error is not None and session.kept_locally
    assert len(read(kept / share_file.name)["quiz"]["before"]) == 2
    share.mkdir()  # mounted again
    session.record_quiz("before", items[2].id, 5, 1.0)
    assert len(read(share_file)["quiz"]["before"]) == 3
    assert not (kept / share_file.name).exists() and not session.kept_locally
    assert session.delivered and session.write_error is None


def test_a_read_only_results_folder_is_tried_once_then_left_alone(
        scenario: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    attempts: list[Path] = []
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        # the folder refuses to create any file in it, as a read-only share does
        if Path(path).parent.name == "share" and flags & os.O_CREAT:
            attempts.append(Path(path))
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    session = ClassroomSession("7B", tmp_path / "share", scenario,
                               local_dir=tmp_path / "kept")
    first = len(attempts)
    assert 1 <= first <= 3 and session.write_error is not None
    for item in session.quiz_items("before"):
        session.record_quiz("before", item.id, 4, 1.0)
    assert len(attempts) == first, "no more tries (and no more pauses) after the refusal"
    assert session.refused and session.kept_locally
    assert len(read(tmp_path / "kept" / session.file_name)["quiz"]["before"]) == 8


def test_the_first_call_on_a_claim_stays_the_recorded_one_when_an_earlier_game_is_loaded(
        scenario: Scenario, tmp_path: Path) -> None:
    session = ClassroomSession("7B", tmp_path, scenario)
    story = Story(scenario)
    saved = story.snapshot()
    choose(story, "fact")
    session.record_decision(story.state.history[-1], story)
    story.restore(saved)  # a save from before the call is loaded
    choose(story, "attributed")
    session.record_decision(story.state.history[-1], story)
    data = read(session.path)
    assert [d["call"] for d in data["decisions"]] == ["fact", "attributed"]
    assert data["score"]["points"] == 1 and data["score"]["max_points"] == 2  # fact: acceptable
    record = read_results(tmp_path).sessions[0]
    assert [(d.claim, d.call) for d in record.decisions] == [("named_dead", "fact")]
