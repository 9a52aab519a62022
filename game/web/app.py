"""The browser presenter: a Starlette app that is a list of routes and small endpoints.

    app = create_app(ServeOptions(scenario, state_dir, class_code="7B", results_dir=DIR))

Student pages live in :mod:`game.web.pages`, the teacher's in :mod:`game.web.teacher`,
the safety rules in :mod:`game.web.security`. No game rule is written here.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from game.web import fonts, pages, teacher
from game.web.security import SecurityMiddleware
from game.web.site import HERE, ServeOptions, Site

ROUTES = [
    Route("/", pages.home),
    Route("/join", pages.join, methods=["POST"]),
    Route("/new", pages.new_game, methods=["POST"]),
    Route("/quiz", pages.quiz),
    Route("/quiz/answer", pages.answer_quiz, methods=["POST"]),
    Route("/desk", pages.desk),
    Route("/desk/choose", pages.choose, methods=["POST"]),
    Route("/desk/undo", pages.undo, methods=["POST"]),
    Route("/notebook", pages.notes),
    Route("/debrief", pages.debrief_page),
    Route("/looks", pages.looks),
    Route("/looks/change", pages.change_looks, methods=["POST"]),
    Route("/teacher/{token}", teacher.dashboard),
    Route("/teacher/{token}/projector", teacher.projector),
    Route("/teacher/{token}/events", teacher.events),
    Route("/teacher/{token}/report", teacher.make_report, methods=["POST"]),
    Route("/teacher/{token}/report.html", teacher.report_page),
    Route("/fonts/{name}", fonts.font),
    Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
]


def create_app(options: ServeOptions) -> Starlette:
    """The app for one server: its routes, the security layer, and its :class:`Site`."""
    app = Starlette(routes=ROUTES,
                    middleware=[Middleware(SecurityMiddleware, hosts=options.hosts)])
    site = Site(options)
    site.store.load_all()
    app.state.site = site
    return app
