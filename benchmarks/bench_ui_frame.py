"""Steady-state frame time at 1280×720: the scene and title screens redrawn many times
with their text and layout cached, as happens when something animates. One JSON line.

    python benchmarks/bench_ui_frame.py [--frames 300]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.engine import load  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.driver import make_app  # noqa: E402


def frame_times(app: App, frames: int) -> list[float]:
    for _ in range(10):  # warm the caches
        app.dirty = True
        app.step(0.0)
    times = []
    for _ in range(frames):
        app.dirty = True
        start = time.perf_counter()
        app.step(0.0)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=300)
    args = parser.parse_args()
    scenes = ROOT / "scenes"
    story = scenes if scenes.is_dir() and not load(scenes).errors else \
        ROOT / "docs" / "example" / "example.yaml"
    with tempfile.TemporaryDirectory() as data:
        app = make_app(story, data, size=(1280, 720))
        title = frame_times(app, args.frames)
        app.new_game(seed=1)
        scene = frame_times(app, args.frames)
        app.open("notebook")
        notebook = frame_times(app, args.frames)
    print(json.dumps({
        "benchmark": "ui_frame",
        "size": "1280x720",
        "frames": args.frames,
        "scene_ms_median": round(statistics.median(scene), 3),
        "scene_ms_p95": round(sorted(scene)[int(len(scene) * 0.95)], 3),
        "title_ms_median": round(statistics.median(title), 3),
        "notebook_ms_median": round(statistics.median(notebook), 3),
        "target": "median under 2 ms",
    }))


if __name__ == "__main__":
    main()
