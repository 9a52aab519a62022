"""The authoring tools, through their run() functions and through ``python -m game``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.model import DERIVED_RESPONSES, Grade
from game.tools import check, graph, randomtest, words

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "docs" / "example" / "example.yaml")


def game(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, env=env, timeout=120)


def broken_example(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the example with two mistakes; returns the folder and the text."""
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    text = text.replace("../../assets/article.txt", str(ROOT / "assets" / "article.txt"))
    text = text.replace("goto: published", "goto: publised", 1)
    text = text.replace("verify: photo_date", "verify: photo_dat")
    (tmp_path / "example.yaml").write_text(text, encoding="utf-8")
    return tmp_path, text


# --- check -----------------------------------------------------------------------------------

def test_check_passes_the_example_with_no_warnings():
    out = io.StringIO()
    assert check.run(EXAMPLE, out=out, strict=True) == 0
    assert out.getvalue().strip().endswith("0 errors, 0 warnings")


def test_check_on_a_broken_copy_of_the_example_gives_located_errors(tmp_path):
    folder, text = broken_example(tmp_path)
    out = io.StringIO()
    assert check.run(str(folder), out=out) == 1
    lines = out.getvalue().splitlines()
    goto_line = text[: text.index("goto: publised")].count("\n") + 1
    verify_line = text[: text.index("verify: photo_dat")].count("\n") + 1
    assert any(f"example.yaml:{goto_line}:15: error: DL005 goes to unknown scene 'publised' "
               "(did you mean 'published'?)" in line for line in lines), lines
    assert any(f"example.yaml:{verify_line}:17: error: DL006 unknown check 'photo_dat' "
               "(did you mean 'photo_date'?)" in line for line in lines), lines
    assert lines[-1].endswith("2 errors, 0 warnings")


def test_check_strict_fails_on_warnings(write_scenario, tiny_text):
    folder = write_scenario(tiny_text.replace("  calls: 0\n", "  calls: 0\n  spare: 1\n"))
    assert check.run(str(folder), out=io.StringIO()) == 0
    assert check.run(str(folder), out=io.StringIO(), strict=True) == 1


def test_check_command_exit_codes():
    assert game("check", EXAMPLE).returncode == 0
    missing = game("check", "no/such/folder")
    assert missing.returncode == 1 and "DL015" in missing.stdout
    usage = game("check", "--no-such-flag")
    assert usage.returncode == 2 and "usage" in usage.stderr.lower()


# --- randomtest ------------------------------------------------------------------------------

def test_randomtest_covers_the_example_and_reports_counts():
    out = io.StringIO()
    assert randomtest.run(EXAMPLE, games=300, seed=1, out=out) == 0
    text = out.getvalue()
    assert "desk/check:" in text and "archive/c1:" in text
    assert "UNTESTED" not in text
    assert "300 games from seed 1: 300 ended, 0 stuck, 0 too long, 0 crashed" in text


def test_randomtest_is_repeatable_from_its_seed(example_scenario):
    first = randomtest.play_random_games(example_scenario, 50, seed=7)
    second = randomtest.play_random_games(example_scenario, 50, seed=7)
    assert first.choices == second.choices and first.endings == second.endings


def test_randomtest_lists_untested_choices_with_their_line(write_scenario, tiny_text):
    text = tiny_text.replace("      - id: hold\n", "      - id: never\n        text: Never\n"
                             "        if: calls > 5\n        goto: done\n      - id: hold\n")
    folder = write_scenario(text)
    out = io.StringIO()
    assert randomtest.run(str(folder), games=50, out=out) == 0
    line = text[: text.index("- id: never")].count("\n") + 1
    untested = [entry for entry in out.getvalue().splitlines() if entry.startswith("UNTESTED ")]
    assert untested == [f'UNTESTED {folder / "story.yaml"}:{line}: start/never "Never"']


def test_randomtest_reports_a_stuck_game_with_seed_and_path(write_scenario, tiny_text,
                                                            monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/home/x/.venv/bin/deconfliction-line", "randomtest"])
    text = tiny_text.replace("        goto: done\n      - id: hold", "        goto: trap\n      - id: hold")
    text += ("  - id: trap\n    text: A trap.\n    choices:\n      - text: Out\n"
             "        if: calls > 3\n        goto: done\n")
    out = io.StringIO()
    assert randomtest.run(str(write_scenario(text)), games=40, out=out) == 1
    report = out.getvalue()
    stuck = [line for line in report.splitlines() if line.startswith("STUCK ")]
    # one line per place a game gets stuck, carrying the path that reproduces it
    assert len(stuck) == 1, stuck
    assert "in scene 'trap' after start/run:" in stuck[0]
    assert "  again: deconfliction-line randomtest " in report and "-n 1 --seed" in report
    assert "more games failed the same way here (seeds" in report


def test_randomtest_reports_a_loop_as_too_long(write_scenario, tiny_text):
    text = tiny_text.replace("        goto: done\n      - id: hold", "        goto: start\n      - id: hold")
    text = text.replace("verdict: {claim: count, call: hold}\n        goto: done",
                        "verdict: {claim: count, call: hold}\n        goto: start")
    text += "  - id: unused_end\n    text: x\n    ending: {title: x}\n"
    coverage = randomtest.play_random_games(
        __import__("game.engine.loader", fromlist=["load"]).load(write_scenario(text)).scenario,
        3, max_steps=25)
    assert [f.kind for f in coverage.failures] == ["too long"] * 3
    assert len(coverage.failures[0].path) == 25


def test_randomtest_reports_a_crash_with_seed_and_path(example_scenario, monkeypatch):
    from game.engine.story import Story

    original = Story.choose

    def crashing(self: Story, index: int) -> None:
        if self.state.scene == "archive":
            raise RuntimeError("boom")
        original(self, index)

    monkeypatch.setattr(Story, "choose", crashing)
    coverage = randomtest.play_random_games(example_scenario, 40, seed=0)
    crash = next(f for f in coverage.failures if f.kind == "crash")
    assert "RuntimeError: boom" in crash.detail
    assert crash.path == ("desk/check",) and crash.scene == "archive"
    assert coverage.games == 40  # it carried on after the crash


def test_randomtest_command_runs_and_exits_zero():
    result = game("randomtest", EXAMPLE, "-n", "200", "--seed", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "200 games from seed 3" in result.stdout


def test_randomtest_on_broken_content_exits_one(tmp_path):
    folder, _ = broken_example(tmp_path)
    result = game("randomtest", str(folder), "-n", "5")
    assert result.returncode == 1 and "DL005" in result.stdout


def test_randomtest_is_fast_enough(example_scenario):
    coverage = randomtest.play_random_games(example_scenario, 2000)
    assert coverage.games_per_second > 2000  # ~25,000/s on the development machine


# --- graph -----------------------------------------------------------------------------------

def test_graph_dot_marks_endings_start_and_unreachable(write_scenario, tiny_text):
    text = tiny_text + "  - id: lost\n    text: x\n    choices:\n      - {text: Go, goto: done}\n"
    out = io.StringIO()
    assert graph.run(str(write_scenario(text)), "dot", out=out) == 0
    dot = out.getvalue()
    assert dot.startswith('digraph "tiny" {') and dot.rstrip().endswith("}")
    assert '"start" [label="start\\nThe desk", peripheries=2];' in dot
    assert '"done" [label="done\\n[ending: Done]", fillcolor="#d8ecd8", style="rounded,filled"];' in dot
    assert '"lost" [label="lost", color="#c00000", fontcolor="#c00000", style="dashed"];' in dot
    assert '"start" -> "done" [label="run", style=solid];' in dot
    assert "cluster_legend" in dot


def test_graph_mermaid_has_classes_arrows_and_a_legend():
    out = io.StringIO()
    assert graph.run(EXAMPLE, "mermaid", out=out) == 0
    text = out.getvalue()
    assert text.startswith("flowchart LR\n")
    assert '  s_desk -.->|"check"| s_archive' in text
    assert '  s_published ==>|"1: verdict.photo == #quot;fact#quot;"| s_correction' in text
    assert "  class s_correction,s_clean ending;" in text
    assert 'subgraph legend ["Legend"]' in text


def test_graph_command_prints_dot_and_mermaid():
    assert game("graph", EXAMPLE).stdout.startswith("digraph")
    assert game("graph", EXAMPLE, "--format", "mermaid").stdout.startswith("flowchart LR")
    assert game("graph", EXAMPLE, "--format", "png").returncode == 2


# --- words -----------------------------------------------------------------------------------

def test_count_words_counts_what_a_reader_counts():
    assert words.count_words("Lt. Gen. Harrigian's line - “deconfliction”, 13 Russians") == 7


def test_words_reports_min_median_max(example_scenario):
    readings = [words.read_one_path(example_scenario, seed) for seed in range(60)]
    assert all(r.ended for r in readings)
    totals = sorted(r.words for r in readings)
    assert totals[0] < totals[-1]  # the side trip adds reading
    out = io.StringIO()
    assert words.run(EXAMPLE, games=60, out=out) == 0
    assert f"words read min {totals[0]} / median" in out.getvalue()
    assert f"/ max {totals[-1]};" in out.getvalue()


def test_words_counts_a_straight_path_exactly(write_scenario, tiny_text):
    from game.engine.loader import load_scenario

    scenario = load_scenario(write_scenario(tiny_text))
    reading = words.read_one_path(scenario, seed=0)
    shown = ["The wire moves. Calls so far 0.",  # the scene, the source card, the claim
             "The Wire A news agency. A reporter nearby. Being first and right.",
             "Thirteen Russians were killed.", "The page goes out."]
    expected = sum(words.count_words(text) for text in shown)
    # "Run it attributed" and the chief sub's nod, or "Hold it" and the chief sub letting it
    # stand (a first-edition claim's responses, derived from best and acceptable)
    taken = {expected + 3 + words.count_words(DERIVED_RESPONSES[Grade.BEST]),
             expected + 2 + words.count_words(DERIVED_RESPONSES[Grade.DEFENSIBLE])}
    assert reading.words in taken


def test_words_counts_the_response_after_each_call(write_scenario, tiny_text):
    """The response shown right after a call is play: both calls here carry their own
    response, and the path reads exactly the scene, the cards, the choice and that response."""
    from game.engine.loader import load_scenario

    said = "Zebra quagga okapi gnu eland."  # five words, nowhere else in the scenario
    text = tiny_text.replace("goto: done\n", f"goto: done\n        response: {said}\n")
    text = text.replace("  id: tiny\n", "  id: tiny\n  format: 2\n")
    assert text.count(said) == 2
    reading = words.read_one_path(load_scenario(write_scenario(text)), seed=0)
    shown = ["The wire moves. Calls so far 0.",
             "The Wire A news agency. A reporter nearby. Being first and right.",
             "Thirteen Russians were killed.", "The page goes out."]
    expected = sum(words.count_words(text) for text in shown) + 5
    assert reading.words in (expected + 3, expected + 2)  # "Run it attributed" or "Hold it"
    assert reading.responses == 5


def test_words_says_it_counts_the_responses():
    out = io.StringIO()
    assert words.run(EXAMPLE, games=5, out=out) == 0
    assert "the response after each call" in out.getvalue()


@pytest.mark.parametrize("command", [["words", EXAMPLE, "-n", "50"]])
def test_words_command(command):
    result = game(*command)
    assert result.returncode == 0 and "median" in result.stdout


# --- new and schema ---------------------------------------------------------------------------

def outside(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The game run from a folder outside the repository, as an author elsewhere runs it."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_new_writes_a_starter_that_checks_clean_from_outside_the_repo(tmp_path):
    assert not tmp_path.is_relative_to(ROOT)
    made = outside("new", "harbour_story", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "harbour_story"
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "claims.yaml",
                                                         "scenario.yaml", "scenes.yaml"]
    checked = outside("check", "harbour_story", "--strict", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "5 scenes, 1 claims, 1 sources: 0 errors, 0 warnings" in checked.stdout
    installed = Path(outside("schema", cwd=tmp_path).stdout.strip())
    for name in ("scenario.yaml", "claims.yaml", "scenes.yaml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={installed.resolve().as_uri()}"
    played = outside("--scenes", "harbour_story", "play", "--text", "--seed", "1", cwd=tmp_path)
    assert played.returncode == 0


def test_new_refuses_a_folder_that_has_files(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = outside("new", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and "not an empty folder" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_schema_prints_the_installed_schema_and_writes_a_copy(tmp_path):
    from importlib import resources

    shown = outside("schema", cwd=tmp_path)
    assert shown.returncode == 0
    expected = resources.files("game.engine").joinpath("scenario.schema.json")
    assert Path(shown.stdout.strip()).read_bytes() == expected.read_bytes()
    copied = outside("schema", "--write", "editor", cwd=tmp_path)
    assert copied.returncode == 0
    assert (tmp_path / "editor" / "scenario.schema.json").read_bytes() == expected.read_bytes()
