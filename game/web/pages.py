"""The student's pages: join (or a new game), the quiz, the desk, the notebook, the debrief.

Each endpoint is small: find the player, check the form, ask the desk session, answer
with a page or a redirect. Every rule comes from the engine and the desk session
(:mod:`game.desk`); every sentence about the score from :mod:`game.wording`.
A form from an older page (Back, a second click, a tab left open) carries an old
``turn`` and is refused with a 409 that changes nothing.
"""

from __future__ import annotations

import asyncio
import secrets
import time
import unicodedata

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from game.classroom.quiz import HIGHEST_RATING, LOWEST_RATING
from game.classroom.session import NICKNAME_MAX
from game.desk import Stage
from game.engine.debrief import call_label, debrief
from game.engine.scoring import score
from game.engine.story import ChoiceError
from game.i18n import tr
from game.web.players import TEXT_SIZES, THEMES, Player
from game.web.security import FormError, same_secret
from game.web.site import Site, site_of, visitor
from game.wording import debrief_summary, feedback_text, notebook, review, score_lines

NICKNAME_PUNCTUATION = " -_.'"
STAGE_PAGES = {Stage.NICKNAME: "/", Stage.QUIZ_BEFORE: "/quiz", Stage.PLAY: "/desk",
               Stage.QUIZ_AFTER: "/quiz", Stage.DEBRIEF: "/debrief"}
QUIZ_PHASES = {Stage.QUIZ_BEFORE: "before", Stage.QUIZ_AFTER: "after"}


def go(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)  # after a POST: GET the next page


def go_on(player: Player) -> RedirectResponse:
    return go(STAGE_PAGES[player.stage])


def check_nickname(text: str) -> str | None:
    """The nickname to keep (None when empty), or ValueError saying what is wrong with it."""
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) > NICKNAME_MAX:
        raise ValueError(tr("web.nickname_long", "A nickname is at most {n} characters.",
                            n=NICKNAME_MAX))
    if not all(unicodedata.category(ch)[0] in "LN" or ch in NICKNAME_PUNCTUATION for ch in text):
        raise ValueError(tr("web.nickname_chars", "A nickname may hold letters, digits, spaces "
                            "and - _ . ' only."))
    return text


def _number(fields: dict[str, str], name: str) -> int | None:
    value = fields.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


async def _player_form(request: Request, site: Site) -> tuple[Player, dict[str, str]] | Response:
    """The player and their form; a refusal page if there is no player or the form is old."""
    try:
        fields = await site.form(request)
    except FormError as exc:
        return site.refuse(request, str(exc), exc.status, site.player(request))
    player = site.player(request)
    if player is None:
        return go("/")
    if _number(fields, "turn") != player.turn:
        return site.refuse(request, tr(
            "web.old_form", "That page was out of date (the Back button, or a second click), "
                            "so nothing was changed. Carry on from where you are now."),
            409, player)
    return player, fields


# --- arriving ---------------------------------------------------------------------------


async def home(request: Request) -> Response:
    site = site_of(request)
    player = site.player(request)
    if player is not None and site.classroom and player.stage is not Stage.NICKNAME:
        return go_on(player)
    return site.render(request, "home.html", {"error": "", "nickname": "",
                                              "has_game": player is not None}, player=player)


async def join(request: Request) -> Response:
    """A student joins the class: the code, an optional nickname; rate-limited."""
    site = site_of(request)
    if not site.classroom:
        return go("/")
    device = request.client.host if request.client else "unknown"
    wait = site.joins.allow(device)
    if wait:
        response = site.refuse(request, tr(
            "web.too_many_joins", "Too many tries to join from this device. Wait {n} seconds "
            "and try again.", n=max(1, round(wait))), 429)
        response.headers["retry-after"] = str(max(1, round(wait)))
        return response
    try:
        fields = await site.form(request)
    except FormError as exc:
        return site.refuse(request, str(exc), exc.status)
    cookie, _ = visitor(request)
    player = site.store.find(cookie)
    if player is not None and player.stage is not Stage.NICKNAME:
        return go_on(player)  # joined already (a second tab, a double click)
    nickname_text = fields.get("nickname", "")[:200]

    def again(message: str, status: int = 400) -> Response:
        return site.render(request, "home.html", {"error": message, "nickname": nickname_text,
                                                  "has_game": False}, status)

    code = " ".join(fields.get("code", "").split()).casefold()
    if not code or not same_secret(code, site.class_code.casefold()):
        return again(tr("web.wrong_code", "That is not the class code. Check the code your "
                        "teacher gave you and try again."))
    try:
        nickname = check_nickname(nickname_text)
    except ValueError as exc:
        return again(str(exc))
    if player is not None:  # a game whose results file was lost: a new one begins
        async with player.lock:
            await asyncio.to_thread(player.desk.begin, nickname)
            site.store.changed()
        return go_on(player)
    if site.store.count() >= site.options.max_players:
        return again(tr("web.full", "This class is full. Ask your teacher."), 503)
    async with site.joining:  # one at a time: a double click must not make two games
        player = site.store.find(cookie)
        if player is None:
            player = await asyncio.to_thread(site.store.create, cookie,
                                             secrets.randbelow(1 << 32), nickname)
    return go_on(player)


async def new_game(request: Request) -> Response:
    """Single player: start a game (or start again, which replaces the game)."""
    site = site_of(request)
    if site.classroom:
        return go("/")
    try:
        await site.form(request)
    except FormError as exc:
        return site.refuse(request, str(exc), exc.status)
    cookie, _ = visitor(request)
    if site.store.find(cookie) is None and site.store.count() >= site.options.max_players:
        return site.refuse(request, tr("web.full_alone", "This server has as many games as it "
                                       "keeps. Nothing was changed."), 503)
    async with site.joining:
        player = await asyncio.to_thread(site.store.create, cookie, secrets.randbelow(1 << 32))
    return go_on(player)


# --- the quiz ---------------------------------------------------------------------------


async def quiz(request: Request) -> Response:
    site = site_of(request)
    player = site.player(request)
    if player is None:
        return go("/")
    phase = QUIZ_PHASES.get(player.stage)
    if phase is None:
        return go_on(player)
    items = player.desk.quiz_items(phase)
    item = player.desk.pending_quiz(phase)[0]
    player.quiz_shown = time.monotonic()
    return site.render(request, "quiz.html", {
        "phase": phase, "item": item, "number": items.index(item) + 1, "total": len(items),
        "ratings": range(LOWEST_RATING, HIGHEST_RATING + 1)}, player=player)


async def answer_quiz(request: Request) -> Response:
    site = site_of(request)
    found = await _player_form(request, site)
    if isinstance(found, Response):
        return found
    player, fields = found
    phase = QUIZ_PHASES.get(player.stage)
    if phase is None:
        return go_on(player)
    expected = player.desk.pending_quiz(phase)[0].id
    if fields.get("item") != expected:
        return site.refuse(request, tr("web.quiz_item", "That answer was for another headline, "
                                       "so nothing was changed."), 409, player)
    rating = _number(fields, "rating")
    if rating is None or not LOWEST_RATING <= rating <= HIGHEST_RATING:
        return site.refuse(request, tr("web.quiz_rating", "A rating is a whole number from {low} "
                                       "to {high}. Nothing was changed.", low=LOWEST_RATING,
                                       high=HIGHEST_RATING), 400, player)
    async with player.lock:  # the file is written in a worker thread: others are served meanwhile
        await asyncio.to_thread(player.desk.record_quiz, phase, expected, rating,
                                time.monotonic() - player.quiz_shown)
        site.store.changed()
    return go_on(player)


# --- the desk ---------------------------------------------------------------------------


async def desk(request: Request) -> Response:
    site = site_of(request)
    player = site.player(request)
    if player is None:
        return go("/")
    if player.stage is not Stage.PLAY:
        return last_response(request, site, player)
    story = player.desk.story
    history = story.state.history
    last = history[-1] if history else None
    finding = site.scenario.checks.get(last.verify) if last and last.verify else None
    feedback = player.desk.feedback()
    return site.render(request, "desk.html", {
        "story": story, "scene": story.scene, "paragraphs": story.paragraphs(),
        "sources": story.sources(), "claims": story.claims(), "options": story.choices(),
        "finding": finding,
        "feedback": feedback_text(feedback, player.looks.tell_grade) if feedback else "",
        "feedback_grade": feedback.grade.value if feedback else "",
        "can_undo": player.desk.can_undo}, player=player)


def last_response(request: Request, site: Site, player: Player) -> Response:
    """After the call that ended the game, its response first; then the quiz after (in
    class) or the debrief. Anything else at this address goes on to where the player is."""
    feedback = player.desk.feedback()
    if feedback is None:
        return go_on(player)
    return site.render(request, "response.html", {
        "claim": site.scenario.claims.get(feedback.claim), "call": call_label(feedback.call),
        "feedback": feedback_text(feedback, player.looks.tell_grade),
        "feedback_grade": feedback.grade.value, "next": STAGE_PAGES[player.stage]},
        player=player)


async def choose(request: Request) -> Response:
    site = site_of(request)
    found = await _player_form(request, site)
    if isinstance(found, Response):
        return found
    player, fields = found
    if player.stage is not Stage.PLAY:
        return go_on(player)
    index = _number(fields, "index")
    async with player.lock:
        try:
            if index is None:
                raise ChoiceError("not a number")
            # results file and autosave are written before it returns, in a worker thread
            # so that other students are served while this one's files reach the disk
            await asyncio.to_thread(player.desk.choose, index)
        except ChoiceError:
            return site.refuse(request, tr("web.no_choice", "There is no such choice here, so "
                                           "nothing was changed."), 400, player)
        site.store.changed()
    if player.stage is not Stage.PLAY:
        return go("/desk")  # the last call's response, before what comes next
    return go_on(player)


async def undo(request: Request) -> Response:
    """Back to just before the last choice: alone only (in class the first call counts)."""
    site = site_of(request)
    found = await _player_form(request, site)
    if isinstance(found, Response):
        return found
    player, _ = found
    async with player.lock:
        if not player.desk.can_undo:
            return site.refuse(request, tr("web.no_undo", "There is nothing to undo here (in "
                                           "class the first call on each claim is the one that "
                                           "counts)."), 409, player)
        player.epoch += 1  # first: a page from before the undo is never taken after it
        await asyncio.to_thread(player.save_web)
        await asyncio.to_thread(player.desk.undo)
    return go_on(player)


async def notes(request: Request) -> Response:
    site = site_of(request)
    player = site.player(request)
    if player is None:
        return go("/")
    entries = notebook(site.scenario, player.desk.story.state)
    return site.render(request, "notebook.html", {"entries": entries}, player=player)


async def debrief_page(request: Request) -> Response:
    site = site_of(request)
    player = site.player(request)
    if player is None:
        return go("/")
    if player.stage is not Stage.DEBRIEF:
        return go_on(player)
    story = player.desk.story
    state = story.state
    result = score(site.scenario, state)
    claims = [site.scenario.claims[c] for c in state.met]
    report = debrief(site.scenario, state)
    record = player.desk.record
    quiz_lines = player.desk.quiz_summary("after") if record and record.quiz["after"] else []
    return site.render(request, "debrief.html", {
        "ending": story.ending, "scene": story.scene, "paragraphs": story.paragraphs(),
        "report": report, "score_lines": score_lines(result, claims), "quiz_lines": quiz_lines,
        "summary": debrief_summary(report),
        "reviews": [(entry, review(entry, report)) for entry in report.entries],
    }, player=player)


# --- looks ------------------------------------------------------------------------------


async def looks(request: Request) -> Response:
    site = site_of(request)
    player = site.player(request)
    return site.render(request, "looks.html", {"themes": THEMES, "sizes": TEXT_SIZES},
                       player=player)


async def change_looks(request: Request) -> Response:
    site = site_of(request)
    found = await _player_form(request, site)
    if isinstance(found, Response):
        return found
    player, fields = found
    theme = fields.get("theme", "")
    size = _number(fields, "text_size")
    if theme not in THEMES or size not in TEXT_SIZES:
        return site.refuse(request, tr("web.bad_looks", "That theme or text size is not one on "
                                       "offer. Nothing was changed."), 400, player)
    async with player.lock:
        player.looks.theme = theme
        player.looks.text_size = size
        player.looks.tell_grade = fields.get("tell_grade") == "yes"
        await asyncio.to_thread(player.save_web)
    return go_on(player)

