"""The terminal presenter plays any scenario end to end from standard input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from game import terminal
from game.engine.model import Call

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "docs" / "example" / "example.yaml")


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def play(keys: str, path: str = EXAMPLE, out: io.StringIO | None = None) -> tuple[int, str]:
    out = out if out is not None else io.StringIO()
    status = terminal.run(path, seed=1, source=io.StringIO(keys), out=out)
    return status, out.getvalue()


def test_a_whole_game_ends_with_the_debrief_and_the_score():
    status, text = play("1\n1\n2\n1\n")  # check the date, back, leave the photo out, continue
    assert status == 0
    assert "Tuesday 13 February 2018 · deadline 23:00 · 3 h left" in text
    assert "Source card: The aggregator page (aggregator)" in text
    assert "Who is behind it: A site that pastes" in text
    assert "Claim (The aggregator page): The photo shows Russian soldiers" in text
    assert "Finding: Check the photo's date" in text
    assert "2 h left" in text
    assert "The end: Clean copy" in text
    assert "Best call. The chief sub reads the line twice" in text  # feedback on the call
    debrief = text[text.index("Debrief"):]
    assert "Of your 1 call, 1 was the best call" in debrief  # the summary comes first
    assert "Your call: Rejected it (Best call)" in debrief
    assert "What came of it: Misattributed or garbled." in debrief
    assert "Later reporting, The aggregator page's own caption, 2018-02-13:" in debrief
    assert "Technique: A file photo is not a picture of the event." in debrief
    assert "Checks you made" in debrief
    score = " ".join(text[text.index("\nScore"):].split())  # the terminal wraps lines
    assert "You earned 100% of the points a careful desk could earn (2 of 2)" in score
    assert "Held or kept out: 1 claim (not an error)." in score
    assert "\033[" not in text  # not a terminal: no colour codes


def test_choices_are_numbered_and_the_once_choice_goes():
    _, text = play("1\n1\nq\n")
    first, _, later = text.partition("Back to the desk")
    assert "1. Check the photo's date (1 h)\n2. Run the photo with the story\n" in first
    assert "1. Run the photo with the story\n2. Leave the photo out\n" in later


def test_unavailable_choices_keep_their_place_and_number_as_in_the_window(write_scenario,
                                                                          tiny_text):
    text = tiny_text.replace("      - id: hold\n", "      - id: wait\n        text: Wait for more\n"
                             "        if: calls > 0\n        unavailable: Nothing has come in.\n"
                             "        goto: done\n      - id: hold\n")
    status, shown = play("2\nq\n", str(write_scenario(text)))
    assert status == 0
    # file order, numbered like the window's number keys (Option.index + 1)
    assert "1. Run it attributed\n2. Wait for more (unavailable: Nothing has come in.)\n3. Hold it\n" in shown
    assert "Your choice (1-3, q to quit)" in shown
    assert "Option 2 is unavailable: Nothing has come in." in shown


def test_invalid_input_is_asked_again():
    status, text = play("seven\n0\n9\n\n3\n1\n")
    assert status == 0
    assert text.count("Please type a number from 1 to 3, or q to quit.") == 4
    assert "The end: Clean copy" in text


def test_end_of_input_leaves_without_a_traceback():
    status, text = play("1\n")
    assert status == 0 and "Leaving the desk. Goodbye." in text


def test_colour_only_on_a_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, text = play("q\n", out=FakeTty())
    assert "\033[1mThe Example Desk\033[0m" in text
    monkeypatch.setenv("NO_COLOR", "1")
    _, plain = play("q\n", out=FakeTty())
    assert "\033[" not in plain


def test_broken_content_is_reported_not_played(tmp_path, capsys):
    (tmp_path / "story.yaml").write_text("scenes: [\n", encoding="utf-8")
    status, text = play("1\n", str(tmp_path))
    assert status == 1 and text == ""
    assert "DL001" in capsys.readouterr().err


def test_the_score_in_words_says_when_there_is_nothing_to_score():
    from game.engine.scoring import Detection, Score
    from game.wording import score_lines

    lines = score_lines(Score((), Detection(0, 0, 0, 0), 0, 0, 0, 0), [])
    assert lines[0] == "You made no call on any claim, so there is nothing to score yet."
    assert Call.REJECT.runs is False


def test_play_text_command_plays_from_stdin():
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    result = subprocess.run(
        [sys.executable, "-m", "game", "--scenes", EXAMPLE, "play", "--text", "--seed", "2"],
        input="3\n1\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "The end: Clean copy" in result.stdout and "(2 of 2)" in result.stdout
    assert "Traceback" not in result.stderr


STUCK = ("        goto: done\n      - id: hold", "        goto: trap\n      - id: hold")
TRAP = ("  - id: trap\n    text: A trap.\n    choices:\n      - text: Out\n        if: calls > 3\n"
        "        goto: done\n")


def test_a_stuck_story_names_the_command_to_check_it_as_the_player_started_it(
        write_scenario, tiny_text, monkeypatch):
    folder = str(write_scenario(tiny_text.replace(*STUCK) + TRAP))
    monkeypatch.setattr(sys, "argv", ["/home/x/.venv/bin/deconfliction-line", "play", "--text"])
    status, text = play("1\n", folder)
    assert status == 1
    assert "(run 'deconfliction-line check' on it)" in " ".join(text.split())  # wrapped
    monkeypatch.setattr(sys, "argv", ["/usr/lib/python3/site-packages/game/__main__.py"])
    assert "(run 'python -m game check' on it)" in " ".join(play("1\n", folder)[1].split())
