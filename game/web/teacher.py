"""The teacher's pages, behind the secret link: the dashboard, the projector view, the report.

The link's token is compared in constant time; a wrong one gets a plain 404, as if the
page did not exist. The dashboard reads the class from the results folder (so students
playing in the window show too) and from the browser players in memory (which night
each is on). It refreshes itself through server-sent events, and works by reloading
when script is off. The projector view shows the join code and counts only.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import segno
from sse_starlette import EventSourceResponse
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from game.classroom.report import class_report, fixed, render_html, signed, summary_line
from game.classroom.results import read_results
from game.desk import Stage
from game.i18n import tr
from game.storage import atomic_write_bytes
from game.web.players import Player
from game.web.security import REPORT_CSP, FormError, form_token, same_secret
from game.web.site import Site, site_of, visitor

REPORT_FILE = "report.html"
LIVE_EVERY = 2.0  # seconds between checks for news on the live dashboard
WINDOW_EVERY = 10.0  # seconds: students in the window change the folder without telling us


@dataclass(frozen=True)
class Row:
    """One student as the dashboard lists them."""

    label: str
    where: str
    calls: int
    finished: bool


@dataclass(frozen=True)
class Figures:
    joined: int
    playing: int
    finished: int
    rows: tuple[Row, ...]
    # as in the class report: the headline is the game's score, d′ and c are the quiz's
    game_percent: str  # the class's mean share of a careful desk's points ("–" until a call)
    before_d: str  # quiz discernment d′, students with both quizzes ("–" until measurable)
    after_d: str
    before_c: str  # quiz lean c, signed: above 0 leans to doubt, below 0 to trust
    after_c: str
    warnings: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        return {"joined": self.joined, "playing": self.playing, "finished": self.finished}


def _where(player: Player | None) -> str:
    if player is None:
        return tr("web.dash_window", "in the window")
    stage = player.stage
    if stage is Stage.PLAY:
        scene = player.desk.story.scene
        return scene.day or scene.title
    return {Stage.NICKNAME: tr("web.dash_nickname", "joining"),
            Stage.QUIZ_BEFORE: tr("web.dash_quiz_before", "quiz before"),
            Stage.QUIZ_AFTER: tr("web.dash_quiz_after", "quiz after"),
            Stage.DEBRIEF: tr("web.dash_debrief", "reading the debrief")}[stage]


def figures(site: Site) -> Figures:
    """The class so far, from the results folder and the browser players.

    Worked out once for each change of the players (however many dashboards are open),
    and at least every few seconds for students playing in the window.
    """
    cached = site.figures_cache
    now = time.monotonic()
    if cached is not None and cached[0] == site.store.version and now - cached[1] < WINDOW_EVERY:
        return cached[2]
    found = _figures(site)
    site.figures_cache = (site.store.version, now, found)
    return found


def _figures(site: Site) -> Figures:
    folder = site.options.results_dir
    if folder is None or not folder.is_dir():
        return Figures(0, 0, 0, (), "–", "–", "–", "–", "–", ())
    found = read_results(folder)
    by_results = {p.desk.record.id: p for p in site.store.players() if p.desk.record is not None}
    rows = tuple(Row(r.label, _where(by_results.get(r.id)), len(r.decisions), r.finished)
                 for r in found.sessions)
    report = class_report(found.sessions, found.warnings, found.files_seen)
    finished = sum(1 for r in rows if r.finished)
    percent = report.mean_game_percent
    return Figures(len(rows), len(rows) - finished, finished, rows,
                   "–" if percent is None else f"{percent:.0f}%",
                   fixed(report.paired_before.mean_d_prime), fixed(report.paired.mean_d_prime),
                   signed(report.paired_before.mean_criterion),
                   signed(report.paired.mean_criterion),
                   tuple(found.warnings))


def _allowed(request: Request, site: Site) -> bool:
    return same_secret(str(request.path_params.get("token", "")), site.options.dashboard_token)


def _not_found() -> Response:
    return PlainTextResponse(tr("web.not_found", "There is no page at this address."), 404)


def join_address(request: Request) -> str:
    """Where students go: the LAN address the server printed, else this page's own host."""
    chosen = site_of(request).options.join_url
    return chosen or f"{request.url.scheme}://{request.headers.get('host', 'localhost')}/"


def qr_svg(address: str) -> str:
    """The join address as a QR code, an inline SVG (segno, pure Python).

    The stylesheet draws it in the theme's text colour on the paper colour.
    """
    code = segno.make(address, error="m")
    svg: str = code.svg_inline(scale=6, dark="#000", light=None, omitsize=True)
    return svg


async def dashboard(request: Request) -> Response:
    site = site_of(request)
    if not _allowed(request, site):
        return _not_found()
    return site.render(request, "dashboard.html", {
        "f": figures(site), "token": site.options.dashboard_token, "code": site.class_code,
        "address": join_address(request), "qr": qr_svg(join_address(request)),
        "teacher_csrf": form_token(site.key, visitor(request)[0], "teacher"),
        "made": request.query_params.get("made", "")})


async def projector(request: Request) -> Response:
    site = site_of(request)
    if not _allowed(request, site):
        return _not_found()
    return site.render(request, "projector.html", {
        "f": figures(site), "code": site.class_code, "address": join_address(request),
        "qr": qr_svg(join_address(request)), "token": site.options.dashboard_token})


async def events(request: Request) -> Response:
    """Server-sent events: the counts and rows whenever a player's record changes."""
    site = site_of(request)
    if not _allowed(request, site):
        return _not_found()
    full = request.query_params.get("view") != "projector"

    async def stream() -> AsyncIterator[dict[str, str]]:
        seen = -1
        ticks = 0
        while True:
            ticks += 1
            if site.store.version != seen or ticks % round(WINDOW_EVERY / LIVE_EVERY) == 0:
                seen = site.store.version
                f = await asyncio.to_thread(figures, site)
                data: dict[str, object] = {**f.counts(), "game_percent": f.game_percent,
                                           "before_d": f.before_d, "after_d": f.after_d,
                                           "before_c": f.before_c, "after_c": f.after_c}
                if full:
                    data["rows"] = [[r.label, r.where, r.calls, r.finished] for r in f.rows]
                yield {"event": "class", "data": json.dumps(data)}
            await asyncio.sleep(LIVE_EVERY)

    return EventSourceResponse(stream(), ping=15)


async def make_report(request: Request) -> Response:
    """The button: write report.html into the results folder, then show where it is."""
    site = site_of(request)
    if not _allowed(request, site):
        return _not_found()
    try:
        await site.form(request, "teacher")
    except FormError as exc:
        return site.refuse(request, str(exc), exc.status)
    folder = site.options.results_dir
    assert folder is not None
    made = await asyncio.to_thread(write_report, folder)  # seconds for a big class: not here
    token = site.options.dashboard_token
    return RedirectResponse(f"/teacher/{token}?made={'yes' if made else 'none'}", status_code=303)


def write_report(folder: Path) -> bool:
    """``report.html`` in the results folder, as ``report`` makes it; False with no results."""
    found = read_results(folder)
    if not found.sessions:
        return False
    report = class_report(found.sessions, found.warnings, found.files_seen)
    atomic_write_bytes(folder / REPORT_FILE, render_html(report).encode("utf-8"))
    print(summary_line(report, str(folder / REPORT_FILE)), flush=True)
    return True


async def report_page(request: Request) -> Response:
    site = site_of(request)
    if not _allowed(request, site):
        return _not_found()
    folder = site.options.results_dir
    path = Path(folder or ".") / REPORT_FILE
    try:
        page = path.read_bytes()
    except OSError:
        return _not_found()
    return Response(page, media_type="text/html; charset=utf-8",
                    headers={"content-security-policy": REPORT_CSP, "cache-control": "no-store"})
