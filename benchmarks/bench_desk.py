"""What one decision costs at the desk session (game/desk), and what a class of desks holds.

    python benchmarks/bench_desk.py            # prints one JSON line

Over the real scenes/, played by the careful scripted player:

- ``choose_ms_alone``: median milliseconds for ``Desk.choose`` outside class (the choice and
  the autosave, written atomically with fsync);
- ``choose_ms_class``: the same in class, where the results file is written too, before the
  call returns;
- ``resume_ms_class``: median milliseconds for ``Desk.resume`` of a classroom game (the
  autosave read and restored, the results file reopened and its id checked);
- ``desks_30_kib``: memory held by 30 classroom desks in one process, mid-game (what a web
  server keeps for a class), from tracemalloc.

Figures depend on the disk (fsync); they are for comparing changes on one machine.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.desk import Classroom, Desk, Stage
from game.engine.loader import load_scenario
from game.engine.model import Scenario
from game.paths import content_dir
from game.players import CarefulPlayer


def play(desk: Desk, seed: int, limit: int = 10_000) -> list[float]:
    """Play to the end of the game; milliseconds per choose()."""
    player = CarefulPlayer(seed=seed)
    times = []
    while desk.stage is Stage.PLAY and len(times) < limit:
        index = player.pick(desk.story)
        started = time.perf_counter()
        desk.choose(index)
        times.append((time.perf_counter() - started) * 1000)
    return times


def class_desk(scenario: Scenario, folder: Path, n: int) -> Desk:
    classroom = Classroom("7B", folder / "results", quiz=False)
    desk = Desk.new(scenario, folder / f"student{n}", seed=n, classroom=classroom)
    desk.begin(f"s{n}")
    return desk


def main() -> int:
    scenario = load_scenario(content_dir())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        alone = play(Desk.new(scenario, folder / "alone", seed=1), 1)
        in_class = play(class_desk(scenario, folder, 0), 0)
        resumes = []
        classroom = Classroom("7B", folder / "results", quiz=False)
        for _ in range(20):
            started = time.perf_counter()
            Desk.resume(scenario, folder / "student0", classroom=classroom)
            resumes.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        desks = [class_desk(scenario, folder, 100 + n) for n in range(30)]
        for n, desk in enumerate(desks):
            play(desk, n, limit=10)
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
    print(json.dumps({
        "bench": "desk",
        "choose_ms_alone": round(statistics.median(alone), 2),
        "choose_ms_class": round(statistics.median(in_class), 2),
        "decisions": len(in_class),
        "resume_ms_class": round(statistics.median(resumes), 2),
        "desks_30_kib": round(held / 1024),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
