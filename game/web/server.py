"""``deconfliction-line serve``: one machine in the room serves the game to every browser.

    deconfliction-line serve                                    # single player, 127.0.0.1
    deconfliction-line serve --class 7B --results DIR --lan     # the whole class

It binds 127.0.0.1 unless ``--lan`` is given, prints the join address with a QR code
and the teacher's secret dashboard link, and opens the browser (unless
``--no-browser``). It runs until Ctrl+C; started again on the same folder, every
student carries on where they were.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess
import sys
import webbrowser
from pathlib import Path
from typing import TextIO

import segno
import uvicorn

from game.desk import load_to_play
from game.i18n import tr
from game.paths import data_dir
from game.web.app import create_app
from game.web.site import ServeOptions

DEFAULT_PORT = 8765


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on the local network (none found: an empty list).

    Read from the host's own name and, on Linux, ``hostname -I``: nothing is sent anywhere.
    """
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    if shutil.which("hostname") and sys.platform.startswith("linux"):
        try:
            out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=2,
                                 check=False).stdout
            found += out.split()
        except (OSError, subprocess.SubprocessError):
            pass
    usable = []
    for text in dict.fromkeys(found):
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            continue
        if address.version == 4 and not address.is_loopback and not address.is_link_local:
            usable.append(text)
    return usable


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, so that a port in use gets a plain message instead of a trace."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _tell_the_teacher(out: TextIO, class_code: str, addresses: list[str], join: str,
                      dashboard: str, lan: bool, port: int, results_dir: Path | None) -> None:
    """The join address (and its QR code), the dashboard link, and where results go."""
    print(tr("web.serving_class", "Class {code}: students open {url} and type the code "
             "{code}.", code=class_code, url=join), file=out)
    for other in addresses[1:]:
        print(tr("web.also_at", "  (also at {url})", url=other), file=out)
    if not lan:
        print(tr("web.not_lan", "Only this computer can join: add --lan to let the class's "
                 "devices in."), file=out)
    elif not addresses:
        print(tr("web.no_address", "This computer's address on the network was not found: "
                 "students open http://<its address>:{port}/ (see its network settings).",
                 port=port), file=out)
    segno.make(join, error="m").terminal(out=out, compact=True)
    print(tr("web.dashboard_link", "Your dashboard (keep this link to yourself): {url}",
             url=dashboard), file=out)
    print(tr("web.results_in", "Results are written to {folder}. Ctrl+C stops the "
             "server; start it again with the same folder and everyone carries on.",
             folder=results_dir), file=out, flush=True)


def run(scenes: str, *, class_code: str | None = None, results: str | None = None,
        lan: bool = False, port: int = DEFAULT_PORT, browser: bool = True, quiz: bool = True,
        data: str | None = None, out: TextIO | None = None) -> int:
    """Serve the game until Ctrl+C; 1 if the story does not load or the port is taken."""
    out = out or sys.stdout
    scenario = load_to_play(scenes, sys.stderr)
    if scenario is None:
        return 1
    folder = data_dir(data)
    results_dir = None
    if class_code is not None:
        results_dir = Path(results) if results else folder / "results"
        state_dir = results_dir / "web"
    else:
        state_dir = folder / "web"
    options = ServeOptions(scenario, state_dir, class_code, results_dir, quiz)
    host = "0.0.0.0" if lan else "127.0.0.1"
    try:
        sock = bind(host, port)
    except OSError as exc:
        print(tr("web.port_taken", "error: cannot listen on {host}:{port} ({why}); another "
                 "program may be using it: try --port {other}", host=host, port=port,
                 why=exc.strerror or exc, other=port + 1), file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    local = f"http://127.0.0.1:{port}/"
    addresses = [f"http://{a}:{port}/" for a in lan_addresses()] if lan else [local]
    options.join_url = addresses[0] if addresses else local
    if not lan:  # this computer only: its own names, and nothing else
        options.hosts = frozenset(f"{name}:{port}" for name in ("127.0.0.1", "localhost"))
    app = create_app(options)  # finds every earlier game in the folder again
    store = app.state.site.store
    if store.count() == 1:
        print(tr("web.carrying_on_one", "1 earlier game carries on where it was."), file=out)
    elif store.count():
        print(tr("web.carrying_on", "{n} earlier games carry on where they were.",
                 n=store.count()), file=out)
    for problem in store.problems:
        print(tr("web.not_resumed", "warning: a game could not be carried on: {problem}",
                 problem=problem), file=out)
    if class_code is None:
        print(tr("web.serving_alone", "Deconfliction Line is at {url} (this computer only). "
                 "Ctrl+C stops it.", url=local), file=out, flush=True)
        opened = local
    else:
        opened = f"{local}teacher/{options.dashboard_token}"
        _tell_the_teacher(out, class_code, addresses, options.join_url, opened, lan, port,
                          results_dir)
    if browser:
        webbrowser.open(opened)
    config = uvicorn.Config(app, log_level="warning", access_log=False,
                            timeout_graceful_shutdown=2)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0
