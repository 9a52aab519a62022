"""The player's settings, kept between runs in ``settings.json`` in the data folder.

The file is checked against ``settings.schema.json``: a value of the right type out of
its range is brought into range; a damaged, foreign or older settings file never stops
the game: it is set aside (renamed, not deleted), the defaults are used, and the problem
is returned so the window can say so.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from game.i18n import tr
from game.schemacheck import SchemaCheck
from game.storage import DamagedFile, atomic_write_json, read_json, set_aside

# read through the package, not a path beside this file: a zipped package has no such file
SCHEMA_FILE = resources.files("game").joinpath("settings.schema.json")
SETTINGS_FILE = "settings.json"
SETTINGS_KIND = "deconfliction-line-settings"
SETTINGS_FORMAT = 1

THEMES = ("light", "dark", "high_contrast")
TEXT_SPEEDS = ("slow", "normal", "fast", "instant")
FEEDBACK_TIMES = ("now", "end")  # a call's grade: with its response, or in the debrief
TEXT_SIZE_MIN = 80
TEXT_SIZE_MAX = 200
TEXT_SIZE_STEP = 10


class Settings(NamedTuple):
    """The player's choices. (A NamedTuple: it loads before the first frame, and the
    dataclasses module would cost milliseconds there.)"""

    text_size: int = 100  # percent of the normal size, 80-200
    theme: str = "light"
    text_speed: str = "normal"
    reduced_motion: bool = False
    sound: bool = True
    projector: bool = False  # everything large enough to read from the back of a room
    fullscreen: bool = False
    feedback: str = "now"  # a call's grade: "now", with its response; "end": in the debrief

    def with_changes(self, **changes: Any) -> Settings:
        return self._replace(**changes).clamped()

    def clamped(self) -> Settings:
        """The same settings with every value brought into its allowed range."""
        size = max(TEXT_SIZE_MIN, min(TEXT_SIZE_MAX, int(self.text_size)))
        return self._replace(
            text_size=size,
            theme=self.theme if self.theme in THEMES else "light",
            text_speed=self.text_speed if self.text_speed in TEXT_SPEEDS else "normal",
            feedback=self.feedback if self.feedback in FEEDBACK_TIMES else "now",
        )


def settings_path(folder: Path) -> Path:
    return folder / SETTINGS_FILE


def load_settings(folder: Path) -> tuple[Settings, list[str]]:
    """The saved settings (or the defaults) and any problem to tell the player about."""
    path = settings_path(folder)
    try:
        data = read_json(path)
    except FileNotFoundError:
        return Settings(), []
    except DamagedFile as exc:
        return Settings(), [_problem(exc.reason, exc.moved_to)]
    reason = _why_unusable(data)
    if not reason:
        problem = _schema().problem(data)
        if problem is not None:
            reason = tr("settings.damaged", "is damaged ({problem})", problem=problem)
    if reason:
        return Settings(), [_problem(reason, set_aside(path))]
    defaults = Settings()
    values: dict[str, Any] = {}
    for name in Settings._fields:
        value = data.get(name, getattr(defaults, name))
        expected = type(getattr(defaults, name))
        # bool is a subclass of int: a text size of true is not a size
        if isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
            values[name] = value
    return Settings(**values).clamped(), []


@cache
def _schema() -> SchemaCheck:
    return SchemaCheck(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def save_settings(folder: Path, settings: Settings) -> None:
    data = {"kind": SETTINGS_KIND, "format": SETTINGS_FORMAT, **settings._asdict()}
    atomic_write_json(settings_path(folder), data)


def _why_unusable(data: Any) -> str:
    if not isinstance(data, dict) or data.get("kind") != SETTINGS_KIND:
        return tr("settings.foreign", "is not a settings file of this game")
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        return tr("settings.no_format", "has no format number")
    if version < SETTINGS_FORMAT:
        return tr("settings.older", "was written by an older version of the game")
    if version > SETTINGS_FORMAT:
        return tr("settings.newer", "was written by a newer version of the game")
    return ""


def _problem(reason: str, moved_to: Path | None) -> str:
    kept = (tr("settings.kept_as", " It was kept as {name}.", name=moved_to.name)
            if moved_to else "")
    return tr("settings.problem", "Your settings file {reason}, so the defaults are in use.",
              reason=reason) + kept
