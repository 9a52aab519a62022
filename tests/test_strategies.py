"""The score rewards reading the evidence: every bound of issue 14, by scripted players.

Careful play by the method must reach 85% of the points; blanket trust, doubt and
waiting, and random play, at most 20%; attributing everything at most 35%; the two
shortcut players (judging by the speaker's status) at most 60% and never the best
ending; a player who takes one side, in either direction, at most 35%, and the two
sides within 10 points of each other. ``pytest -s`` prints the table
(``benchmarks/bench_strategies.py`` prints it too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.loader import load_scenario
from game.players import StrategyRow, format_table, parties, strategy_table

SCENES = Path(__file__).resolve().parent.parent / "scenes"
SCRIPTED_GAMES = 12  # seeds only vary their choices where no call is on offer
RANDOM_GAMES = 200


@pytest.fixture(scope="module")
def table() -> dict[str, StrategyRow]:
    rows = strategy_table(load_scenario(SCENES), SCRIPTED_GAMES, RANDOM_GAMES)
    print("\n" + "\n".join(format_table(rows)))
    return rows


def test_every_game_of_every_strategy_reaches_an_ending(table):
    assert {name: row.stuck for name, row in table.items() if row.stuck} == {}


def test_careful_play_by_the_method_earns_at_least_85_percent(table):
    assert table["careful"].percent >= 85


@pytest.mark.parametrize("name", ["always fact", "always hold", "always reject", "random"])
def test_blanket_and_random_play_earn_at_most_20_percent(table, name):
    assert table[name].percent <= 20


def test_attributing_everything_earns_at_most_35_percent(table):
    assert table["always attributed"].percent <= 35


@pytest.mark.parametrize("name", ["named sources, reject the page",
                                  "officials, reject anonymous+social"])
def test_judging_by_the_speaker_earns_at_most_60_percent_and_never_the_best_ending(table, name):
    row = table[name]
    assert row.percent <= 60
    assert row.best_endings == 0, row.endings


def test_the_sources_name_two_parties_for_the_side_players():
    assert len(parties(load_scenario(SCENES))) >= 2, "give sources a 'party' (format 2)"


def test_taking_a_side_earns_at_most_35_percent_either_way_and_both_ways_alike(table):
    sides = [row for name, row in table.items() if name.startswith("side: ")]
    assert len(sides) == 2
    for row in sides:
        assert row.percent <= 35, row.name
    assert abs(sides[0].percent - sides[1].percent) <= 10


def test_careful_play_beats_every_other_strategy(table):
    careful = table["careful"].percent
    assert all(row.percent < careful for name, row in table.items() if name != "careful")
