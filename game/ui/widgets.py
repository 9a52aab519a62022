"""Blocks (text, cards, buttons) stacked in scroll views: the window's only layout tool.

A block is measured for a width, placed (``frame``, in content coordinates), then
drawn. Every line of text drawn is recorded with the box it belongs in
(:class:`LayoutRecord`), so tests can prove that no text leaves its box at any size.
Scroll views clip and scroll their blocks; nothing is ever cut off for good.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pygame

from game.ui import icons
from game.ui.text import Typesetter
from game.ui.theme import Color, Metrics, Palette

Action = Callable[[], object]


class LayoutRecord:
    """One line of text as drawn: its rectangle, its box, and the visible area."""

    __slots__ = ("box", "rect", "text", "view")

    def __init__(self, text: str, rect: pygame.Rect, box: pygame.Rect,
                 view: pygame.Rect) -> None:
        self.text = text
        self.rect = rect
        self.box = box
        self.view = view


class Reveal:
    """Characters still to show this frame (the typewriter); None means all.

    ``at`` is the row of the line the typewriter reached in the last frame drawn, so the
    next frame can redraw from there only.
    """

    __slots__ = ("at", "remaining")

    def __init__(self) -> None:
        self.remaining: int | None = None
        self.at: pygame.Rect | None = None


class Kit:
    """What measuring and drawing need; the app keeps one and updates it.

    (Plain classes rather than dataclasses here: they are imported before the first
    frame, and a dataclass costs a millisecond to create.)
    """

    def __init__(self, ts: Typesetter, m: Metrics, pal: Palette) -> None:
        self.ts = ts
        self.m = m
        self.pal = pal
        self.surface: pygame.Surface | None = None
        self.log: list[LayoutRecord] = []
        self.focus: Block | None = None
        self.hover: Block | None = None
        self.view = pygame.Rect(0, 0, 0, 0)
        self.reveal = Reveal()
        self.show_focus = True
        self.focus_ring: pygame.Rect | None = None  # where the last ring was drawn (tests)

    def color(self, name: str) -> Color:
        value: Color = getattr(self.pal, name)
        return value

    def draw_lines(self, lines: Sequence[str], role: str, color: Color, x: int, y: int,
                   box: pygame.Rect, align: str = "left", reveal: bool = False) -> int:
        """Blit wrapped lines from (x, y); record each; return the y after the last."""
        assert self.surface is not None
        px = self.m.text_px(role)
        face = self.ts.face(role)
        step = self.m.line_height(role)
        for line in lines:
            shown = line
            if reveal and self.reveal.remaining is not None:
                if self.reveal.remaining <= 0:
                    if self.reveal.at is None:  # the next line to type
                        self.reveal.at = pygame.Rect(box.x, y, box.width, step)
                    return y + step * len(lines)
                if self.reveal.remaining < len(line):
                    shown = line[: self.reveal.remaining]
                self.reveal.remaining -= len(line) + 1
                if self.reveal.remaining <= 0:
                    self.reveal.at = pygame.Rect(box.x, y, box.width, step)
            if line:
                image = self.ts.render(line, face, px, color)
                lx = x
                if align == "center":
                    lx = box.x + (box.width - image.get_width()) // 2
                ly = y + (step - image.get_height()) // 2
                rect = pygame.Rect(lx, ly, image.get_width(), image.get_height())
                if shown is line:
                    self.surface.blit(image, rect)
                else:
                    cut = self.ts.width(shown, face, px)
                    self.surface.blit(image, rect, pygame.Rect(0, 0, cut, image.get_height()))
                self.log.append(LayoutRecord(line, rect, box.copy(), self.view.copy()))
            y += step
        return y


class Block:
    """Something in a scroll view. Subclasses measure, place and draw themselves."""

    focusable = False
    frame: pygame.Rect

    def __init__(self) -> None:
        self.frame = pygame.Rect(0, 0, 0, 0)

    def measure(self, kit: Kit, width: int) -> int:
        raise NotImplementedError

    def place(self, kit: Kit, x: int, y: int, width: int) -> int:
        height = self.measure(kit, width)
        self.frame = pygame.Rect(x, y, width, height)
        return height

    def draw(self, kit: Kit, dy: int) -> None:
        raise NotImplementedError

    def focusables(self) -> Iterator[Block]:
        if self.focusable:
            yield self


class Spacer(Block):
    def __init__(self, units: float = 1.0) -> None:
        super().__init__()
        self.units = units

    def measure(self, kit: Kit, width: int) -> int:
        return kit.m.sp(self.units)

    def draw(self, kit: Kit, dy: int) -> None:
        pass


class Rule(Block):
    def measure(self, kit: Kit, width: int) -> int:
        return kit.m.sp(2)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        y = self.frame.centery + dy
        pygame.draw.line(kit.surface, kit.pal.border, (self.frame.x, y), (self.frame.right - 1, y),
                         max(1, kit.m.sp(0.15)))


class Text(Block):
    """A paragraph, wrapped to its box."""

    def __init__(self, text: str, role: str = "body", color: str = "text", align: str = "left",
                 reveal: bool = False, indent: float = 0) -> None:
        super().__init__()
        self.text = text
        self.role = role
        self.color_name = color
        self.align = align
        self.reveal = reveal
        self.indent = indent

    def _lines(self, kit: Kit, width: int) -> tuple[str, ...]:
        inset = kit.m.pad(self.indent)
        return kit.ts.wrap(self.text, kit.ts.face(self.role), kit.m.text_px(self.role),
                           max(1, width - inset))

    def measure(self, kit: Kit, width: int) -> int:
        return len(self._lines(kit, width)) * kit.m.line_height(self.role)

    def draw(self, kit: Kit, dy: int) -> None:
        box = self.frame.move(0, dy)
        inset = kit.m.pad(self.indent)
        kit.draw_lines(self._lines(kit, self.frame.width), self.role, kit.color(self.color_name),
                       box.x + inset, box.y, box, self.align, self.reveal)


class MarkedText(Text):
    """A paragraph with some of its words marked (highlighted and underlined): the words
    behind a claim, in their place on the page."""

    def __init__(self, text: str, marks: Sequence[tuple[int, int]], role: str = "body",
                 color: str = "text") -> None:
        super().__init__(text, role, color)
        self.marks = list(marks)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        if self.marks:
            lines = self._lines(kit, self.frame.width)
            face, px = kit.ts.face(self.role), kit.m.text_px(self.role)
            step = kit.m.line_height(self.role)
            cursor = 0
            y = self.frame.y + dy
            for line in lines:
                start = self.text.find(line, cursor) if line else cursor
                start = cursor if start < 0 else start
                end = start + len(line)
                cursor = end
                for a, b in self.marks:
                    lo, hi = max(a, start), min(b, end)
                    if lo >= hi:
                        continue
                    x0 = self.frame.x + kit.ts.width(line[: lo - start], face, px)
                    x1 = self.frame.x + kit.ts.width(line[: hi - start], face, px)
                    band = pygame.Rect(x0, y + 1, max(1, x1 - x0), step - 2)
                    pygame.draw.rect(kit.surface, kit.pal.highlight, band)
                    pygame.draw.line(kit.surface, kit.pal.accent, (x0, band.bottom - 1),
                                     (x1, band.bottom - 1), max(2, kit.m.sp(0.3)))
                y += step
        super().draw(kit, dy)


class Picture(Block):
    """An image made in code, a given share of the width wide, keeping its proportions."""

    def __init__(self, make: Callable[[tuple[int, int], Palette], pygame.Surface],
                 ratio: float = 0.56, share: float = 1.0) -> None:
        super().__init__()
        self.make = make
        self.ratio = ratio
        self.share = share
        self._image: pygame.Surface | None = None
        self._key: tuple[object, ...] = ()

    def measure(self, kit: Kit, width: int) -> int:
        return round(width * self.share * self.ratio)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        size = (round(self.frame.width * self.share), self.frame.height)
        if self._key != (size, kit.pal):
            self._key = (size, kit.pal)
            self._image = self.make(size, kit.pal)
        assert self._image is not None
        kit.surface.blit(self._image, (self.frame.x, self.frame.y + dy))


class Quote(Text):
    """Words quoted from a source: set off with a bar, in italics."""

    def __init__(self, text: str) -> None:
        super().__init__(text, "quote", "text", indent=1.2)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        box = self.frame.move(0, dy)
        bar = pygame.Rect(box.x, box.y + kit.m.sp(0.4), max(2, kit.m.sp(0.5)),
                          box.height - kit.m.sp(0.8))
        pygame.draw.rect(kit.surface, kit.pal.accent, bar)
        super().draw(kit, dy)


class IconText(Block):
    """A source kind's icon beside its label (shape and words, never colour alone)."""

    def __init__(self, kind: str, text: str, role: str = "small_bold", color: str = "muted") -> None:
        super().__init__()
        self.kind = kind
        self.text = Text(text, role, color)

    def _icon_size(self, kit: Kit) -> int:
        return round(kit.m.line_height(self.text.role) * 0.95)

    def measure(self, kit: Kit, width: int) -> int:
        gap = self._icon_size(kit) + kit.m.pad(0.6)
        return max(self._icon_size(kit), self.text.measure(kit, max(1, width - gap)))

    def place(self, kit: Kit, x: int, y: int, width: int) -> int:
        gap = self._icon_size(kit) + kit.m.pad(0.6)
        height = self.measure(kit, width)
        self.frame = pygame.Rect(x, y, width, height)
        self.text.place(kit, x + gap, y, max(1, width - gap))
        return height

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        size = self._icon_size(kit)
        kit.surface.blit(icons.icon(self.kind, size, kit.pal.text),
                         (self.frame.x, self.frame.y + dy + (kit.m.line_height(self.text.role) - size) // 2))
        self.text.draw(kit, dy)


class Stack(Block):
    """Blocks one above the other, optionally on a card with padding and a border."""

    def __init__(self, children: Sequence[Block], gap: float = 0.75, card: str | None = None,
                 pad: float = 1.2, accent: bool = False) -> None:
        super().__init__()
        self.children = list(children)
        self.gap = gap
        self.card = card  # a palette colour name for the card's fill, or None for no card
        self.pad = pad
        self.accent = accent  # a bar down the left edge

    def _inset(self, kit: Kit) -> int:
        return kit.m.pad(self.pad) if self.card else 0

    def measure(self, kit: Kit, width: int) -> int:
        inset = self._inset(kit)
        inner = max(1, width - 2 * inset - (kit.m.sp(0.5) if self.accent else 0))
        heights = [c.measure(kit, inner) for c in self.children]
        return sum(heights) + kit.m.sp(self.gap) * max(0, len(heights) - 1) + 2 * inset

    def place(self, kit: Kit, x: int, y: int, width: int) -> int:
        inset = self._inset(kit)
        bar = kit.m.sp(0.5) if self.accent else 0
        inner = max(1, width - 2 * inset - bar)
        cy = y + inset
        for k, child in enumerate(self.children):
            if k:
                cy += kit.m.sp(self.gap)
            cy += child.place(kit, x + inset + bar, cy, inner)
        height = cy - y + inset
        self.frame = pygame.Rect(x, y, width, height)
        return height

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        if self.card:
            box = self.frame.move(0, dy)
            radius = kit.m.sp(0.75)
            pygame.draw.rect(kit.surface, kit.color(self.card), box, border_radius=radius)
            pygame.draw.rect(kit.surface, kit.pal.border, box, kit.pal.border_width,
                             border_radius=radius)
            if self.accent:
                bar = pygame.Rect(box.x, box.y, kit.m.sp(0.5), box.height)
                pygame.draw.rect(kit.surface, kit.pal.accent, bar, border_top_left_radius=radius,
                                 border_bottom_left_radius=radius)
        view = kit.view
        for child in self.children:
            if child.frame.bottom + dy >= view.top and child.frame.top + dy <= view.bottom:
                child.draw(kit, dy)

    def focusables(self) -> Iterator[Block]:
        for child in self.children:
            yield from child.focusables()


class Button(Block):
    """A button: a key hint, a label, and a line of detail (a cost, or why it is disabled)."""

    focusable = True

    def __init__(self, label: str, action: Action | None, key: str = "", detail: str = "",
                 enabled: bool = True, style: str = "normal", align: str = "left",
                 hotkeys: Sequence[int] = (), compact: bool = False) -> None:
        super().__init__()
        self.compact = compact  # smaller type and padding, for a crowded bar
        self.label = label
        self.action = action
        self.key = key  # shown in a badge: "1", "N", "Esc"
        self.detail = detail
        self.enabled = enabled
        self.style = style  # normal | primary | quiet
        self.align = align
        self.hotkeys = tuple(hotkeys)
        self.hit = pygame.Rect(0, 0, 0, 0)  # on screen, clipped to its view

    def _badge(self, kit: Kit) -> tuple[int, int]:
        if not self.key:
            return 0, 0
        px = kit.m.text_px("label")
        width = max(kit.ts.width(self.key, "bold", px) + kit.m.pad(0.9), round(px * 1.9))
        return width, width + kit.m.pad(0.8)

    def natural_width(self, kit: Kit) -> int:
        _, badge = self._badge(kit)
        label = kit.ts.width(self.label, kit.ts.face(self._role()), kit.m.text_px(self._role()))
        detail = kit.ts.width(self.detail, "regular", kit.m.text_px("small")) if self.detail else 0
        return max(label + badge, detail + badge) + 2 * kit.m.pad(1.2) + 2

    def _role(self) -> str:
        if self.compact:
            return "small_bold" if self.style == "primary" else "small"
        return "strong" if self.style == "primary" else "body"

    def _inner(self, kit: Kit, width: int) -> int:
        return max(1, width - 2 * kit.m.pad(1.2) - self._badge(kit)[1])

    def _label_lines(self, kit: Kit, width: int) -> tuple[str, ...]:
        return kit.ts.wrap(self.label, kit.ts.face(self._role()), kit.m.text_px(self._role()),
                           self._inner(kit, width))

    def _detail_lines(self, kit: Kit, width: int) -> tuple[str, ...]:
        if not self.detail:
            return ()
        return kit.ts.wrap(self.detail, "regular", kit.m.text_px("small"), self._inner(kit, width))

    def measure(self, kit: Kit, width: int) -> int:
        height = len(self._label_lines(kit, width)) * kit.m.line_height(self._role())
        height += len(self._detail_lines(kit, width)) * kit.m.line_height("small")
        return height + 2 * self._pad_y(kit)

    def _pad_y(self, kit: Kit) -> int:
        return kit.m.pad(0.35 if self.compact else 0.7)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        pal = kit.pal
        box = self.frame.move(0, dy)
        self.hit = box.clip(kit.view)
        radius = kit.m.sp(0.75)
        spare = max(0, box.height - self.measure(kit, box.width))  # a taller row: centre
        hovered = kit.hover is self and self.enabled
        if not self.enabled:
            fill, ink, edge = pal.disabled, pal.disabled_text, pal.border
        elif self.style == "primary":
            fill, ink, edge = pal.accent, pal.on_accent, pal.accent
        else:
            fill = pal.button_hover if hovered else pal.button
            ink, edge = pal.text, pal.button_border
        if self.style == "primary" and hovered:
            fill = tuple(min(255, round(c * 0.85 + 30)) for c in fill)  # type: ignore[assignment]
        if self.style != "quiet" or hovered or not self.enabled:
            pygame.draw.rect(kit.surface, fill, box, border_radius=radius)
        if self.style != "quiet":
            width = pal.border_width + (1 if hovered else 0)
            pygame.draw.rect(kit.surface, edge, box, width, border_radius=radius)
        if not self.enabled:  # a dashed inner line: disabled is shown by shape, not tint alone
            step = kit.m.sp(1)
            for x in range(box.x + radius, box.right - radius, step * 2):
                pygame.draw.line(kit.surface, pal.border, (x, box.bottom - kit.m.sp(0.4)),
                                 (min(x + step, box.right - radius), box.bottom - kit.m.sp(0.4)))
        pad_x, pad_y = kit.m.pad(1.2), self._pad_y(kit)
        x = box.x + pad_x
        badge, badge_space = self._badge(kit)
        role = self._role()
        if badge:
            line = kit.m.line_height(role)
            badge_rect = pygame.Rect(x, box.y + pad_y + spare // 2 + (line - badge) // 2, badge,
                                     badge)
            badge_fill = pal.on_accent if self.style == "primary" else pal.badge
            badge_ink = pal.accent if self.style == "primary" else pal.badge_text
            if not self.enabled:
                badge_fill, badge_ink = pal.border, pal.disabled_text
            pygame.draw.rect(kit.surface, badge_fill, badge_rect, border_radius=max(2, badge // 4))
            label_y = badge_rect.y + (badge - kit.m.line_height("label")) // 2
            kit.draw_lines([self.key], "label", badge_ink, badge_rect.x, label_y, badge_rect,
                           align="center")
            x += badge_space
        text_box = pygame.Rect(x, box.y + pad_y + spare // 2, self._inner(kit, self.frame.width),
                               box.height - 2 * pad_y - spare // 2)
        lines = self._label_lines(kit, self.frame.width)
        align = self.align
        y = kit.draw_lines(lines, role, ink, x, text_box.y, text_box, align)
        detail = self._detail_lines(kit, self.frame.width)
        if detail:
            kit.draw_lines(detail, "small", ink if self.style == "primary" else
                           (pal.disabled_text if not self.enabled else pal.muted),
                           x, y, text_box, align)
        if kit.focus is self and kit.show_focus:
            ring = box.inflate(kit.m.sp(0.9), kit.m.sp(0.9))
            kit.focus_ring = ring
            pygame.draw.rect(kit.surface, pal.focus, ring, max(2, kit.m.sp(0.4)),
                             border_radius=radius + kit.m.sp(0.45))

    def press(self) -> bool:
        if self.enabled and self.action is not None:
            self.action()
            return True
        return False


class Flow(Block):
    """Blocks side by side, wrapping to new rows: buttons in a bar, chips in a status line."""

    def __init__(self, children: Sequence[Block], gap: float = 1.0, align: str = "left",
                 stretch: bool = False) -> None:
        super().__init__()
        self.children = list(children)
        self.gap = gap
        self.align = align
        self.stretch = stretch  # equal widths filling the row

    def _rows(self, kit: Kit, width: int) -> list[list[tuple[Block, int]]]:
        gap = kit.m.sp(self.gap)
        rows: list[list[tuple[Block, int]]] = [[]]
        used = 0
        for child in self.children:
            natural = min(width, _natural(kit, child))
            if rows[-1] and used + gap + natural > width:
                rows.append([])
                used = 0
            used += (gap if rows[-1] else 0) + natural
            rows[-1].append((child, natural))
        if self.stretch and len(rows) == 1 and rows[0]:
            each = (width - gap * (len(rows[0]) - 1)) // len(rows[0])
            if all(w <= each for _, w in rows[0]):
                rows[0] = [(c, each) for c, _ in rows[0]]
        return rows

    def row_count(self, kit: Kit, width: int) -> int:
        """How many rows the blocks take at ``width``."""
        return len(self._rows(kit, width))

    def measure(self, kit: Kit, width: int) -> int:
        rows = self._rows(kit, width)
        gap = kit.m.sp(self.gap * 0.75)
        return sum(max(c.measure(kit, w) for c, w in row) for row in rows if row) + gap * (len(rows) - 1)

    def place(self, kit: Kit, x: int, y: int, width: int) -> int:
        gap = kit.m.sp(self.gap)
        cy = y
        for k, row in enumerate(self._rows(kit, width)):
            if not row:
                continue
            if k:
                cy += kit.m.sp(self.gap * 0.75)
            height = max(c.measure(kit, w) for c, w in row)
            total = sum(w for _, w in row) + gap * (len(row) - 1)
            cx = x + (width - total) // 2 if self.align == "center" else x
            if self.align == "right":
                cx = x + width - total
            for child, w in row:
                child.place(kit, cx, cy, w)
                child.frame.height = height  # one height per row, so the row looks even
                cx += w + gap
            cy += height
        self.frame = pygame.Rect(x, y, width, cy - y)
        return cy - y

    def draw(self, kit: Kit, dy: int) -> None:
        for child in self.children:
            child.draw(kit, dy)

    def focusables(self) -> Iterator[Block]:
        for child in self.children:
            yield from child.focusables()


def _natural(kit: Kit, block: Block) -> int:
    natural = getattr(block, "natural_width", None)
    return int(natural(kit)) if natural else 10**6


class Chip(Block):
    """A labelled value in the status bar, with an optional meter (time left).

    Compact chips put label and value on one line, for large text in a small window.
    """

    def __init__(self, label: str, value: str, meter: tuple[int, int] | None = None,
                 warn: bool = False, compact: bool = False) -> None:
        super().__init__()
        self.label = label
        self.value = value
        self.meter = meter
        self.warn = warn
        self.compact = compact

    def _parts(self) -> list[tuple[str, str]]:
        if self.compact:
            return [(f"{self.label}: {self.value}" if self.label else self.value, "small_bold")]
        return [(self.label, "label"), (self.value, "strong")]

    def natural_width(self, kit: Kit) -> int:
        widest = max(kit.ts.width(text, "bold", kit.m.text_px(role)) for text, role in self._parts())
        return max(widest, kit.m.sp(14) if self.meter and not self.compact else 0) \
            + 2 * kit.m.pad(1) + 2

    def _inner(self, kit: Kit, width: int) -> int:
        return max(1, width - 2 * kit.m.pad(1))

    def _meter_height(self, kit: Kit) -> int:
        return 0 if not self.meter else kit.m.sp(0.8 if self.compact else 1.5)

    def measure(self, kit: Kit, width: int) -> int:
        inner = self._inner(kit, width)
        height = sum(len(kit.ts.wrap(text, "bold", kit.m.text_px(role), inner))
                     * kit.m.line_height(role) for text, role in self._parts())
        return height + self._meter_height(kit) + 2 * kit.m.pad(0.5 if not self.compact else 0.3)

    def draw(self, kit: Kit, dy: int) -> None:
        assert kit.surface is not None
        pal = kit.pal
        box = self.frame.move(0, dy)
        radius = kit.m.sp(0.75)
        pygame.draw.rect(kit.surface, pal.surface, box, border_radius=radius)
        pygame.draw.rect(kit.surface, pal.border, box, pal.border_width, border_radius=radius)
        pad_y = kit.m.pad(0.5 if not self.compact else 0.3)
        inner = pygame.Rect(box.x + kit.m.pad(1), box.y + pad_y, self._inner(kit, box.width),
                            box.height - 2 * pad_y)
        y = inner.y
        for k, (text, role) in enumerate(self._parts()):
            last = k == len(self._parts()) - 1
            color = pal.warning if (self.warn and last) else (pal.text if last else pal.muted)
            lines = kit.ts.wrap(text, "bold", kit.m.text_px(role), inner.width)
            y = kit.draw_lines(lines, role, color, inner.x, y, inner)
        if self.meter:
            self._draw_meter(kit, pygame.Rect(inner.x, y + kit.m.sp(0.2), inner.width,
                                              kit.m.sp(0.5 if self.compact else 0.8)))

    def _draw_meter(self, kit: Kit, bar: pygame.Rect) -> None:
        assert kit.surface is not None and self.meter is not None
        pal = kit.pal
        left, total = self.meter
        total = max(total, left, 1)
        pygame.draw.rect(kit.surface, pal.border, bar, border_radius=bar.height // 2)
        if left > 0:
            full = bar.copy()
            full.width = max(bar.height, round(bar.width * left / total))
            pygame.draw.rect(kit.surface, pal.accent, full, border_radius=bar.height // 2)
        if total <= 24:  # notches: one per hour
            for k in range(1, total):
                nx = bar.x + round(bar.width * k / total)
                pygame.draw.line(kit.surface, pal.surface, (nx, bar.y), (nx, bar.bottom - 1),
                                 max(1, kit.m.sp(0.2)))


class ScrollView:
    """A rectangle of the window showing a column of blocks, scrolled as needed."""

    def __init__(self, rect: pygame.Rect, blocks: Sequence[Block], gap: float = 1.0,
                 paper: str | None = None, pad: float = 0) -> None:
        self.rect = pygame.Rect(rect)
        self.blocks = list(blocks)
        self.gap = gap
        self.paper = paper  # a palette colour behind the column, or None
        self.pad = pad  # space inside the rect, in spacing units
        self.offset = 0.0
        self.target = 0.0
        self.content_height = 0
        self._laid_out = False

    # --- layout --------------------------------------------------------------------------

    def gutter(self, kit: Kit) -> int:
        return kit.m.sp(1.75)  # room kept for the scroll bar, so text never reflows

    def inner(self, kit: Kit) -> pygame.Rect:
        pad = kit.m.sp(self.pad)
        return pygame.Rect(self.rect.x + pad, self.rect.y + pad,
                           max(1, self.rect.width - 2 * pad - self.gutter(kit)),
                           max(1, self.rect.height - 2 * pad))

    def layout(self, kit: Kit) -> None:
        inner = self.inner(kit)
        y = inner.y
        for k, block in enumerate(self.blocks):
            if k:
                y += kit.m.sp(self.gap)
            y += block.place(kit, inner.x, y, inner.width)
        self.content_height = y - inner.y
        self._laid_out = True
        self.target = min(self.target, self.max_offset(kit))
        self.offset = min(self.offset, self.max_offset(kit))

    def fit(self, kit: Kit, area: pygame.Rect, width: int, valign: str = "center") -> None:
        """Size to the content (at most ``area``'s height), centred in ``area``."""
        width = min(width, area.width)
        pad = kit.m.sp(self.pad)
        self.rect = pygame.Rect(area.x + (area.width - width) // 2, area.y, width, area.height)
        self.layout(kit)
        height = min(area.height, self.content_height + 2 * pad)
        y = area.y + (area.height - height) // 2 if valign == "center" else area.y
        self.rect = pygame.Rect(self.rect.x, y, width, height)
        self.layout(kit)

    def max_offset(self, kit: Kit) -> int:
        return max(0, self.content_height - self.inner(kit).height)

    # --- scrolling -----------------------------------------------------------------------

    def scroll_by(self, kit: Kit, pixels: float, animate: bool = True) -> None:
        self.target = max(0.0, min(float(self.max_offset(kit)), self.target + pixels))
        if not animate:
            self.offset = self.target

    def scroll_to(self, kit: Kit, offset: float, animate: bool = True) -> None:
        self.scroll_by(kit, offset - self.target, animate)

    def show(self, kit: Kit, block: Block, animate: bool = True) -> None:
        """Scroll so that ``block`` is in view (with a little room around it)."""
        inner = self.inner(kit)
        margin = kit.m.sp(1.5)
        top = block.frame.top - inner.top - margin
        bottom = block.frame.bottom - inner.top + margin
        if top < self.target:
            self.scroll_to(kit, top, animate)
        elif bottom > self.target + inner.height:
            self.scroll_to(kit, bottom - inner.height, animate)

    def animate(self, dt: float) -> bool:
        """Move towards the target; True while still moving."""
        if abs(self.target - self.offset) < 0.5:
            self.offset = self.target
            return False
        self.offset += (self.target - self.offset) * min(1.0, dt * 14)
        return True

    # --- drawing -------------------------------------------------------------------------

    def contains(self, block: Block) -> bool:
        return any(f is block for b in self.blocks for f in b.focusables())

    def focusables(self) -> list[Block]:
        return [f for block in self.blocks for f in block.focusables()]

    def draw(self, kit: Kit) -> None:
        assert kit.surface is not None
        if not self._laid_out:
            self.layout(kit)
        if self.paper:
            pygame.draw.rect(kit.surface, kit.color(self.paper), self.rect,
                             border_radius=kit.m.sp(0.75))
        inner = self.inner(kit)
        view = pygame.Rect(self.rect.x, inner.y, self.rect.width, inner.height)
        dy = -round(self.offset)
        kit.view = view
        for block in self.focusables():  # only what is drawn this frame can be clicked
            if isinstance(block, Button):
                block.hit = pygame.Rect(0, 0, 0, 0)
        previous = kit.surface.get_clip()
        # a view with nothing to scroll may draw into its padding (a focus ring's edge);
        # one that scrolls clips to its inner area, so rows half out of sight stay hidden
        shown = self.rect if self.max_offset(kit) == 0 else view
        shown = shown.inflate(kit.m.sp(2), 0)
        kit.surface.set_clip(shown.clip(previous) if previous else shown)
        for block in self.blocks:
            if block.frame.bottom + dy >= view.top and block.frame.top + dy <= view.bottom:
                block.draw(kit, dy)
        kit.surface.set_clip(previous)
        if self.max_offset(kit) > 0:
            self._draw_bar(kit, view)

    def _draw_bar(self, kit: Kit, view: pygame.Rect) -> None:
        assert kit.surface is not None
        width = max(3, kit.m.sp(0.6))
        track = pygame.Rect(self.rect.right - kit.m.sp(1.1), view.y, width, view.height)
        pygame.draw.rect(kit.surface, kit.pal.border, track, border_radius=width // 2)
        total = self.content_height
        thumb_h = max(kit.m.sp(3), round(view.height * view.height / max(total, 1)))
        span = view.height - thumb_h
        top = view.y + round(span * self.offset / max(1, self.max_offset(kit)))
        pygame.draw.rect(kit.surface, kit.pal.muted, (track.x, top, width, thumb_h),
                         border_radius=width // 2)
