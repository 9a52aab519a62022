"""A server on a school network: each attack gets a clear refusal and changes nothing."""

from __future__ import annotations

import ast
import asyncio
import json
import random
import warnings
from pathlib import Path

import httpx
import pytest
from web_client import form, pick

from game.engine.loader import load_scenario
from game.paths import content_dir
from game.web.app import create_app
from game.web.security import COOKIE_NAME, RateLimit, form_token, new_secret
from game.web.site import ServeOptions, Site

with warnings.catch_warnings():  # Starlette suggests httpx's successor; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

WEB = Path(__file__).resolve().parent.parent / "game" / "web"


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(content_dir())


@pytest.fixture
def app(scenario, tmp_path):  # type: ignore[no-untyped-def]
    return create_app(ServeOptions(scenario, tmp_path / "web", class_code="7B",
                                   results_dir=tmp_path, quiz=False))


def browser(app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app, base_url="http://testserver", follow_redirects=True)


def joined(app, nickname: str = "") -> tuple[TestClient, str]:  # type: ignore[no-untyped-def]
    c = browser(app)
    page = c.post("/join", data=form(c.get("/").text, "/join").fields(
        code="7B", nickname=nickname)).text
    assert 'action="/desk/choose"' in page
    return c, page


def everything(folder: Path) -> dict[str, bytes]:
    """Every record the server keeps (results and players' state), by name: a refusal must
    leave them exactly as they were."""
    kept = [*folder.glob("*.json"), *folder.glob("web/players/**/*.json")]
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(kept)}


def decisions(folder: Path) -> list[int]:
    return [len(json.loads(p.read_text())["decisions"]) for p in sorted(folder.glob("7B-*.json"))]


def test_another_students_id_in_the_url_or_the_cookie_reaches_nothing(app, tmp_path):
    alice, page = joined(app, "Alice")
    action, fields = pick(page, random.Random(1))
    alice.post(action, data=fields)
    [alice_file] = tmp_path.glob("7B-*.json")
    alice_id = json.loads(alice_file.read_text())["id"]
    [state] = (tmp_path / "web" / "players").iterdir()  # Alice's own folder
    before = everything(tmp_path)
    for cookie in (alice_id, state.stem, alice_file.stem, new_secret(), "x" * 43, ""):
        mallory = browser(app)
        mallory.cookies.set(COOKIE_NAME, cookie)
        page = mallory.get("/desk").text
        assert "Class code" in page and "Alice" not in page  # a stranger: the join page
        for path in (f"/desk?id={alice_id}", f"/debrief?player={state.stem}",
                     f"/players/{state.stem}/web.json", f"/static/../web/players/{state.stem}/web.json",
                     f"/static/%2e%2e/%2e%2e/web/players/{state.stem}/web.json"):
            response = mallory.get(path)
            assert "Alice" not in response.text and alice_id not in response.text
    assert everything(tmp_path) == before


def test_a_forged_post_from_another_site_is_refused(app, tmp_path):
    c, page = joined(app)
    before = everything(tmp_path)
    choice = form(page, "/desk/choose")
    fields = choice.fields(index=choice.buttons[0][1])
    for headers in ({"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"},
                    {"origin": "null"}):
        response = c.post("/desk/choose", data=fields, headers=headers)
        assert response.status_code == 403 and "another site" in response.text
    no_token = {k: v for k, v in fields.items() if k != "csrf"}
    response = c.post("/desk/choose", data=no_token)
    assert response.status_code == 403 and "Nothing was changed" in response.text
    other = browser(app)  # a page of the game, but a token made for another visitor
    other.get("/")
    response = other.post("/join", data={"csrf": fields["csrf"], "code": "7B"})
    assert response.status_code == 403
    assert everything(tmp_path) == before


def test_a_nickname_with_markup_is_refused_and_shown_back_harmlessly(app, tmp_path):
    c = browser(app)
    join = form(c.get("/").text, "/join")
    response = c.post("/join", data=join.fields(code="7B", nickname="<script>x()</script>"))
    assert response.status_code == 400
    assert "letters, digits, spaces" in response.text
    assert "<script>x()" not in response.text and "&lt;script&gt;x()" in response.text
    long = c.post("/join", data=join.fields(code="7B", nickname="n" * 25))
    assert long.status_code == 400 and "at most 24 characters" in long.text
    assert not everything(tmp_path)


def test_an_oversized_body_is_refused_before_it_is_read(app, tmp_path):
    c = browser(app)
    join = form(c.get("/").text, "/join")
    big = join.fields(code="7B", nickname="a" * 100_000)
    response = c.post("/join", data=big)
    assert response.status_code == 413 and "too large" in response.text

    def chunks():  # no Content-Length: the limit counts what arrives
        for _ in range(100):
            yield b"nickname=" + b"a" * 1000 + b"&"

    response = c.post("/join", content=chunks(),
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert not everything(tmp_path)


@pytest.mark.parametrize("index", ["99", "-1", "abc", "1e3", "", "0x1", "١"])
def test_a_choice_out_of_range_or_not_a_number_is_refused(app, tmp_path, index):
    c, page = joined(app)
    before = everything(tmp_path)
    response = c.post("/desk/choose", data=form(page, "/desk/choose").fields(index=index))
    assert response.status_code == 400 and "no such choice" in response.text
    assert everything(tmp_path) == before


def test_a_replayed_old_form_is_refused(app, tmp_path):
    c, page = joined(app)
    action, fields = pick(page, random.Random(3))
    assert c.post(action, data=fields).status_code == 200
    after_first = everything(tmp_path)
    replay = c.post(action, data=fields)  # the Back button, or a second click
    assert replay.status_code == 409 and "out of date" in replay.text
    assert everything(tmp_path) == after_first and decisions(tmp_path) == [1]


def test_a_wrong_quiz_rating_is_refused(scenario, tmp_path):
    app = create_app(ServeOptions(scenario, tmp_path / "web", class_code="7B",
                                  results_dir=tmp_path))
    c = browser(app)
    page = c.post("/join", data=form(c.get("/").text, "/join").fields(code="7B")).text
    before = everything(tmp_path)
    quiz = form(page, "/quiz/answer")
    for rating in ("0", "8", "x", ""):
        response = c.post("/quiz/answer", data=quiz.fields(rating=rating))
        assert response.status_code == 400 and "1 to 7" in response.text
    response = c.post("/quiz/answer", data={**quiz.fields(rating="4"), "item": "q_other"})
    assert response.status_code == 409
    assert everything(tmp_path) == before


def test_ten_thousand_joins_in_a_loop_are_turned_away_after_a_handful(app, tmp_path):
    site: Site = app.state.site

    async def flood() -> tuple[dict[int, int], httpx.Response]:
        codes: dict[int, int] = {}
        transport = httpx.ASGITransport(app=app)  # one event loop: quicker than TestClient
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            for _ in range(10_000):
                cookie = new_secret()  # a fresh visitor each time, with a valid form
                c.cookies.set(COOKIE_NAME, cookie)
                response = await c.post("/join", data={"csrf": form_token(site.key, cookie),
                                                       "code": "7B"})
                codes[response.status_code] = codes.get(response.status_code, 0) + 1
        return codes, response

    codes, last = asyncio.run(flood())
    allowed = int(RateLimit().per_device)
    assert codes == {303: allowed, 429: 10_000 - allowed}
    assert len(list(tmp_path.glob("7B-*.json"))) == allowed
    assert "Too many tries" in last.text and int(last.headers["retry-after"]) >= 1


def test_the_whole_server_limits_joins_from_many_devices_too():
    now = [0.0]
    limit = RateLimit(clock=lambda: now[0])
    class_of_30 = [limit.allow(f"10.0.0.{n}") for n in range(30)]
    assert class_of_30 == [0.0] * 30  # a class joins at once
    flood = [limit.allow(f"10.1.{n // 250}.{n % 250}") for n in range(10_000)]
    assert sum(1 for wait in flood if wait == 0.0) == int(limit.overall) - 30
    now[0] += 60  # a minute later the server lets people in again
    assert limit.allow("10.0.0.99") == 0.0


def test_a_wrong_class_code_is_refused_and_counts_towards_the_limit(app, tmp_path):
    c = browser(app)
    join = form(c.get("/").text, "/join")
    response = c.post("/join", data=join.fields(code="7C"))
    assert response.status_code == 400 and "not the class code" in response.text
    assert not everything(tmp_path)


def test_every_response_carries_the_policy_and_the_cookie_is_strict(app):
    c = browser(app)
    for path in ("/", "/static/style.css", "/static/live.js", "/no-such-page",
                 "/teacher/wrong"):
        response = c.get(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        assert "unsafe-inline" not in policy and "http" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    cookie = browser(app).get("/").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "domain" not in cookie


def test_the_dashboard_needs_its_whole_secret(app):
    site: Site = app.state.site
    token = site.options.dashboard_token
    c = browser(app)
    assert c.get(f"/teacher/{token}").status_code == 200
    for wrong in (token[:-1], token[:-1] + ("A" if token[-1] != "A" else "B"), "", token + "x"):
        response = c.get(f"/teacher/{wrong}")
        assert response.status_code == 404 and token not in response.text
        assert c.post(f"/teacher/{wrong}/report", data={}).status_code in (404, 405)


def test_the_web_package_only_listens_and_never_reaches_out():
    """Client libraries are never imported; socket and the browser only where serving starts."""
    allowed = {"server.py": {"socket", "webbrowser", "subprocess", "uvicorn"}}
    for path in sorted(WEB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                assert top not in {"httpx", "requests", "ftplib", "smtplib", "xmlrpc"}, name
                assert name not in {"urllib.request", "http.client"}, name
                if top in {"socket", "webbrowser", "subprocess", "uvicorn"}:
                    assert top in allowed.get(path.name, set()), f"{path.name} imports {name}"


def test_the_pages_use_the_shipped_fonts_from_this_server_only(app):
    import re

    from game.paths import assets_dir

    c = browser(app)
    css = c.get("/static/style.css").text
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 3, "regular, bold and italic"
    urls = [u for face in faces for u in re.findall(r'url\("?([^")]+)"?\)', face)]
    assert sorted(urls) == ["/fonts/NotoSans-Bold.ttf", "/fonts/NotoSans-Italic.ttf",
                            "/fonts/NotoSans-Regular.ttf"]
    assert re.search(r'font-family:\s*"Noto Sans",[^;]*sans-serif', css), "a system fallback"
    for url in urls:
        response = c.get(url)
        assert response.status_code == 200
        assert response.headers["content-type"] == "font/ttf"
        assert response.content == (assets_dir() / "fonts" / url.rsplit("/", 1)[1]).read_bytes()
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "http" not in policy
    policy = c.get("/").headers["content-security-policy"]
    assert "font-src 'self'" in policy and "http" not in policy and "data:" not in policy
    # only the three faces: nothing else under the fonts folder, nor beyond it
    for wrong in ("/fonts/OFL.txt", "/fonts/..%2Fsounds", "/fonts/NotoSans-Regular.TTF",
                  "/fonts/"):
        assert c.get(wrong).status_code == 404, wrong
