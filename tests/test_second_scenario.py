"""A second, invented scenario (tests/scenarios/dockfire) runs everywhere the shipped one does,
and nothing of the shipped story shows: the engine is general, and so are its screens."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pygame
import pytest

from game.engine.checker import check_path
from game.engine.loader import load_scenario
from game.tools import randomtest
from game.ui.app import App
from game.ui.driver import buttons, make_app, press
from game.ui.text import Typesetter

DOCKFIRE = Path(__file__).resolve().parent / "scenarios" / "dockfire"
TITLE = "The Wexley Dock Fire"
# names and words of the shipped story that no other scenario's screens may show
SHIPPED = re.compile(r"Deconfliction|Syria|Russia|Peskov|Mattis|Kremlin|Novaya|Harrigian|CENTCOM"
                     r"|Deir|Assad|Cossack|contractor|February 2018", re.IGNORECASE)


def test_the_second_scenario_checks_clean_with_no_warnings() -> None:
    result = check_path(str(DOCKFIRE))
    assert [str(d) for d in result.diagnostics] == []
    scenario = result.scenario
    assert scenario is not None and scenario.title == TITLE
    assert len(scenario.sources) >= 4 and len(scenario.claims) >= 4
    assert len(scenario.endings) >= 2 and scenario.quiz
    assert {s.kind for s in scenario.sources.values()} >= {"company", "union", "hospital"}


def test_random_play_reaches_every_ending_and_every_choice() -> None:
    out = io.StringIO()
    assert randomtest.run(str(DOCKFIRE), games=1500, seed=0, out=out) == 0
    text = out.getvalue()
    assert "UNTESTED" not in text and "UNVISITED" not in text
    scenario = load_scenario(DOCKFIRE)
    coverage = randomtest.play_random_games(scenario, 1500)
    assert set(coverage.endings) == {s.id for s in scenario.endings}


@pytest.mark.parametrize("answers", ["1\n", "2\n1\n", "3\n1\n", "4\n2\n1\n"])
def test_played_in_the_terminal_no_shipped_text_appears(answers: str) -> None:
    from game import terminal

    out = io.StringIO()  # each number, else the next (a scene with fewer options)
    status = terminal.play(load_scenario(DOCKFIRE), seed=4, source=io.StringIO(answers * 40),
                           out=out)
    text = out.getvalue()
    assert status == 0 and "The end:" in text, text[-500:]
    assert TITLE in text
    assert not SHIPPED.search(text), SHIPPED.search(text)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line of text the window draws."""
    lines: list[str] = []
    render = Typesetter.render

    def recording(self: Typesetter, text: str, *args: object) -> pygame.Surface:
        lines.append(text)
        return render(self, text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Typesetter, "render", recording)
    return lines


def play_to_the_end(app: App, rng: random.Random) -> None:
    for _ in range(200):
        while app.top.name in ("response", "article"):  # the answer to a call; the page
            press(app, pygame.K_RETURN if app.top.name == "response" else pygame.K_ESCAPE)
        if app.top.name != "scene":
            return
        assert app.session is not None
        press(app, pygame.K_1 + rng.choice([o.index for o in app.session.story.choices()
                                            if o.available]))


def test_played_in_the_window_the_title_and_every_screen_are_its_own(tmp_path: Path,
                                                                     shown: list[str]) -> None:
    app = make_app(DOCKFIRE, tmp_path)
    assert pygame.display.get_caption()[0] == TITLE
    assert app.top.name == "title"
    assert shown and shown[0] == TITLE, shown[:3]  # the title screen's heading
    press(app, pygame.K_RETURN)
    play_to_the_end(app, random.Random(2))
    assert app.top.name == "ending"
    press(app, pygame.K_d)
    assert app.top.name == "debrief"
    for _ in range(12):
        press(app, pygame.K_PAGEDOWN)
    text = "\n".join(shown)
    assert "Calder Freight" in text and "The Wexley Dock Fire" in text
    assert not SHIPPED.search(text), SHIPPED.search(text)


def test_a_class_plays_it_and_the_screens_count_its_own_quiz(tmp_path: Path,
                                                            shown: list[str]) -> None:
    from game.classroom import report

    app = make_app(DOCKFIRE, tmp_path / "data", class_code="9C")
    press(app, pygame.K_RETURN)
    assert app.top.name == "nickname"
    assert "Next: three short headlines to rate, then the news desk." in shown
    press(app, pygame.K_RETURN)
    for _ in range(3):  # the story has three headlines before play
        assert app.top.name == "quiz"
        press(app, pygame.K_4)
    assert "You will see how you did after the game, with two more headlines." in shown
    press(app, pygame.K_RETURN)
    play_to_the_end(app, random.Random(7))
    for _ in range(2):
        assert app.top.name == "quiz"
        press(app, pygame.K_5)
    press(app, pygame.K_RETURN)
    assert app.top.name == "ending"
    assert not SHIPPED.search("\n".join(shown)), SHIPPED.search("\n".join(shown))

    out = tmp_path / "report.html"
    assert report.run(str(tmp_path / "data" / "results"), out=str(out), stdout=io.StringIO(),
                      stderr=io.StringIO()) == 0
    html = out.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    heading = re.search(r"<h1>(.*?)</h1>", html, re.DOTALL)
    assert title and heading and TITLE in title.group(1) and TITLE in heading.group(1)
    # the program's name may stay in the small print at the foot, and only there
    small_print = re.search(r'<p class="meta">Made offline by Deconfliction Line .*?</p>', html,
                            re.DOTALL)
    assert small_print is not None
    rest = html.replace(small_print.group(0), "")
    assert not SHIPPED.search(rest), SHIPPED.search(rest)
    assert not re.search(r"\beight\b", rest)  # the shipped quiz's size: this one has three and two


def test_the_window_and_the_terminal_number_choices_alike(tmp_path: Path) -> None:
    from game import terminal

    keys = "1411"  # brigade attributed, firm held, union attributed, call the water company
    out = io.StringIO()
    terminal.play(load_scenario(DOCKFIRE), seed=1, source=io.StringIO("\n".join(keys) + "\n1\nq\n"),
                  out=out)
    last = out.getvalue().rsplit("A post goes round", 1)[1]
    printed = re.findall(r"^(\d)\. (.*?)(?: \(unavailable:.*)?$", last, re.MULTILINE)

    app = make_app(DOCKFIRE, tmp_path)
    press(app, pygame.K_RETURN)
    for key in keys + "1":  # and back from the side trip
        press(app, pygame.K_0 + int(key))
        while app.top.name in ("response", "article"):  # the answer to a call; the page
            press(app, pygame.K_RETURN if app.top.name == "response" else pygame.K_ESCAPE)
    assert app.session is not None and app.session.story.scene.id == "night.post"
    shown = [(b.key, b.label, b.enabled) for b in buttons(app)
             if b.label in {text for _, text in printed}]
    unavailable = [o.text for o in app.session.story.choices() if not o.available]
    assert unavailable == ["Warn readers about the water"]  # an unavailable one in the list
    assert ("3", "Warn readers about the water") in printed  # in its place, with its number
    assert [(key, text) for key, text, _ in shown] == printed
    assert [enabled for _, text, enabled in shown] == [text not in unavailable for _, text in printed]
