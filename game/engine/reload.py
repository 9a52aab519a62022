"""Hot reload while authoring: read the content again and carry the game over to it.

    outcome = reload_story(story, "scenes")
    if outcome.story is not None:
        story = outcome.story          # same place, same record, new text
    else:
        show(outcome.problem)          # the diagnostics, or why the save no longer fits

The old story is never changed: when the new content has errors, or the current
state no longer fits it (its scene was removed, a variable changed type), the author
keeps playing the old one and reads why.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from game.engine.diagnostics import Diagnostic
from game.engine.loader import load
from game.engine.state import RestoreError
from game.engine.story import Story


@dataclass(frozen=True)
class Reloaded:
    """The new story, or what stopped the reload."""

    story: Story | None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings too, when it worked
    error: RestoreError | None = None

    @property
    def problem(self) -> str:
        """One message for the author: the load errors, or why the state does not fit."""
        if self.error is not None:
            return f"the game cannot continue on the new content: {self.error}"
        errors = [str(d) for d in self.diagnostics if d.is_error]
        return "\n".join(errors)


def reload_story(story: Story, root: str | os.PathLike[str]) -> Reloaded:
    """Load ``root`` again and restore ``story``'s snapshot onto it, if it still fits.

    On success the new story has ``restored_across_versions`` set when the content
    changed. The random stream, visits, calls and history all carry over exactly.
    """
    result = load(root)
    if result.scenario is None or result.errors:
        return Reloaded(None, result.diagnostics)
    fresh = Story(result.scenario)
    try:
        fresh.restore(story.snapshot())
    except RestoreError as exc:
        return Reloaded(None, result.diagnostics, exc)
    return Reloaded(fresh, result.diagnostics)
