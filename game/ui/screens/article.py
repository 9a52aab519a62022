"""The page itself (P): the scenario's article as the aggregator page a reader saw, with
the words behind the claims on the desk marked in their place."""

from __future__ import annotations

import pygame

from game.i18n import tr
from game.ui import icons
from game.ui.article import Part, find_quote, page_parts
from game.ui.screens import register
from game.ui.screens.page import PageScreen
from game.ui.widgets import Block, Button, MarkedText, Picture, Stack, Text

ROLES = {"headline": "title", "subhead": "heading", "caption": "small", "more": "small_bold",
         "footer": "label", "body": "body"}


@register("article")
class ArticleScreen(PageScreen):
    def heading(self) -> str:
        return tr("article.title", "The page")

    def content(self) -> list[Block]:
        session = self.app.session
        assert session is not None
        scenario = session.scenario
        quotes = [c.quote for c in session.story.claims() if c.quote]
        parts = page_parts(scenario.article_text)
        self.marked: list[Block] = []
        page: list[Block] = []
        headlines = 0
        # the photo slot goes under the headlines, with the page's caption under it (a
        # scraped page may carry the caption further down, where its text fell)
        caption = next((p for p in parts if p.kind == "caption"), None)
        pictured = False
        for part in parts:
            if part is caption:
                continue
            role = ROLES[part.kind]
            if part.kind == "headline":
                role = "title" if headlines == 0 else "heading"
                headlines += 1
            elif not pictured:
                page.append(self._photo(caption, quotes))
                pictured = True
            if part.kind == "footer":
                page.append(Stack([Text(part.text.upper(), "label", "muted")], card="sunken",
                                  pad=0.8))
                continue
            block = self._marked(part.text, quotes, role,
                                 "accent" if part.kind == "more" else "text")
            page.append(Stack([block], card="sunken", pad=0.8) if part.kind == "more" else block)
        note = (tr("article.marked", "Marked: the words behind the claim on your desk, in their "
                   "place on the page.") if self.marked else
                tr("article.unmarked", "The page as a reader saw it, top to bottom."))
        return [Text(note, "small", "muted"), Stack(page, gap=1.0, card="surface", pad=2.0)]

    def _marked(self, text: str, quotes: list[str], role: str, color: str) -> MarkedText:
        marks = [m for m in (find_quote(text, q) for q in quotes) if m is not None]
        block = MarkedText(text, marks, role, color)
        if marks:
            self.marked.append(block)
        return block

    def _photo(self, caption: Part | None, quotes: list[str]) -> Block:
        blocks: list[Block] = [Picture(icons.photo_illustration, ratio=0.55, share=0.6)]
        if caption is not None:
            blocks.append(self._marked(caption.text, quotes, "small", "muted"))
        blocks.append(Text(tr("article.photo", "The drawing is the game's: the page showed a "
                              "photograph here."), "small", "muted"))
        return Stack(blocks, gap=0.4)

    def build(self) -> None:
        super().build()
        if self.marked:  # open at the first marked words, with a little of what comes before
            kit = self.app.kit
            self.body.layout(kit)
            first = self.marked[0]
            self.body.scroll_to(kit, max(0, first.frame.top - self.body.inner(kit).top
                                         - kit.m.line_height("body") * 3), animate=False)
            self.marked = []

    def footer(self) -> list[Block]:
        return [Button(tr("page.back", "Back to the desk"), self.app.close, key="P",
                       hotkeys=[pygame.K_p], style="primary")]
