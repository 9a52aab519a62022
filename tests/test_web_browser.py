"""A whole class session in real Chromium, and axe-core's accessibility check on every kind of page.

Debian's Chromium is driven through Playwright's Python package (no browser download),
and axe-core comes from npm (``.ci/run`` installs it into ``.ci/node``). When either
cannot be had, every test here is skipped with a message saying so, loudly: never silently.
Set ``DL_WEB_SCREENSHOTS=DIR`` to keep screenshots of the pages as they are checked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_client import PROJECT, Server, start_server

CHROMIUM = os.environ.get("DL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(os.environ.get("DL_AXE") or PROJECT / ".ci/node/node_modules/axe-core/axe.min.js")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (1280, 360)
SHOTS = os.environ.get("DL_WEB_SCREENSHOTS")


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set DL_CHROMIUM)"
    if not AXE.exists():
        return (f"no axe-core at {AXE} (npm install --prefix .ci/node axe-core, or set DL_AXE)")
    return ""


MISSING = _missing()
if MISSING:
    print(f"\n*** BROWSER TESTS SKIPPED: {MISSING} ***\n", file=sys.stderr)
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"BROWSER TESTS SKIPPED: {MISSING}")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    results = tmp_path / "results"
    running = start_server("--class", "7B", "--results", str(results))
    yield running, results
    running.stop()


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page as it is, one line each (empty when clean)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # run through the debugger: CSP stays on
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    assert len(result["passes"]) >= 10, "axe checked next to nothing"
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in result["violations"]]


def check_page(page: Any, name: str, found: dict[str, list[str]], show: str = "") -> None:
    """axe at both widths; the page must also fit the phone with no sideways scrolling.

    With ``DL_WEB_SCREENSHOTS`` set, each width is kept as a picture (scrolled to ``show``).
    """
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        found[f"{name} at {width} px"] = axe_violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            if show:
                page.locator(show).first.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.screenshot(path=str(Path(SHOTS) / f"web-{name}-{width}.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 800})


def count(page: Any, name: str) -> str:
    return str(page.text_content(f'[data-count="{name}"]')).strip()


def live(page: Any, name: str, value: str) -> None:
    """Wait for a dashboard figure to change by itself (the CSP forbids eval'd waits)."""
    from playwright.sync_api import expect

    expect(page.locator(f'[data-count="{name}"]')).to_have_text(value, timeout=15_000)


def test_a_class_session_in_chromium_with_the_dashboard_live_then_report_reads_it(
        chromium, server, tmp_path):
    running, results = server
    teacher = chromium.new_context().new_page()
    teacher.goto(running.dashboard)
    assert count(teacher, "joined") == "0"
    accessibility: dict[str, list[str]] = {}
    check_page(teacher, "dashboard-empty", accessibility)

    page = chromium.new_context().new_page()
    page.goto(running.base + "/")
    check_page(page, "join", accessibility)
    page.evaluate("document.querySelector('#code').removeAttribute('id')")  # axe can fail:
    assert any(v.startswith("label") for v in axe_violations(page))  # a field loses its label
    page.reload()
    # keyboard only: the code, the nickname, Enter
    page.focus("#code")
    page.keyboard.type("7b")
    page.keyboard.press("Tab")
    page.keyboard.type("Keyboard Kim")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/quiz"), page.text_content("main")
    live(teacher, "joined", "1")  # the dashboard heard it, without a reload
    assert "Keyboard Kim" in teacher.text_content("tbody")

    def rate_all() -> None:
        while page.url.endswith("/quiz"):
            page.keyboard.press("Tab")  # a rating button takes focus and Enter presses it
            page.focus("button[name=rating][value='5']")
            with page.expect_navigation():
                page.keyboard.press("Enter")

    check_page(page, "quiz", accessibility)
    rate_all()
    # keyboard only: Tab from the top reaches the first choice soon, with a visible focus ring
    page.goto(page.url)
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "index":
            break
    assert page.evaluate("document.activeElement.name") == "index"
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring not in ("none", ""), ring
    with page.expect_navigation():
        page.keyboard.press("Enter")

    seen_claim = False
    restarted = None
    try:
        for step in range(300):
            if not page.url.endswith("/desk"):
                break
            if not seen_claim and page.locator(".claim").count():
                check_page(page, "claim-scene", accessibility, show=".claim")
                seen_claim = True
                for other in ("notebook", "looks"):  # the other pages a student opens
                    page.goto(f"{running.base}/{other}")
                    check_page(page, other, accessibility)
                page.goto(f"{running.base}/")
            if step == 5:  # the teacher stops the server and starts it again on the folder
                where = page.text_content("main")
                running.stop()
                restarted = running = start_server("--class", "7B", "--results", str(results))
                page.goto(running.base + "/")
                assert page.url.endswith("/desk") and page.text_content("main") == where
                teacher.goto(running.dashboard)
            with page.expect_navigation():
                page.locator("button[name=index]").first.click()
        assert seen_claim and restarted is not None
        finish_the_session(page, teacher, projector_of=chromium, running=running,
                           results=results, tmp_path=tmp_path, accessibility=accessibility,
                           rate_all=rate_all)
    finally:
        if restarted is not None:
            restarted.stop()


def finish_the_session(page: Any, teacher: Any, *, projector_of: Any, running: Server,
                       results: Path, tmp_path: Path, accessibility: dict[str, list[str]],
                       rate_all: Any) -> None:
    """The quiz after, the debrief, the dashboard and the projector, then report."""
    assert page.url.endswith("/quiz")  # the quiz after comes before the debrief
    rate_all()
    assert page.url.endswith("/debrief")
    assert "The full review" in page.text_content("main")
    check_page(page, "debrief", accessibility)
    page.reload()  # a reload keeps the student where they are
    assert page.url.endswith("/debrief")

    live(teacher, "finished", "1")
    check_page(teacher, "dashboard", accessibility)
    with teacher.expect_navigation():
        teacher.click("text=Make the class report")
    teacher.wait_for_selector("text=open the class report")
    projector = projector_of.new_context().new_page()
    projector.goto(running.dashboard + "/projector")
    assert "Keyboard Kim" not in projector.text_content("body")
    check_page(projector, "projector", accessibility)

    bad = {page_name: v for page_name, v in accessibility.items() if v}
    assert not bad, json.dumps(bad, indent=1)

    [record] = results.glob("7B-*.json")
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["nickname"] == "Keyboard Kim" and data["finished"]
    assert len(data["quiz"]["before"]) == len(data["quiz"]["after"]) == 8
    out = subprocess.run([sys.executable, "-m", "game", "report", str(results), "--out",
                          str(tmp_path / "report.html")], cwd=PROJECT, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert re.search(r"1 sessions? from class 7B \(1 finished\)", out.stdout), out.stdout


@pytest.mark.parametrize("scheme,contrast,theme", [("dark", "no-preference", "dark"),
                                                   ("light", "more", "high_contrast")])
def test_the_devices_dark_and_high_contrast_preferences_pass_axe_too(
        chromium, server, scheme, contrast, theme):
    running, _ = server
    context = chromium.new_context(color_scheme=scheme, contrast=contrast)
    page = context.new_page()
    page.goto(running.base + "/")
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == {"dark": "rgb(24, 27, 32)", "high_contrast": "rgb(0, 0, 0)"}[theme]
    assert axe_violations(page) == []


def test_the_last_calls_response_page_in_chromium_then_the_quiz_after(chromium, tmp_path):
    """A story whose last call ends the game: its response has a page of its own, which
    passes axe, and Go on leads to the quiz after."""
    import yaml
    from test_classroom_scenario import scenario_data

    data = scenario_data()
    for scene in data["scenes"]:
        for choice in scene.get("choices", []):
            if choice.get("goto") == "press":
                choice["goto"] = "clean"
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "desk.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    running = start_server("--class", "7B", "--results", str(tmp_path / "results"),
                           scenes=str(scenes))
    try:
        page = chromium.new_context().new_page()
        page.goto(running.base + "/")
        page.fill("#code", "7B")
        with page.expect_navigation():
            page.click("button[type=submit]")
        while page.url.endswith("/quiz"):
            with page.expect_navigation():
                page.click("button[name=rating][value='4']")
        for _ in range(20):
            if not page.locator("button[name=index]").count():
                break
            with page.expect_navigation():
                page.locator("button[name=index]").last.click()  # a call, never the check
        assert "How your call lands" in page.text_content("main")
        accessibility: dict[str, list[str]] = {}
        check_page(page, "last-response", accessibility)
        bad = {name: v for name, v in accessibility.items() if v}
        assert not bad, json.dumps(bad, indent=1)
        with page.expect_navigation():
            page.click("text=Go on")
        assert page.url.endswith("/quiz") and "After the desk" in page.text_content("main")
    finally:
        running.stop()
