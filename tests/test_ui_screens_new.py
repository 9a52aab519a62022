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
from game.ui.widgets import Block
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


def walk(blocks: list[Block]) -> list[Block]:
    """Every block, nested ones too, in order."""
    found: list[Block] = []
    for block in blocks:
        found.append(block)
        found += walk(getattr(block, "children", []))
    return found


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
    marked = [b for b in walk(body.blocks) if getattr(b, "marks", None)]
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


def test_tell_me_at_the_end_keeps_the_grade_for_the_debrief(tmp_path: Path) -> None:
    app = make_app(EXAMPLE, tmp_path, settings=Settings(feedback="end", text_speed="instant",
                                                         sound=False))
    press(app, pygame.K_n)
    first_call_scene(app)
    assert app.session is not None
    option = next(o for o in app.session.story.choices()
                  if o.available and o.choice is not None and o.choice.verdict is not None)
    press(app, pygame.K_1 + option.index)
    assert app.top.name == "response"  # the response still comes at once, without the grade
    text = said(app)
    assert not any(grade_label(g) in text for g in Grade)
    press(app, pygame.K_RETURN)
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


CORRECTED = """\
scenario:
  id: corrected
  title: Corrected
  premise: A call run on one night and changed on the next.
  article: article.txt
  start: one
  time: 3
sources:
  - {id: wire, name: The Wire, kind: wire, who: An agency., access: Nearby., interest: Speed.}
claims:
  - id: count
    source: wire
    text: Thirteen were killed.
    judgement: disputed
    holds_up: false
    best: [hold]
    note: Figures differ.
scenes:
  - id: one
    title: Night one
    day: Monday
    text: The first night.
    claims: [count]
    choices:
      - {id: run, text: 'Run it as fact: "Thirteen killed"', verdict: {claim: count, call: fact}, goto: page}
  - id: page
    title: The page closes
    text: A headline.
    choices:
      - {id: h, text: 'Headline: "Clash on the river"', goto: two}
  - id: two
    title: Night two
    day: Tuesday
    text: The second night.
    claims: [count]
    choices:
      - {id: pull, text: Take it down and hold it, verdict: {claim: count, call: hold}, goto: done}
  - id: done
    title: Done
    text: Over.
    ending: {title: Done}
"""


def test_front_pages_stamp_a_correction_and_keep_each_nights_headline(write_scenario) -> None:  # type: ignore[no-untyped-def]
    from game.engine import Story
    from game.ui.frontpage import front_pages

    scenario = load(write_scenario(CORRECTED)).scenario
    assert scenario is not None
    story = Story(scenario)
    for _ in range(3):
        story.choose(0)
    monday, tuesday = front_pages(scenario, story.state)
    assert (monday.day, monday.headline) == ("Monday", "Clash on the river")
    assert [line.words for line in monday.ran] == ["Thirteen killed"]
    assert monday.ran[0].corrected is not None and monday.ran[0].corrected.value == "hold"
    assert tuesday.day == "Tuesday" and [line.claim for line in tuesday.held] == ["count"]
