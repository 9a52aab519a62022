"""The notebook (N): every claim met so far, its source, the player's call, and what
the player has verified."""

from __future__ import annotations

import pygame

from game.engine.debrief import checks_done
from game.i18n import tr
from game.ui.screens import register
from game.ui.screens.page import PageScreen, claim_blocks
from game.ui.widgets import Block, Button, Stack, Text
from game.wording import notebook


@register("notebook")
class NotebookScreen(PageScreen):
    def heading(self) -> str:
        return tr("notebook.title", "Notebook")

    def content(self) -> list[Block]:
        session = self.app.session
        assert session is not None
        scenario, state = session.scenario, session.story.state
        blocks: list[Block] = []
        entries = notebook(scenario, state)
        blocks.append(Text(tr("notebook.claims", "Claims you have met ({n})", n=len(entries)),
                           "label", "muted"))
        if not entries:
            blocks.append(Text(tr("notebook.none", "No claims yet. They appear here as they "
                                  "reach your desk."), "body", "muted"))
        for entry in entries:
            parts = claim_blocks(entry.source, entry.claim)
            parts.append(Text(tr("notebook.call", "Your call: {call}", call=entry.call), "small"))
            if entry.checks:
                for check in entry.checks:
                    parts.append(Text(tr("notebook.check", "Verified: {title}. {finding}",
                                         title=check.title, finding=check.finding), "small"))
            else:
                parts.append(Text(tr("notebook.unchecked", "Not verified."), "small", "muted"))
            blocks.append(Stack(parts, gap=0.5, card="surface"))
        done = checks_done(scenario, state)
        blocks.append(Text(tr("notebook.checks", "Checks you have made ({n})", n=len(done)),
                           "label", "muted"))
        if not done:
            blocks.append(Text(tr("notebook.no_checks", "None yet. Checking costs time, and "
                                  "tells you who is behind a claim and whether others confirm "
                                  "it."), "body", "muted"))
        for check in done:
            blocks.append(Stack([Text(check.title, "strong"), Text(check.finding, "body")],
                                gap=0.4, card="surface"))
        return blocks

    def footer(self) -> list[Block]:
        return [Button(tr("page.back", "Back to the desk"), self.app.close, key="N",
                       hotkeys=[pygame.K_n], style="primary"),
                Button(tr("scene.history", "History"), lambda: self.app.replace("history"),
                       key="H", hotkeys=[pygame.K_h])]
