"""Screens: one small module each, found by name through a registry.

The screen interface
--------------------
A screen is a subclass of :class:`Screen` registered under a name::

    @register("nickname")
    class NicknameScreen(Screen):
        modal = False                      # True: drawn over the screen below (a dialog)

        def build(self) -> None:           # make self.views from self.app.kit (size, theme)
            area = self.app.area()
            self.views = [ScrollView(area, [Text("Your nickname"), Button(...)])]

        def on_key(self, event) -> bool:   # optional: keys of its own; True if used
            ...

Add the module's name to ``SCREEN_MODULES`` below (or the screen to ``MODULE_OF`` when
it shares a module); the app imports it the first time
the screen is opened with ``app.open("nickname", **params)`` (pushed on top),
``app.replace(...)`` (instead of the top one) or ``app.reset(...)`` (alone).
``app.close()`` pops it. Parameters arrive as keyword arguments in ``__init__``.

The base class gives every screen: keyboard focus (Tab, arrows, Enter, Space), the
hotkeys of its buttons, mouse hover and clicks, wheel and Page Up/Down scrolling,
Esc (``on_escape``, by default ``close``) and drawing. ``build`` runs again whenever
the window size or the settings change, or after ``invalidate()``.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import pygame

from game.ui.widgets import Block, Button, Kit, ScrollView

if TYPE_CHECKING:
    from game.ui.app import App

SCREEN_MODULES = ("title", "scene", "notebook", "history", "ending", "pause", "slots",
                  "settings", "confirm", "problems", "response", "article", "front")
MODULE_OF = {"debrief": "ending",  # screens that share a module with another
             "nickname": "classroom", "quiz": "classroom"}

_registry: dict[str, type[Screen]] = {}


def register(name: str) -> Callable[[type[Screen]], type[Screen]]:
    def add(cls: type[Screen]) -> type[Screen]:
        cls.name = name
        _registry[name] = cls
        return cls
    return add


def screen_class(name: str) -> type[Screen]:
    if name not in _registry:
        module = MODULE_OF.get(name, name)
        importlib.import_module(f"game.ui.screens.{module}")
    return _registry[name]


NEXT_KEYS = (pygame.K_TAB, pygame.K_DOWN, pygame.K_RIGHT)
PREVIOUS_KEYS = (pygame.K_UP, pygame.K_LEFT)
PRESS_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class Screen:
    """A full window (or a dialog over one): builds views of blocks and answers input."""

    name: ClassVar[str] = ""
    modal: ClassVar[bool] = False

    def __init__(self, app: App, **params: Any) -> None:
        self.app = app
        self.params = params
        self.views: list[ScrollView] = []
        self.focus: Block | None = None
        self._built = False
        self._fresh = False
        self.pressed: Button | None = None

    # --- for subclasses ------------------------------------------------------------------

    def build(self) -> None:
        raise NotImplementedError

    def on_key(self, event: pygame.event.Event) -> bool:
        return False

    def on_escape(self) -> None:
        self.app.close()

    def update(self, dt: float) -> bool:
        """Advance animations by dt seconds; True while something still moves."""
        moving = False
        for view in self.views:
            if self.app.settings.reduced_motion:
                view.offset = view.target
            elif view.animate(dt):
                moving = True
        return moving

    def default_focus(self) -> Block | None:
        order = self.focus_order()
        enabled = [b for b in order if getattr(b, "enabled", True)]
        candidates = enabled or order
        return candidates[0] if candidates else None

    def focus_order(self) -> list[Block]:
        return [f for view in self.views for f in view.focusables()]

    def changed_region(self) -> pygame.Rect | None:
        """While only a small part moves (text typing), the part of the window to redraw;
        None redraws the whole window."""
        return None

    def main_view(self) -> ScrollView | None:
        """The view Page Up/Down and Home/End scroll."""
        return max(self.views, key=lambda v: v.rect.height, default=None)

    # --- machinery -----------------------------------------------------------------------

    def start_fresh(self) -> None:
        """Called from build: scroll to the top and focus the default, not where we were."""
        self._fresh = True

    def invalidate(self) -> None:
        self._built = False
        self.app.dirty = True

    def ensure_built(self) -> None:
        if self._built:
            return
        offsets = [v.target for v in self.views]
        focus_index = self._focus_index()
        self.views = []
        self._fresh = False
        self.build()
        kit = self.app.kit
        for view in self.views:
            view.layout(kit)
        if self._fresh:
            offsets, focus_index, self.focus = [], None, None
        if len(offsets) == len(self.views):  # rebuilt in place: keep where the reader was
            for view, offset in zip(self.views, offsets, strict=True):
                view.scroll_to(kit, offset, animate=False)
        order = self.focus_order()
        if focus_index is not None and 0 <= focus_index < len(order):
            self.focus = order[focus_index]
        elif self.focus is None or all(b is not self.focus for b in order):
            self.focus = self.default_focus()
        self._built = True

    def _focus_index(self) -> int | None:
        if self.focus is None:
            return None
        for k, block in enumerate(self.focus_order()):
            if block is self.focus:
                return k
        return None

    def set_focus(self, block: Block | None, animate: bool = True) -> None:
        self.focus = block
        if block is not None:
            for view in self.views:
                if view.contains(block):
                    view.show(self.app.kit, block, animate and not self.app.settings.reduced_motion)
        self.app.dirty = True

    def move_focus(self, step: int) -> None:
        order = self.focus_order()
        if not order:
            view = self.main_view()
            if view is not None:
                view.scroll_by(self.app.kit, step * self.app.kit.m.line_height("body") * 3)
                self.app.dirty = True
            return
        index = self._focus_index()
        if index is None:
            index = -1 if step > 0 else 0
        self.set_focus(order[(index + step) % len(order)])

    def view_at(self, pos: tuple[int, int]) -> ScrollView | None:
        for view in reversed(self.views):
            if view.rect.collidepoint(pos):
                return view
        return None

    def button_at(self, pos: tuple[int, int]) -> Button | None:
        for view in self.views:
            for block in view.focusables():
                if isinstance(block, Button) and block.hit.collidepoint(pos):
                    return block
        return None

    def handle(self, event: pygame.event.Event) -> bool:
        """Answer one event; True when the screen needs drawing again."""
        self.ensure_built()
        kit = self.app.kit
        if event.type == pygame.KEYDOWN:
            self.app.kit.show_focus = True
            if self.on_key(event):
                return True
            for block in self.focus_order():
                if isinstance(block, Button) and event.key in block.hotkeys and block.enabled:
                    self.set_focus(block)
                    self.app.press(block)
                    return True
            if event.key == pygame.K_ESCAPE:
                self.on_escape()
                return True
            if event.key in PRESS_KEYS:
                if isinstance(self.focus, Button):
                    self.app.press(self.focus)
                return True
            shift = bool(event.mod & pygame.KMOD_SHIFT)
            if event.key in NEXT_KEYS:
                self.move_focus(-1 if (event.key == pygame.K_TAB and shift) else 1)
                return True
            if event.key in PREVIOUS_KEYS:
                self.move_focus(-1)
                return True
            view = self.main_view()
            if view is not None:
                page = max(1, view.inner(kit).height - kit.m.line_height("body") * 2)
                moves = {pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page,
                         pygame.K_END: 10**9, pygame.K_HOME: -(10**9)}
                if event.key in moves:
                    view.scroll_by(kit, moves[event.key], not self.app.settings.reduced_motion)
                    return True
            return False
        if event.type == pygame.MOUSEMOTION:
            hover = self.button_at(event.pos)
            if hover is not kit.hover:
                kit.hover = hover
                with contextlib.suppress(pygame.error):  # no system cursors on a dummy display
                    pygame.mouse.set_cursor(pygame.SYSTEM_CURSOR_HAND if hover and hover.enabled
                                            else pygame.SYSTEM_CURSOR_ARROW)
                return True
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.pressed = self.button_at(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            target = self.button_at(event.pos)
            pressed, self.pressed = self.pressed, None
            if target is not None and target is pressed and target.enabled:
                self.focus = target
                self.app.kit.show_focus = False
                self.app.press(target)
                return True
            return False
        if event.type == pygame.MOUSEWHEEL:
            view = self.view_at(self.app.mouse_pos) or self.main_view()
            if view is not None:
                view.scroll_by(kit, -event.y * kit.m.line_height("body") * 3,
                               not self.app.settings.reduced_motion)
                return True
        return False

    def draw(self, kit: Kit) -> None:
        self.ensure_built()
        for view in self.views:
            view.draw(kit)
