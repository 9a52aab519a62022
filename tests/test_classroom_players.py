"""A class of scripted players (game/players.py) writing at once into one results folder.

Over the real scenes/ when they load, else over the classroom test scenario. Each
session's figures in the report must equal the engine's own score of that game, and
careful play must out-discern blanket trust and blanket doubt in the report too.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_classroom_scenario import PROJECT_ROOT, build_scenario

from game.classroom.report import class_report, render_html
from game.classroom.results import read_results
from game.classroom.session import ClassroomSession
from game.engine.diagnostics import ContentError
from game.engine.loader import load_scenario
from game.engine.model import Call, Scenario
from game.engine.scoring import first_calls, score
from game.engine.story import Story
from game.players import BlanketPlayer, CarefulPlayer, Player, RandomPlayer


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    try:
        return load_scenario(PROJECT_ROOT / "scenes")
    except ContentError:
        return build_scenario(tmp_path / "scenes")


def play(scenario: Scenario, player: Player, results: Path, name: str, seed: int,
         quiz_skill: int) -> Story:
    session = ClassroomSession("9C", results, scenario, nickname=name)
    for phase in ("before", "after") if scenario.quiz else ():
        for n, item in enumerate(session.quiz_items(phase)):
            right = n < quiz_skill  # the first quiz_skill items judged right
            rating = 6 if item.reliable == right else 2
            session.record_quiz(phase, item.id, rating, 1.0)
        if phase == "before":
            story = Story(scenario, seed=seed)
            for _ in range(2000):
                if story.is_over or story.is_stuck:
                    break
                story.choose(player.pick(story))
                session.update_from_story(story)
    session.finish(story)
    return story


def test_a_class_of_scripted_players_gets_the_engines_own_scores(scenario: Scenario,
                                                                  tmp_path: Path) -> None:
    results = tmp_path / "results"
    players: list[tuple[str, Player]] = [
        ("careful", CarefulPlayer(seed=1)), ("trusting", BlanketPlayer(Call.FACT, seed=2)),
        ("doubting", BlanketPlayer(Call.REJECT, seed=3)),
        ("holding", BlanketPlayer(Call.HOLD, seed=4)),
        *((f"random{n}", RandomPlayer(seed=10 + n)) for n in range(8)),
    ]
    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = {name: pool.submit(play, scenario, player, results, name, n, n % 9)
                for n, (name, player) in enumerate(players)}
        stories = {name: job.result() for name, job in jobs.items()}

    found = read_results(results)
    assert found.warnings == []
    report = class_report(found.sessions)
    assert len(report.sessions) == len(players)
    rows = {s.record.nickname: s for s in report.students}
    for name, story in stories.items():
        expected = score(scenario, story.state)
        record = rows[name].record
        assert record.points == expected.points
        assert record.game is not None
        assert record.game.d_prime == pytest.approx(expected.detection.d_prime)
        assert record.game.criterion == pytest.approx(expected.detection.criterion)
        assert record.time_verifying == expected.time_verifying
        assert record.ending == (story.ending.title if story.ending else None)
    careful = rows["careful"].record.game
    for blanket in ("trusting", "doubting", "holding"):
        assert careful.d_prime > rows[blanket].record.game.d_prime  # type: ignore[union-attr]

    # the source table counts every player's first call on each source's claims
    runs: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    for story in stories.values():
        for claim_id, call in first_calls(story.state).items():
            source = scenario.claims[claim_id].source
            calls[source] += 1
            runs[source] += call.runs
    assert {s.source: (s.runs, s.calls) for s in report.sources} == {
        s: (runs[s], calls[s]) for s in calls}

    if scenario.quiz:  # quiz skill n: the first n of 8 items right, so hits + CRs == n
        for n, (name, _) in enumerate(players):
            d = rows[name].before
            assert d is not None and d.hits + d.correct_rejections == min(n % 9, 8)
    html = render_html(report)
    assert "careful" in html and "https://" not in html
