"""The terminal's classroom route (play --text --class CODE --results DIR), by piped input:
nickname, quiz before, the game, quiz after, debrief, the results file, and resume."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_classroom_scenario import build_scenario

from game import terminal
from game.desk import Classroom

ROOT = Path(__file__).resolve().parent.parent
# the classroom test scenario: four claim scenes (the first with a check first), then a
# routed "press" scene with one Continue
GAME = "2\n2\n2\n2\n1\n"
RATINGS = "4\n" * 8


@pytest.fixture
def scenes(tmp_path: Path) -> Path:
    build_scenario(tmp_path / "scenes")
    return tmp_path / "scenes"


def run(scenes: Path, keys: str, data: Path, results: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = terminal.run(str(scenes), seed=1, source=io.StringIO(keys), out=out, data=data,
                          classroom=Classroom("7B", results))
    return status, out.getvalue()


def only_file(folder: Path) -> dict[str, Any]:
    files = list(folder.glob("*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_whole_classroom_route_runs_in_the_terminal(scenes: Path, tmp_path: Path) -> None:
    results = tmp_path / "results"
    status, text = run(scenes, "Sam\n" + RATINGS + GAME + "6\n" * 8, tmp_path / "data",
                       results)
    assert status == 0
    assert "Classroom session 7B" in text and "Your nickname" in text
    assert text.count("Headline 1 of 8") == 2
    assert text.index("Before you start") < text.index("The claim named_dead")
    assert text.index("After the desk") > text.index("The claim scandal")
    assert "The end: Clean copy" in text and "Debrief" in text
    data = only_file(results)
    assert data["nickname"] == "Sam" and data["class"] == "7B"
    assert len(data["quiz"]["before"]) == 8 and len(data["quiz"]["after"]) == 8
    assert [d["call"] for d in data["decisions"][:4]] == ["fact", "attributed", "attributed",
                                                          "attributed"]
    assert data["finished"] is not None and data["ending"]["title"] == "Clean copy"


def test_a_game_left_in_the_terminal_is_continued_in_the_same_results_file(
        scenes: Path, tmp_path: Path) -> None:
    data, results = tmp_path / "data", tmp_path / "results"
    status, text = run(scenes, "\n" + RATINGS + "2\nq\n", data, results)
    assert status == 0 and "run the same command again to continue" in text
    first = only_file(results)
    assert first["nickname"] is None and len(first["decisions"]) == 1
    status, text = run(scenes, "y\n" + "2\n2\n2\n1\n" + "5\n" * 8, data, results)
    assert status == 0 and "Continue it?" in text
    assert "Your nickname" not in text and "Before you start" not in text
    again = only_file(results)
    assert again["id"] == first["id"] and len(again["decisions"]) == 5
    assert again["finished"] is not None


def test_bad_ratings_are_asked_again(scenes: Path, tmp_path: Path) -> None:
    status, text = run(scenes, "\n9\nx\n0\n4\nq\n", tmp_path / "data", tmp_path / "results")
    assert status == 0
    assert text.count("Please type a number from 1 to 7, or q to quit.") == 3
    assert len(only_file(tmp_path / "results")["quiz"]["before"]) == 1


def _command(*args: str, keys: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run([sys.executable, "-m", "game", *args], input=keys,
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_play_text_class_command_runs_the_classroom_route(scenes: Path, tmp_path: Path) -> None:
    results = tmp_path / "results"
    done = _command("--scenes", str(scenes), "play", "--text", "--class", "9C", "--results",
                    str(results), "--data", str(tmp_path / "data"), "--seed", "3",
                    keys="Kim\n" + RATINGS + GAME + RATINGS)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    data = only_file(results)
    assert data["class"] == "9C" and data["nickname"] == "Kim" and data["finished"]


@pytest.mark.parametrize("args", [["play", "--text", "--results", "somewhere"],
                                  ["--results", "somewhere", "play", "--text"],
                                  ["--results", "somewhere"],
                                  ["play", "--text", "--no-quiz"]])
def test_results_without_a_class_is_refused_with_a_clear_message(args: list[str],
                                                                tmp_path: Path) -> None:
    done = _command("--data", str(tmp_path / "data"), *args)
    assert done.returncode == 2
    assert "is for classroom mode" in done.stderr and "--class CODE" in done.stderr
    assert not (Path(ROOT) / "somewhere").exists()
