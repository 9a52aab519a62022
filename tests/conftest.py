"""Shared test setup: no display or sound device is needed, and a few common fixtures.

Other test modules may add fixtures here; keep each one small and named for what it holds.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# The parse cache goes to a fresh folder for each run, never the user's own cache, and it
# stays on so that the tests load through it (a second load of a file is a cache hit).
os.environ["DECONFLICTION_LINE_CACHE"] = tempfile.mkdtemp(prefix="dl-test-cache-")

import pytest  # after the environment: nothing may import pygame before it is set

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT_ROOT / "docs" / "example" / "example.yaml"
ARTICLE = PROJECT_ROOT / "assets" / "article.txt"


@pytest.fixture
def example_path() -> Path:
    """The complete small example scenario (docs/example/example.yaml)."""
    return EXAMPLE


@pytest.fixture
def example_scenario():  # type: ignore[no-untyped-def]
    """The example scenario, loaded (it must load without errors)."""
    from game.engine.loader import load_scenario

    return load_scenario(EXAMPLE)


TINY_ARTICLE = "Novaya Gazeta, citing unnamed sources, reported 13 Russians killed and 15 wounded.\n"

# A complete scenario that checks clean with no warnings; tests break one thing in it.
TINY = """\
scenario:
  id: tiny
  title: Tiny desk
  premise: One claim and two ways to call it.
  article: article.txt
  start: start
  time: 3
variables:
  calls: 0
sources:
  - id: wire
    name: The Wire
    kind: wire
    who: A news agency.
    access: A reporter nearby.
    interest: Being first and right.
claims:
  - id: count
    source: wire
    text: Thirteen Russians were killed.
    quote: "13 Russians killed"
    judgement: disputed
    holds_up: true
    best: [attributed]
    acceptable: [hold]
    note: The figures still differ.
scenes:
  - id: start
    title: The desk
    text: The wire moves. Calls so far {calls}.
    sources: [wire]
    claims: [count]
    choices:
      - id: run
        text: Run it attributed
        verdict: {claim: count, call: attributed}
        effects: ["calls += 1"]
        goto: done
      - id: hold
        text: Hold it
        verdict: {claim: count, call: hold}
        goto: done
  - id: done
    text: The page goes out.
    ending: {title: Done}
"""


class ScenarioWriter:
    """Writes YAML (and the tiny article) into a temporary folder and returns the folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, text: str = TINY, name: str = "story.yaml", *,
                 article: str = TINY_ARTICLE, **more: str) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "article.txt").write_text(article, encoding="utf-8")
        (self.root / name).write_text(text, encoding="utf-8")
        for other, body in more.items():
            (self.root / f"{other}.yaml").write_text(body, encoding="utf-8")
        return self.root


@pytest.fixture
def write_scenario(tmp_path: Path) -> ScenarioWriter:
    """``write_scenario(text)`` puts a scenario in a fresh folder; TINY when no text is given."""
    return ScenarioWriter(tmp_path / "scenario")


@pytest.fixture
def tiny_text() -> str:
    """The text of a small scenario that checks clean (tests break one thing in it)."""
    return TINY
