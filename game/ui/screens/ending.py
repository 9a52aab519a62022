"""The ending and the debrief: what the player's record led to, the score in words,
and every claim with what later reporting said."""

from __future__ import annotations

import pygame

from game.engine.debrief import call_label, debrief, judgement_label
from game.engine.scoring import score
from game.i18n import tr
from game.ui.feedback import grade_label, grade_meaning, grade_of, why_of
from game.ui.screens import register
from game.ui.screens.front import front_blocks
from game.ui.screens.page import PageScreen, claim_blocks
from game.ui.widgets import Block, Button, Stack, Text
from game.wording import score_lines


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
        blocks: list[Block] = [*score_blocks(self)]
        blocks.append(Text(tr("debrief.claims", "Claim by claim"), "heading"))
        for entry in report.entries:
            call = call_label(entry.call)
            if entry.revised is not None:
                call += " · " + tr("debrief.revised", "later changed to: {call}",
                                   call=call_label(entry.revised))
            parts = claim_blocks(entry.source, entry.claim)
            held = (tr("debrief.held", "It held up.") if entry.claim.holds_up
                    else tr("debrief.not_held", "It did not hold up."))
            grade = ""
            if entry.call is not None:
                grade = tr("debrief.grade", "{grade}. {why}", grade=grade_label(
                    grade_of(entry.claim, entry.call)), why=why_of(entry.claim, entry.call)
                    or grade_meaning(grade_of(entry.claim, entry.call)))
            parts += [
                Text(tr("debrief.your_call", "Your call: {call}", call=call), "body"),
                *([Text(tr("debrief.at_the_time", "That night: {grade}", grade=grade), "small")]
                  if grade else []),
                Text(f"{judgement_label(entry.claim.judgement)}. {held}", "strong", "accent"),
            ]
            if entry.claim.note:
                parts.append(Text(entry.claim.note, "body"))
            if entry.reports:
                parts.append(Text(tr("debrief.later", "Later reporting"), "label", "muted"))
                for later in entry.reports:
                    parts.append(Text(tr("debrief.report", "{outlet}, {date}: {text}",
                                         outlet=later.outlet, date=later.date, text=later.text),
                                      "small", indent=1))
            for lesson in entry.lessons:
                parts.append(Text(tr("debrief.technique", "Technique: {title}. {how}",
                                     title=lesson.title, how=lesson.technique), "small"))
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
