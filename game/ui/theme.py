"""The one theme table: colours for each theme, and the sizes everything scales from.

Layout is designed at 1280×720 and scaled with the window (1024×600 up to 4K); the
text size setting and the projector setting multiply the type on top of that.
"""

from __future__ import annotations

from typing import NamedTuple

Color = tuple[int, int, int]

DESIGN_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)
BODY_PX = 21  # body text at the design size and 100%
PROJECTOR_FACTOR = 1.45
LINE_SPACING = 1.5  # generous: line height as a multiple of the type size

# role -> (size relative to body, bold)
TYPE = {
    "display": (2.3, True),
    "title": (1.6, True),
    "heading": (1.2, True),
    "body": (1.0, False),
    "strong": (1.0, True),
    "quote": (1.0, False),
    "small": (0.86, False),
    "small_bold": (0.86, True),
    "label": (0.78, True),
}


class Palette(NamedTuple):
    background: Color
    surface: Color  # cards and panels
    sunken: Color  # the reading area's paper
    border: Color
    text: Color
    muted: Color
    accent: Color
    on_accent: Color
    focus: Color
    button: Color
    button_hover: Color
    button_border: Color
    disabled: Color
    disabled_text: Color
    badge: Color
    badge_text: Color
    toast: Color
    toast_text: Color
    warning: Color
    shade: tuple[int, int, int, int]  # behind a modal
    border_width: int = 1
    highlight: Color = (255, 232, 150)  # behind marked words on the page (with an underline)


THEMES: dict[str, Palette] = {
    "light": Palette(
        background=(236, 233, 226), surface=(250, 248, 244), sunken=(255, 254, 251),
        border=(205, 199, 188), text=(34, 36, 40), muted=(92, 96, 104),
        accent=(30, 86, 122), on_accent=(255, 255, 255), focus=(184, 92, 0),  # 3.8:1+
        button=(244, 241, 235), button_hover=(226, 234, 240), button_border=(171, 165, 154),
        disabled=(234, 231, 226), disabled_text=(112, 112, 112),
        badge=(30, 86, 122), badge_text=(255, 255, 255),
        toast=(40, 44, 52), toast_text=(250, 250, 250), warning=(150, 60, 20),
        shade=(20, 20, 24, 130)),
    "dark": Palette(
        background=(24, 27, 32), surface=(36, 40, 47), sunken=(30, 33, 39),
        border=(64, 70, 80), text=(228, 228, 222), muted=(164, 168, 174),
        accent=(120, 180, 220), on_accent=(16, 20, 26), focus=(255, 176, 70),
        button=(44, 49, 57), button_hover=(56, 68, 82), button_border=(92, 100, 112),
        disabled=(38, 41, 46), disabled_text=(140, 142, 146),
        badge=(120, 180, 220), badge_text=(16, 20, 26),
        toast=(230, 230, 224), toast_text=(20, 22, 26), warning=(255, 170, 120),
        shade=(0, 0, 0, 150), highlight=(94, 76, 24)),
    "high_contrast": Palette(
        background=(0, 0, 0), surface=(0, 0, 0), sunken=(0, 0, 0),
        border=(255, 255, 255), text=(255, 255, 255), muted=(255, 255, 255),
        accent=(255, 255, 0), on_accent=(0, 0, 0), focus=(0, 255, 255),
        button=(0, 0, 0), button_hover=(40, 40, 0), button_border=(255, 255, 255),
        disabled=(0, 0, 0), disabled_text=(190, 190, 190),
        badge=(255, 255, 0), badge_text=(0, 0, 0),
        toast=(255, 255, 0), toast_text=(0, 0, 0), warning=(255, 255, 0),
        shade=(0, 0, 0, 200), border_width=2, highlight=(0, 0, 150)),
}


class Metrics:
    """Sizes for one window size and one set of settings."""

    __slots__ = ("body_px", "height", "scale", "width")

    def __init__(self, width: int, height: int, scale: float, body_px: int) -> None:
        self.width = width
        self.height = height
        self.scale = scale  # layout scale: 1.0 at the design size
        self.body_px = body_px

    @classmethod
    def for_window(cls, width: int, height: int, text_size: int, projector: bool) -> Metrics:
        scale = min(width / DESIGN_SIZE[0], height / DESIGN_SIZE[1])
        if projector:
            scale *= PROJECTOR_FACTOR
        body = max(12, round(BODY_PX * scale * text_size / 100))
        return cls(width, height, scale, body)

    def text_px(self, role: str) -> int:
        return max(10, round(self.body_px * TYPE[role][0]))

    def line_height(self, role: str) -> int:
        return round(self.text_px(role) * LINE_SPACING)

    def sp(self, units: float) -> int:
        """Spacing: one unit is 8 px at the design size (follows the window, not the type)."""
        return max(1, round(units * 8 * self.scale))

    def pad(self, units: float) -> int:
        """Padding around text: follows the type size, so large text gets room to breathe."""
        return max(2, round(units * self.body_px * 0.5))


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    """WCAG 2.2's contrast ratio between two colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
