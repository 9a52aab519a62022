"""Hostile content: over-long words wrap in linear time, over-long texts are reported,
and ``article:`` reads only a regular file of sane size."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import loader
from game.engine.checker import check_path
from game.ui.text import _wrap_line

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "assets" / "fonts" / "NotoSans-Regular.ttf"


class CountingFont:
    """A font that counts the characters it is asked to measure: the cost of wrapping."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font = font
        self.measured = 0

    def size(self, text: str) -> tuple[int, int]:
        self.measured += len(text)
        result: tuple[int, int] = self.font.size(text)
        return result


@pytest.fixture(scope="module")
def font() -> pygame.font.Font:
    pygame.font.init()
    return pygame.font.Font(str(FONT), 20)


@pytest.mark.parametrize("text", ["W" * 8000, "word " * 2000 + "x" * 8000 + " end",
                                  "a" * 3 + " " + "\u0645" * 6000])
def test_wrapping_a_long_unbroken_word_measures_each_character_a_few_times(
        font: pygame.font.Font, text: str) -> None:
    counting = CountingFont(font)
    lines = _wrap_line(counting, text, 300)  # type: ignore[arg-type]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(font.size(line)[0] <= 300 for line in lines if len(line) > 1)
    assert counting.measured < 60 * len(text), counting.measured


def test_wrapping_still_breaks_between_words(font: pygame.font.Font) -> None:
    lines = _wrap_line(font, "the quick brown fox jumps over the lazy dog " * 5, 200)
    assert all(not line.startswith(" ") for line in lines)
    assert all(font.size(line)[0] <= 200 for line in lines)
    assert " ".join(lines).split() == ("the quick brown fox jumps over the lazy dog " * 5).split()


def test_a_very_wide_window_takes_a_whole_long_word(font: pygame.font.Font) -> None:
    assert _wrap_line(font, "abc " + "x" * 50, 100_000) == ["abc " + "x" * 50]


def test_check_warns_about_a_single_text_over_a_sane_size(write_scenario, tiny_text: str
                                                          ) -> None:  # type: ignore[no-untyped-def]
    long = "A" * 30_000
    folder = write_scenario(tiny_text.replace("text: The page goes out.", f"text: {long}"))
    diagnostics = check_path(str(folder)).diagnostics
    found = [d for d in diagnostics if d.code == "DL040"]
    assert len(found) == 1 and "30,000 characters" in found[0].message
    assert found[0].line > 1 and len(str(found[0])) < 300
    clean = check_path(str(write_scenario(tiny_text))).diagnostics
    assert not [d for d in clean if d.code == "DL040"]


def test_an_article_that_is_not_a_regular_file_is_refused(write_scenario, tiny_text: str
                                                          ) -> None:  # type: ignore[no-untyped-def]
    folder = write_scenario(tiny_text.replace("article: article.txt", "article: /dev/zero"))
    errors = [d for d in check_path(str(folder)).diagnostics if d.code == "DL015"]
    assert len(errors) == 1 and "not a regular file" in str(errors[0])


def test_an_article_over_the_size_bound_is_refused(write_scenario, tiny_text: str
                                                   ) -> None:  # type: ignore[no-untyped-def]
    folder = write_scenario(tiny_text)
    with open(folder / "article.txt", "ab") as handle:
        handle.truncate(loader.MAX_ARTICLE_BYTES + 1)
    errors = [d for d in check_path(str(folder)).diagnostics if d.code == "DL015"]
    assert len(errors) == 1 and "too large" in str(errors[0])
