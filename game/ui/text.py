"""Fonts, wrapping and rendered lines, all cached: text is the costly part of a frame.

Wrapping is done here (not by SDL) so that the layout knows each paragraph's height
before drawing, and so that line spacing can be generous.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

from game.ui.theme import TYPE, Color

FONT_FILES = {
    ("regular"): "NotoSans-Regular.ttf",
    ("bold"): "NotoSans-Bold.ttf",
    ("italic"): "NotoSans-Italic.ttf",
}
_SURFACE_BUDGET = 48 * 1024 * 1024  # bytes of rendered lines kept


class Typesetter:
    def __init__(self, fonts_dir: Path) -> None:
        self.fonts_dir = fonts_dir
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._wraps: OrderedDict[tuple[str, str, int, int], tuple[str, ...]] = OrderedDict()
        self._lines: OrderedDict[tuple[str, str, int, Color], pygame.Surface] = OrderedDict()
        self._line_bytes = 0

    def face(self, role: str) -> str:
        if role == "quote":
            return "italic"
        return "bold" if TYPE[role][1] else "regular"

    def font(self, face: str, px: int) -> pygame.font.Font:
        key = (face, px)
        font = self._fonts.get(key)
        if font is None:
            path = self.fonts_dir / FONT_FILES[face]
            font = pygame.font.Font(path if path.is_file() else None, px)
            self._fonts[key] = font
        return font

    def width(self, text: str, face: str, px: int) -> int:
        return int(self.font(face, px).size(text)[0])

    def wrap(self, text: str, face: str, px: int, width: int) -> tuple[str, ...]:
        """The lines of ``text`` that fit in ``width`` pixels; hard line breaks kept."""
        key = (text, face, px, width)
        lines = self._wraps.get(key)
        if lines is not None:
            self._wraps.move_to_end(key)
            return lines
        font = self.font(face, px)
        out: list[str] = []
        for hard in text.split("\n"):
            out.extend(_wrap_line(font, hard, max(1, width)))
        lines = tuple(out)
        self._wraps[key] = lines
        if len(self._wraps) > 4000:
            self._wraps.popitem(last=False)
        return lines

    def render(self, text: str, face: str, px: int, color: Color) -> pygame.Surface:
        key = (text, face, px, color)
        surface = self._lines.get(key)
        if surface is not None:
            self._lines.move_to_end(key)
            return surface
        surface = self.font(face, px).render(text, True, color)
        self._lines[key] = surface
        self._line_bytes += surface.get_width() * surface.get_height() * 4
        while self._line_bytes > _SURFACE_BUDGET and len(self._lines) > 1:
            _, old = self._lines.popitem(last=False)
            self._line_bytes -= old.get_width() * old.get_height() * 4
        return surface

    def clear(self) -> None:
        """Drop rendered lines (after a theme change their colours are stale)."""
        self._lines.clear()
        self._line_bytes = 0


def _wrap_line(font: pygame.font.Font, line: str, width: int) -> list[str]:
    """Break one line at spaces; a word wider than the box is broken inside.

    Linear in the length of the line: each measurement is of at most about a line's worth
    of text (a long unbroken word is cut by :func:`_fit`, never measured whole again and
    again), so a crafted megabyte-long title costs milliseconds, not hours.
    """
    if not line:
        return [""]
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= 4 * width and font.size(candidate)[0] <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        # a word wider than the box is broken where it must be
        while len(word) > 1:
            cut = _fit(font, word, width)
            if cut >= len(word):
                break
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


def _fit(font: pygame.font.Font, word: str, width: int) -> int:
    """How many leading characters of ``word`` fit in ``width`` (at least one).

    Gallops (1, 2, 4, ... characters) until a prefix is too wide, then halves the last
    step: O(n log n) characters measured for a fitted piece of n characters.
    """
    good, step = 1, 1
    while good < len(word):
        probe = min(good + step, len(word))
        if font.size(word[:probe])[0] > width:
            break
        good, step = probe, step * 2
    else:
        return good
    bad = min(good + step, len(word))
    while bad - good > 1:
        middle = (good + bad) // 2
        if font.size(word[:middle])[0] <= width:
            good = middle
        else:
            bad = middle
    return good
