"""Loading a story to play, for every presenter that starts from a folder of scenes."""

from __future__ import annotations

from typing import TextIO

from game.engine.loader import load
from game.engine.model import Scenario
from game.i18n import tr


def load_to_play(scenes: str, err: TextIO) -> Scenario | None:
    """The scenario at ``scenes``, or None after printing its problems to ``err``.

    A story with errors is not played even when it loaded: the terminal and the browser
    presenter refuse it alike, with the checker's own lines and one sentence of advice.
    """
    loaded = load(scenes)
    if loaded.scenario is not None and not loaded.errors:
        return loaded.scenario
    for diagnostic in loaded.diagnostics:
        print(diagnostic, file=err)
    print(tr("terminal.not_loaded", "{path}: cannot play: fix the errors above first",
             path=scenes), file=err)
    return None
