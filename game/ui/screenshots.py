"""Save a picture of every screen: ``python -m game.ui.screenshots OUTDIR [--scenes PATH]``.

Each screen is drawn at 1024×600 and 2560×1440 in the light theme, at 1280×720 in the
dark and high-contrast themes, and at 1024×600 with text at 200%. Runs without a
display (SDL's dummy driver) and with a throwaway data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import types
from collections.abc import Callable, Iterator
from pathlib import Path

VARIANTS = (
    ("1024x600", (1024, 600), "light", 100),
    ("2560x1440", (2560, 1440), "light", 100),
    ("1280x720-dark", (1280, 720), "dark", 100),
    ("1280x720-contrast", (1280, 720), "high_contrast", 100),
    ("1024x600-text200", (1024, 600), "light", 200),
)


def make_app(scenes: str, size: tuple[int, int], theme: str = "light", text_size: int = 100,
             data: str | None = None, dev: bool = False) -> object:
    """A window under the dummy driver, story loaded, text shown at once."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.settings import Settings, save_settings
    from game.ui.app import App

    folder = Path(data or tempfile.mkdtemp(prefix="dl-shots-"))
    save_settings(folder, Settings(theme=theme, text_size=text_size, text_speed="instant",
                                   sound=False))
    args = types.SimpleNamespace(data=str(folder), dev=dev, class_code=None, results=None,
                                 fullscreen=False)
    app = App(args, scenes, size=size)
    app.load_content()
    app.step()
    return app


def tour(app: object) -> Iterator[str]:
    """Walk through every screen, yielding each one's name when it is showing."""
    from game.ui.app import App

    assert isinstance(app, App)
    yield "title"
    if app.scenario is None:
        app.open("problems")
        yield "problems"
        return
    app.new_game(seed=1)
    yield "scene"
    app.open("pause")
    yield "pause"
    app.open("slots", mode="save")
    yield "slots-save"
    app.close()
    app.close()
    app.open("settings")
    yield "settings"
    app.close()
    app.open("confirm", message="Load Slot 1? The game in progress will be replaced.",
             yes="Load it", on_yes=lambda: None)
    yield "confirm"
    app.close()
    session = app.session
    assert session is not None
    steps = 0
    answered = page_shown = False
    while not session.story.is_over and steps < 400:  # first available option, always
        if not page_shown and session.story.claims():
            app.open("article")
            yield "article"
            app.close()
            page_shown = True
        option = next(o for o in session.story.choices() if o.available)
        app.choose(option.index)
        steps += 1
        feedback = session.story.feedback()
        if feedback is not None and not answered:
            app.open("response", response=feedback)
            yield "response"
            app.close()
            app.open("front")
            yield "front"
            app.close()
            answered = True
        if steps == 2 and not session.story.is_over:
            yield "scene-later"
            app.open("notebook")
            yield "notebook"
            app.close()
            app.open("history")
            yield "history"
            app.close()
    app.open("slots", mode="load")
    yield "slots-load"
    app.close()
    if session.story.is_over:
        app.show_game()  # past the last call's response, if it had one
        yield "ending"
        app.open("debrief")
        yield "debrief"


def capture(scenes: str, out: Path, names: Callable[[str], bool] = lambda n: True) -> list[Path]:
    import pygame

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for label, size, theme, text_size in VARIANTS:
        app = make_app(scenes, size, theme, text_size)
        for name in tour(app):
            if not names(name):
                continue
            app.dirty = True  # type: ignore[attr-defined]
            app.step()  # type: ignore[attr-defined]
            path = out / f"{name}-{label}.png"
            pygame.image.save(app.surface, path)  # type: ignore[attr-defined]
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.ui.screenshots")
    parser.add_argument("outdir")
    parser.add_argument("--scenes", default=None, help="scenario (default: scenes/, else the "
                        "example in docs/example)")
    parser.add_argument("--only", default=None, help="only screens whose name contains this")
    args = parser.parse_args(argv)
    from game.paths import PROJECT_ROOT, content_dir

    scenes = args.scenes
    if scenes is None:
        from game.engine import load

        scenes = str(content_dir())
        if load(scenes).errors:
            scenes = str(PROJECT_ROOT / "docs" / "example" / "example.yaml")
    only = args.only
    paths = capture(scenes, Path(args.outdir), (lambda n: only in n) if only else (lambda n: True))
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
