"""``python -m game``: the same program as the ``deconfliction-line`` console script.

The console script is the way to start the game: ``python -m game`` looks in the current folder
first, so a student's own ``game.py`` there runs instead of this. When this file does run, the
current folder is taken off the import path, so that a student's ``pygame.py`` or ``yaml.py``
beside them cannot stand in for the real library either.
"""

import os
import sys


def _without_current_folder(path: list[str]) -> list[str]:
    """``path`` less the current folder, unless the game itself was found there (a checkout)."""
    here = os.path.realpath(os.getcwd())
    package_parent = os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if package_parent == here:
        return path
    return [entry for entry in path if os.path.realpath(entry or os.curdir) != here]


sys.path[:] = _without_current_folder(sys.path)

from game.cli import MODULE_PROG, main  # noqa: E402 - after the path is made safe

raise SystemExit(main(prog=MODULE_PROG))
