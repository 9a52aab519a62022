"""A confirmation before anything that loses progress. Cancel is the default."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import tr
from game.ui.screens import register
from game.ui.screens.dialog import DialogScreen
from game.ui.widgets import Block, Button, Flow, Text


@register("confirm")
class ConfirmScreen(DialogScreen):
    def blocks(self) -> list[Block]:
        self.cancel = Button(tr("confirm.cancel", "Cancel"), self.app.close, key="Esc")
        return [
            Text(str(self.params.get("title", tr("confirm.title", "Are you sure?"))), "heading"),
            Text(str(self.params["message"]), "body"),
            Flow([Button(str(self.params.get("yes", tr("confirm.yes", "Yes"))), self._yes, key="Y",
                         hotkeys=[pygame.K_y], style="primary"), self.cancel], gap=1.2),
        ]

    def default_focus(self) -> Block | None:
        return self.cancel

    def _yes(self) -> None:
        action: Callable[[], None] = self.params["on_yes"]
        self.app.close()
        action()
