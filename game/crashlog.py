"""A crash in the window: write a log the player can pass on, and tell them where it is.

A game started from a shortcut has no console, so a traceback on stderr is lost. The log holds
what a developer needs (the traceback, the game's version, the platform, the command) and no
personal data: the home folder is written as ``~``, and nothing from the player's saves, settings
or results goes in. The autosave is left as it is: the window writes it after every decision,
so Continue picks up from the last one.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game import DISTRIBUTION, version
from game.i18n import tr
from game.paths import assets_dir, log_dir
from game.storage import atomic_write_bytes

if TYPE_CHECKING:
    import pygame

KEEP_LOGS = 20  # older crash logs are removed so the folder stays small
SHOW_SECONDS = 120.0  # how long the window shows the message if nobody closes it
EXIT_CRASHED = 70  # EX_SOFTWARE: an internal error
CLOSE_HINT = "Press any key or close the window."


def guard(run: Callable[[], int], *, show_seconds: float | None = None) -> int:
    """Run the window; on a crash, log it, tell the player (on stderr, and in the window when it
    can still draw) and return EXIT_CRASHED. Ctrl+C and SystemExit pass through."""
    try:
        return run()
    except Exception as exc:  # any crash, so that it is logged
        log = write_log(exc)
        message = crash_message(log)
        if sys.stderr is not None:
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
            print(f"\n{message}", file=sys.stderr)
        show_in_window(message, SHOW_SECONDS if show_seconds is None else show_seconds)
        return EXIT_CRASHED


def crash_message(log: Path | None) -> str:
    lines = [tr("crash.title", "Deconfliction Line stopped because of an error.")]
    lines.append(tr("crash.saved", "If you were playing, your game up to your last decision is "
                                   "kept: choose Continue on the title screen next time."))
    if log is not None:
        lines.append(tr("crash.log", "A crash report was written to {path}. Please pass it to "
                                     "your teacher or to the game's authors.",
                        path=log))  # the real path: the player must be able to find it
    else:
        lines.append(tr("crash.no_log", "The crash report could not be written."))
    return "\n".join(lines)



def log_text(exc: BaseException, now: datetime.datetime | None = None) -> str:
    """The log's contents: what went wrong and where it ran, nothing about who ran it."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    pygame_version = getattr(sys.modules.get("pygame"), "version", None)
    lines = [
        f"{DISTRIBUTION} {version()} crashed",
        f"time: {now.strftime('%Y-%m-%d %H:%M:%S')} UTC",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"pygame-ce: {getattr(pygame_version, 'ver', 'not loaded')}",
        f"video driver: {os.environ.get('SDL_VIDEODRIVER', 'default')}",
        f"command: {' '.join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else ''}",
        "",
        trace,
    ]
    return _private("\n".join(lines))


def write_log(exc: BaseException, folder: Path | None = None) -> Path | None:
    """Write the crash log; its path, or None when no log could be written."""
    try:
        folder = folder or log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"crash-{stamp}-{os.getpid()}.log"  # names sort oldest first
        atomic_write_bytes(path, log_text(exc).encode("utf-8"))
        _prune(folder)
        return path
    except Exception:  # a crash while reporting a crash must not hide the first
        return None


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"), reverse=True)
    for old in logs[KEEP_LOGS:]:
        old.unlink(missing_ok=True)


def _private(text: str) -> str:
    """The text with the home folder written as ``~`` (it often holds the user's name)."""
    home = str(Path.home())
    if len(home) > 1:
        text = text.replace(home, "~")
    return text


def show_in_window(message: str, seconds: float = SHOW_SECONDS) -> bool:
    """Draw the message in the game's window if it is still open, with the shipped font, until
    a key, a click, closing the window or ``seconds`` pass. False when there is no window."""
    if "pygame" not in sys.modules:  # the crash came before the window: nothing to draw on
        return False
    import pygame

    try:
        surface = pygame.display.get_surface() if pygame.display.get_init() else None
        if surface is None:
            return False
        _draw_message(surface, f"{message}\n{tr('crash.close', CLOSE_HINT)}")
        pygame.display.flip()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(event.type in (pygame.QUIT, pygame.KEYDOWN, pygame.MOUSEBUTTONUP)
                   for event in pygame.event.get()):
                break
            pygame.time.wait(50)
        return True
    except Exception:  # the window is past drawing; stderr and the log remain
        return False
    finally:
        pygame.quit()


def _draw_message(surface: pygame.Surface, message: str) -> None:
    """Dark text on the paper colour, wrapped, in the shipped font when it can be read."""
    import pygame

    width, height = surface.get_size()
    surface.fill((246, 243, 236))
    size = max(16, min(28, height // 28))
    font_file = assets_dir() / "fonts" / "NotoSans-Regular.ttf"
    pygame.font.init()
    font = pygame.font.Font(str(font_file) if font_file.is_file() else None, size)
    margin = max(24, width // 12)
    y = max(24, height // 6)
    for paragraph in message.split("\n"):
        image = font.render(paragraph, True, (30, 30, 30), wraplength=width - 2 * margin)
        surface.blit(image, (margin, y))
        y += image.get_height() + size
