"""Your front page (F): what you have run tonight and this week, night by night, with what
you held, what you spiked, and correction stamps. The ending and the debrief show it too."""

from __future__ import annotations

import pygame

from game.engine.model import Call
from game.i18n import tr
from game.ui.frontpage import Line, Night, front_pages
from game.ui.screens import Screen, register
from game.ui.screens.page import PageScreen
from game.ui.widgets import Block, Button, Rule, Stack, Text


def front_blocks(screen: Screen, newest_first: bool = True) -> list[Block]:
    """Every night's front page so far as cards (the newest first)."""
    session = screen.app.session
    assert session is not None
    nights = front_pages(session.scenario, session.story.state)
    if not nights:
        return [Text(tr("front.none", "Nothing has gone to press yet. Each call you make "
                        "appears here."), "body", "muted")]
    ordered = list(reversed(nights)) if newest_first else nights
    return [_night_card(screen, night) for night in ordered]


def _night_card(screen: Screen, night: Night) -> Block:
    session = screen.app.session
    assert session is not None
    scenario = session.scenario
    parts: list[Block] = [Text(f"{scenario.title.upper()} · {night.day}" if night.day else
                               scenario.title.upper(), "label", "muted"), Rule()]
    ran = list(night.ran)
    if night.headline:
        parts.append(Text(_capital(night.headline), "title"))
    elif ran:  # no headline chosen: the first line run leads the page
        parts.append(_line(screen, ran.pop(0), "title"))
    parts += [_line(screen, line) for line in ran]
    if night.held or night.spiked:
        parts.append(Rule())
    for tag, lines in ((tr("front.held", "HELD"), night.held),
                       (tr("front.spiked", "SPIKED"), night.spiked)):
        for line in lines:
            parts.append(Stack([Text(tag, "label", "warning"),
                                Text(_capital(line.words), "small", "muted")], gap=0.1))
    return Stack(parts, gap=0.6, card="sunken", pad=1.6)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _line(screen: Screen, line: Line, role: str = "body") -> Block:
    session = screen.app.session
    assert session is not None
    claim = session.scenario.claims[line.claim]
    source = session.scenario.sources[claim.source].name
    how = (tr("front.as_fact", "As fact") if line.call is Call.FACT
           else tr("front.attributed", "Attributed to {source}", source=source))
    blocks: list[Block] = [Text(_capital(line.words), role), Text(how, "small", "muted")]
    if line.corrected is not None:
        blocks.insert(0, Text(tr("front.corrected", "CORRECTED · later {call}",
                                 call=_later(line.corrected)), "label", "warning"))
    return Stack(blocks, gap=0.2)


def _later(call: Call) -> str:
    return {Call.FACT: tr("front.later_fact", "run as fact"),
            Call.ATTRIBUTED: tr("front.later_attributed", "run attributed"),
            Call.HOLD: tr("front.later_hold", "held"),
            Call.REJECT: tr("front.later_reject", "spiked")}[call]


@register("front")
class FrontScreen(PageScreen):
    def heading(self) -> str:
        return tr("front.title", "Your front page")

    def content(self) -> list[Block]:
        return front_blocks(self)

    def footer(self) -> list[Block]:
        return [Button(tr("page.back", "Back to the desk"), self.app.close, key="F",
                       hotkeys=[pygame.K_f], style="primary")]
