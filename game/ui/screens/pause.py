"""The pause menu (Esc): resume, save, load, settings, title."""

from __future__ import annotations

import pygame

from game.i18n import tr
from game.ui.screens import register
from game.ui.screens.dialog import DialogScreen
from game.ui.widgets import Block, Button, Stack, Text


@register("pause")
class PauseScreen(DialogScreen):
    width_em = 22.0

    def blocks(self) -> list[Block]:
        app = self.app
        autosaved = tr("pause.autosaved", "Your game is saved automatically at every decision.")
        return [
            Text(tr("pause.title", "Paused"), "title"),
            Text(autosaved, "small", "muted"),
            Stack([
                Button(tr("pause.resume", "Resume"), app.close, key="Esc", style="primary"),
                Button(tr("pause.save", "Save to a slot"), lambda: app.open("slots", mode="save"),
                       key="S", hotkeys=[pygame.K_s]),
                Button(tr("pause.load", "Load a saved game"),
                       lambda: app.open("slots", mode="load"), key="L", hotkeys=[pygame.K_l]),
                Button(tr("pause.settings", "Settings"), lambda: app.open("settings"), key="O",
                       hotkeys=[pygame.K_o]),
                Button(tr("pause.title_screen", "Title screen"), app.to_title, key="T",
                       hotkeys=[pygame.K_t]),
                Button(tr("pause.quit", "Quit the game"), app.quit, key="Q", hotkeys=[pygame.K_q]),
            ], gap=0.8),
        ]
