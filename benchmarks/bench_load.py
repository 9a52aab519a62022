"""Load-and-validate time: synthetic stories of 1,000 and 10,000 scenes, and the real content.

    python benchmarks/bench_load.py            # prints one JSON line of figures

Targets: 10,000 scenes in under 1 s on a 2-core machine, roughly linear in size; the real
content (scenes/) well under 50 ms. Each figure is the best of a few runs, in one process.
``*_cold_s`` parses every file (the parse cache off: a first load, or a changed file);
the plain figures are the usual case, files unchanged since they were last loaded.
"""

from __future__ import annotations

import gc
import json
import os
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
    """Best wall time of ``repeats`` loads, with the scene and diagnostic counts.

    The previous result is dropped (and the cycle collector run) before each timing, so
    that freeing one story is not counted in the time to load the next.
    """
    best = float("inf")
    scenes = problems = 0
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        result = load(path)
        best = min(best, time.perf_counter() - started)
        scenes = len(result.scenario.scenes) if result.scenario else 0
        problems = len(result.errors)
        del result
    return best, scenes, problems


def main() -> int:
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as temp:
        cache = Path(temp) / "cache"
        for size, repeats in ((1000, 5), (10000, 2)):
            folder = generate(Path(temp) / f"s{size}", size)
            # cold: every file parsed and schema-checked (the parse cache off)
            os.environ["DECONFLICTION_LINE_CACHE"] = "off"
            seconds, scenes, errors = best_load(folder, repeats)
            figures[f"load_{size}_cold_s"] = round(seconds, 4)
            # warm: files unchanged since the last load come from the parse cache
            os.environ["DECONFLICTION_LINE_CACHE"] = str(cache)
            load(folder)
            seconds, scenes, errors = best_load(folder, repeats)
            figures[f"load_{size}_s"] = round(seconds, 4)
            figures[f"load_{size}_scenes"] = scenes
            figures[f"load_{size}_errors"] = errors
        for kind in ("", "_cold"):
            figures[f"ratio{kind}_10000_to_1000"] = round(
                float(figures[f"load_10000{kind}_s"])  # type: ignore[arg-type]
                / float(figures[f"load_1000{kind}_s"]), 2)  # type: ignore[arg-type]
        for name, path in (("scenes", ROOT / "scenes"), ("example", ROOT / "docs/example")):
            os.environ["DECONFLICTION_LINE_CACHE"] = "off"
            figures[f"{name}_cold_s"] = round(best_load(path, 5)[0], 4)
            os.environ["DECONFLICTION_LINE_CACHE"] = str(cache)
            load(path)
            seconds, scenes, errors = best_load(path, 5)
            figures[f"{name}_s"] = round(seconds, 4)
            figures[f"{name}_scenes"] = scenes
            figures[f"{name}_errors"] = errors
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
