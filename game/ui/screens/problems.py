"""When the story cannot be loaded: the checker's errors for an author (developer mode),
and a plain explanation for everyone else. Never a traceback."""

from __future__ import annotations

from game import DISTRIBUTION
from game.cli import MODULE_PROG, invoked_as
from game.i18n import tr
from game.ui.screens import register
from game.ui.screens.page import PageScreen
from game.ui.widgets import Block, Button, Text


def console_command(argv0: str | None = None) -> str:
    """The command an author types to run ``check``: the console script, or ``python -m game``
    when the game was started that way. Never the -window script, which prints nowhere on
    Windows."""
    started = invoked_as(argv0)
    return MODULE_PROG if started == MODULE_PROG else DISTRIBUTION


@register("problems")
class ProblemsScreen(PageScreen):
    def heading(self) -> str:
        return tr("problems.title", "The story could not be loaded")

    def content(self) -> list[Block]:
        app = self.app
        errors = [d for d in app.diagnostics if d.is_error]
        blocks: list[Block] = []
        if app.dev:
            blocks.append(Text(tr("problems.dev", "{n} errors in {path}. Fix them and press F5 "
                                  "to reload.", n=len(errors), path=str(app.scenes_path)),
                               "body"))
            for diagnostic in app.diagnostics:
                blocks.append(Text(str(diagnostic), "small",
                                   "warning" if diagnostic.is_error else "muted"))
        else:
            blocks.append(Text(tr("problems.player",
                                  "The files that hold the story have problems, so a game cannot "
                                  "start. Nothing is wrong with your saved games."), "body"))
            blocks.append(Text(tr("problems.who", "If you set up this game, run this command to "
                                  "see the problems, each with its file and line:"), "body"))
            blocks.append(Text(f"{console_command()} check {app.scenes_path}", "strong",
                               "accent"))
            if errors:
                blocks.append(Text(tr("problems.first", "The first problem: {problem}",
                                      problem=str(errors[0])), "small", "muted"))
        return blocks

    def footer(self) -> list[Block]:
        buttons: list[Block] = [Button(tr("page.back_simple", "Back"), self.app.close,
                                       key="Esc", style="primary")]
        if self.app.dev:
            buttons.append(Button(tr("problems.reload", "Reload"), self.app.reload_content,
                                  key="F5"))
        return buttons
