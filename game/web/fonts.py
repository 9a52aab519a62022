"""The game's own typeface for the browser pages: the Noto Sans faces the window uses
(``assets/fonts``, found through :mod:`game.paths`), served from this server, so that every
device shows the same letters with no request to anywhere else (the policy says
``font-src 'self'``). The style sheet names them in ``@font-face`` rules, with the device's
own sans-serif as the fallback while they load."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from game.paths import assets_dir

# only these names are served: nothing else from the folder, and no path from the request
FACES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")
FONT_TYPE = "font/ttf"
# a face never changes within a version: a device fetches each once, not on every page
FONT_CACHE = "public, max-age=86400"


async def font(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in FACES:
        return PlainTextResponse("Not found", status_code=404)
    response = FileResponse(assets_dir() / "fonts" / name, media_type=FONT_TYPE)
    response.headers["cache-control"] = FONT_CACHE
    return response
