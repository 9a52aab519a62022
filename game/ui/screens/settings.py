"""Settings: text size, theme, text speed, feedback, reduced motion, sound, projector,
fullscreen.

Every change applies at once and is saved; Left and Right change the focused setting.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import tr
from game.settings import (
    FEEDBACK_TIMES,
    TEXT_SIZE_MAX,
    TEXT_SIZE_MIN,
    TEXT_SIZE_STEP,
    TEXT_SPEEDS,
    THEMES,
)
from game.ui.screens import register
from game.ui.screens.page import PageScreen
from game.ui.widgets import Block, Button, Text

THEME_NAMES = {"light": "Light", "dark": "Dark", "high_contrast": "High contrast"}
FEEDBACK_NAMES = {"now": "Tell me now", "end": "Tell me at the end"}  # the grade of a call
SPEED_NAMES = {"slow": "Slow", "normal": "Normal", "fast": "Fast", "instant": "Instant"}


def _on_off(value: bool) -> str:
    return tr("settings.on", "On") if value else tr("settings.off", "Off")


@register("settings")
class SettingsScreen(PageScreen):
    def heading(self) -> str:
        return tr("settings.title", "Settings")

    def content(self) -> list[Block]:
        s = self.app.settings
        self.adjust: dict[int, Callable[[int], None]] = {}
        rows: list[Block] = [
            self._row(tr("settings.text_size", "Text size: {n}%", n=s.text_size),
                      tr("settings.text_size_help", "From {lo}% to {hi}%. Left and Right, or "
                         "- and +, change it.", lo=TEXT_SIZE_MIN, hi=TEXT_SIZE_MAX),
                      self._text_size),
            self._row(tr("settings.theme", "Theme: {name}", name=tr(
                          f"settings.theme.{s.theme}", THEME_NAMES[s.theme])),
                      tr("settings.theme_help", "Light, dark, or high contrast."),
                      self._cycle("theme", THEMES)),
            self._row(tr("settings.speed", "Text speed: {name}", name=tr(
                          f"settings.speed.{s.text_speed}", SPEED_NAMES[s.text_speed])),
                      tr("settings.speed_help", "How fast new text appears; Instant shows it "
                         "all at once."), self._cycle("text_speed", TEXT_SPEEDS)),
            self._row(tr("settings.feedback", "Grade of each call: {name}", name=tr(
                          f"settings.feedback.{s.feedback}", FEEDBACK_NAMES[s.feedback])),
                      tr("settings.feedback_help", "Each call gets a short response. Tell me "
                         "now: with its grade. Tell me at the end: the grades wait for the "
                         "debrief."),
                      self._cycle("feedback", FEEDBACK_TIMES)),
            self._row(tr("settings.motion", "Reduced motion: {v}", v=_on_off(s.reduced_motion)),
                      tr("settings.motion_help", "No smooth scrolling or other movement."),
                      self._toggle("reduced_motion")),
            self._row(tr("settings.sound", "Sound: {v}", v=_on_off(s.sound)),
                      tr("settings.sound_help", "Soft clicks, page turns and chimes."),
                      self._toggle("sound")),
            self._row(tr("settings.projector", "Projector mode: {v}", v=_on_off(s.projector)),
                      tr("settings.projector_help", "Everything larger, to read from the back "
                         "of a classroom."), self._toggle("projector")),
            self._row(tr("settings.fullscreen", "Fullscreen: {v}", v=_on_off(s.fullscreen)),
                      tr("settings.fullscreen_help", "F11 switches at any time."),
                      self._toggle("fullscreen")),
        ]
        note = Text(tr("settings.saved_note", "Settings are saved as you change them."),
                    "small", "muted")
        return [*rows, note]

    def footer(self) -> list[Block]:
        return [Button(tr("page.done", "Done"), self.app.close, key="Esc", style="primary")]

    def _row(self, label: str, help_text: str, change: Callable[[int], None]) -> Block:
        button = Button(label, lambda: change(1), detail=help_text)
        self.adjust[id(button)] = change
        return button

    def _text_size(self, step: int) -> None:
        s = self.app.settings
        size = max(TEXT_SIZE_MIN, min(TEXT_SIZE_MAX, s.text_size + step * TEXT_SIZE_STEP))
        if size != s.text_size:  # both ends stop: no wrapping round from largest to smallest
            self.app.apply_settings(s.with_changes(text_size=size))

    def _cycle(self, name: str, values: tuple[str, ...]) -> Callable[[int], None]:
        def change(step: int) -> None:
            current = getattr(self.app.settings, name)
            index = (values.index(current) + step) % len(values)
            self.app.apply_settings(self.app.settings.with_changes(**{name: values[index]}))
        return change

    def _toggle(self, name: str) -> Callable[[int], None]:
        def change(step: int) -> None:
            value = not getattr(self.app.settings, name)
            self.app.apply_settings(self.app.settings.with_changes(**{name: value}))
        return change

    def on_key(self, event: pygame.event.Event) -> bool:
        step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(event.key, 0)
        change = self.adjust.get(id(self.focus)) if self.focus is not None else None
        if step and change is not None:
            change(step)
            return True
        if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self._text_size(-1)
            return True
        if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self._text_size(1)
            return True
        return False
