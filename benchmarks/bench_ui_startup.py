"""Cold start: from launching Python to the first drawn title frame, against a bare
pygame-ce window opened the same way on the same machine; and the game's peak memory
after playing through every screen. Each is run in fresh subprocesses (median of 5).
One JSON line.

    python benchmarks/bench_ui_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
import pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
screen.fill((236, 233, 226))
pygame.display.flip()
print(time.time() - float(sys.argv[1]))
"""

GAME = """
import sys, time
from game.cli import _parser
from game.ui.app import App
args = _parser().parse_args(["--data", sys.argv[2]])
app = App(args, sys.argv[3], size=(1280, 720))
app.step()
print(time.time() - float(sys.argv[1]))
"""

MEMORY = """
import resource, sys
from game.ui.screenshots import make_app, tour
app = make_app(sys.argv[2], (1280, 720), data=sys.argv[3])
names = []
for name in tour(app):
    names.append(name)
    app.dirty = True
    app.step()
assert "debrief" in names, names
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def timed(code: str, *extra: str) -> float:
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONPATH": str(ROOT)}
    # as an installed game runs: compiled modules cached (the warm-up run writes them)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY"):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, repr(start), *extra], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scenes = str(ROOT / "scenes")
    bare, game = [], []
    with tempfile.TemporaryDirectory() as data:
        timed(BARE)  # warm the file cache for both, and write the game's bytecode
        timed(GAME, data, scenes)
        for _ in range(args.runs):  # interleaved, so both see the same machine
            bare.append(timed(BARE))
            game.append(timed(GAME, data, scenes))
        memory = timed(MEMORY, scenes, data)  # prints MiB, not seconds
    bare_s, game_s = statistics.median(bare), statistics.median(game)
    print(json.dumps({
        "benchmark": "ui_startup",
        "bare_window_s": round(bare_s, 3),
        "first_title_frame_s": round(game_s, 3),
        "ratio": round(game_s / bare_s, 2),
        "peak_memory_mib": round(memory, 1),
        "target": "ratio within 1.5; peak memory under 100 MiB",
    }))


if __name__ == "__main__":
    main()
