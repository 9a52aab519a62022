"""A full-window page of reading (notebook, history, debrief): a header, a scrolling
column of comfortable width, and buttons at the foot."""

from __future__ import annotations

import pygame

from game.engine.model import Claim, Source
from game.ui import icons
from game.ui.screens import Screen
from game.ui.widgets import Block, Flow, IconText, Quote, ScrollView, Text


class PageScreen(Screen):
    start_at_end = False

    def heading(self) -> str:
        raise NotImplementedError

    def content(self) -> list[Block]:
        raise NotImplementedError

    def footer(self) -> list[Block]:
        """Buttons under the page (always visible)."""
        return []

    def build(self) -> None:
        kit = self.app.kit
        m = kit.m
        area = self.app.area(2.5)
        width = min(area.width, max(m.body_px * 40, round(m.body_px * 46)))
        column = pygame.Rect(area.x + (area.width - width) // 2, area.y, width, area.height)
        head = ScrollView(column, [Text(self.heading(), "title")], gap=0)
        head.fit(kit, pygame.Rect(column.x, column.y, column.width, column.height // 4),
                 column.width, valign="top")
        foot_blocks = self.footer()
        views = [head]
        bottom = column.bottom
        if foot_blocks:
            foot = ScrollView(column, [Flow(foot_blocks, gap=1.2)], gap=0)
            foot.fit(kit, pygame.Rect(column.x, column.y, column.width, column.height // 3),
                     column.width, valign="top")
            foot.rect.bottom = column.bottom
            foot.layout(kit)
            bottom = foot.rect.top - m.sp(1.5)
            views.append(foot)
        top = head.rect.bottom + m.sp(1)
        body = pygame.Rect(column.x - m.sp(2), top, column.width + m.sp(2) * 2, bottom - top)
        self.body = ScrollView(body, self.content(), gap=1.2, paper="sunken", pad=2)
        self.views = [head, self.body, *views[1:]]
        if self.start_at_end:
            self.body.layout(kit)
            self.body.scroll_to(kit, self.body.max_offset(kit), animate=False)
            self.start_at_end = False

    def main_view(self) -> ScrollView | None:
        return self.body if self.views else None


def claim_blocks(source: Source, claim: Claim, heading: str | None = None) -> list[Block]:
    """A claim as every screen shows it: its source's icon and label, the claim, the quote.

    ``heading`` replaces the default "<kind> · <source name>" line.
    """
    label = heading or f"{icons.kind_label(source.kind)} · {source.name}"
    blocks: list[Block] = [IconText(source.kind, label), Text(claim.text, "strong")]
    if claim.quote:
        blocks.append(Quote(f"“{claim.quote}”"))
    return blocks
