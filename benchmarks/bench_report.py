"""How long the class report takes for a class of 30, a school year of 300, and 3,000 sessions.

    python benchmarks/bench_report.py            # prints one JSON line

Sessions are played by scripted players over the real scenes/ (written through the
real ClassroomSession, quiz included); the report is then made from the folder
with its HTML and CSV, as ``deconfliction-line report`` does. The 3,000-session folder
holds the 300 played sessions ten times over, each copy with its own id and file
name (playing 3,000 games through fsynced writes would take most of an hour); its
``read_3000_s`` is reading and checking the files alone, the part that used to run
full jsonschema on every file (target: the whole report under 2 s).
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
from game.classroom.results import read_results
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


def clone(source: Path, target: Path, copies: int) -> None:
    """``copies`` copies of every session in ``source``, each with a fresh id and file name."""
    target.mkdir()
    n = 0
    for path in sorted(source.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for _ in range(copies):
            n += 1
            data["id"] = f"{n:012x}"
            (target / f"7B-{data['id']}.json").write_text(json.dumps(data, indent=1),
                                                          encoding="utf-8")


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
        big = Path(tmp) / "class3000"
        clone(Path(tmp) / "class300", big, copies=10)
        started = time.perf_counter()
        found = read_results(big)
        figures["read_3000_s"] = round(time.perf_counter() - started, 3)
        assert len(found.sessions) == 3000 and not found.warnings, found.warnings[:3]
        started = time.perf_counter()
        code = run(str(big), str(Path(tmp) / "r3000.html"), str(Path(tmp) / "r3000.csv"),
                   stdout=io.StringIO())
        figures["report_3000_sessions_s"] = round(time.perf_counter() - started, 3)
        assert code == 0
    print(json.dumps({"benchmark": "report", **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
