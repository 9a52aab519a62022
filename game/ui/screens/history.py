"""History (H): the text already read, with the choices made, scrollable."""

from __future__ import annotations

import pygame

from game.i18n import tr
from game.ui.screens import register
from game.ui.screens.page import PageScreen
from game.ui.widgets import Block, Button, Rule, Text


@register("history")
class HistoryScreen(PageScreen):
    start_at_end = True

    def heading(self) -> str:
        return tr("history.title", "What you have read")

    def content(self) -> list[Block]:
        session = self.app.session
        assert session is not None
        blocks: list[Block] = []
        for entry in session.transcript:
            kind, text = entry.get("kind", "text"), entry.get("text", "")
            if kind == "scene":
                if blocks:
                    blocks.append(Rule())
                day = entry.get("day", "")
                blocks.append(Text(f"{day} · {text}" if day else text, "heading"))
            elif kind == "choice":
                blocks.append(Text(tr("history.chose", "You chose: {choice}", choice=text),
                                   "strong", "accent", indent=1))
            else:
                blocks.append(Text(text, "body"))
        return blocks

    def footer(self) -> list[Block]:
        return [Button(tr("page.back", "Back to the desk"), self.app.close, key="H",
                       hotkeys=[pygame.K_h], style="primary"),
                Button(tr("scene.notebook", "Notebook"), lambda: self.app.replace("notebook"),
                       key="N", hotkeys=[pygame.K_n])]
