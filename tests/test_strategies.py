"""The score rewards discernment: scripted players play the whole of issue 4.

Careful play must score clearly best, in points and in d′; every blanket strategy
(always trust, always attribute, always hold, always reject) must score below it, and
blanket doubt must not beat random play by much. ``pytest -s`` prints the table.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.engine.loader import load_scenario
from game.engine.model import Call, Scenario
from game.engine.scoring import score
from game.players import BlanketPlayer, CarefulPlayer, Player, RandomPlayer, play_through

SCENES = Path(__file__).resolve().parent.parent / "scenes"
RANDOM_GAMES = 200
SCRIPTED_GAMES = 20  # seeds only vary their choices between headlines


@dataclass(frozen=True)
class Row:
    name: str
    points: float
    max_points: int
    d_prime: float
    criterion: float
    endings: dict[str, int]


def _play(scenario: Scenario, name: str, make: type[Player] | object, games: int) -> Row:
    points, d_primes, criteria = [], [], []
    endings: dict[str, int] = {}
    max_points = 0
    for seed in range(games):
        player = make(seed)  # type: ignore[operator]
        story = play_through(scenario, player, seed=seed)
        assert story.is_over, f"{name} seed {seed} did not reach an ending ({story.state.scene})"
        result = score(scenario, story.state)
        points.append(result.points)
        d_primes.append(result.detection.d_prime)
        criteria.append(result.detection.criterion)
        max_points = result.max_points
        endings[story.scene.id] = endings.get(story.scene.id, 0) + 1
    return Row(name, statistics.mean(points), max_points, statistics.mean(d_primes),
               statistics.mean(criteria), endings)


@pytest.fixture(scope="module")
def table() -> dict[str, Row]:
    scenario = load_scenario(SCENES)
    strategies = {
        "careful": (lambda seed: CarefulPlayer(seed), SCRIPTED_GAMES),
        "always fact": (lambda seed: BlanketPlayer(Call.FACT, seed), SCRIPTED_GAMES),
        "always attributed": (lambda seed: BlanketPlayer(Call.ATTRIBUTED, seed), SCRIPTED_GAMES),
        "always hold": (lambda seed: BlanketPlayer(Call.HOLD, seed), SCRIPTED_GAMES),
        "always reject": (lambda seed: BlanketPlayer(Call.REJECT, seed), SCRIPTED_GAMES),
        "random": (lambda seed: RandomPlayer(seed), RANDOM_GAMES),
    }
    rows = {name: _play(scenario, name, make, games)
            for name, (make, games) in strategies.items()}
    print()
    print(f"{'strategy':<18} {'points':>12} {'d′':>6} {'c':>6}  endings")
    for row in rows.values():
        endings = ", ".join(f"{k.split('.')[-1]} {v}" for k, v in sorted(row.endings.items()))
        print(f"{row.name:<18} {row.points:6.1f} / {row.max_points:<3} {row.d_prime:6.2f} "
              f"{row.criterion:6.2f}  {endings}")
    return rows


BLANKET = ("always fact", "always attributed", "always hold", "always reject")


def test_careful_play_scores_clearly_best_in_points(table: dict[str, Row]) -> None:
    careful = table["careful"]
    assert careful.points >= 0.9 * careful.max_points
    for name in (*BLANKET, "random"):
        assert careful.points >= table[name].points + 0.25 * careful.max_points, name


def test_careful_play_scores_clearly_best_in_d_prime(table: dict[str, Row]) -> None:
    careful = table["careful"]
    assert careful.d_prime >= 2.5
    for name in (*BLANKET, "random"):
        assert careful.d_prime >= table[name].d_prime + 2.0, name


def test_blanket_strategies_show_no_discernment(table: dict[str, Row]) -> None:
    for name in BLANKET:
        assert abs(table[name].d_prime) < 0.5, name


def test_blanket_trust_leans_to_trust_and_blanket_doubt_to_doubt(table: dict[str, Row]) -> None:
    assert table["always fact"].criterion < -1
    assert table["always attributed"].criterion < -1
    assert table["always reject"].criterion > 1
    assert table["always hold"].criterion > 1


def test_always_reject_does_not_beat_random_play_by_much(table: dict[str, Row]) -> None:
    reject, random = table["always reject"], table["random"]
    assert reject.points - random.points <= 0.1 * reject.max_points
    assert reject.d_prime <= random.d_prime + 0.5


def test_always_trusting_as_fact_scores_worst(table: dict[str, Row]) -> None:
    fact = table["always fact"]
    assert all(fact.points < row.points for name, row in table.items() if name != "always fact")


def test_each_style_ends_in_the_ending_of_its_record(table: dict[str, Row]) -> None:
    assert set(table["careful"].endings) == {"ending.ledger"}
    assert set(table["always fact"].endings) == {"ending.echo"}
    assert set(table["always reject"].endings) == {"ending.empty"}
    assert set(table["always hold"].endings) == {"ending.empty"}
