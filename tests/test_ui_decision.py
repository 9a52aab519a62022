"""Never hide the decision: on every scene of every scenario, at 1280×720, 1024×600, text at
150% and projector mode, the claim being judged and all its choices are in sight, or the scene
says more choices are below and the keys bring each one into sight. The top bar is one row."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import load
from game.engine.model import Scenario
from game.settings import Settings
from game.ui.app import App
from game.ui.driver import make_app, press
from game.ui.widgets import Block, Button, ScrollView

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"
SCENES = ROOT / "scenes"

SIZES = {
    "1280x720": ((1280, 720), 100, False),
    "1024x600": ((1024, 600), 100, False),
    "text150": ((1024, 600), 150, False),
    "projector": ((1280, 720), 100, True),
}


def scenarios() -> list[Path]:
    found = [EXAMPLE]
    if SCENES.is_dir() and not load(SCENES).errors:
        found.append(SCENES)
    return found


def in_sight(view: ScrollView, block: Block, app: App) -> bool:
    inner = view.inner(app.kit)
    top = block.frame.top - round(view.offset)
    return inner.top <= top and top + block.frame.height <= inner.bottom


def show_scene(app: App, scenario: Scenario, scene_id: str) -> None:
    """Put the game in a scene as if just arrived (with somewhere to come back to)."""
    assert app.session is not None
    story = app.session.story
    story.state.scene = scene_id
    story.state.stack = [scenario.start] if any(c.back for c in scenario.scenes[scene_id].choices) \
        else []
    story.refresh()
    app.reset("scene")
    app.dirty = True
    app.step()


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
@pytest.mark.parametrize("scenes", scenarios(), ids=lambda p: p.name)
def test_every_scene_shows_its_claim_and_choices_or_says_more_are_below(
        scenes: Path, size: str, tmp_path: Path) -> None:
    window, text_size, projector = SIZES[size]
    app = make_app(scenes, tmp_path, size=window,
                   settings=Settings(text_size=text_size, projector=projector,
                                     text_speed="instant", reduced_motion=True, sound=False))
    assert app.scenario is not None
    app.new_game(seed=1)
    problems: list[str] = []
    for scene_id, scene in app.scenario.scenes.items():
        if scene.ending is not None:
            continue
        show_scene(app, app.scenario, scene_id)
        screen = app.top
        bar = screen.views[0].blocks[0]
        rows = {child.frame.y for child in bar.children}  # type: ignore[attr-defined]
        if len(rows) != 1:
            problems.append(f"{scene_id}: the top bar takes {len(rows)} rows")
        claims_view = screen.desk  # type: ignore[attr-defined]  # the decision panel itself when narrow
        for card in [b for b in claims_view.blocks if getattr(b, "card", None) == "surface"
                     and "Claim" in str(getattr(b.children[0], "text", ""))]:  # type: ignore[attr-defined]
            if not in_sight(claims_view, card, app):
                problems.append(f"{scene_id}: the claim card is out of sight")
        panel: ScrollView = screen.decision  # type: ignore[attr-defined]
        choices = [b for b in panel.focusables() if isinstance(b, Button)]
        hidden = [b for b in choices if not in_sight(panel, b, app)]
        if not hidden:
            continue
        said = " ".join(r.text for r in app.kit.log)
        if "More choices below" not in said:
            problems.append(f"{scene_id}: {len(hidden)} choices out of sight, and not said")
            continue
        for _ in range(len(screen.focus_order()) + 1):  # Down brings each into sight in turn
            press(app, pygame.K_DOWN)
            focused = screen.focus
            if isinstance(focused, Button) and focused in hidden and in_sight(panel, focused, app):
                hidden.remove(focused)
        if hidden:
            problems.append(f"{scene_id}: the keys never show {[b.label for b in hidden]}")
    assert problems == []


def test_a_source_card_opens_on_demand(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    def said() -> str:
        app.dirty = True
        app.step()
        return " ".join(r.text for r in app.kit.log)
    assert app.session is not None
    source = app.session.story.sources()[0]
    assert source.who not in said(), "the card starts as a one-line summary"
    press(app, pygame.K_c)
    assert source.who in said()
    press(app, pygame.K_c)
    assert source.who not in said()
