"""The page itself, your front page and the response to a call, in the real window."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import load
from game.engine.model import Grade
from game.settings import Settings
from game.ui.app import App
from game.ui.article import find_quote, page_parts
from game.ui.driver import make_app, press
from game.wording import grade_label

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"
SCENES = ROOT / "scenes"


def scenarios() -> list[Path]:
    found = [EXAMPLE]
    if SCENES.is_dir() and not load(SCENES).errors:
        found.append(SCENES)
    return found


def said(app: App) -> str:
    app.dirty = True
    app.step()
    return " ".join(r.text for r in app.kit.log)


def first_call_scene(app: App) -> None:
    """Play the first available option until a scene with a claim and a call on it."""
    assert app.session is not None
    for _ in range(100):
        story = app.session.story
        if any(o.available and o.choice is not None and o.choice.verdict is not None
               for o in story.choices()):
            return
        app.choose(next(o.index for o in story.choices() if o.available))
        app.reset("scene")
    raise AssertionError("no call in reach")


@pytest.mark.parametrize("scenes", scenarios(), ids=lambda p: p.name)
def test_every_claim_quote_is_found_in_its_place_on_the_page(scenes: Path) -> None:
    scenario = load(scenes).scenario
    assert scenario is not None
    parts = page_parts(scenario.article_text)
    assert parts and parts[0].kind == "headline"
    for claim in scenario.claims.values():
        if claim.quote:
            assert any(find_quote(p.text, claim.quote) for p in parts), claim.id


@pytest.mark.parametrize("scenes", scenarios(), ids=lambda p: p.name)
def test_p_opens_the_page_with_the_claims_words_marked(scenes: Path, tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path)
    press(app, pygame.K_n)
    first_call_scene(app)
    assert app.session is not None
    claim = app.session.story.claims()[0]
    press(app, pygame.K_p)
    assert app.top.name == "article"
    said(app)
    body = app.top.body  # type: ignore[attr-defined]
    marked = [b for b in body.blocks[1].children if getattr(b, "marks", None)]
    assert bool(marked) == bool(claim.quote)
    if marked:  # the page opens where the marked words are, in sight
        top = marked[0].frame.top - round(body.offset)
        inner = body.inner(app.kit)
        assert inner.top <= top < inner.bottom
    press(app, pygame.K_p)
    assert app.top.name == "scene"


@pytest.mark.parametrize("scenes", scenarios(), ids=lambda p: p.name)
def test_a_call_is_answered_at_once_with_its_grade(scenes: Path, tmp_path: Path) -> None:
    app = make_app(scenes, tmp_path)
    press(app, pygame.K_n)
    first_call_scene(app)
    assert app.session is not None
    option = next(o for o in app.session.story.choices()
                  if o.available and o.choice is not None and o.choice.verdict is not None)
    press(app, pygame.K_1 + option.index)
    assert app.top.name == "response"
    text = said(app)
    feedback = app.session.story.feedback()
    assert feedback is not None
    assert grade_label(feedback.grade) in text and feedback.text.split()[0] in text
    press(app, pygame.K_RETURN)
    assert app.top.name in ("scene", "ending")


def test_tell_me_at_the_end_keeps_the_response_for_the_debrief(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path, settings=Settings(feedback="end", text_speed="instant",
                                                         sound=False))
    press(app, pygame.K_n)
    first_call_scene(app)
    assert app.session is not None
    option = next(o for o in app.session.story.choices()
                  if o.available and o.choice is not None and o.choice.verdict is not None)
    press(app, pygame.K_1 + option.index)
    assert app.top.name != "response"
    while app.top.name != "ending":
        app.choose(next(o.index for o in app.session.story.choices() if o.available))
    press(app, pygame.K_d)
    text = said(app)
    assert any(grade_label(g) in text for g in Grade)


def test_the_check_that_reads_the_page_opens_it(write_scenario, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import TINY

    text = TINY.replace("claims:\n  - id: count", "checks:\n  - id: whole\n    title: Read the "
                        "whole page\n    finding: It relays others.\n    page: true\n"
                        "claims:\n  - id: count")
    text = text.replace("    choices:\n      - id: run", "    choices:\n      - id: read\n"
                        "        text: Read the whole page\n        verify: whole\n"
                        "        once: true\n        goto: start\n      - id: run", 1)
    folder = write_scenario(text)
    assert not load(folder).errors, load(folder).diagnostics
    app = make_app(folder, tmp_path / "data")
    press(app, pygame.K_n)
    press(app, pygame.K_1)
    assert app.top.name == "article"


def test_the_front_page_shows_what_was_run_held_and_spiked(tmp_path: Path) -> None:
    app = make_app(SCENES if SCENES.is_dir() and not load(SCENES).errors else EXAMPLE, tmp_path)
    press(app, pygame.K_n)
    press(app, pygame.K_f)
    assert app.top.name == "front"
    assert "Nothing has gone to press yet" in said(app)
    press(app, pygame.K_f)
    first_call_scene(app)
    assert app.session is not None
    claim = app.session.story.claims()[0]
    option = next(o for o in app.session.story.choices()
                  if o.available and o.choice is not None and o.choice.verdict is not None)
    app.choose(option.index)
    app.reset("front")
    text = said(app)
    assert option.choice is not None and option.choice.verdict is not None
    call = option.choice.verdict.call.value
    if call in ("hold", "reject"):
        assert ("HELD" if call == "hold" else "SPIKED") in text
    else:
        source = app.session.scenario.sources[claim.source].name
        assert "As fact" in text or f"Attributed to {source}" in text
