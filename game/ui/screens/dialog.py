"""A dialog: a card in the middle of the window, over the screen below."""

from __future__ import annotations

import pygame

from game.ui.screens import Screen
from game.ui.widgets import Block, Kit, ScrollView


class DialogScreen(Screen):
    modal = True
    width_em = 26.0  # the card's width in body text sizes (at most the window)

    def blocks(self) -> list[Block]:
        raise NotImplementedError

    def build(self) -> None:
        kit = self.app.kit
        area = self.app.area(3)
        width = min(area.width, round(kit.m.body_px * self.width_em))
        card = ScrollView(area, self.blocks(), gap=1.0, paper="surface", pad=3)
        card.fit(kit, area, width)
        self.views = [card]

    def draw(self, kit: Kit) -> None:
        self.ensure_built()
        assert kit.surface is not None
        card = self.views[0].rect
        pygame.draw.rect(kit.surface, kit.pal.border, card.inflate(2 * kit.pal.border_width,
                                                                   2 * kit.pal.border_width),
                         kit.pal.border_width, border_radius=kit.m.sp(0.75))
        super().draw(kit)
