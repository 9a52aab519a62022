"""Scripted players follow their rule, reproducibly, without looking at scene ids."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.engine.loader import load_scenario
from game.engine.model import Call
from game.engine.scoring import score
from game.players import BlanketPlayer, CarefulPlayer, RandomPlayer, play_through

TWO_CLAIMS = """\
scenario:
  id: two
  title: Two claims
  premise: One true, one not.
  article: article.txt
  start: first
  time: 3
sources:
  - id: wire
    name: The Wire
    kind: wire
    who: An agency.
    access: Nearby.
    interest: Accuracy.
claims:
  - id: solid
    source: wire
    text: It happened.
    judgement: supported
    holds_up: true
    best: [attributed]
    acceptable: [fact]
    note: Later reporting supported it.
  - id: shaky
    source: wire
    text: Hundreds died.
    judgement: disputed
    holds_up: false
    best: [hold]
    acceptable: [reject]
    note: No agreed figure.
checks:
  - id: call_round
    title: Call around
    finding: Others confirm it.
  - id: archive
    title: Search the archive
    finding: Nothing older.
scenes:
  - id: first
    text: The first item.
    claims: [solid]
    choices:
      - {id: verify, text: Call around (2 h), cost: 2, once: true, verify: call_round, goto: first}
      - {id: fact, text: Run as fact, verdict: {claim: solid, call: fact}, goto: second}
      - {id: attributed, text: Run attributed, verdict: {claim: solid, call: attributed}, goto: second}
      - {id: hold, text: Hold, verdict: {claim: solid, call: hold}, goto: second}
      - {id: reject, text: Reject, verdict: {claim: solid, call: reject}, goto: second}
  - id: second
    text: The second item.
    claims: [shaky]
    choices:
      - {id: search, text: Search the archive (1 h), cost: 1, verify: archive, goto: second}
      - {id: wander, text: Take a walk, goto: second_b}
      - {id: fact, text: Run as fact, verdict: {claim: shaky, call: fact}, goto: end}
      - {id: attributed, text: Run attributed, verdict: {claim: shaky, call: attributed}, goto: end}
      - {id: reject, text: Reject, verdict: {claim: shaky, call: reject}, goto: end}
  - id: second_b
    text: Back at the desk.
    choices:
      - {id: onward, text: Go on, goto: end}
  - id: end
    text: Done.
    ending: {title: Done}
"""


@pytest.fixture
def two(write_scenario):  # type: ignore[no-untyped-def]
    return load_scenario(write_scenario(TWO_CLAIMS))


def calls(story):  # type: ignore[no-untyped-def]
    return [step.verdict for step in story.state.history if step.verdict]


def test_random_player_is_reproducible_and_only_picks_available(two, example_scenario):
    for scenario in (two, example_scenario):
        first = play_through(scenario, RandomPlayer(3), seed=3)
        second = play_through(scenario, RandomPlayer(3), seed=3)
        assert first.snapshot() == second.snapshot()
        assert first.is_over
    paths = {tuple(s.choice for s in play_through(two, RandomPlayer(k), seed=k).state.history)
             for k in range(30)}
    assert len(paths) > 3


def test_always_trust_prefers_fact_then_attributed(two):
    story = play_through(two, BlanketPlayer(Call.FACT), seed=1)
    assert calls(story) == ["solid=fact", "shaky=fact"]
    assert not any(step.verify for step in story.state.history)


def test_always_reject_and_always_hold(two):
    assert calls(play_through(two, BlanketPlayer(Call.REJECT), seed=1)) == ["solid=reject",
                                                                            "shaky=reject"]
    # no "hold" on the second item: the fallback is reject, never a verification
    held = play_through(two, BlanketPlayer(Call.HOLD), seed=1)
    assert calls(held) == ["solid=hold", "shaky=reject"]
    assert not any(step.verify for step in held.state.history)


def test_a_blanket_player_without_its_call_picks_a_plain_option(write_scenario):
    text = TWO_CLAIMS.replace("      - {id: reject, text: Reject, verdict: {claim: shaky, "
                              "call: reject}, goto: end}\n", "")
    scenario = load_scenario(write_scenario(text))
    story = play_through(scenario, BlanketPlayer(Call.HOLD), seed=2)
    assert calls(story) == ["solid=hold"]  # then "Take a walk": no call, no verification
    assert [s.choice for s in story.state.history][-2:] == ["wander", "onward"]


def test_careful_player_verifies_while_an_hour_would_be_left(two):
    story = play_through(two, CarefulPlayer(seed=1), seed=1)
    history = [(s.scene, s.choice) for s in story.state.history]
    # 3 h: calling around (2 h) leaves 1 h, so it verifies; the archive (1 h) would leave 0
    assert history[0] == ("first", "verify")
    assert ("second", "search") not in history
    assert calls(story) == ["solid=attributed", "shaky=reject"]  # best, then acceptable


def test_careful_play_outscores_blanket_and_random_play(two):
    def points(player, seed=0):  # type: ignore[no-untyped-def]
        return score(two, play_through(two, player, seed=seed).state).points

    careful = points(CarefulPlayer(seed=0))
    assert careful > points(BlanketPlayer(Call.FACT))
    assert careful > points(BlanketPlayer(Call.REJECT))
    assert careful > points(BlanketPlayer(Call.HOLD))
    random_mean = sum(points(RandomPlayer(k), k) for k in range(50)) / 50
    assert careful > random_mean


def test_play_through_stops_at_the_step_limit(write_scenario):
    text = TWO_CLAIMS.replace("{id: onward, text: Go on, goto: end}",
                              "{id: onward, text: Go on, goto: second_b}")
    text = text.replace("call: hold}, goto: second}", "call: hold}, goto: second_b}")
    scenario = load_scenario(write_scenario(text))
    story = play_through(scenario, BlanketPlayer(Call.HOLD, seed=0), seed=0, max_steps=40)
    assert not story.is_over and len(story.state.history) == 40


def test_play_through_stops_when_stuck(write_scenario):
    text = TWO_CLAIMS.replace("{id: onward, text: Go on, goto: end}",
                              "{id: onward, text: Go on, if: time > 50, goto: end}")
    text = text.replace("call: hold}, goto: second}", "call: hold}, goto: second_b}")
    scenario = load_scenario(write_scenario(text))
    story = play_through(scenario, BlanketPlayer(Call.HOLD, seed=0), seed=0)
    assert story.is_stuck and story.scene.id == "second_b"


def test_players_never_look_at_scene_ids():
    source = (Path(__file__).resolve().parent.parent / "game" / "players.py").read_text("utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("scene", "scenes", "visits", "stack"), node.lineno
