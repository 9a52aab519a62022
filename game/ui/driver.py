"""Drive the window from code, as a player would: keys and mouse events posted to SDL.

Used by the tests, the screenshots and the benchmarks. Every helper posts real
pygame events and then runs one frame with ``App.step()``.
"""

from __future__ import annotations

import os
import types
from pathlib import Path

import pygame

from game.settings import Settings, save_settings
from game.ui.app import App
from game.ui.widgets import Button


def make_app(scenes: str | Path, data: str | Path, size: tuple[int, int] = (1280, 720),
             class_code: str | None = None, dev: bool = False, settings: Settings | None = None,
             load: bool = True) -> App:
    """An App (under the dummy driver when there is no display), text shown at once unless
    settings say otherwise."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    folder = Path(data)
    if settings is not None or not (folder / "settings.json").exists():
        save_settings(folder, settings or Settings(text_speed="instant", sound=False))
    args = types.SimpleNamespace(data=str(folder), dev=dev, class_code=class_code, results=None,
                                 fullscreen=False)
    app = App(args, str(scenes), size=size)
    if load:
        app.load_content()
    app.step()
    return app


def press(app: App, key: int, mod: int = 0) -> None:
    """Press and release a key, then run a frame."""
    name = pygame.key.name(key)
    text = name if len(name) == 1 else ""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text,
                                         scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text,
                                         scancode=0))
    app.step()


def click(app: App, pos: tuple[int, int]) -> None:
    """Move the mouse to ``pos``, press and release the left button, then run a frame."""
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step()


def wheel(app: App, pos: tuple[int, int], clicks: int) -> None:
    """Turn the mouse wheel over ``pos`` (negative: scroll down), then run a frame."""
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=clicks, flipped=False))
    app.step()


def buttons(app: App) -> list[Button]:
    app.top.ensure_built()
    return [b for b in app.top.focus_order() if isinstance(b, Button)]


def find_button(app: App, label: str) -> Button:
    """The top screen's button whose label starts with ``label``."""
    for button in buttons(app):
        if button.label.startswith(label):
            return button
    raise LookupError(f"no button {label!r} on {app.top.name}: "
                      f"{[b.label for b in buttons(app)]}")


def click_button(app: App, button: Button) -> None:
    """Scroll the button into sight with the wheel if need be, then click it."""
    for _ in range(200):
        app.dirty = True
        app.step(0.5)
        hit = button.hit
        if hit.width > 2 and hit.height > 2:
            click(app, hit.center)
            return
        view = next(v for v in app.top.views if v.contains(button))
        direction = -1 if button.frame.y - view.offset > view.rect.y else 1
        wheel(app, view.rect.center, direction)
        app.step(0.5)
    raise AssertionError(f"could not bring {button.label!r} into view")
