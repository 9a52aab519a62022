"""How long the class report takes for a class of 30 (and a school year of 300) sessions.

    python benchmarks/bench_report.py            # prints one JSON line

Sessions are played by scripted players over the real scenes/ (written through the
real ClassroomSession, quiz included); the report is then made from the folder
with its HTML and CSV, as ``python -m game report`` does.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.classroom.report import run
from game.classroom.session import ClassroomSession
from game.engine.loader import load_scenario
from game.engine.story import Story
from game.paths import content_dir
from game.players import CarefulPlayer, RandomPlayer


def write_class(folder: Path, sessions: int) -> float:
    """Play ``sessions`` games into ``folder``; seconds spent per results-file write."""
    scenario = load_scenario(content_dir())
    writes = 0
    started = time.perf_counter()
    for n in range(sessions):
        session = ClassroomSession("7B", folder, scenario, nickname=f"s{n}")
        player = CarefulPlayer(seed=n) if n % 3 == 0 else RandomPlayer(seed=n)
        for phase in ("before", "after"):
            for k, item in enumerate(session.quiz_items(phase)):
                session.record_quiz(phase, item.id, 1 + (n + k) % 7, 2.0)
            if phase == "before":
                story = Story(scenario, seed=n)
                while not story.is_over and not story.is_stuck:
                    story.choose(player.pick(story))
                    session.update_from_story(story)
        session.finish(story)
        writes += session.writes
    return (time.perf_counter() - started) / max(writes, 1)


def main() -> int:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (30, 300):
            folder = Path(tmp) / f"class{size}"
            per_write = write_class(folder, size)
            started = time.perf_counter()
            code = run(str(folder), str(Path(tmp) / f"r{size}.html"),
                       str(Path(tmp) / f"r{size}.csv"), stdout=io.StringIO())
            figures[f"report_{size}_sessions_s"] = round(time.perf_counter() - started, 3)
            figures[f"report_{size}_html_kib"] = round(
                (Path(tmp) / f"r{size}.html").stat().st_size / 1024, 1)
            if size == 30:
                figures["session_write_ms"] = round(per_write * 1000, 2)
            assert code == 0
    print(json.dumps({"benchmark": "report", **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
