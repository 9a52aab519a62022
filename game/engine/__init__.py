"""The headless scene engine: content model, loader, checker, story and scoring.

Nothing in this package imports pygame; presenters sit on top of it.
"""

from game.engine.diagnostics import ContentError, Diagnostic, Severity
from game.engine.loader import LoadResult, load, load_scenario
from game.engine.model import Call, Grade, Grading, Scenario
from game.engine.state import RestoreError, State
from game.engine.story import ChoiceError, Feedback, Option, Paragraph, Story

__all__ = [
    "Call",
    "ChoiceError",
    "ContentError",
    "Diagnostic",
    "Feedback",
    "Grade",
    "Grading",
    "LoadResult",
    "Option",
    "Paragraph",
    "RestoreError",
    "Scenario",
    "Severity",
    "State",
    "Story",
    "load",
    "load_scenario",
]
