"""Load-and-validate time: synthetic stories of 1,000 and 10,000 scenes, and the real content.

    python benchmarks/bench_load.py            # prints one JSON line of figures

Targets: 10,000 scenes in under 1 s on a 2-core machine, roughly linear in size; the real
content (scenes/) well under 50 ms. Each figure is the best of a few runs, in one process.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate

from game.engine.loader import load

ROOT = Path(__file__).resolve().parent.parent


def best_load(path: Path, repeats: int) -> tuple[float, int, int]:
    """Best wall time of ``repeats`` loads, with the scene and diagnostic counts."""
    best = float("inf")
    scenes = problems = 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = load(path)
        best = min(best, time.perf_counter() - started)
        scenes = len(result.scenario.scenes) if result.scenario else 0
        problems = len(result.errors)
    return best, scenes, problems


def main() -> int:
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as temp:
        for size, repeats in ((1000, 5), (10000, 2)):
            folder = generate(Path(temp) / f"s{size}", size)
            seconds, scenes, errors = best_load(folder, repeats)
            figures[f"load_{size}_s"] = round(seconds, 4)
            figures[f"load_{size}_scenes"] = scenes
            figures[f"load_{size}_errors"] = errors
    figures["ratio_10000_to_1000"] = round(
        float(figures["load_10000_s"]) / float(figures["load_1000_s"]), 2)  # type: ignore[arg-type]
    for name, path in (("scenes", ROOT / "scenes"), ("example", ROOT / "docs/example")):
        seconds, scenes, errors = best_load(path, 5)
        figures[f"{name}_s"] = round(seconds, 4)
        figures[f"{name}_scenes"] = scenes
        figures[f"{name}_errors"] = errors
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
