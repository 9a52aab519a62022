"""Classroom mode in the window: the nickname, and the quiz before and after.

The flow (``deconfliction-line --class 7B --results DIR``): New game → nickname → quiz before
→ the game → quiz after → the ending and debrief. Its rules (the order, the results file
written after every answer and decision, resume) live in the desk session
(:mod:`game.desk`); these screens only show where the desk is and ask what it needs, then
``app.show_game()`` shows the next stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.classroom.quiz import HIGHEST_RATING, LOWEST_RATING
from game.classroom.session import NICKNAME_MAX
from game.i18n import tr
from game.ui.screens import Screen, register
from game.ui.widgets import Block, Button, Flow, Kit, ScrollView, Spacer, Stack, Text

if TYPE_CHECKING:
    from game.desk import Desk
    from game.ui.app import App

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(LOWEST_RATING, HIGHEST_RATING + 1)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(LOWEST_RATING,
                                                                 HIGHEST_RATING + 1)})


def quiz_on(app: App) -> bool:
    desk = app.desk
    return bool(desk is not None and desk.classroom is not None and desk.classroom.quiz
                and desk.scenario.quiz)


def _desk(app: App) -> Desk:
    assert app.desk is not None
    return app.desk


def _headline_count(app: App, phase: str) -> int:
    """How many quiz items the loaded story has for ``phase`` (its own quiz, not a fixed eight)."""
    return sum(1 for item in app.scenario.quiz if item.phase == phase) if app.scenario else 0


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve")


def _number_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _headlines(n: int) -> str:
    return tr("quiz.headline", "headline") if n == 1 else tr("quiz.headlines", "headlines")


def _next_line(app: App) -> str:
    count = _headline_count(app, "before")
    if not quiz_on(app) or not count:
        return tr("nickname.next_desk", "Next: the news desk.")
    return tr("nickname.next", "Next: {count} short {headlines} to rate, then the news desk.",
              count=_number_word(count), headlines=_headlines(count))


# --- the nickname -----------------------------------------------------------------------


class TextField(Block):
    """A one-line text box: the screen feeds it typed text; it draws a caret when focused."""

    focusable = True

    def __init__(self, text: str = "", placeholder: str = "", limit: int = 40) -> None:
        super().__init__()
        self.text = text
        self.placeholder = placeholder
        self.limit = limit

    def type(self, text: str) -> None:
        self.text = (self.text + text)[: self.limit]

    def backspace(self) -> None:
        self.text = self.text[:-1]

    def measure(self, kit: Kit, width: int) -> int:
        return kit.m.line_height("heading") + 2 * kit.m.pad(0.8)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        pal = kit.pal
        box = self.frame.move(0, dy)
        radius = kit.m.sp(0.6)
        pygame.draw.rect(kit.surface, pal.sunken, box, border_radius=radius)
        focused = kit.focus is self
        pygame.draw.rect(kit.surface, pal.focus if focused else pal.button_border, box,
                         max(2, kit.m.sp(0.3)) if focused else pal.border_width,
                         border_radius=radius)
        inner = box.inflate(-2 * kit.m.pad(1.0), -2 * kit.m.pad(0.8))
        shown = self.text or self.placeholder
        color = pal.text if self.text else pal.muted
        px, face = kit.m.text_px("heading"), kit.ts.face("heading")
        while shown and kit.ts.width(shown, face, px) > inner.width - kit.m.sp(1):
            shown = shown[1:]  # keep the end in view, where the caret is
        kit.draw_lines([shown], "heading", color, inner.x, inner.y, inner)
        if focused:
            caret_x = inner.x + (kit.ts.width(shown, face, px) if self.text else 0) + 2
            pygame.draw.line(kit.surface, pal.text, (caret_x, inner.y + kit.m.pad(0.3)),
                             (caret_x, inner.bottom - kit.m.pad(0.3)), max(2, kit.m.sp(0.25)))


@register("nickname")
class NicknameScreen(Screen):
    """An optional nickname for the teacher's report; empty stays anonymous."""

    def __init__(self, app: App, **params: Any) -> None:
        super().__init__(app, **params)
        self.field = TextField(placeholder=tr("nickname.placeholder", "(optional)"),
                               limit=NICKNAME_MAX)
        # the key that opened this screen (N on the title, Y to confirm) is still down: its
        # text, and its auto-repeats while it is held, were meant for the screen before
        self.held = set(app.keys_down)
        pygame.key.start_text_input()

    def build(self) -> None:
        kit = self.app.kit
        area = self.app.area(4)
        width = min(area.width, round(kit.m.body_px * 32))
        blocks: list[Block] = [
            Text(tr("nickname.class", "Classroom session {code}",
                    code=self.app.class_code or ""), "label", "muted"),
            Text(tr("nickname.title", "Your nickname"), "title"),
            Text(tr("nickname.why", "Type a nickname if you like: it appears in your teacher's "
                    "report. Leave it empty to stay anonymous. Nothing else about you is kept."),
                 "body"),
            self.field,
            Text(_next_line(self.app), "small", "muted"),
            Spacer(0.5),
            Flow([Button(tr("nickname.start", "Start"), self._submit, key="Enter",
                         style="primary"),
                  Button(tr("nickname.back", "Back to the title"), self._back, key="Esc")],
                 gap=1.2),
        ]
        view = ScrollView(area, blocks, gap=1.0)
        view.fit(kit, area, width)
        self.views = [view]

    def default_focus(self) -> Block | None:
        return self.field

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYUP:
            self.held.discard(event.key)
        elif event.type == pygame.KEYDOWN:
            if event.key in self.held:
                return False  # a repeat of the key that opened the screen
            self.held.clear()  # a new key: typing has begun here (a lost key-up blocks nothing)
        if event.type == pygame.TEXTINPUT:
            if self.held:
                return False
            self.field.type(event.text)
            self.set_focus(self.field)
            self.invalidate()
            return True
        return super().handle(event)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if isinstance(self.focus, Button) and self.focus.label != tr("nickname.start",
                                                                          "Start"):
                return False  # Enter on "Back" goes back
            self._submit()
            return True
        if event.key == pygame.K_BACKSPACE:
            self.field.backspace()
            self.invalidate()
            return True
        # typing: printable keys arrive as TEXTINPUT; keep them from working the buttons
        return bool(event.unicode and event.unicode.isprintable()
                    and event.key not in (pygame.K_TAB,))

    def on_escape(self) -> None:
        self._back()

    def _back(self) -> None:
        pygame.key.stop_text_input()
        self.app.to_title()

    def _submit(self) -> None:
        pygame.key.stop_text_input()
        _desk(self.app).begin(self.field.text)
        self.app.after_desk()
        self.app.show_game()


# --- the quiz ---------------------------------------------------------------------------


@register("quiz")
class QuizScreen(Screen):
    """Headlines rated 1-7 for reliability, one at a time; then a word on the result."""

    def __init__(self, app: App, **params: Any) -> None:
        super().__init__(app, **params)
        over = app.session is not None and app.session.story.is_over
        self.phase = str(params.get("phase", "after" if over else "before"))
        desk = _desk(app)
        self.items = desk.quiz_items(self.phase)
        pending = desk.pending_quiz(self.phase)
        self.index = self.items.index(pending[0]) if pending else len(self.items)
        self.shown_at = time.monotonic()

    @property
    def done(self) -> bool:
        return self.index >= len(self.items)

    def build(self) -> None:
        kit = self.app.kit
        area = self.app.area(3)
        width = min(area.width, round(kit.m.body_px * 40))
        blocks = self._summary() if self.done else self._question()
        view = ScrollView(area, blocks, gap=1.1)
        view.fit(kit, area, width)
        self.views = [view]
        self.start_fresh()

    def _question(self) -> list[Block]:
        item = self.items[self.index]
        if self.phase == "before":
            heading = tr("quiz.before", "Before you start: how reliable is this?")
        else:
            heading = tr("quiz.after", "After the desk: how reliable is this?")
        # the number itself is the label (and its key): one even row, centred figures
        self.ratings = [
            Button(str(n), self._rater(n), align="center",
                   hotkeys=[k for k, v in NUMBER_KEYS.items() if v == n])
            for n in range(LOWEST_RATING, HIGHEST_RATING + 1)]
        return [
            Text(tr("quiz.progress", "Headline {n} of {total}", n=self.index + 1,
                    total=len(self.items)), "label", "muted"),
            Text(heading, "heading"),
            Stack([Text(item.headline, "title"),
                   Text(tr("quiz.source", "{source} · {date}", source=item.source,
                           date=item.date), "body", "muted")], gap=0.6, card="surface"),
            Text(tr("quiz.scale", "Rate it from 1 to 7: press a number key, or click."),
                 "body"),
            Flow(self.ratings, gap=0.8, stretch=True),
            Text(tr("quiz.scale_ends", "1 = not reliable at all · 4 = can't tell · "
                    "7 = very reliable"), "small", "muted"),
        ]

    def _summary(self) -> list[Block]:
        blocks: list[Block] = [Text(tr("quiz.done", "Thank you: that's all the headlines."),
                                    "title")]
        if self.phase == "after":
            lines = _desk(self.app).quiz_summary("after")
            blocks.append(Stack([Text(line, "body") for line in lines], gap=0.6,
                                card="surface", accent=True))
            label = tr("quiz.to_ending", "See how your desk did")
        else:
            count = _headline_count(self.app, "after")
            blocks.append(Text(tr("quiz.after_game", "You will see how you did after the game, "
                                  "with {count} more {headlines}.", count=_number_word(count),
                                  headlines=_headlines(count)) if count else
                               tr("quiz.after_game_none", "You will see how you did after the "
                                  "game."), "body"))
            label = tr("quiz.to_game", "Start at the news desk")
        blocks.append(Flow([Button(label, self._next, key="Enter", style="primary")]))
        return blocks

    def default_focus(self) -> Block | None:
        if not self.done:
            return self.ratings[3]  # the middle of the scale: no answer suggested
        return super().default_focus()

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.done and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self._next()
            return True
        return False

    def on_escape(self) -> None:
        pass  # the quiz is short; there is no menu to escape to in the middle of it

    def _rater(self, rating: int) -> Callable[[], None]:
        return lambda: self._rate(rating)

    def _rate(self, rating: int) -> None:
        item = self.items[self.index]
        _desk(self.app).record_quiz(self.phase, item.id, rating,
                                    time.monotonic() - self.shown_at)
        self.app.after_desk()
        self.index += 1
        self.shown_at = time.monotonic()
        self.focus = None
        self.invalidate()

    def _next(self) -> None:
        self.app.show_game()  # the desk has moved on: to the game, or to the ending
