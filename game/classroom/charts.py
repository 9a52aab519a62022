"""Geometry for the report's inline SVG charts: numbers in, positions out (no markup here).

Positions are percentages of a chart's width, so each SVG stretches with the page (a
projector or a phone) without distorting its dots or text. The template draws them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

LEFT = 4.0  # percent of the width kept free at each side, so end labels are not cut off
RIGHT = 96.0


@dataclass(frozen=True)
class Tick:
    value: float
    x: float  # percent
    label: str


@dataclass(frozen=True)
class Axis:
    """A linear scale from ``lo`` to ``hi`` onto LEFT..RIGHT percent of the width."""

    lo: float
    hi: float
    left: float = LEFT
    right: float = RIGHT

    def x(self, value: float) -> float:
        span = (self.hi - self.lo) or 1.0
        clamped = min(max(value, self.lo), self.hi)
        return round(self.left + (self.right - self.left) * (clamped - self.lo) / span, 2)

    def y(self, value: float) -> float:
        """The same scale read upwards, for a vertical axis (0% is the top)."""
        return round(100.0 - self.x(value), 2)

    def inset(self, left: float, right: float) -> Axis:
        return Axis(self.lo, self.hi, left, right)

    def bar(self, value: float, base: float = 0.0) -> tuple[float, float]:
        """(x, width) in percent of a bar from ``base`` to ``value``."""
        a, b = self.x(base), self.x(value)
        return (min(a, b), round(abs(b - a), 2))

    @property
    def zero(self) -> float:
        return self.x(0.0)

    def ticks(self, step: float, fmt: str = "{:g}") -> list[Tick]:
        first = math.ceil(self.lo / step - 1e-9)
        last = math.floor(self.hi / step + 1e-9)
        return [Tick(i * step, self.x(i * step), fmt.format(round(i * step, 6)))
                for i in range(first, last + 1)]


def padded_axis(values: Iterable[float], lo: float, hi: float, step: float = 0.5) -> Axis:
    """An axis covering at least lo..hi and every value, widened to whole steps."""
    values = list(values)
    low = min([lo, *values])
    high = max([hi, *values])
    return Axis(math.floor(low / step) * step, math.ceil(high / step) * step)


def percent(part: int | float, whole: int | float) -> float:
    """part/whole as a percentage, 0 when there is no whole."""
    return round(100.0 * part / whole, 1) if whole else 0.0



def lane(index: int, lanes: int = 5) -> float:
    """A vertical offset (percent of a strip's height) so that equal values do not hide
    each other: dots are spread over a few lanes in turn."""
    return round(30.0 + 40.0 * (index % lanes) / max(lanes - 1, 1), 1)
