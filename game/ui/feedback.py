"""The response to a call, as the window shows it: the engine's ``Story.feedback()``.

Until the engine has it (format 2, story-code's branch), the grade is worked out the
same way the engine does for a first-edition claim: one of the claim's ``best`` calls is
the best call, one of its ``acceptable`` calls is defensible, anything else an error; a
first-edition claim has no response text. No pygame here.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from game.engine import Story
from game.engine.model import Call, Claim
from game.i18n import tr

GRADE_WORDS = {
    "best": ("Best call", "The strongest call the desk could make that night."),
    "defensible": ("Defensible", "A call a careful editor could defend that night."),
    "error": ("An error", "What was on the desk that night pointed another way."),
}
GRADE_MARKS = {"best": "+", "defensible": "~", "error": "!"}  # a shape, not colour alone


class Response(NamedTuple):
    """What the window shows after a call (the engine's Feedback, or the same worked out)."""

    claim: str
    call: Call
    grade: str  # "best" | "defensible" | "error"
    text: str


def _grade_value(grade: Any) -> str:
    return str(getattr(grade, "value", grade))


def call_response(story: Story) -> Response | None:
    """The response to the most recent choice when it was a call; None otherwise."""
    feedback = getattr(story, "feedback", None)
    if callable(feedback):
        found = feedback()
        if found is None:
            return None
        return Response(found.claim, Call(found.call), _grade_value(found.grade), found.text)
    history = story.state.history
    if not history or not history[-1].verdict:
        return None
    claim_id, _, call = history[-1].verdict.partition("=")
    claim = story.scenario.claims.get(claim_id)
    if claim is None:
        return None
    return Response(claim_id, Call(call), grade_of(claim, Call(call)), "")


def grade_of(claim: Claim, call: Call) -> str:
    grades = getattr(claim, "grades", None)
    if grades and call in grades:
        return _grade_value(grades[call].grade)
    if call in claim.best:
        return "best"
    return "defensible" if call in claim.acceptable else "error"


def why_of(claim: Claim, call: Call) -> str:
    """The scenario's reason for a call's grade (format 2), else ""."""
    grades = getattr(claim, "grades", None)
    if grades and call in grades:
        return str(grades[call].why)
    return ""


def grade_label(grade: str) -> str:
    return tr(f"grade.{grade}", GRADE_WORDS.get(grade, (grade, ""))[0])


def grade_meaning(grade: str) -> str:
    return tr(f"grade.{grade}.meaning", GRADE_WORDS.get(grade, ("", ""))[1])
