"""The scene: the day, the deadline and the time left; the text; what is on the desk;
and the choices, each with its number key, its cost, or the reason it is unavailable."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Story
from game.engine.debrief import action_label, call_label
from game.engine.model import Call, Claim, Scenario
from game.i18n import tr
from game.ui import icons
from game.ui.screens import Screen, register
from game.ui.screens.page import claim_blocks
from game.ui.widgets import (
    Block,
    Button,
    Chip,
    Flow,
    Kit,
    Quote,
    ScrollView,
    Stack,
    Text,
)
from game.wording import checks_near

SPEEDS = {"slow": 35.0, "normal": 70.0, "fast": 160.0}  # characters a second
DECISION_SHARE = 0.62  # the most of the column the decision panel takes before it scrolls
NUMBER_KEYS = [(pygame.K_1 + k, pygame.K_KP1 + k) for k in range(9)]


# The top bar's densities, tried in turn until it fits on one row: full labels; one-line
# chips; short labels; chips without their labels; buttons as their keys alone (the key
# is the button's name: P, F, N, H, U, Esc), with the full label kept for screen readers.
BAR_LEVELS = (0, 1, 2, 3, 4, 5)


def status_bar(screen: Screen, extra: list[Block], level: int = 0) -> Flow:
    """Day, deadline and time left, then the screen's own buttons."""
    session = screen.app.session
    assert session is not None
    story = session.story
    scene = story.scene
    compact = level >= 1
    bare = level >= 3  # values alone: the day and the hours explain themselves

    def chip(label: str, value: str, **more: object) -> Chip:
        return Chip("" if bare else label, value, compact=compact, **more)  # type: ignore[arg-type]

    chips: list[Block] = []
    if scene.day:
        chips.append(chip(tr("status.day", "Day"), short_day(scene.day, level)))
    if scene.deadline:
        chips.append(chip(tr("status.deadline", "Deadline"), scene.deadline))
    total = night_budget(story)
    chips.append(chip(tr("status.time", "Time left"),
                      tr("status.hours", "{n} h of {total}", n=story.time, total=total),
                      meter=(story.time, total), warn=story.time <= max(1, total // 5)))
    return Flow(chips + extra, gap=0.6 if compact else 1.0)


def short_day(day: str, level: int) -> str:
    """The day for a crowded bar: without a trailing year at level 4, its first word at 5."""
    words = day.split()
    if level >= 5 and len(words) > 1:
        return words[0]
    if level >= 4 and len(words) > 1 and words[-1].isdigit() and len(words[-1]) == 4:
        return " ".join(words[:-1])
    return day


def night_budget(story: Story) -> int:
    """The hours the current night started with.

    A night starts where a scene's own effects set ``time`` (``effects: ["time = 2"]``),
    or at the start of the story. Its budget is the time the player had on entering that
    scene: the first choice made there tells it (time after the choice plus its cost), or
    the time now if nothing has been chosen there yet. A side trip's "back" returns to a
    scene without entering it again, so it starts nothing.
    """
    scenario = story.scenario
    state = story.state
    moments: list[tuple[str, int, bool]] = []  # (scene, hours on arrival or before choosing, entered)
    entered = True
    for step in state.history:
        scene = scenario.scenes.get(step.scene)
        choice = next((c for c in scene.choices if c.id == step.choice), None) if scene else None
        moments.append((step.scene, step.time_left + (choice.cost if choice else 0), entered))
        entered = not (choice is not None and choice.back)
    moments.append((state.scene, story.time, entered))
    budget = moments[0][1]
    for scene_id, hours, arrived in moments:
        scene = scenario.scenes.get(scene_id)
        if arrived and scene is not None and any(e.target == "time" for e in scene.effects):
            budget = hours
    return max(budget, story.time)


@register("scene")
class SceneScreen(Screen):
    def __init__(self, app: object, **params: object) -> None:
        super().__init__(app, **params)  # type: ignore[arg-type]
        self.revealed = 0.0
        self.total_chars = 0
        session = self.app.session
        self._typing = bool(session and session.fresh_scene
                            and self.app.settings.text_speed != "instant")
        self._seen_scene: tuple[str, int] | None = None
        self.opened_cards: set[str] = set()
        self.bar_level = 0

    def build(self) -> None:
        app = self.app
        kit = app.kit
        session = app.session
        assert session is not None
        story = session.story
        scene = story.scene
        key = (scene.id, len(story.state.history))
        if key != self._seen_scene:  # a new scene (or the same one again after a choice)
            self._seen_scene = key
            self.revealed = 0.0
            self._typing = session.fresh_scene and app.settings.text_speed != "instant"
            session.fresh_scene = False
            self.start_fresh()
        m = kit.m
        area = app.area(2.5)

        bar = self._status(area)
        top = bar.rect.bottom + m.sp(1.5)
        body = pygame.Rect(area.x, top, area.width, area.bottom - top)

        reading = self._reading_blocks()
        cards = self._source_cards()
        claims = self._claim_cards(with_quotes=True)
        two_columns = body.width >= m.body_px * 52 and bool(cards or claims)
        if two_columns:  # the claims being judged head the desk column, the cards below
            right_w = max(m.body_px * 17, round(body.width * 0.36))
            column = pygame.Rect(body.x, body.y, body.width - right_w - m.sp(3), body.height)
            right = pygame.Rect(column.right + m.sp(3), body.y, right_w, body.height)
            self.desk = ScrollView(right, [*claims, Text(tr("desk.heading", "On the desk"),
                                                         "label", "muted"), *cards], gap=1.0)
            side = [self.desk]
            self.decision = self._decision_panel(column, reading, [])
        else:
            column = body
            if not (cards or claims):  # nothing on the desk: one column of comfortable width
                width = min(body.width, m.body_px * 44)
                column = pygame.Rect(body.x + (body.width - width) // 2, body.y, width,
                                     body.height)
            reading = reading + cards
            side = []
            # the decision (the claim being judged and every choice) sits in its own panel at
            # the foot of the column, so scrolling the text never takes it out of sight
            self.decision = self._decision_panel(column, reading, claims)
            if self.decision.max_offset(kit) > 0 and any(c.quote for c in story.claims()):
                self.decision = self._decision_panel(column, reading,
                                                     self._claim_cards(with_quotes=False))
                reading += self._quotes()
            self.desk = self.decision
        text_rect = pygame.Rect(column.x, column.y, column.width,
                                self.decision.rect.top - m.sp(1.2) - column.y)
        self.reading = ScrollView(text_rect, reading, gap=1.2, paper="sunken", pad=2)
        self.views = [bar, self.reading, self.decision, *side]
        self.total_chars = sum(len(b.text) + 1 for b in reading if isinstance(b, Text) and b.reveal)

    def _decision_panel(self, column: pygame.Rect, reading: list[Block],
                        claims: list[Block]) -> ScrollView:
        """The claims (when not on the desk column) and the choices, at the column's foot:
        as tall as they need when the text leaves room, else DECISION_SHARE of the column,
        scrolling (and saying so) beyond that."""
        kit = self.app.kit
        m = kit.m
        text = ScrollView(column, reading, gap=1.2, pad=2)
        text.layout(kit)
        least_text = m.line_height("title") + 2 * m.line_height("body") + 2 * m.sp(2)
        room = column.height - m.sp(1.2) - min(text.content_height + 2 * m.sp(2), least_text)
        most = max(min(room, round(column.height * DECISION_SHARE)),
                   column.height - m.sp(1.2) - text.content_height - 2 * m.sp(2))
        most = min(most, room)
        panel = ScrollView(column, [*claims, *self._choice_blocks()], gap=0.6, paper="sunken",
                           pad=1.1)
        panel.fit(kit, pygame.Rect(column.x, column.bottom - most, column.width, most),
                  column.width, valign="top")
        panel.rect.bottom = column.bottom
        panel.layout(kit)
        if panel.max_offset(kit) > 0:  # keep a strip under it to say more choices are below
            panel.rect.height -= self._notice_height()
            panel.rect.bottom = column.bottom - self._notice_height()
            panel.layout(kit)
        return panel

    def _notice_height(self) -> int:
        m = self.app.kit.m
        return m.line_height("small_bold") + m.pad(0.6) + m.sp(0.5)

    @property
    def decision_hidden(self) -> bool:
        """Part of the decision is scrolled out of its panel (the panel says so)."""
        return bool(self.views) and self.decision.max_offset(self.app.kit) > 0

    def _status(self, area: pygame.Rect) -> ScrollView:
        """The top bar at the first density that fits on one row."""
        kit = self.app.kit
        for level in BAR_LEVELS:
            flow = status_bar(self, self._tools(level), level)
            inner = area.width - 2 * kit.m.sp(0.75) - kit.m.sp(1.75)
            if flow.row_count(kit, inner) == 1:
                break
        bar = ScrollView(area, [flow], gap=0, pad=0.75)  # the pad leaves room for the focus ring
        bar.fit(kit, pygame.Rect(area.x, area.y, area.width, area.height // 3), area.width,
                valign="top")
        self.bar_level = level
        return bar

    def _tools(self, level: int) -> list[Block]:
        app = self.app
        session = app.session
        assert session is not None
        compact = level >= 1
        short = level >= 2

        def tool(full: str, brief: str, action: Callable[[], object], key: str, hotkey: int | None,
                 enabled: bool = True) -> Button:
            label = "" if level >= 4 else brief if short else full
            return Button(label, action, key=key, enabled=enabled,
                          hotkeys=[hotkey] if hotkey is not None else [], compact=compact)

        tools: list[Block] = []
        if session.scenario.article_text:
            tools.append(tool(tr("scene.page", "The page"), tr("scene.page_short", "Page"),
                              lambda: app.open("article"), "P", pygame.K_p))
        tools += [
            tool(tr("scene.front", "Your front page"), tr("scene.front_short", "Front"),
                 lambda: app.open("front"), "F", pygame.K_f),
            tool(tr("scene.notebook", "Notebook"), tr("scene.notebook_short", "Notes"),
                 lambda: app.open("notebook"), "N", pygame.K_n),
            tool(tr("scene.history", "History"), tr("scene.history_short", "Read"),
                 lambda: app.open("history"), "H", pygame.K_h),
        ]
        if not session.classroom:
            tools.append(tool(tr("scene.undo", "Undo"), tr("scene.undo", "Undo"), app.undo, "U",
                              pygame.K_u, enabled=session.can_undo))
        tools.append(tool(tr("scene.menu", "Menu"), tr("scene.menu", "Menu"),
                          lambda: app.open("pause"), "Esc", None))
        return tools

    # --- content --------------------------------------------------------------------------

    def _reading_blocks(self) -> list[Block]:
        app = self.app
        assert app.session is not None
        story = app.session.story
        scene = story.scene
        blocks: list[Block] = [Text(scene.title, "title")]
        if app.dev:
            blocks.append(Text(tr("dev.scene", "scene {id} · {place}", id=scene.id,
                                  place=str(scene.place)), "small", "muted"))
        blocks += [Text(p.text, "body", reveal=True) for p in story.paragraphs()]
        return blocks

    def _choice_blocks(self) -> list[Block]:
        app = self.app
        assert app.session is not None
        options = app.session.story.choices()
        buttons: list[Block] = []
        for option in options:
            keys = NUMBER_KEYS[option.index] if option.index < 9 else ()
            buttons.append(Button(option.text, self._chooser(option.index),
                                  key=str(option.index + 1) if option.index < 9 else "",
                                  detail=self._detail(option), enabled=option.available,
                                  hotkeys=keys))
        if not options and app.session.story.is_over:
            # the desk beneath the last call's response, laid out again (a resize): the
            # game has ended, and going on shows what comes next
            buttons.append(Button(tr("response.on", "Go on"), app.show_game, key="Enter",
                                  style="primary"))
        elif not options:
            buttons.append(Text(tr("scene.stuck", "The story has no way on from here. This is a "
                                   "gap in the story's files, not something you did."),
                                "strong", "warning"))
            buttons.append(Button(tr("scene.to_title", "Back to the title screen"),
                                  app.to_title, key="T", hotkeys=[pygame.K_t]))
        label = Text(tr("scene.what_now", "What do you do?"), "label", "muted")
        return [label, *buttons]

    def _detail(self, option: object) -> str:
        from game.engine import Option

        assert isinstance(option, Option)
        parts: list[str] = []
        choice = option.choice
        if not option.available:
            return tr("choice.unavailable", "Not available: {reason}", reason=option.reason)
        if choice is not None and choice.verify is not None:
            parts.append(tr("choice.verify", "Verification"))
        if choice is not None and choice.verdict is not None:
            assert self.app.session is not None
            claim = self.app.session.scenario.claims.get(choice.verdict.claim)
            what = action_label(choice.verdict.call)
            several = len(self.app.session.story.scene.claims) > 1  # else it goes unsaid
            # a label that already says the call ("Hold it until...") needs no second line
            if several or not option.text.lower().startswith(what.lower()):
                parts.append(tr("choice.verdict", "Decision: {call}", call=what)
                             + (tr("choice.on_claim", " (the claim from {source})",
                                   source=self.app.session.scenario.sources[claim.source].name)
                                if claim and several else ""))
        if option.cost:
            parts.append(tr("choice.cost", "takes {cost} h of your {left} h", cost=option.cost,
                            left=self.app.session.story.time if self.app.session else 0))
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]

    def _source_cards(self) -> list[Block]:
        """One card a source: a one-line summary that opens (C, or a click) to the three
        questions of lateral reading and what has been verified."""
        app = self.app
        assert app.session is not None
        story = app.session.story
        blocks: list[Block] = []
        for source in story.sources():
            opened = source.id in self.opened_cards
            summary = Button(tr("desk.source_card", "{kind} · {name}",
                                kind=icons.kind_label(source.kind), name=source.name),
                             self._card_toggle(source.id), key="C" if not blocks else "",
                             hotkeys=[pygame.K_c] if not blocks else [],
                             detail=(tr("desk.card_close", "Close the card") if opened else
                                     tr("desk.card_open", "Who is behind it, what access, what "
                                        "they gain: open the card")),
                             style="quiet", compact=True)
            if not opened:
                blocks.append(summary)
                continue
            checks = checks_near(app.session.scenario, story.state, source_id=source.id)
            checked = "; ".join(f"{c.title}: {c.finding}" for c in checks) or tr(
                "desk.nothing_checked", "Nothing checked yet.")
            blocks.append(Stack([
                summary,
                _field(tr("desk.who", "Who is behind it"), source.who),
                _field(tr("desk.access", "What access they had"), source.access),
                _field(tr("desk.interest", "What they gain"), source.interest),
                _field(tr("desk.checked", "What you have verified"), checked),
            ], gap=0.6, card="surface", accent=True))
        return blocks

    def _card_toggle(self, source_id: str) -> Callable[[], None]:
        def toggle() -> None:
            assert self.app.session is not None
            ids = [s.id for s in self.app.session.story.sources()]
            if source_id == ids[0] and len(ids) > 1:  # C opens or closes every card
                opening = not self.opened_cards
                self.opened_cards = set(ids) if opening else set()
            else:
                self.opened_cards ^= {source_id}
            self.invalidate()
        return toggle

    def _claim_cards(self, with_quotes: bool) -> list[Block]:
        """The claims being judged in this scene, each with the call made so far."""
        app = self.app
        assert app.session is not None
        story = app.session.story
        scenario = app.session.scenario
        blocks: list[Block] = []
        for claim in story.claims():
            source = scenario.sources[claim.source]
            verdict = str(story.state.vars.get(f"verdict.{claim.id}", ""))
            parts = claim_blocks(source, claim if with_quotes else _without_quote(claim),
                                 tr("desk.claim_from", "Claim · {source}", source=source.name))
            if verdict:
                parts.append(Text(tr("desk.your_call", "Your call so far: {call}",
                                     call=call_label(Call(verdict))), "small", "muted"))
            blocks.append(Stack(parts, gap=0.5, card="surface", pad=1.0))
        return blocks

    def _quotes(self) -> list[Block]:
        """The claims' words, in the text column when the decision panel has no room."""
        assert self.app.session is not None
        return [Quote(f"“{claim.quote}”") for claim in self.app.session.story.claims()
                if claim.quote]

    def _chooser(self, index: int) -> Callable[[], None]:
        def choose() -> None:
            app = self.app
            assert app.session is not None
            option = app.session.story.choices()[index]
            steps = len(app.session.story.state.history)
            app.choose(index)
            if app.session is None or len(app.session.story.state.history) != steps + 1:
                return  # not taken
            if app.session.story.is_over:
                return  # the app has shown what comes next (a last call's response first)
            response = app.session.story.feedback()
            if response is not None:  # the grade with it now, or kept for the debrief
                app.open("response", response=response, grade=app.settings.feedback == "now")
            elif option.choice is not None and _reads_the_page(app.session.scenario,
                                                               option.choice.verify):
                app.open("article")
        return choose

    # --- input and animation ---------------------------------------------------------------

    def default_focus(self) -> Block | None:
        for block in self.decision.focusables():
            if isinstance(block, Button) and block.enabled:
                return block
        return super().default_focus()

    def focus_order(self) -> list[Block]:
        if not self.views:
            return []
        first = self.decision.focusables()
        rest = [f for v in self.views if v is not self.decision for f in v.focusables()]
        return first + rest

    def main_view(self) -> ScrollView | None:
        return self.reading if self.views else None

    def _finish_typing(self) -> bool:
        if self._typing and self.revealed < self.total_chars:
            self._typing = False
            self.app.dirty = True
            return True
        self._typing = False
        return False

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and self.views and any(
                event.key in getattr(b, "hotkeys", ()) for v in self.views
                if v is not self.decision for b in v.focusables()):
            # a tool's key (N, H, P, F, U) leaves the focus on the choice it was on, so
            # Enter after coming back still chooses rather than opening the tool again
            focus = self.focus
            used = self._handle(event)
            self.focus = focus
            return used
        return self._handle(event)

    def _handle(self, event: pygame.event.Event) -> bool:
        skip_keys = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)  # Esc: the menu, always
        if event.type == pygame.KEYDOWN and event.key in skip_keys and self._finish_typing():
            return True
        if event.type == pygame.KEYDOWN and event.key not in (pygame.K_RETURN, pygame.K_KP_ENTER,
                                                              pygame.K_SPACE):
            self._finish_typing()  # a number or a shortcut acts at once
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.ensure_built()
            if self.button_at(event.pos) is None and self._finish_typing():
                return True
            self._finish_typing()
        return super().handle(event)

    def on_escape(self) -> None:
        self.app.open("pause")

    def update(self, dt: float) -> bool:
        moving = super().update(dt)
        if self._typing:
            speed = SPEEDS.get(self.app.settings.text_speed, 70.0)
            self.revealed += speed * dt
            if self.revealed >= self.total_chars:
                self._typing = False
            return True
        return moving

    def changed_region(self) -> pygame.Rect | None:
        """While the text types, and nothing scrolls, only the reading column from the
        line reached last frame down can change (unrevealed text below is blank)."""
        at = self.app.kit.reveal.at
        if not self._typing or at is None or not self._built:
            return None
        if any(abs(v.target - v.offset) >= 0.5 for v in self.views):
            return None
        view = self.reading.rect
        return pygame.Rect(view.x, at.top, view.width, view.bottom - at.top).clip(view)

    def draw(self, kit: Kit) -> None:
        kit.reveal.remaining = int(self.revealed) if self._typing else None
        kit.reveal.at = None
        super().draw(kit)
        kit.reveal.remaining = None
        if self.decision_hidden:
            self._draw_more_below(kit)

    def _draw_more_below(self, kit: Kit) -> None:
        """Say plainly that choices are out of sight, and how to reach them."""
        assert kit.surface is not None
        panel = self.decision
        below = panel.offset < panel.max_offset(kit) - 1
        text = (tr("scene.more_below", "More choices below: press Down or Tab to reach them") if below
                else tr("scene.more_above", "More choices above: press Up to reach them"))
        m = kit.m
        height = self._notice_height() - m.sp(0.5)
        strip = pygame.Rect(panel.rect.x, panel.rect.bottom + m.sp(0.5), panel.rect.width,
                            height)
        pygame.draw.rect(kit.surface, kit.pal.accent, strip, border_radius=m.sp(0.75))
        kit.view = strip
        kit.draw_lines([text], "small_bold", kit.pal.on_accent, strip.x, strip.y + m.pad(0.3),
                       strip, align="center")


def _reads_the_page(scenario: Scenario, check_id: str | None) -> bool:
    """Whether a check is reading the scenario's article itself (``page: true``)."""
    check = scenario.checks.get(check_id or "")
    return check is not None and check.page


def _without_quote(claim: Claim) -> Claim:
    from dataclasses import replace

    return replace(claim, quote=None)


def _field(label: str, value: str) -> Block:
    return Stack([Text(label, "label", "muted"), Text(value, "small")], gap=0.1)
