"""The strategy table: what each scripted way of playing scores on the real content.

    python benchmarks/bench_strategies.py [SCENES] [--games N] [--random-games N]

Prints the table (mean share of the points, games that reached the best ending, the
endings reached), then one JSON line per strategy. The bounds it is read against
(issue 14, asserted in tests/test_strategies.py): careful ≥ 85%; always fact, hold,
reject and random ≤ 20%; always attributed ≤ 35%; the two shortcut players ≤ 60% and
never the best ending; the two side players ≤ 35% and within 10 points of each other.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.engine.loader import load_scenario
from game.players import format_table, strategy_table

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="?", default=str(ROOT / "scenes"))
    parser.add_argument("--games", type=int, default=20, help="games per scripted strategy")
    parser.add_argument("--random-games", type=int, default=300)
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenes)
    rows = strategy_table(scenario, args.games, args.random_games)
    print("\n".join(format_table(rows)))
    for row in rows.values():
        print(json.dumps({"measures": "strategy score (mean % of the best possible points)",
                          **row.as_json()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
