"""Random games per second, as randomtest plays them: real content, the example, synthetic.

    python benchmarks/bench_randomtest.py      # prints one JSON line of figures

Each figure is the median of several runs (a busy machine makes single runs noisy). Two
kinds of game: ``games_per_s`` is randomtest's own play (choices only: what coverage
needs), and ``reading_games_per_s`` also asks for every scene's text, as a presenter
does (``Story.paragraphs()`` with substitutions, and the choice labels). The synthetic
stories of 1,000 and 10,000 scenes give ``choices_per_s``, whose ratio says whether a
step costs more as the story gets longer (it should not: ``ratio_10000_to_1000`` near 1).

Target: at least 2,000 complete random games a second on the real content (scenes/).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate

from game.engine.loader import load
from game.engine.model import Scenario
from game.engine.story import Story
from game.players import RandomPlayer
from game.tools.randomtest import play_random_games

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def reading_games(scenario: Scenario, games: int, max_steps: int = 2000) -> tuple[float, int]:
    """Seconds and choices for ``games`` random games that read every scene's text."""
    steps = 0
    started = time.perf_counter()
    for seed in range(games):
        story = Story(scenario, seed=seed)
        player = RandomPlayer(seed)
        taken = 0
        while not story.is_over and taken < max_steps:
            story.paragraphs()
            if not any(o.available for o in story.choices()):
                break
            story.choose(player.pick(story))
            taken += 1
        story.paragraphs()
        steps += taken
    return time.perf_counter() - started, steps


def measure(path: Path, games: int) -> dict[str, object]:
    result = load(path)
    if result.scenario is None or result.errors:
        return {"error": f"{len(result.errors)} load errors"}
    scenario = result.scenario
    longest = 2 * len(scenario.scenes) + 100  # a synthetic story is long: let its games end
    play_random_games(scenario, min(games, 50), max_steps=longest)  # warm up
    plain, reading, per_choice = [], [], []
    steps = failures = 0
    for _ in range(RUNS):
        coverage = play_random_games(scenario, games, max_steps=longest)
        plain.append(coverage.games_per_second)
        per_choice.append(coverage.steps / coverage.seconds if coverage.seconds else 0.0)
        steps, failures = coverage.steps, len(coverage.failures)
        seconds, _ = reading_games(scenario, games, longest)
        reading.append(games / seconds if seconds else 0.0)
    return {
        "games_per_s": round(statistics.median(plain)),
        "reading_games_per_s": round(statistics.median(reading)),
        "choices_per_s": round(statistics.median(per_choice)),
        "choices_per_game": round(steps / max(games, 1), 1),
        "failures": failures,
        "scenes": len(scenario.scenes),
        "runs": RUNS,
    }


def step_ratio(small: Path, large: Path) -> float:
    """Choices a second at 10,000 scenes over those at 1,000, from runs taken in turn (so a
    busy moment slows both alike): the median of the per-run ratios."""
    stories = [load(small).scenario, load(large).scenario]
    ratios = []
    for _ in range(RUNS):
        rates = []
        for scenario, games in zip(stories, (20, 5), strict=True):
            assert scenario is not None
            coverage = play_random_games(scenario, games, max_steps=2 * len(scenario.scenes) + 100)
            rates.append(coverage.steps / coverage.seconds)
        ratios.append(rates[1] / rates[0])
    return round(statistics.median(ratios), 2)


def main() -> int:
    figures: dict[str, object] = {"scenes": measure(ROOT / "scenes", 2000),
                                  "example": measure(ROOT / "docs/example", 5000)}
    with tempfile.TemporaryDirectory(prefix="bench-random-") as temp:
        figures["synthetic_1000"] = measure(generate(Path(temp) / "s1000", 1000), 20)
        figures["synthetic_10000"] = measure(generate(Path(temp) / "s10000", 10000), 5)
        figures["ratio_10000_to_1000"] = step_ratio(Path(temp) / "s1000", Path(temp) / "s10000")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
