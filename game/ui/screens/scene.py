"""The scene: the day, the deadline and the time left; the text; what is on the desk;
and the choices, each with its number key, its cost, or the reason it is unavailable."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine.debrief import action_label, call_label
from game.engine import Story
from game.engine.model import Call
from game.i18n import tr
from game.ui import icons
from game.ui.screens import Screen, register
from game.ui.screens.page import claim_blocks
from game.ui.widgets import (
    Block,
    Button,
    Chip,
    Flow,
    IconText,
    Kit,
    ScrollView,
    Spacer,
    Stack,
    Text,
)
from game.wording import checks_near

SPEEDS = {"slow": 35.0, "normal": 70.0, "fast": 160.0}  # characters a second
NUMBER_KEYS = [(pygame.K_1 + k, pygame.K_KP1 + k) for k in range(9)]


def status_bar(screen: Screen, extra: list[Block], compact: bool = False) -> Flow:
    """Day, deadline and time left, then the screen's own buttons."""
    session = screen.app.session
    assert session is not None
    story = session.story
    scene = story.scene
    chips: list[Block] = []
    if scene.day:
        chips.append(Chip(tr("status.day", "Day"), scene.day, compact=compact))
    if scene.deadline:
        chips.append(Chip(tr("status.deadline", "Deadline"), scene.deadline, compact=compact))
    total = night_budget(story)
    chips.append(Chip(tr("status.time", "Time left"),
                      tr("status.hours", "{n} h of {total}", n=story.time, total=total),
                      meter=(story.time, total), warn=story.time <= max(1, total // 5),
                      compact=compact))
    return Flow(chips + extra, gap=0.6 if compact else 1.0)


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

        bar = self._status(area, compact=False)
        if bar.rect.height > area.height * 0.2:  # large text in a small window: pack it tighter
            bar = self._status(area, compact=True)
        top = bar.rect.bottom + m.sp(2)
        body = pygame.Rect(area.x, top, area.width, area.bottom - top)

        reading = self._reading_blocks()
        desk = self._desk_blocks()
        two_columns = body.width >= m.body_px * 52 and bool(desk)
        if two_columns:
            right_w = max(m.body_px * 17, round(body.width * 0.36))
            left = pygame.Rect(body.x, body.y, body.width - right_w - m.sp(3), body.height)
            right = pygame.Rect(left.right + m.sp(3), body.y, right_w, body.height)
            self.reading = ScrollView(left, reading, gap=1.2, paper="sunken", pad=2.5)
            self.desk = ScrollView(right, desk, gap=1.2)
            self.views = [bar, self.reading, self.desk]
        else:
            if not desk:  # nothing on the desk: one column of comfortable width
                width = min(body.width, m.body_px * 44)
                body = pygame.Rect(body.x + (body.width - width) // 2, body.y, width, body.height)
            self.reading = ScrollView(body, reading[:-1] + desk + reading[-1:], gap=1.2,
                                      paper="sunken", pad=2)
            self.desk = self.reading
            self.views = [bar, self.reading]
        self.total_chars = sum(len(b.text) + 1 for b in reading if isinstance(b, Text) and b.reveal)

    def _status(self, area: pygame.Rect, compact: bool) -> ScrollView:
        app = self.app
        session = app.session
        assert session is not None
        tools: list[Block] = [
            Button(tr("scene.notebook", "Notebook"), lambda: app.open("notebook"), key="N",
                   hotkeys=[pygame.K_n], compact=compact),
            Button(tr("scene.history", "History"), lambda: app.open("history"), key="H",
                   hotkeys=[pygame.K_h], compact=compact),
        ]
        if not session.classroom:
            tools.append(Button(tr("scene.undo", "Undo"), app.undo, key="U",
                                enabled=session.can_undo, hotkeys=[pygame.K_u], compact=compact))
        tools.append(Button(tr("scene.menu", "Menu"), lambda: app.open("pause"), key="Esc",
                            compact=compact))
        bar = ScrollView(area, [status_bar(self, tools, compact)], gap=0, pad=0.75)  # room for the focus ring
        bar.fit(app.kit, pygame.Rect(area.x, area.y, area.width, area.height // 3), area.width,
                valign="top")
        return bar

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
        options = story.choices()
        buttons: list[Block] = []
        for option in options:
            keys = NUMBER_KEYS[option.index] if option.index < 9 else ()
            buttons.append(Button(option.text, self._chooser(option.index),
                                  key=str(option.index + 1) if option.index < 9 else "",
                                  detail=self._detail(option), enabled=option.available,
                                  hotkeys=keys))
        if not options:
            buttons.append(Text(tr("scene.stuck", "The story has no way on from here. This is a "
                                   "gap in the story's files, not something you did."),
                                "strong", "warning"))
            buttons.append(Button(tr("scene.to_title", "Back to the title screen"),
                                  app.to_title, key="T", hotkeys=[pygame.K_t]))
        label = Text(tr("scene.what_now", "What do you do?"), "label", "muted")
        return [*blocks, Stack([Spacer(0.5), label, *buttons], gap=0.9)]

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
            parts.append(tr("choice.verdict", "Decision: {call}", call=what)
                         + (tr("choice.on_claim", " (the claim from {source})",
                               source=self.app.session.scenario.sources[claim.source].name)
                            if claim else ""))
        if option.cost:
            parts.append(tr("choice.cost", "takes {cost} h of your {left} h", cost=option.cost,
                            left=self.app.session.story.time if self.app.session else 0))
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]

    def _desk_blocks(self) -> list[Block]:
        app = self.app
        assert app.session is not None
        story = app.session.story
        scenario = app.session.scenario
        state = story.state
        blocks: list[Block] = []
        sources = story.sources()
        claims = story.claims()
        if not sources and not claims:
            return blocks
        blocks.append(Text(tr("desk.heading", "On the desk"), "label", "muted"))
        for source in sources:
            checks = checks_near(scenario, state, source_id=source.id)
            checked = "; ".join(f"{c.title}: {c.finding}" for c in checks) or tr(
                "desk.nothing_checked", "Nothing checked yet.")
            blocks.append(Stack([
                IconText(source.kind, icons.kind_label(source.kind)),
                Text(source.name, "heading"),
                _field(tr("desk.who", "Who is behind it"), source.who),
                _field(tr("desk.access", "What access they had"), source.access),
                _field(tr("desk.interest", "What they gain"), source.interest),
                _field(tr("desk.checked", "What you have verified"), checked),
            ], gap=0.6, card="surface", accent=True))
        for claim in claims:
            source = scenario.sources[claim.source]
            verdict = str(state.vars.get(f"verdict.{claim.id}", ""))
            call = call_label(Call(verdict)) if verdict else tr("desk.no_call", "No call yet")
            parts = claim_blocks(source, claim, tr("desk.claim_from", "Claim · {source}",
                                                   source=source.name))
            parts.append(Text(tr("desk.your_call", "Your call so far: {call}", call=call),
                              "small", "muted"))
            blocks.append(Stack(parts, gap=0.6, card="surface"))
        return blocks

    def _chooser(self, index: int) -> Callable[[], None]:
        def choose() -> None:
            self.app.choose(index)
        return choose

    # --- input and animation ---------------------------------------------------------------

    def default_focus(self) -> Block | None:
        for block in self.reading.focusables():
            if isinstance(block, Button) and block.enabled:
                return block
        return super().default_focus()

    def focus_order(self) -> list[Block]:
        if not self.views:
            return []
        first = self.reading.focusables()
        rest = [f for v in self.views if v is not self.reading for f in v.focusables()]
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


def _field(label: str, value: str) -> Block:
    return Stack([Text(label, "label", "muted"), Text(value, "small")], gap=0.1)
