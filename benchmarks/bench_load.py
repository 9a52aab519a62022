"""Load-and-validate time: synthetic stories of 1,000 and 10,000 scenes, and the real content.

    python benchmarks/bench_load.py            # prints one JSON line of figures

The headline is the **cold** figure: a fresh Python process, no parse cache and no
bytecode of the game (every module of it compiled from source), timed from the process's
first line to the loaded story, as an author meets it on a first ``check`` after changing
every file. Beside it: the **cached** figure (a fresh process with the parse cache and
bytecode warm: files unchanged since the last load), and for both the **whole process** as
a shell sees it, from start to exit, interpreter start-up and tear-down included. Each
process figure is the median of a few runs. ``cold_*_cpu_s`` is the CPU time the cold
process had used when the story was loaded (start-up included): on a busy machine, where
wall-clock time waits for a core, it is the better guide to what an idle machine would
show. The in-process figures (``load_*``) time ``load()`` alone, best of a few, in one
long-lived process. What each figure means: benchmarks/README.md.

Goal: 10,000 scenes cold in under 1.5 s (``cold_10000_s``).
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate

from game.engine.loader import load

ROOT = Path(__file__).resolve().parent.parent

# The child process: time from its first line to the loaded story, then exit normally (the
# parent's clock sees the tear-down).
CHILD = """\
import time
started = time.perf_counter()
import json, sys
from game.engine.loader import load
result = load(sys.argv[1])
seconds = time.perf_counter() - started
print(json.dumps({"s": seconds, "cpu_s": time.process_time(),
                  "scenes": len(result.scenario.scenes) if result.scenario else 0,
                  "errors": len(result.errors)}), flush=True)
"""


def in_process(path: Path, repeats: int) -> tuple[float, int, int]:
    """Best wall time of ``repeats`` loads in this process, with the scene and error counts.

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


def kept_mib(path: Path) -> float:
    """Memory the loaded story keeps (traced Python allocations), in MiB."""
    gc.collect()
    tracemalloc.start()
    result = load(path)
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del result
    return round(kept / 2**20, 1)


def game_copy(folder: Path) -> Path:
    """A copy of the game's source with no bytecode, to run fresh processes from.

    Only the game's own bytecode is left out: Python's standard library keeps its own, as
    on every installed Python.
    """
    shutil.copytree(ROOT / "game", folder / "game", ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def fresh_process(path: Path, *, cache: str, source: Path, bytecode: bool,
                  runs: int) -> dict[str, float]:
    """Median load time inside a fresh process, and median time for the whole process.

    The process imports the game from ``source``; without ``bytecode`` nothing is written
    there, so each run compiles every module of the game from source.
    """
    loads, wholes, cpus = [], [], []
    env = {**os.environ, "DECONFLICTION_LINE_CACHE": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=source, env=env,
                              capture_output=True, text=True, check=True)
        wholes.append(time.perf_counter() - started)
        figures = json.loads(done.stdout)
        if figures["errors"]:
            raise SystemExit(f"{path}: {figures['errors']} load errors")
        loads.append(figures["s"])
        cpus.append(figures["cpu_s"])
    return {"s": round(statistics.median(loads), 4),
            "process_s": round(statistics.median(wholes), 4),
            "cpu_s": round(statistics.median(cpus), 4)}


def main() -> int:
    figures: dict[str, object] = {}
    details: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as temp:
        cache = str(Path(temp) / "cache")
        no_pyc = game_copy(Path(temp) / "cold")  # stays without bytecode
        warm_pyc = game_copy(Path(temp) / "warm")  # gets bytecode on its first run
        targets = [(generate(Path(temp) / "s10000", 10000), "10000", 3),
                   (generate(Path(temp) / "s1000", 1000), "1000", 3),
                   (ROOT / "scenes", "scenes", 3)]
        for path, name, runs in targets:
            cold = fresh_process(path, cache="off", source=no_pyc, bytecode=False, runs=runs)
            fresh_process(path, cache=cache, source=warm_pyc, bytecode=True, runs=1)  # warm up
            cached = fresh_process(path, cache=cache, source=warm_pyc, bytecode=True, runs=runs)
            figures[f"cold_{name}_s"] = cold["s"]
            figures[f"cached_{name}_s"] = cached["s"]
            figures[f"cold_{name}_process_s"] = cold["process_s"]
            figures[f"cold_{name}_cpu_s"] = cold["cpu_s"]
            figures[f"cached_{name}_process_s"] = cached["process_s"]
        figures["goal_cold_10000_s"] = 1.5
        figures["goal_met"] = float(figures["cold_10000_s"]) < 1.5  # type: ignore[arg-type]
        for path, name, _ in targets:
            repeats = 2 if name == "10000" else 5
            os.environ["DECONFLICTION_LINE_CACHE"] = "off"
            seconds, scenes, errors = in_process(path, repeats)
            details[f"load_{name}_cold_s"] = round(seconds, 4)
            os.environ["DECONFLICTION_LINE_CACHE"] = cache
            seconds, scenes, errors = in_process(path, repeats)
            details[f"load_{name}_s"] = round(seconds, 4)
            details[f"load_{name}_scenes"] = scenes
            details[f"load_{name}_errors"] = errors
        os.environ["DECONFLICTION_LINE_CACHE"] = "off"
        details["kept_1000_mib"] = kept_mib(targets[1][0])
        details["ratio_cold_10000_to_1000"] = round(
            float(details["load_10000_cold_s"]) / float(details["load_1000_cold_s"]), 2)  # type: ignore[arg-type]
    figures["in_process"] = details
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)  # a busy machine reads slow
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
