"""The browser's players: one desk session each, kept in its own folder beside the results.

A visitor is known only by a random cookie. Their folder is named by a hash of that
cookie (``<state>/players/<hash>/``), so neither a URL nor the folder ever shows a
cookie, and no one can reach another student's game by guessing a name. The folder is
the desk session's data folder (its autosave, and results kept there when the results
folder is away) plus ``web.json`` with the player's looks. The
classroom record itself is the ordinary results file the window writes too, so
``report DIR`` reads a mixed class. Every rule (stages, quiz order, first call counts,
results written before an answer, resume) is the desk session's: :mod:`game.desk`.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.desk import Classroom, Desk, ResumeError, Stage
from game.engine.model import Scenario
from game.storage import DamagedFile, atomic_write_json, read_json
from game.web.security import file_key

WEB_FILE = "web.json"
WEB_KIND = "deconfliction-line/web-player"
THEMES = ("auto", "light", "dark", "high_contrast")
TEXT_SIZES = tuple(range(80, 201, 10))


@dataclass
class Looks:
    """How a player likes the pages: a theme (``auto`` follows the device), a text size,
    and whether a call's grade is told at once (else it waits for the debrief)."""

    theme: str = "auto"
    text_size: int = 100
    tell_grade: bool = True

    @classmethod
    def from_json(cls, data: Any) -> Looks:
        if not isinstance(data, dict):
            return cls()
        theme = data.get("theme")
        size = data.get("text_size")
        return cls(theme if theme in THEMES else "auto",
                   size if isinstance(size, int) and size in TEXT_SIZES else 100,
                   data.get("tell_grade") is not False)


@dataclass
class Player:
    """One visitor: their desk session, their looks, and where they are (:attr:`turn`)."""

    key: str
    folder: Path
    desk: Desk
    looks: Looks = field(default_factory=Looks)
    epoch: int = 0  # goes up when play goes back (undo, a new game); kept in web.json
    quiz_shown: float = 0.0  # when the current headline was shown (time.monotonic)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def stage(self) -> Stage:
        return self.desk.stage

    @property
    def turn(self) -> int:
        """Where the player is, as a number every form carries: a form from an older page
        (Back, a second click, a tab left open) carries another and is refused.

        Worked out from the desk (choices made, headlines rated), so it costs no write of
        its own and survives a restart; ``epoch`` tells apart the same count reached
        again after going back.
        """
        record = self.desk.record
        rated = sum(len(answers) for answers in record.quiz.values()) if record else 0
        return self.epoch * 1_000_000 + len(self.desk.story.state.history) + rated

    def save_web(self) -> None:
        """Write ``web.json`` (looks, epoch); the desk writes its own files itself."""
        atomic_write_json(self.folder / WEB_FILE, {
            "kind": WEB_KIND, "epoch": self.epoch,
            "looks": {"theme": self.looks.theme, "text_size": self.looks.text_size,
                      "tell_grade": self.looks.tell_grade}})


class PlayerStore:
    """Every player of this server, in memory and in ``folder`` (one sub-folder each)."""

    def __init__(self, folder: Path, scenario: Scenario,
                 classroom: Classroom | None = None) -> None:
        self.folder = folder
        self.scenario = scenario
        self.classroom = classroom
        self._players: dict[str, Player] = {}
        self.problems: list[str] = []  # games that could not be found again, and why
        self.version = 0  # goes up with every change: the dashboard redraws when it moves

    def count(self) -> int:
        return len(self._players)

    def players(self) -> list[Player]:
        return list(self._players.values())

    def changed(self) -> None:
        self.version += 1

    def load_all(self) -> int:
        """Find every player's game again (at start-up: a restart resumes the whole class)."""
        if self.folder.is_dir():
            for path in sorted(self.folder.iterdir()):
                if path.is_dir() and path.name not in self._players:
                    player = self._load(path.name)
                    if player is not None:
                        self._players[path.name] = player
        return len(self._players)

    def find(self, cookie: str) -> Player | None:
        """The player this cookie belongs to; None if it belongs to none."""
        return self._players.get(file_key(cookie))

    def create(self, cookie: str, seed: int, nickname: str | None = None) -> Player:
        """A new desk (in class, its results file begun with the nickname), written now."""
        key = file_key(cookie)
        folder = self.folder / key
        desk = Desk.new(self.scenario, folder, seed=seed, classroom=self.classroom)
        if self.classroom is not None:
            desk.begin(nickname)
        old = self._players.get(key)
        player = Player(key, folder, desk, old.looks if old else Looks(),
                        old.epoch + 1 if old else 0)
        player.save_web()
        self._players[key] = player
        self.changed()
        return player

    def _load(self, key: str) -> Player | None:
        folder = self.folder / key
        try:
            desk = Desk.resume(self.scenario, folder, classroom=self.classroom)
        except ResumeError as exc:  # the desk has set a damaged save aside; the results stay
            self.problems.append(f"{folder}: {exc}")
            return None
        data: Any = None
        with contextlib.suppress(FileNotFoundError, DamagedFile):
            data = read_json(folder / WEB_FILE)
        data = data if isinstance(data, dict) else {}
        epoch = data.get("epoch")
        return Player(key, folder, desk, Looks.from_json(data.get("looks")),
                      epoch if isinstance(epoch, int) and not isinstance(epoch, bool) else 0)
