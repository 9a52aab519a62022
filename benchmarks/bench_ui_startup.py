"""Start-up, against a bare pygame-ce window opened the same way on the same machine: the
first drawn title frame, and "the title is usable" (the story loaded and New game enabled).
A cold run (a fresh process with no compiled bytecode and an empty parse cache) is reported
apart from warm runs (bytecode and parse cache in place, median of --runs). Then the peak
memory of a whole scripted play-through (every screen, a game played to its ending, the
debrief), beside the peak at the usable title. One JSON line.

    python benchmarks/bench_ui_startup.py [--runs 5]

Uses the display it finds (DISPLAY: an X server or Xvfb), else SDL's dummy driver; the line
says which.
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
from game.ui.driver import find_button
args = _parser().parse_args(["--data", sys.argv[2]])
app = App(args, sys.argv[3], size=(1280, 720))
app.step()
first = time.time() - float(sys.argv[1])
app.start_loading()
while not (app.scenario is not None and find_button(app, "New game").enabled):
    app.step()
    time.sleep(0.002)
app.step()
usable = time.time() - float(sys.argv[1])
import pygame, resource
print(first, usable, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      pygame.display.get_driver())
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


def run(code: str, *extra: str, pycache: str, cache: str) -> list[str]:
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONPATH": str(ROOT),
           "PYTHONPYCACHEPREFIX": pycache, "DECONFLICTION_LINE_CACHE": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode is written, as an installed game does
    if not env.get("DISPLAY"):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, repr(start), *extra], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1].split()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scenes = str(ROOT / "scenes")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # each cold run gets its own fresh bytecode folder (the standard library's too) and
        # an empty parse cache; the warm runs after it reuse them. (The operating system's
        # file cache is not emptied: that needs root.)
        pycache, cache = str(folder / "pycache-game"), str(folder / "parse-cache")
        bare_pycache = str(folder / "pycache-bare")
        bare_cold = float(run(BARE, pycache=bare_pycache, cache=cache)[0])
        cold = run(GAME, str(folder / "data-cold"), scenes, pycache=pycache, cache=cache)
        bare, first, usable, memory = [], [], [], []
        for k in range(args.runs):  # warm, interleaved so both see the same machine
            bare.append(float(run(BARE, pycache=bare_pycache, cache=cache)[0]))
            out = run(GAME, str(folder / f"data{k}"), scenes, pycache=pycache, cache=cache)
            first.append(float(out[0]))
            usable.append(float(out[1]))
            memory.append(float(out[2]))
        driver = cold[3]
        played = float(run(MEMORY, scenes, str(folder / "data-play"), pycache=pycache,
                           cache=cache)[0])
    bare_s = statistics.median(bare)
    print(json.dumps({
        "benchmark": "ui_startup",
        "driver": driver,
        "cold": "fresh process, no bytecode, empty parse cache",
        "cold_bare_window_s": round(bare_cold, 3),
        "cold_first_title_frame_s": round(float(cold[0]), 3),
        "cold_title_usable_s": round(float(cold[1]), 3),
        "warm_runs": args.runs,
        "warm_bare_window_s": round(bare_s, 3),
        "warm_first_title_frame_s": round(statistics.median(first), 3),
        "warm_title_usable_s": round(statistics.median(usable), 3),
        "warm_ratio_first_frame": round(statistics.median(first) / bare_s, 2),
        "peak_memory_mib_title_usable": round(statistics.median(memory), 1),
        "peak_memory_mib_whole_playthrough": round(played, 1),
        "target": "first frame within 1.5x a bare window; usable title within 1 s warm; "
                  "peak memory under 100 MiB",
    }))


if __name__ == "__main__":
    main()
