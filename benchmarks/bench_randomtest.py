"""Random games per second, as randomtest plays them: real content, the example, synthetic.

    python benchmarks/bench_randomtest.py      # prints one JSON line of figures

Target: at least 2,000 complete random games a second on the real content (scenes/).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate

from game.engine.loader import load
from game.tools.randomtest import play_random_games

ROOT = Path(__file__).resolve().parent.parent


def measure(path: Path, games: int) -> dict[str, object]:
    result = load(path)
    if result.scenario is None or result.errors:
        return {"error": f"{len(result.errors)} load errors"}
    play_random_games(result.scenario, min(games, 50))  # warm up
    coverage = play_random_games(result.scenario, games)
    return {
        "games_per_s": round(coverage.games_per_second),
        "choices_per_game": round(coverage.steps / max(coverage.games, 1), 1),
        "failures": len(coverage.failures),
        "scenes": len(result.scenario.scenes),
    }


def main() -> int:
    figures: dict[str, object] = {"scenes": measure(ROOT / "scenes", 5000),
                                  "example": measure(ROOT / "docs/example", 10000)}
    with tempfile.TemporaryDirectory(prefix="bench-random-") as temp:
        figures["synthetic_200"] = measure(generate(Path(temp) / "s200", 200), 500)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
