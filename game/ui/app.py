"""The desktop window: one App, a stack of screens, and an event-driven loop.

The loop draws only when something changed. When nothing moves it sleeps, waking
30 times a second to collect input (idle costs well under 1% of a core); while
something animates (typing text, scrolling) it runs at 60 frames a second.

Tests and tools drive the app one frame at a time: ``App(args, scenes)``, then
``load_content()``, then post events and call ``step()``; no real clock is needed.
"""

from __future__ import annotations

import os
import platform
import sys
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import paths
from game.i18n import tr
from game.paths import assets_dir, data_dir
from game.settings import Settings, load_settings, save_settings
from game.ui.screens import Screen, screen_class
from game.ui.sound import Sounds
from game.ui.text import Typesetter
from game.ui.theme import DESIGN_SIZE, MIN_SIZE, THEMES, Metrics
from game.ui.widgets import Button, Kit

if TYPE_CHECKING:
    from game.desk import Classroom, Desk, Session
    from game.engine import Diagnostic, LoadResult, Scenario
    from game.saves import SaveInfo

IDLE_WAIT_MS = 30  # input answers within 1/30 s while nothing moves
FRAME_RATE = 60
TOAST_SECONDS = 8.0


def declare_dpi_awareness() -> None:
    """On Windows, tell the system the window draws at the display's own resolution.

    Without it, Windows scales a pygame window up at 125-150% display scaling and it looks
    blurry. SDL reads this hint when the video system starts (pygame-ce passes hints
    through the environment), so it must be set before ``pygame.display.init()``.
    """
    if sys.platform == "win32":
        os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", dpi_awareness(platform.version()))


def dpi_awareness(windows_version: str) -> str:
    """The strongest awareness this Windows build supports, as pygame-ce's documentation
    picks it: per-monitor v2 after build 14393 (Windows 10 1607), per-monitor on earlier
    Windows 10, system-wide on 8.1 and before."""
    try:
        build = int(windows_version.split(".")[2])
    except (IndexError, ValueError):
        return "permonitorv2"  # a version we cannot read is a new one
    if build > 14393:
        return "permonitorv2"
    return "permonitor" if build > 9600 else "system"


def prefer_native_framebuffer() -> None:
    """On X11, send frames with X's own shared-memory images rather than through OpenGL.

    SDL otherwise puts the window's pixels in a GL texture and redraws all of it for every
    update, however small: on machines without a GPU driver (school machines, virtual
    machines, Xvfb) that is Mesa drawing in software, about 5 ms of CPU a frame, and the
    typewriter's small updates cost as much as whole frames. SDL reads the hint when the
    window's surface is made; a player's own setting of it wins.
    """
    if pygame.display.get_init() and pygame.display.get_driver() == "x11":
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


class Toast:
    """A message at the foot of the window, until a time (or a click)."""

    __slots__ = ("text", "until", "warning")

    def __init__(self, text: str, until: float, warning: bool = False) -> None:
        self.text = text
        self.until = until
        self.warning = warning


class App:
    """The window and the game it shows."""

    def __init__(self, args: Any, scenes: str | Path, size: tuple[int, int] | None = None) -> None:
        self.args = args
        self.scenes_path = Path(scenes)
        self.dev = bool(getattr(args, "dev", False))
        self.class_code: str | None = getattr(args, "class_code", None)
        self.data = data_dir(getattr(args, "data", None))
        self.settings, problems = load_settings(self.data)
        self.toasts: list[Toast] = []
        if paths.data_dir_warning is not None:  # the data folder fell back to a temporary one
            problems.insert(0, paths.data_dir_warning)
        for problem in problems:
            self.toast(problem, warning=True)

        declare_dpi_awareness()
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(tr("app.name", "Deconfliction Line"))
        self.windowed_size = size or self._default_size()
        self.fullscreen = bool(getattr(args, "fullscreen", False) or self.settings.fullscreen)
        self._open_window()
        pygame.key.set_repeat(400, 35)

        self.ts = Typesetter(assets_dir() / "fonts")
        self.kit = Kit(self.ts, self._metrics(), THEMES[self.settings.theme])
        self.sounds = Sounds(assets_dir() / "sounds")
        self.sounds.enabled = self.settings.sound

        self.scenario: Scenario | None = None
        self.diagnostics: list[Diagnostic] = []  # from the last load (errors and warnings)
        self.loading = True
        self._loaded: LoadResult | BaseException | None = None
        self._loader: threading.Thread | None = None
        self.desk: Desk | None = None  # the game in play, its saves and classroom record
        self.autosave_info: SaveInfo | None = None
        # called with the app when a game reaches an ending (classroom results hook here)
        self.ending_hooks: list[Callable[[App], None]] = []

        self.stack: list[Screen] = []
        self.running = True
        self.dirty = True
        self.animating = False
        self.mouse_pos = (0, 0)
        # keys down now, as the events have told it (a screen opened by a key press can tell
        # that key's repeats and text from what is typed on it)
        self.keys_down: set[int] = set()
        self._last_step = time.monotonic()
        self.frames = 0
        self.reset("title")

    # --- the window -----------------------------------------------------------------------

    def _default_size(self) -> tuple[int, int]:
        try:
            desktop = pygame.display.get_desktop_sizes()[0]
        except (pygame.error, IndexError):
            return DESIGN_SIZE
        if desktop[0] >= 1600 and desktop[1] >= 900:
            return (1440, 810)
        return (max(MIN_SIZE[0], min(DESIGN_SIZE[0], desktop[0] - 80)),
                max(MIN_SIZE[1], min(DESIGN_SIZE[1], desktop[1] - 120)))

    def _open_window(self) -> None:
        self.surface: pygame.Surface
        prefer_native_framebuffer()
        if self.fullscreen:
            self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
            try:
                with warnings.catch_warnings():  # the display-module bridge is deprecated
                    warnings.simplefilter("ignore", DeprecationWarning)
                    window = pygame.Window.from_display_module()
                window.minimum_size = MIN_SIZE
            except (AttributeError, pygame.error):
                pass

    def _metrics(self) -> Metrics:
        width, height = self.surface.get_size()
        return Metrics.for_window(width, height, self.settings.text_size, self.settings.projector)

    def relayout(self) -> None:
        surface = pygame.display.get_surface()
        if surface is not None:
            self.surface = surface
        self.kit.m = self._metrics()
        self.kit.pal = THEMES[self.settings.theme]
        for screen in self.stack:
            screen.invalidate()
        self.dirty = True

    def toggle_fullscreen(self) -> None:
        if not self.fullscreen:
            self.windowed_size = self.surface.get_size()
        self.fullscreen = not self.fullscreen
        self._open_window()
        self.relayout()

    def area(self, margin: float = 3) -> pygame.Rect:
        """The window less a margin (in spacing units)."""
        rect = self.surface.get_rect()
        return rect.inflate(-2 * self.kit.m.sp(margin), -2 * self.kit.m.sp(margin))

    # --- settings -------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        old = self.settings
        self.settings = settings.clamped()
        try:
            save_settings(self.data, self.settings)
        except OSError as exc:
            self.toast(tr("settings.not_saved", "Settings could not be saved: {error}",
                          error=exc.strerror or exc), warning=True)
        self.sounds.enabled = self.settings.sound
        if old.theme != self.settings.theme:
            self.ts.clear()
        if old.fullscreen != self.settings.fullscreen and self.fullscreen != self.settings.fullscreen:
            self.toggle_fullscreen()
        self.relayout()

    # --- content --------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Load the story in the background so the first frame is not kept waiting."""
        self.loading = True
        self._loader = threading.Thread(target=self._load_worker, daemon=True)
        self._loader.start()

    def _load_worker(self) -> None:
        try:
            from game.engine import load

            self._loaded = load(self.scenes_path)
        except BaseException as exc:
            self._loaded = exc

    def load_content(self) -> None:
        """Load the story now (tests, reload)."""
        self.loading = True
        self._load_worker()
        self._take_loaded()

    def wait_loaded(self, timeout: float = 30.0) -> None:
        if self._loader is not None:
            self._loader.join(timeout)
        self._take_loaded()

    def _take_loaded(self) -> None:
        result, self._loaded = self._loaded, None
        if result is None:
            return
        from game.engine import Diagnostic, Severity

        self.loading = False
        if isinstance(result, BaseException):
            self.scenario = None
            self.diagnostics = [Diagnostic(str(self.scenes_path), 0, 0, Severity.ERROR, "UI",
                                           f"the story could not be read: {result}")]
        else:
            self.diagnostics = list(result.diagnostics)
            self.scenario = None if result.errors else result.scenario
        if self.scenario is not None:  # the window is named for the story it plays
            pygame.display.set_caption(self.scenario.title)
        self.refresh_autosave()
        for screen in self.stack:
            screen.invalidate()

    def refresh_autosave(self) -> None:
        """Look at this story's autosave (for Continue); report and set aside a damaged one."""
        from game.desk import autosave_of
        from game.saves import DamagedSave

        if self.scenario is None:
            self.autosave_info = None
            return
        try:
            self.autosave_info = autosave_of(self.data, self.scenario.id)
        except DamagedSave as exc:
            self.toast(str(exc), warning=True)
            self.autosave_info = None

    def reload_content(self) -> None:
        """F5 in developer mode: read the scenes again and keep the player where they are.

        With new errors, or a place that no longer fits, the old story plays on and the
        author reads why (the errors screen, or a message).
        """
        from game.engine import load
        from game.engine.reload import reload_story

        if self.session is None:
            result = load(self.scenes_path)
            diagnostics, scenario = result.diagnostics, result.scenario
            if result.errors:
                scenario = None
        else:
            outcome = reload_story(self.session.story, self.scenes_path)
            diagnostics = outcome.diagnostics
            if outcome.error is not None:
                self.toast(tr("dev.reload_lost", "Not reloaded: {why}", why=outcome.problem),
                           warning=True)
                return
            scenario = outcome.story.scenario if outcome.story is not None else None
            if outcome.story is not None:
                self.session.replace_story(outcome.story)
        self.diagnostics = list(diagnostics)
        if scenario is None:
            if not self.stack or self.top.name != "problems":
                self.open("problems")
            else:
                self.top.invalidate()
            return
        self.scenario = scenario
        if self.stack and self.top.name == "problems":
            self.close()
        self.toast(tr("dev.reloaded", "Reloaded {n} scenes ({w} warnings).",
                      n=len(scenario.scenes), w=len(diagnostics)))
        for screen in self.stack:
            screen.invalidate()

    # --- the game -------------------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """The game in play (story, transcript, undo), held by the desk."""
        return self.desk.session if self.desk is not None else None

    @property
    def saves_folder(self) -> Path:
        """Where this story's saves are (for the slots screen)."""
        from game.desk.folders import story_folder

        if self.scenario is None:
            return self.data
        return story_folder(self.data, self.scenario.id)

    def classroom_setup(self) -> Classroom | None:
        """The teacher's --class, --results and --no-quiz, for the desk."""
        from game.desk import Classroom

        if self.class_code is None:
            return None
        chosen = getattr(self.args, "results", None)
        return Classroom(self.class_code, Path(chosen) if chosen else None,
                         quiz=not getattr(self.args, "no_quiz", False))

    def new_game(self, seed: int | None = None) -> None:
        from game.desk import Desk

        assert self.scenario is not None
        self.desk = Desk.new(self.scenario, self.data, seed=seed,
                             classroom=self.classroom_setup())
        self.after_desk()
        self.show_game()

    def show_game(self) -> None:
        """The screen for where the desk is: nickname, quiz, the desk, or the ending."""
        from game.desk import Stage

        assert self.desk is not None
        stage = self.desk.stage
        if stage is Stage.NICKNAME:
            self.reset("nickname")
        elif stage is Stage.QUIZ_BEFORE:
            self.reset("quiz", phase="before")
        elif stage is Stage.PLAY:
            self.reset("scene")
        elif stage is Stage.QUIZ_AFTER:
            self.reset("quiz", phase="after")
        else:
            self.reset("ending")

    def after_desk(self) -> None:
        """Show what the desk has to say, and keep Continue up to date."""
        if self.desk is None:
            return
        for notice in self.desk.take_notices():
            self.toast(notice.text, warning=notice.warning)
        if self.desk.last_autosave is not None:
            self.autosave_info = self.desk.last_autosave

    def resume(self, slot: str) -> bool:
        """Continue from a save; a problem is reported, never raised."""
        from game.desk import Desk, ResumeError

        if self.scenario is None:
            return False
        try:
            desk = Desk.resume(self.scenario, self.data, slot, classroom=self.classroom_setup())
        except ResumeError as exc:
            self.toast(str(exc), warning=True)
            if exc.set_aside:
                self.refresh_autosave()
            return False
        self.desk = desk
        self.after_desk()
        self.show_game()
        return True

    def autosave(self) -> None:
        if self.desk is not None:
            self.desk.autosave()
            self.after_desk()

    def save_to(self, slot: str, quiet: bool = False) -> bool:
        assert self.desk is not None
        try:
            self.desk.save(slot)
        except OSError as exc:
            self.toast(tr("saves.not_saved", "The game could not be saved: {error}",
                          error=exc.strerror or exc), warning=True)
            return False
        self.after_desk()
        if not quiet:
            self.toast(tr("saves.saved", "Saved."))
        return True

    def choose(self, index: int) -> None:
        from game.desk import Stage
        from game.engine import ChoiceError

        assert self.desk is not None
        try:
            self.desk.choose(index)  # the results file and the autosave are written first
        except ChoiceError as exc:
            self.toast(str(exc), warning=True)
            return
        self.after_desk()
        if self.desk.stage is not Stage.PLAY:
            self.sounds.play("ending")
            for hook in self.ending_hooks:
                hook(self)
            response = self.desk.feedback()
            if response is None:
                self.show_game()  # at the ending, in class, the quiz after comes first
            else:
                # the call that ended the game is answered first, over the desk it was made
                # at; going on from its response shows what comes next (in class, the quiz
                # after, whose clock must not run while the response is read)
                self.open("response", response=response,
                          grade=self.settings.feedback == "now", then=self.show_game)
        else:
            self.sounds.play("page")
            self.stack[-1].invalidate()

    def undo(self) -> None:
        if self.desk is not None and self.desk.undo():
            self.after_desk()
            self.show_game()

    def to_title(self) -> None:
        self.autosave()
        self.desk = None
        self.reset("title")

    def quit(self) -> None:
        self.autosave()
        self.running = False

    # --- screens --------------------------------------------------------------------------

    def open(self, name: str, **params: Any) -> Screen:
        screen = screen_class(name)(self, **params)
        self.stack.append(screen)
        self.kit.hover = None
        self.dirty = True
        return screen

    def replace(self, name: str, **params: Any) -> Screen:
        if self.stack:
            self.stack.pop()
        return self.open(name, **params)

    def reset(self, name: str, **params: Any) -> Screen:
        self.stack.clear()
        return self.open(name, **params)

    def close(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            self.stack[-1].invalidate()
        self.dirty = True

    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def press(self, button: Button) -> None:
        self.sounds.play("click")
        button.press()
        self.dirty = True

    def toast(self, text: str, warning: bool = False) -> None:
        seconds = TOAST_SECONDS * (1.6 if warning else 1)
        self.toasts.append(Toast(text, time.monotonic() + seconds, warning))
        del self.toasts[:-3]
        self.dirty = True

    # --- the loop -------------------------------------------------------------------------

    def step(self, dt: float | None = None) -> bool:
        """Answer pending events, advance animations, draw if needed: one frame."""
        now = time.monotonic()
        elapsed = now - self._last_step if dt is None else dt
        self._last_step = now
        if self._loaded is not None:
            self._take_loaded()
        for event in pygame.event.get():
            self.handle(event)
            if not self.running:
                return False
        moving = self.top.update(min(elapsed, 0.1))
        if self.toasts and any(t.until <= now for t in self.toasts):
            self.toasts = [t for t in self.toasts if t.until > now]
            self.dirty = True
        if self.dirty:
            self.draw()
            self.dirty = False
        elif moving:
            region = self.top.changed_region() if self.stack else None
            if region is None:
                self.draw()
            else:
                self.draw_region(region)
        self.animating = moving
        return self.running

    def run(self) -> None:
        clock = pygame.time.Clock()
        while self.step():
            if self.animating:
                clock.tick(FRAME_RATE)
            else:
                pygame.time.wait(IDLE_WAIT_MS)
                clock.tick()  # keep the clock's idea of time current

    def handle(self, event: pygame.event.Event) -> None:
        kind = event.type
        if kind == pygame.QUIT:
            self.quit()
            return
        if kind in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            # pygame-ce hands back the same surface object, resized: compare the size the
            # layout was made for with the window's size now
            current = pygame.display.get_surface()
            if current is not None and (self.kit.m.width, self.kit.m.height) != current.get_size():
                self.relayout()
            return
        if kind == pygame.WINDOWFOCUSLOST:
            self.keys_down.clear()  # their key-ups go to another window
        if kind in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED,
                    pygame.WINDOWFOCUSGAINED):
            self.dirty = True
            return
        if kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.mouse_pos = event.pos
            if kind == pygame.MOUSEBUTTONUP and event.button == 1 and self._toast_hit(event.pos):
                return
        if kind == pygame.KEYUP:
            self.keys_down.discard(event.key)
        if kind == pygame.KEYDOWN:
            self.keys_down.add(event.key)
            if event.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if event.key == pygame.K_F5 and self.dev:
                self.reload_content()
                return
        if self.top.handle(event):
            self.dirty = True

    def _toast_hit(self, pos: tuple[int, int]) -> bool:
        for toast, rect in getattr(self, "_toast_rects", []):
            if rect.collidepoint(pos):
                self.toasts = [t for t in self.toasts if t is not toast]
                self.dirty = True
                return True
        return False

    # --- drawing --------------------------------------------------------------------------

    def draw(self) -> None:
        kit = self.kit
        kit.surface = self.surface
        kit.log.clear()
        self.surface.fill(kit.pal.background)
        start = max((k for k, s in enumerate(self.stack) if not s.modal), default=0)
        for screen in self.stack[start:]:
            if screen.modal:
                shade = pygame.Surface(self.surface.get_size(), pygame.SRCALPHA)
                shade.fill(kit.pal.shade)
                self.surface.blit(shade, (0, 0))
            screen.ensure_built()
            kit.focus = screen.focus if screen is self.top else None
            screen.draw(kit)
        self._draw_toasts()
        pygame.display.flip()
        self.frames += 1

    def draw_region(self, region: pygame.Rect) -> None:
        """Redraw one part of the window and send only what changed in it to the display
        (the typewriter: a line or two a frame, not the whole window)."""
        kit = self.kit
        kit.surface = self.surface
        before = kit.reveal.at
        log, kit.log = kit.log, []  # the full frame's record stays the one tests read
        self.surface.set_clip(region)
        self.surface.fill(kit.pal.background, region)
        screen = self.top
        kit.focus = screen.focus
        screen.draw(kit)
        self._draw_toasts()
        self.surface.set_clip(None)
        kit.log = log
        after = kit.reveal.at
        changed = region if before is None or after is None else before.union(after).clip(region)
        pygame.display.update([changed])
        self.frames += 1

    def _draw_toasts(self) -> None:
        from game.ui.widgets import Text

        kit = self.kit
        self._toast_rects: list[tuple[Toast, pygame.Rect]] = []
        if not self.toasts:
            return
        m = kit.m
        width = min(self.surface.get_width() - 2 * m.sp(3), max(m.sp(60), m.body_px * 34))
        bottom = self.surface.get_height() - m.sp(2)
        for toast in reversed(self.toasts):
            text = Text(toast.text, "small_bold" if toast.warning else "small", "toast_text")
            inner = width - 2 * m.pad(1.4)
            height = text.measure(kit, inner) + 2 * m.pad(0.9)
            rect = pygame.Rect((self.surface.get_width() - width) // 2, bottom - height, width,
                               height)
            pygame.draw.rect(self.surface, kit.pal.toast, rect, border_radius=m.sp(1))
            if toast.warning:
                pygame.draw.rect(self.surface, kit.pal.warning, rect, max(2, m.sp(0.3)),
                                 border_radius=m.sp(1))
            text.place(kit, rect.x + m.pad(1.4), rect.y + m.pad(0.9), inner)
            kit.view = rect
            text.draw(kit, 0)
            self._toast_rects.append((toast, rect))
            bottom = rect.y - m.sp(1)


def run(args: Any, scenes: str) -> int:
    """Open the window and play until it is closed."""
    app = App(args, scenes)
    app.step()  # the first frame comes before any heavy work
    app.start_loading()
    app.run()
    pygame.quit()
    return 0
