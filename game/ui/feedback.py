"""The response to a call as the window shows it: the engine's ``Story.feedback()``, with
the grade's words from :mod:`game.wording` and a mark so the grade never rests on colour."""

from __future__ import annotations

from game.engine.model import Grade

GRADE_MARKS = {Grade.BEST: "+", Grade.DEFENSIBLE: "~", Grade.ERROR: "!"}
GRADE_COLOURS = {Grade.BEST: "accent", Grade.DEFENSIBLE: "text", Grade.ERROR: "warning"}
