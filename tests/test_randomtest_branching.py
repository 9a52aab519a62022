"""randomtest's branching figures: distinct scene sequences and scenes off the main line."""

from __future__ import annotations

import io
from pathlib import Path

from game.engine.loader import load_scenario
from game.tools.randomtest import branching, play_random_games, run

ARTICLE = Path(__file__).resolve().parent.parent / "assets" / "article.txt"
FORK = f"""\
scenario:
  id: fork
  title: Fork
  premise: Two ways.
  article: {ARTICLE}
  start: desk
  time: 3
scenes:
  - id: desk
    text: Choose.
    choices:
      - {{id: left, text: Left, goto: left}}
      - {{id: right, text: Right, goto: right}}
      - {{id: trip, text: Look around, visit: archive}}
  - id: archive
    text: A side trip.
    choices:
      - {{id: back, text: Back, back: true}}
  - id: left
    text: Left.
    choices:
      - {{id: onward, text: Go on, goto: end}}
  - id: right
    text: Right.
    choices:
      - {{id: onward, text: Go on, goto: end}}
  - id: end
    text: Done.
    ending: {{title: Done, kind: careful}}
"""


def test_side_trips_are_left_out_of_the_scene_sequences(tmp_path):
    path = tmp_path / "fork.yaml"
    path.write_text(FORK, encoding="utf-8")
    scenario = load_scenario(path)
    coverage = play_random_games(scenario, 200)
    assert set(coverage.sequences) == {("desk", "left", "end"), ("desk", "right", "end")}
    figures = branching(scenario, coverage)
    # desk and end are on every path; left and right each on about half
    assert (figures.sequences, figures.scenes, figures.rare) == (2, 4, 2)
    assert figures.rare_share == 0.5 and not figures.meets_targets  # 2 sequences, not 100


def test_the_report_prints_both_figures_with_their_targets(tmp_path):
    path = tmp_path / "fork.yaml"
    path.write_text(FORK, encoding="utf-8")
    out = io.StringIO()
    assert run(str(path), games=100, out=out) == 0
    text = out.getvalue()
    assert "distinct scene sequences: 2 over 100 games (target: at least 100)" in text
    assert ("scenes reached by fewer than 70% of games: 2 of 4 (50%; target: at least one "
            "third)") in text
