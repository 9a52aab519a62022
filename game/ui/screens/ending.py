"""The ending and the debrief: what the player's record led to, the score in words,
and every claim with what later reporting said."""

from __future__ import annotations

import pygame

from game.engine.debrief import debrief
from game.engine.scoring import score
from game.i18n import tr
from game.ui.screens import register
from game.ui.screens.front import front_blocks
from game.ui.screens.page import PageScreen, claim_blocks
from game.ui.screens.response import GradeBadge
from game.ui.widgets import Block, Button, Stack, Text
from game.wording import debrief_summary, review, score_lines


def score_blocks(page: PageScreen) -> list[Block]:
    session = page.app.session
    assert session is not None
    result = score(session.scenario, session.story.state)
    claims = [session.scenario.claims[c] for c in session.story.state.met]
    headline, *rest = score_lines(result, claims)
    blocks: list[Block] = [Text(headline, "strong"), *(Text(line, "body") for line in rest)]
    return [Stack(blocks, gap=0.8, card="surface", accent=True)]


@register("ending")
class EndingScreen(PageScreen):
    def heading(self) -> str:
        session = self.app.session
        assert session is not None
        ending = session.story.ending
        return ending.title if ending else session.story.scene.title

    def content(self) -> list[Block]:
        session = self.app.session
        assert session is not None
        story = session.story
        blocks: list[Block] = [Text(tr("ending.label", "The end · {scene}", scene=story.scene.title),
                                    "label", "muted")]
        blocks += [Text(p.text, "body") for p in story.paragraphs()]
        blocks.append(Text(tr("ending.record", "Your record"), "heading"))
        blocks += score_blocks(self)
        blocks.append(Text(tr("ending.front", "Your front pages"), "heading"))
        blocks += front_blocks(self)
        blocks.append(Text(tr("ending.next", "The debrief goes through every claim: your call, "
                              "what later reporting said, and the technique behind it."),
                           "body", "muted"))
        return blocks

    def footer(self) -> list[Block]:
        buttons: list[Block] = [
            Button(tr("ending.debrief", "Read the debrief"), lambda: self.app.open("debrief"),
                   key="D", hotkeys=[pygame.K_d], style="primary"),
            Button(tr("scene.front", "Your front page"), lambda: self.app.open("front"),
                   key="F", hotkeys=[pygame.K_f]),
            Button(tr("scene.notebook", "Notebook"), lambda: self.app.open("notebook"),
                   key="N", hotkeys=[pygame.K_n]),
            Button(tr("scene.history", "History"), lambda: self.app.open("history"), key="H",
                   hotkeys=[pygame.K_h]),
            Button(tr("ending.title_screen", "Title screen"), self.app.to_title, key="T",
                   hotkeys=[pygame.K_t]),
        ]
        session = self.app.session
        if session is not None and session.can_undo:
            buttons.append(Button(tr("scene.undo", "Undo"), self.app.undo, key="U",
                                  hotkeys=[pygame.K_u]))
        return buttons

    def on_escape(self) -> None:
        self.app.open("pause")


@register("debrief")
class DebriefScreen(PageScreen):
    def heading(self) -> str:
        return tr("debrief.title", "Debrief")

    def content(self) -> list[Block]:
        session = self.app.session
        assert session is not None
        scenario, state = session.scenario, session.story.state
        report = debrief(scenario, state)
        blocks: list[Block] = []
        summary = debrief_summary(report)
        parts: list[Block] = [Text(summary.opening, "strong")]
        for heading, items in summary.sections:
            parts.append(Text(heading, "label", "muted"))
            parts += [Text(f"• {item}", "body", indent=0.6) for item in items]
        if summary.closing:
            parts.append(Text(summary.closing, "small", "muted"))
        blocks.append(Text(tr("debrief.summary", "In short"), "heading"))
        blocks.append(Stack(parts, gap=0.55, card="surface", accent=True))
        blocks.append(Text(tr("debrief.score", "Your score"), "heading"))
        blocks += score_blocks(self)
        blocks.append(Text(tr("debrief.claims", "Claim by claim"), "heading"))
        for entry in report.entries:
            text = review(entry, report)
            parts = claim_blocks(entry.source, entry.claim)
            parts.append(Text(text.call, "body"))
            if entry.grade is not None:
                parts.append(GradeBadge(entry.grade))
            if text.why:
                parts.append(Text(text.why, "body"))
            parts.append(Text(text.outcome, "body"))
            if text.disputed:
                parts.append(Text(text.disputed, "small", "muted"))
            if text.later:
                parts.append(Text(tr("debrief.later", "Later reporting"), "label", "muted"))
                parts += [Text(line, "small", indent=1) for line in text.later]
            parts += [Text(line, "small") for line in text.techniques]
            blocks.append(Stack(parts, gap=0.55, card="surface"))
        if report.checks:
            blocks.append(Text(tr("debrief.checks", "Checks you made"), "heading"))
            for check in report.checks:
                blocks.append(Stack([Text(check.title, "strong"), Text(check.finding, "body")],
                                    gap=0.4, card="surface"))
        unmet = [c for c in scenario.claims.values() if c.id not in state.met]
        if unmet:
            blocks.append(Text(tr("debrief.unmet", "{n} other claims never reached your desk on "
                                  "this path.", n=len(unmet)), "body", "muted"))
        blocks.append(Text(tr("debrief.front", "Your front pages"), "heading"))
        blocks += front_blocks(self, newest_first=False)
        if report.lessons:
            blocks.append(Text(tr("debrief.lessons", "Techniques you met"), "heading"))
            for lesson in report.lessons:
                blocks.append(Stack([Text(lesson.title, "strong"), Text(lesson.technique, "body")],
                                    gap=0.4, card="surface"))
        return blocks

    def footer(self) -> list[Block]:
        return [
            Button(tr("debrief.back", "Back to the ending"), self.app.close, key="Esc",
                   style="primary"),
            Button(tr("ending.title_screen", "Title screen"), self.app.to_title, key="T",
                   hotkeys=[pygame.K_t]),
        ]
