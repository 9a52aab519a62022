"""Icons drawn by code, one per source kind, so kinds are told apart by shape and label.

Every icon is drawn in one colour on a transparent square; the kind's name is always
shown beside it, so nothing depends on colour.
"""

from __future__ import annotations

import math

import pygame

from game.i18n import tr
from game.ui.theme import Color, Palette

KIND_LABELS = {
    "official": "Official statement",
    "military": "Military",
    "government": "Government",
    "wire": "Wire agency",
    "newspaper": "Newspaper",
    "social": "Social media",
    "aggregator": "Aggregator site",
    "media": "Broadcast media",
    "company": "Company",
    "union": "Trade union",
    "hospital": "Hospital",
    "school": "School",
    "university": "University",
    "ngo": "Charity or NGO",
    "police": "Police",
    "court": "Court",
    "expert": "Independent expert",
    "witness": "Eyewitness",
    "unknown": "Unknown source",
}


def kind_label(kind: str) -> str:
    return tr(f"kind.{kind}", KIND_LABELS.get(kind, KIND_LABELS["unknown"]))


_cache: dict[tuple[str, int, Color], pygame.Surface] = {}


def icon(kind: str, size: int, color: Color) -> pygame.Surface:
    key = (kind, size, color)
    surface = _cache.get(key)
    if surface is None:
        surface = pygame.Surface((size, size), pygame.SRCALPHA)
        _DRAW.get(kind, _unknown)(surface, size, color)
        _cache[key] = surface
        if len(_cache) > 200:
            _cache.pop(next(iter(_cache)))
    return surface


def _w(size: int) -> int:
    return max(1, round(size / 12))


def _official(s: pygame.Surface, n: int, c: Color) -> None:
    """A seal: a ring with a five-pointed star."""
    r = n / 2
    pygame.draw.circle(s, c, (r, r), r - 1, _w(n))
    points = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rad = r * (0.62 if i % 2 == 0 else 0.26)
        points.append((r + rad * math.cos(a), r + rad * math.sin(a)))
    pygame.draw.polygon(s, c, points)


def _military(s: pygame.Surface, n: int, c: Color) -> None:
    """Two chevrons, as on a sleeve."""
    w = max(2, round(n / 7))
    for top in (0.2, 0.5):
        y = n * top
        pygame.draw.lines(s, c, False, [(n * 0.12, y + n * 0.28), (n * 0.5, y), (n * 0.88, y + n * 0.28)], w)


def _government(s: pygame.Surface, n: int, c: Color) -> None:
    """A building with a pediment and columns."""
    pygame.draw.polygon(s, c, [(n * 0.08, n * 0.34), (n * 0.5, n * 0.06), (n * 0.92, n * 0.34)])
    col = max(1, round(n / 9))
    for x in (0.2, 0.4, 0.6, 0.8):
        pygame.draw.rect(s, c, (round(n * x - col / 2), round(n * 0.4), col, round(n * 0.38)))
    pygame.draw.rect(s, c, (round(n * 0.06), round(n * 0.82), round(n * 0.88), max(2, round(n / 9))))


def _wire(s: pygame.Surface, n: int, c: Color) -> None:
    """An antenna sending: a mast with signal arcs."""
    w = _w(n)
    pygame.draw.line(s, c, (n * 0.5, n * 0.42), (n * 0.5, n * 0.95), max(2, w))
    pygame.draw.circle(s, c, (n * 0.5, n * 0.38), max(2, n / 10))
    for k, rad in enumerate((0.2, 0.34)):
        rect = pygame.Rect(0, 0, round(n * rad * 2), round(n * rad * 2))
        rect.center = (round(n * 0.5), round(n * 0.38))
        pygame.draw.arc(s, c, rect, math.radians(-40), math.radians(40), w + k % 1)
        pygame.draw.arc(s, c, rect, math.radians(140), math.radians(220), w)


def _newspaper(s: pygame.Surface, n: int, c: Color) -> None:
    """A folded page: a frame, a headline bar and lines of type."""
    w = _w(n)
    pygame.draw.rect(s, c, (round(n * 0.1), round(n * 0.12), round(n * 0.8), round(n * 0.76)), w)
    pygame.draw.rect(s, c, (round(n * 0.2), round(n * 0.24), round(n * 0.6), max(2, round(n / 8))))
    for y in (0.5, 0.63, 0.76):
        pygame.draw.line(s, c, (n * 0.2, n * y), (n * 0.8, n * y), w)


def _social(s: pygame.Surface, n: int, c: Color) -> None:
    """A speech bubble with three dots."""
    body = pygame.Rect(round(n * 0.06), round(n * 0.12), round(n * 0.88), round(n * 0.6))
    pygame.draw.rect(s, c, body, _w(n), border_radius=round(n * 0.18))
    pygame.draw.polygon(s, c, [(n * 0.26, n * 0.68), (n * 0.2, n * 0.92), (n * 0.46, n * 0.7)])
    for x in (0.32, 0.5, 0.68):
        pygame.draw.circle(s, c, (n * x, n * 0.42), max(1.5, n / 14))


def _aggregator(s: pygame.Surface, n: int, c: Color) -> None:
    """Pages pasted over one another."""
    w = _w(n)
    for k in range(3):
        off = k * 0.14
        rect = pygame.Rect(round(n * (0.08 + off)), round(n * (0.08 + off)),
                           round(n * 0.56), round(n * 0.56))
        pygame.draw.rect(s, (0, 0, 0, 0), rect)
        pygame.draw.rect(s, c, rect, w)


def _media(s: pygame.Surface, n: int, c: Color) -> None:
    """A screen on a stand with a play mark."""
    w = _w(n)
    pygame.draw.rect(s, c, (round(n * 0.06), round(n * 0.12), round(n * 0.88), round(n * 0.6)), w,
                     border_radius=max(1, round(n / 16)))
    pygame.draw.polygon(s, c, [(n * 0.42, n * 0.27), (n * 0.42, n * 0.57), (n * 0.66, n * 0.42)])
    pygame.draw.line(s, c, (n * 0.3, n * 0.9), (n * 0.7, n * 0.9), max(2, w))
    pygame.draw.line(s, c, (n * 0.5, n * 0.72), (n * 0.5, n * 0.9), w)


def _unknown(s: pygame.Surface, n: int, c: Color) -> None:
    """A question mark in a dashed ring."""
    r = n / 2
    w = _w(n)
    for k in range(12):
        start = k * math.pi / 6
        pygame.draw.arc(s, c, (1, 1, n - 2, n - 2), start, start + math.pi / 10, w)
    pygame.draw.arc(s, c, (n * 0.32, n * 0.2, n * 0.36, n * 0.34), math.radians(-90),
                    math.radians(180), max(2, w + 1))
    pygame.draw.line(s, c, (r, n * 0.53), (r, n * 0.64), max(2, w + 1))
    pygame.draw.circle(s, c, (r, n * 0.77), max(1.5, n / 14))


_DRAW = {
    "official": _official,
    "military": _military,
    "government": _government,
    "wire": _wire,
    "newspaper": _newspaper,
    "social": _social,
    "aggregator": _aggregator,
    "media": _media,
    # institutions share the building of 'government', people the figure of 'social':
    # the label beside the icon always names the kind
    **dict.fromkeys(("company", "union", "hospital", "school", "university", "ngo", "police",
                     "court"), _government),
    **dict.fromkeys(("expert", "witness"), _social),
    "unknown": _unknown,
}


def desk_motif(size: tuple[int, int], ink: Color, paper: Color) -> pygame.Surface:
    """The title screen's picture: copy fanned out on a desk, crossed by one line."""
    width, height = size
    surface = pygame.Surface(size, pygame.SRCALPHA)
    unit = min(width, height)
    for k, (dx, dy, angle) in enumerate(((0.0, 0.08, -9), (0.16, 0.0, 4), (0.3, 0.12, 12))):
        page = pygame.Surface((round(unit * 0.5), round(unit * 0.64)), pygame.SRCALPHA)
        page.fill((*paper, 255))
        pw, ph = page.get_size()
        pygame.draw.rect(page, ink, page.get_rect(), max(1, round(unit / 160)))
        pygame.draw.rect(page, ink, (round(pw * 0.1), round(ph * 0.08), round(pw * 0.8),
                                     max(3, round(ph * 0.06))))
        for i in range(9):
            y = ph * (0.22 + i * 0.075)
            end = 0.9 if i % 4 != 3 else 0.55
            pygame.draw.line(page, ink, (pw * 0.1, y), (pw * end, y), max(1, round(unit / 260)))
        if k == 2:
            pygame.draw.rect(page, ink, (round(pw * 0.1), round(ph * 0.56), round(pw * 0.38),
                                         round(ph * 0.3)), max(1, round(unit / 200)))
        turned = pygame.transform.rotozoom(page, angle, 1)
        surface.blit(turned, (round(width * dx), round(height * dy)))
    y = round(height * 0.86)
    pygame.draw.line(surface, ink, (0, y), (width, y), max(2, round(unit / 120)))
    for x in (0.12, 0.5, 0.88):
        pygame.draw.circle(surface, ink, (round(width * x), y), max(3, round(unit / 60)))
    return surface


def photo_illustration(size: tuple[int, int], pal: Palette) -> pygame.Surface:
    """The page's photo slot: a plain drawing made here (a low town by a river under a
    wide sky, three figures walking), never a photograph. It stands for "a photo was here";
    the caption on the page says what the page claimed the photo showed."""
    width, height = size
    surface = pygame.Surface(size)
    surface.fill(pal.sunken)
    ink = pal.muted
    line = max(1, round(min(width, height) / 140))
    horizon = round(height * 0.58)
    pygame.draw.rect(surface, pal.surface, (0, horizon, width, height - horizon))
    pygame.draw.circle(surface, pal.border, (round(width * 0.82), round(height * 0.2)),
                       round(height * 0.09))
    x, k = round(width * 0.03), 0
    while x < width * 0.97:  # a row of low flat-roofed buildings
        w = round(width * (0.06 + 0.03 * ((k * 7) % 3)))
        h = round(height * (0.1 + 0.06 * ((k * 5) % 3)))
        w = min(w, round(width * 0.97) - x)
        body = pygame.Rect(x, horizon - h, w, h)
        pygame.draw.rect(surface, pal.border, body)
        pygame.draw.rect(surface, ink, body, line)
        for wx in range(body.x + w // 6, body.right - w // 6 - 1, max(6, w // 3)):
            pygame.draw.rect(surface, ink, (wx, body.y + h // 3, max(2, w // 9), max(2, h // 6)))
        x += w + round(width * 0.02)
        k += 1
    points = [(0, round(height * 0.86))]
    for step in range(1, 11):  # the river
        points.append((round(width * step / 10), round(height * (0.86 + 0.03 * (-1) ** step))))
    pygame.draw.lines(surface, pal.accent, False, points, max(2, line * 3))
    unit = round(height * 0.05)
    for fx in (0.3, 0.36, 0.43):  # three figures walking along the street
        cx, base = round(width * fx), round(height * 0.74)
        pygame.draw.circle(surface, pal.text, (cx, base - unit * 3), max(2, round(unit * 0.45)))
        pygame.draw.line(surface, pal.text, (cx, base - round(unit * 2.5)), (cx, base - unit),
                         line + 1)
        pygame.draw.line(surface, pal.text, (cx, base - unit), (cx - unit // 2, base), line + 1)
        pygame.draw.line(surface, pal.text, (cx, base - unit), (cx + unit // 2, base), line + 1)
        pygame.draw.line(surface, pal.text, (cx, base - 2 * unit), (cx + unit // 2, base -
                                                                    round(unit * 1.4)), line + 1)
    pygame.draw.rect(surface, pal.border, surface.get_rect(), max(1, line))
    return surface
