"""The hostile corpus against the class report and the window: handled, how fast, how much memory.

    python benchmarks/bench_hostile.py           # one JSON line per input, then a summary

Inputs are the crafted results files, saves and settings of ``tests/hostile.py`` (the
ones the tests pin down). Each runs in a fresh process, so its memory figure is its own:

- a results file goes into a folder beside one good session and ``report`` runs on it
  (HTML and CSV); handled = exit 0, the good session reported, exactly one warning
  naming the file;
- a save (as the autosave) or a settings file goes into a fresh data folder and the window
  starts under the dummy video driver and runs a few frames; handled = the title screen
  is up and the file was set aside.

Each line: ``handled``, ``seconds`` (handling only, after imports), ``peak_mb`` (the
process's peak resident memory) and ``extra_mb`` (peak above what it held before
handling). The bar (issue 13): every input handled, none over 2 s or 200 MB.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # only JSON lines on stdout

EXAMPLE = ROOT / "docs" / "example" / "example.yaml"
LIMIT_SECONDS = 2.0
LIMIT_MB = 200.0


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _current_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return _rss_mb()


# --- the corpus -------------------------------------------------------------------------

def good_results(folder: Path) -> Path:
    from test_classroom_scenario import build_scenario

    from game.classroom.session import ClassroomSession
    from game.engine.story import Story

    scenario = build_scenario(folder / "scenes")
    session = ClassroomSession("7B", folder / "results", scenario, nickname="Ada")
    story = Story(scenario, seed=1)
    while not story.is_over:
        story.choose(0)
        session.update_from_story(story)
    session.finish(story)
    return session.path


def good_save(folder: Path) -> dict[str, Any]:
    import pygame

    from game.desk.folders import story_folder
    from game.saves import AUTOSAVE, save_path
    from game.ui.driver import make_app, press

    app = make_app(EXAMPLE, folder)
    press(app, pygame.K_n)
    press(app, pygame.K_1)
    path = save_path(story_folder(folder, "example"), AUTOSAVE)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    pygame.quit()
    return data


def build_corpus(tmp: Path) -> list[tuple[str, str, Path]]:
    """Every input as (kind, name, file holding its bytes)."""
    from hostile import place_special_results, results_corpus, saves_corpus, settings_corpus

    good = good_results(tmp / "good")
    inputs: list[tuple[str, str, Path]] = [("results", "good-file", good)]
    store = tmp / "corpus"
    store.mkdir()
    for name, content in results_corpus(json.loads(good.read_text(encoding="utf-8"))).items():
        (store / name).write_bytes(content)
        inputs.append(("results", name, store / name))
    special = tmp / "special"
    special.mkdir()
    for name in place_special_results(special, tmp / "outside.json"):
        inputs.append(("results", name, special / name))
    save = good_save(tmp / "savedata")
    for name, content in saves_corpus(save).items():
        (store / f"save-{name}").write_bytes(content)
        inputs.append(("save", name, store / f"save-{name}"))
    for name, content in settings_corpus().items():
        (store / f"settings-{name}").write_bytes(content)
        inputs.append(("settings", name, store / f"settings-{name}"))
    return inputs


# --- one input, in its own process ------------------------------------------------------

def handle_results(name: str, source: Path, good: Path, work: Path) -> bool:
    from game.classroom.report import run

    folder = work / "results"
    folder.mkdir()
    if name != "good-file":
        (folder / good.name).write_bytes(good.read_bytes())
    target = folder / (good.name if name == "good-file" else name)
    if source.is_symlink():
        target.symlink_to(os.readlink(source))
    elif source.stat().st_size > 64 * 1024 * 1024:  # the sparse file: make it sparse again
        with open(target, "wb") as handle:
            handle.truncate(source.stat().st_size)
    else:
        target.write_bytes(source.read_bytes())
    err = io.StringIO()
    code = run(str(folder), str(work / "r.html"), str(work / "r.csv"), stdout=io.StringIO(),
               stderr=err)
    lines = err.getvalue().splitlines()
    if name == "good-file":
        return code == 0 and not lines
    return code == 0 and len(lines) == 1 and name in lines[0] and len(lines[0]) < 400


def handle_window(kind: str, source: Path, work: Path) -> bool:
    import types

    from game.desk.folders import story_folder
    from game.saves import AUTOSAVE, save_path
    from game.settings import settings_path
    from game.ui.app import App

    data = work / "data"
    data.mkdir()
    target = (save_path(story_folder(data, "example"), AUTOSAVE) if kind == "save"
              else settings_path(data))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    if kind == "save":  # quiet settings, as the tests have
        from game.settings import Settings, save_settings

        save_settings(data, Settings(text_speed="instant", sound=False))
    args = types.SimpleNamespace(data=str(data), dev=False, class_code=None, results=None,
                                 fullscreen=False)
    app = App(args, str(EXAMPLE), size=(1280, 720))
    app.load_content()
    for _ in range(5):
        app.step()
    set_aside = list(target.parent.glob(f"{target.name}.damaged-*"))
    return app.top.name == "title" and not target.exists() and len(set_aside) == 1


def one(kind: str, name: str, source: str, good: str) -> None:
    import pygame  # noqa: F401  (imported before timing, as the window has it loaded)

    import game.classroom.report
    import game.ui.app  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        before = _current_mb()
        started = time.perf_counter()
        if kind == "results":
            handled = handle_results(name, Path(source), Path(good), Path(tmp))
        else:
            handled = handle_window(kind, Path(source), Path(tmp))
        seconds = time.perf_counter() - started
    peak = _rss_mb()
    print(json.dumps({"benchmark": "hostile", "kind": kind, "input": name, "handled": handled,
                      "seconds": round(seconds, 3), "peak_mb": round(peak, 1),
                      "extra_mb": round(max(peak - before, 0.0), 1)}))


def main() -> int:
    if len(sys.argv) == 6 and sys.argv[1] == "--one":
        one(*sys.argv[2:])
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        inputs = build_corpus(Path(tmp))
        good = str(inputs[0][2])
        rows = []
        for kind, name, path in inputs:
            child = subprocess.run([sys.executable, __file__, "--one", kind, name, str(path),
                                    good], capture_output=True, text=True, timeout=120,
                                   check=False)
            line = next((x for x in child.stdout.splitlines() if x.startswith("{")), None)
            row = json.loads(line) if line else {
                "benchmark": "hostile", "kind": kind, "input": name, "handled": False,
                "error": (child.stderr.strip().splitlines() or ["no output"])[-1][:200]}
            print(json.dumps(row), flush=True)
            rows.append(row)
    within = [r for r in rows if r["handled"] and r["seconds"] <= LIMIT_SECONDS
              and r["peak_mb"] <= LIMIT_MB]
    print(json.dumps({"benchmark": "hostile", "summary": True, "inputs": len(rows),
                      "handled": sum(1 for r in rows if r["handled"]),
                      "within_limits": len(within),
                      "slowest_s": max(r.get("seconds", 0.0) for r in rows),
                      "largest_peak_mb": max(r.get("peak_mb", 0.0) for r in rows)}))
    return 0 if len(within) == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
