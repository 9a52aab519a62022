"""Shared test setup: no display or sound device is needed, and a few common fixtures.

Other test modules may add fixtures here; keep each one small and named for what it holds.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

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
