"""The moment of a call: a short response over the desk, before the next scene, with the
call's grade when the player's setting says "tell me now" (else the grade waits for the
debrief). Enter, Space, Esc or a click goes on."""

from __future__ import annotations

import pygame

from game.engine.debrief import call_label
from game.engine.model import Grade
from game.engine.story import Feedback
from game.i18n import tr
from game.ui.feedback import GRADE_COLOURS, GRADE_MARKS
from game.ui.screens import register
from game.ui.screens.dialog import DialogScreen
from game.ui.widgets import Block, Button, Kit, Stack, Text
from game.wording import grade_label


class GradeBadge(Block):
    """The grade in a box: its mark and its words, edged in the grade's colour."""

    def __init__(self, grade: Grade) -> None:
        super().__init__()
        self.grade = grade
        self.text = f"{GRADE_MARKS[grade]}  {grade_label(grade)}"

    def measure(self, kit: Kit, width: int) -> int:
        return kit.m.line_height("heading") + 2 * kit.m.pad(0.6)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        colour = kit.color(GRADE_COLOURS[self.grade])
        px = kit.m.text_px("heading")
        width = kit.ts.width(self.text, "bold", px) + 2 * kit.m.pad(1.2)
        box = pygame.Rect(self.frame.x, self.frame.y + dy, min(width, self.frame.width),
                          self.frame.height)
        pygame.draw.rect(kit.surface, colour, box, max(2, kit.m.sp(0.4)),
                         border_radius=kit.m.sp(0.75))
        kit.draw_lines([self.text], "heading", colour, box.x + kit.m.pad(1.2),
                       box.y + kit.m.pad(0.6), box)


@register("response")
class ResponseScreen(DialogScreen):
    width_em = 30.0

    def blocks(self) -> list[Block]:
        response = self.params["response"]
        assert isinstance(response, Feedback)
        session = self.app.session
        assert session is not None
        claim = session.scenario.claims.get(response.claim)
        parts: list[Block] = [Text(tr("response.label", "Your call"), "label", "muted")]
        if claim is not None:
            parts.append(Text(claim.text, "strong"))
        parts.append(Text(call_label(response.call), "heading"))
        if self.params.get("grade", True):  # "tell me at the end": the grade waits for the debrief
            parts.append(GradeBadge(response.grade))
        parts.append(Text(response.text, "body"))
        return [Stack(parts, gap=0.7),
                Button(tr("response.on", "Go on"), self.go_on, key="Enter", style="primary")]

    def go_on(self) -> None:
        """Back to the desk; after the call that ended the game, on to what comes next."""
        self.app.close()
        then = self.params.get("then")
        if callable(then):
            then()

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.go_on()
            return True
        return False

    def on_escape(self) -> None:
        self.go_on()
