"""Every screen at the smallest and a large size (and with the largest text): no line of
text leaves its box, and no box leaves the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import load
from game.ui.app import App
from game.ui.screenshots import make_app, tour

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"
SCENES = ROOT / "scenes"
STORY = SCENES if SCENES.is_dir() and not load(SCENES).errors else EXAMPLE

CASES = [
    ((1024, 600), "light", 100),
    ((2560, 1440), "light", 100),
    ((1024, 600), "high_contrast", 200),
    ((1280, 720), "dark", 80),
]


def overflows(app: App) -> list[str]:
    window = app.surface.get_rect()
    problems = []
    for record in app.kit.log:
        if not record.box.contains(record.rect):
            problems.append(f"{record.text!r} at {record.rect} is outside its box {record.box}")
        if record.box.left < window.left or record.box.right > window.right:
            problems.append(f"the box of {record.text!r} ({record.box}) leaves the window")
        if not window.contains(record.view):
            problems.append(f"the view of {record.text!r} ({record.view}) leaves the window")
    for view in app.top.views:
        inner = view.inner(app.kit)
        for block in view.blocks:
            if block.frame.right > inner.right or block.frame.left < inner.left:
                problems.append(f"a block is wider than its view on {app.top.name}")
    return problems


@pytest.mark.parametrize(("size", "theme", "text_size"), CASES,
                         ids=[f"{w}x{h}-{t}-{s}" for (w, h), t, s in CASES])
def test_no_text_leaves_its_box_on_any_screen(size: tuple[int, int], theme: str, text_size: int,
                                              tmp_path: Path) -> None:
    app = make_app(str(STORY), size, theme, text_size, data=str(tmp_path))
    assert isinstance(app, App)
    seen = []
    for name in tour(app):
        app.dirty = True
        app.step()
        assert app.kit.log, f"nothing drawn on {name}"
        assert overflows(app) == [], name
        seen.append(name)
    assert {"title", "scene", "notebook", "history", "pause", "slots-save", "slots-load",
            "settings", "confirm", "ending", "debrief", "article", "response",
            "front"} <= set(seen)


def test_the_content_problems_screen_fits_too(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("scenario:\n  id: x\nscenes: [ {id: a, text: hi, choices: [{goto: b}]} ]\n")
    app = make_app(str(broken), (1024, 600), data=str(tmp_path / "data"), dev=True)
    assert isinstance(app, App)
    names = list(tour(app))
    assert names == ["title", "problems"]
    app.dirty = True
    app.step()
    assert overflows(app) == []
    assert any("error" in r.text for r in app.kit.log)


def test_a_long_unbroken_word_is_broken_to_fit(tmp_path: Path) -> None:
    from game.ui.widgets import Text

    app = make_app(str(EXAMPLE), (1024, 600), data=str(tmp_path))
    assert isinstance(app, App)
    text = Text("x" * 400, "body")
    width = 300
    lines = text._lines(app.kit, width)
    assert len(lines) > 1
    assert all(app.ts.width(line, "regular", app.kit.m.text_px("body")) <= width for line in lines)
