"""What every page of one running server shares: the story, the players, the secrets.

A :class:`Site` is made once by :func:`game.web.app.create_app` and hung on the app's
state; endpoints reach it with :func:`site_of`. Nothing here is a game rule: those come
from the engine and the desk session.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from game import __version__
from game.desk import Classroom
from game.engine.model import Scenario
from game.i18n import tr
from game.storage import DamagedFile, atomic_write_json, read_json
from game.web.players import Player, PlayerStore
from game.web.security import (
    COOKIE_MAX_AGE,
    COOKIE_NAME,
    FormError,
    RateLimit,
    cross_site,
    form_token,
    looks_like_cookie,
    new_secret,
    parse_form,
    same_secret,
)

if TYPE_CHECKING:
    from game.web.teacher import Figures

HERE = Path(__file__).resolve().parent
MAX_PLAYERS = 1000  # far more than a class; a bound so a flood cannot fill the disk
KEY_FILE = "server-key.json"


@dataclass
class ServeOptions:
    """What the teacher asked for on the command line."""

    scenario: Scenario
    state_dir: Path  # where the players' state files and the server key live
    class_code: str | None = None  # classroom mode when set
    results_dir: Path | None = None
    quiz: bool = True
    dashboard_token: str = field(default_factory=new_secret)
    join_url: str = ""  # the address students open (a LAN address); else the page's own
    hosts: frozenset[str] = frozenset()  # the Host headers answered (empty: any)
    max_players: int = MAX_PLAYERS


class Site:
    """One server's story, players, templates, secrets and join limit."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.scenario = options.scenario
        self.classroom = options.class_code is not None
        players_dir = options.state_dir / "players"
        classroom = None
        if options.class_code is not None:
            classroom = Classroom(options.class_code, options.results_dir, options.quiz)
        self.store = PlayerStore(players_dir, options.scenario, classroom)
        self.key = _server_key(options.state_dir)
        self.joins = RateLimit()
        self.joining = asyncio.Lock()  # new games are made one at a time
        self.templates = _environment()
        self.figures_cache: tuple[int, float, Figures] | None = None  # the dashboard's

    @property
    def class_code(self) -> str:
        return self.options.class_code or ""

    def render(self, request: Request, name: str, context: dict[str, Any],
               status: int = 200, player: Player | None = None) -> HTMLResponse:
        """A page from a template, with this visitor's form token, looks and cookie."""
        cookie, fresh = visitor(request)
        looks = player.looks if player is not None else None
        notices = player.desk.take_notices() if player is not None else []
        page = self.templates.get_template(name).render(
            csrf=form_token(self.key, cookie), scenario=self.scenario, classroom=self.classroom,
            theme=looks.theme if looks else "auto", text_size=looks.text_size if looks else 100,
            player=player, notices=notices, version=__version__, **context)
        response = HTMLResponse(page, status_code=status)
        response.headers["cache-control"] = "no-store"  # a shared Chromebook keeps no pages
        if fresh:
            set_cookie(response, cookie)
        return response

    def refuse(self, request: Request, message: str, status: int,
               player: Player | None = None) -> HTMLResponse:
        """A page that says plainly what was refused and that nothing changed."""
        return self.render(request, "refused.html", {"message": message}, status, player)

    async def form(self, request: Request, purpose: str = "form") -> dict[str, str]:
        """The posted form, after the cross-site and token checks; FormError if it fails."""
        if cross_site(request.headers, request.headers.get("host", "")):
            raise FormError(tr("web.cross_site", "This form was sent from another site, so it "
                               "was refused. Nothing was changed."), 403)
        cookie = request.cookies.get(COOKIE_NAME)
        if not looks_like_cookie(cookie):
            raise FormError(tr("web.no_cookie", "Your browser did not send this game's cookie. "
                               "Allow cookies for this address, reload the page and try "
                               "again."), 403)
        assert cookie is not None
        fields = parse_form(request.headers.get("content-type", ""), await request.body())
        if not same_secret(fields.get("csrf", ""), form_token(self.key, cookie, purpose)):
            raise FormError(tr("web.bad_token", "This form is not one this server gave you "
                               "(it may be from before the server restarted). Reload the page "
                               "and try again. Nothing was changed."), 403)
        return fields

    def player(self, request: Request) -> Player | None:
        cookie = request.cookies.get(COOKIE_NAME)
        if not looks_like_cookie(cookie):
            return None
        assert cookie is not None
        return self.store.find(cookie)


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def visitor(request: Request) -> tuple[str, bool]:
    """The visitor's cookie, and whether it is new (then it must be set on the response)."""
    cookie = request.cookies.get(COOKIE_NAME)
    if looks_like_cookie(cookie):
        assert cookie is not None
        return cookie, False
    made: str | None = request.scope.get("dl.new_cookie")
    if made is None:
        made = new_secret()
        request.scope["dl.new_cookie"] = made
    return made, True


def set_cookie(response: Response, cookie: str) -> None:
    response.set_cookie(COOKIE_NAME, cookie, max_age=COOKIE_MAX_AGE, path="/", httponly=True,
                        samesite="strict")


def _server_key(folder: Path) -> bytes:
    """The key form tokens are made with, kept so that open pages survive a restart."""
    path = folder / KEY_FILE
    try:
        data = read_json(path)
        key = data.get("key") if isinstance(data, dict) else None
        if isinstance(key, str) and len(key) == 64:
            return bytes.fromhex(key)
    except (FileNotFoundError, DamagedFile, ValueError):
        pass
    key_bytes = secrets.token_bytes(32)
    atomic_write_json(path, {"kind": "deconfliction-line/web-server-key", "key": key_bytes.hex()})
    return key_bytes


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals["tr"] = tr
    return env
